"""The self-contained HTML report: a view of a RunResult, rendered with Jinja2.

This module turns the results into plain view data (bands, display strings, screenshots with
the findings' boxes drawn in, safe links); the templates only lay it out. Everything that came
from a page is treated as hostile: it is escaped by the template environment and only http(s)
URLs become links.
"""

from __future__ import annotations

import base64
import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from checker.model.brand import Brand
from checker.model.elements import Box
from checker.model.history import RunHistory
from checker.model.results import (
    CATEGORIES,
    PASS_SCORE,
    PASS_THRESHOLD,
    AuditResult,
    DeviceResult,
    ErrorInfo,
    Finding,
    PageResult,
    RunResult,
)
from checker.report.display import (
    LABELS,
    SCORE_KEYS,
    Badge,
    badge,
    badges,
    readable_time,
    score_keys,
)
from checker.report.history_view import history_views, since_last_report
from checker.report.links import Segment, text_segments, url_segments
from checker.report.methodology import methodology_view
from checker.report.previews import CardView, preview_cards
from checker.report.screenshot_marks import Labeller, Mark, annotate, css_size, decode
from checker.report.site_view import site_views
from checker.report.speed_view import SpeedView, not_measured_here, speed_view
from checker.report.templates import environment
from checker.report.top_fixes_view import top_fix_views
from checker.store.pictures import load_images

if TYPE_CHECKING:
    from PIL import Image

METADATA_KEYS = ("title", "description", "canonical", "lang")

# Findings shown openly under an audit; the rest wait behind a "show more".
VISIBLE_FINDINGS = 10
# How deep related findings are nested.
MAX_RELATED_DEPTH = 2
# Widths the screenshots are scaled down to (pixels of the JPEG): phones (375-412 CSS px)
# keep their size; a tablet is shrunk to a phone's; a landscape screen (a desktop) keeps more,
# as it is shown wider.
PICTURE_WIDTH = 420
LANDSCAPE_PICTURE_WIDTH = 720
# Page views made ahead of the template, each in a thread of its own.
VIEWS_AHEAD = max(2, min(4, os.cpu_count() or 1))
_UNSAFE_NAME = re.compile(r"[^a-z0-9]+")
T = TypeVar("T")


@dataclass(frozen=True)
class FindingView:
    label: str | None  # as on the screenshots: "3", or "3a" for an element involved in 3
    message: str
    selector: str | None
    snippet: str | None
    box: str | None
    details: list[tuple[str, str]]
    related: list[FindingView]
    unmarked: bool = False  # has a box, but it is not drawn on any screenshot
    impact: str | None = None  # shown on a finding, not on the elements related to it

    @property
    def label_is_related(self) -> bool:
        return self.label is not None and not self.label.isdigit()


@dataclass(frozen=True)
class AuditView:
    id: str
    title: str
    display: str
    band: str
    score_text: str
    fix: list[Segment]
    error: str | None
    findings: list[FindingView]
    more_findings: list[FindingView]
    standards: str = ""  # the WCAG criteria and W3C ACT rules it checks, when it names any
    # Elements the check could not decide (axe's "needs review"), to look at by eye.
    to_review: list[ReviewItem] = field(default_factory=list)
    table: TableView | None = None  # rows the audit's details ask to be shown as a table


@dataclass(frozen=True)
class TableView:
    caption: str
    columns: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class ReviewItem:
    selector: str
    why: str


@dataclass(frozen=True)
class CategoryView:
    label: str
    badge: Badge
    key: str = ""  # one of CATEGORIES
    failing: list[AuditView] = field(default_factory=list)
    errored: list[AuditView] = field(default_factory=list)
    passed: list[AuditView] = field(default_factory=list)
    not_applicable: list[AuditView] = field(default_factory=list)


# Where a drawn screenshot goes: given its JPEG and a file name for it, the `src` the report
# shows it by. One self-contained file inlines it; a page's own file writes it beside itself.
PicturePlacer = Callable[[bytes, str], str]


def inline_picture(jpeg: bytes, name: str) -> str:
    """The picture as a data: URL, for a report that must stand alone in one file."""
    return "data:image/jpeg;base64," + base64.b64encode(jpeg).decode("ascii")


@dataclass(frozen=True)
class Picture:
    src: str  # a data: URL of the JPEG, or its file's name beside the report
    width: int  # of the JPEG
    height: int
    css_width: int  # of the page area it shows, CSS px
    css_height: int
    marked: int  # findings drawn on it, not counting the elements involved in them
    zoom: int  # percent: under 100 when the phone zoomed out to fit a page wider than it


@dataclass(frozen=True)
class ShotsView:
    """One device's screenshots, shown side by side with the page's other devices'."""

    anchor: str
    device_anchor: str
    name: str
    viewport: str
    kind: str
    first_screen: Picture | None
    full_page: Picture | None
    numbered: int  # findings with a number
    unmarked: int  # findings with a box drawn on neither picture

    @property
    def landscape(self) -> bool:
        shown = self.first_screen or self.full_page
        return shown is not None and shown.width > PICTURE_WIDTH


@dataclass(frozen=True)
class DeviceView:
    anchor: str
    name: str
    viewport: str
    kind: str
    badges: list[Badge]
    error: ErrorInfo | None
    shots: ShotsView | None
    categories: list[CategoryView]
    speed: SpeedView | None = None  # the Speed section, or where speed was measured instead


@dataclass(frozen=True)
class PageView:
    anchor: str
    url: list[Segment]
    final_url: list[Segment] | None
    status: str
    error: ErrorInfo | None
    badges: list[Badge]
    metadata: list[tuple[str, list[Segment] | None]]
    devices: list[DeviceView]
    previews: list[CardView] = field(default_factory=list)  # how it looks when shared

    @property
    def shots(self) -> list[ShotsView]:
        return [d.shots for d in self.devices if d.shots is not None]

    @property
    def speed(self) -> list[SpeedView]:
        return [d.speed for d in self.devices if d.speed is not None and d.speed.measured]


def render_html(
    run: RunResult,
    files_dir: Path | None = None,
    history: RunHistory | None = None,
    brand: Brand | None = None,
) -> str:
    """The whole report as one self-contained HTML document."""
    return "".join(html_chunks(run, files_dir, history, brand))


def html_chunks(
    run: RunResult,
    files_dir: Path | None = None,
    history: RunHistory | None = None,
    brand: Brand | None = None,
) -> Iterator[str]:
    """The report as one self-contained document, in pieces as it renders: each page's view
    (its pictures read from `files_dir`, the run's output folder, drawn on and inlined) is
    made when the template reaches it and dropped after, so a run of hundreds of pages is
    written in the memory of one. With the run's `history`, each site shows its trend and
    what changed since its last run; with an agency's `brand`, the report carries its name,
    logo, accent and footer."""
    keys = score_keys(run.categories_run)
    runs_asked = run.config.get("runs")
    pages = made_ahead(
        lambda number, page: page_view(number, load_images(page, files_dir), runs_asked, keys),
        run.pages,
    )
    env = environment()
    env.globals["page_href"] = lambda number: f"#page-{number}"
    return env.get_template("report.html.j2").generate(
        **front_page(run, history, brand),
        toc=[
            TocEntry(f"page-{i}", _overall(page), url_segments(page.url))
            for i, page in enumerate(run.pages, start=1)
        ],
        pages=pages,
        page_rows=[],
    )


def front_page(
    run: RunResult, history: RunHistory | None = None, brand: Brand | None = None
) -> dict[str, Any]:
    """What the report's front page shows of the whole run, in one file or in many: its
    scores, top fixes, site overview and history, and how the pages were seen."""
    summary = run.summary or {}
    errors = summary.get("errors", sum(p.status == "error" for p in run.pages))
    keys = score_keys(run.categories_run)  # a category not run has no badge, not "n/a"
    histories = history_views(history, run)
    return {
        "title": report_title(brand),
        "brand": brand,
        "started_at": run.started_at,
        "started_display": readable_time(run.started_at),
        "tool_name": run.tool.get("name", "readiness"),
        "tool_version": run.tool.get("version", "unknown"),
        "page_count": summary.get("pages", len(run.pages)),
        "error_count": errors,
        "badges": badges(summary.get("scores") or {}, _summary_notes(summary), keys),
        "incomplete": _incomplete_lines(summary.get("incomplete") or {}),
        "fixes": top_fix_views(run, summary.get("top_fixes") or []),
        "sites": site_views(run),
        "histories": histories,
        "since_last": [line for h in histories.values() if (line := since_last_report(h))],
        "methodology": methodology_view(run),
    }


def report_title(brand: Brand | None) -> str:
    return f"Mobile readiness report by {brand.name}" if brand else "readiness report"


def _overall(page: PageResult) -> Badge:
    return badge(LABELS["overall"], page.scores.get("overall"), page.incomplete.get("overall", ""))


def made_ahead(make: Callable[[int, PageResult], T], pages: Iterable[PageResult]) -> Iterator[T]:
    """What `make` makes of each page (numbered from 1), in worker threads a few pages ahead
    of the one using it: Pillow lets go of the GIL while it decodes, scales and encodes the
    pictures, so every core draws; at most VIEWS_AHEAD results wait in memory."""
    with ThreadPoolExecutor(max_workers=VIEWS_AHEAD) as pool:
        waiting: deque[Future[T]] = deque()
        for number, page in enumerate(pages, start=1):
            waiting.append(pool.submit(make, number, page))
            if len(waiting) > VIEWS_AHEAD:
                yield waiting.popleft().result()
        while waiting:
            yield waiting.popleft().result()


@dataclass(frozen=True)
class TocEntry:
    """A page in the report's list of pages."""

    anchor: str
    overall: Badge
    url: list[Segment]


def page_view(
    number: int,
    page: PageResult,
    runs_asked: Any = None,
    keys: Sequence[str] = SCORE_KEYS,
    place: PicturePlacer = inline_picture,
) -> PageView:
    anchor = f"page-{number}"
    devices = [(f"{anchor}-device-{i}", d) for i, d in enumerate(page.devices, start=1)]
    final = page.final_url if page.final_url and page.final_url != page.url else None
    return PageView(
        anchor=anchor,
        url=url_segments(page.url),
        final_url=url_segments(final) if final else None,
        status=page.status,
        error=page.error,
        badges=badges(page.scores, page.incomplete, keys),
        # The page's identity; the rest of the metadata is shown as the preview cards.
        metadata=[(key, _metadata_value(page.metadata.get(key))) for key in METADATA_KEYS],
        devices=[
            device_view(
                a, device, speed_view(f"{a}-speed", device, devices, runs_asked), keys, place
            )
            for a, device in devices
        ],
        previews=preview_cards(page),
    )


def device_view(
    anchor: str,
    device: DeviceResult,
    speed: SpeedView | None = None,
    keys: Sequence[str] = SCORE_KEYS,
    place: PicturePlacer = inline_picture,
) -> DeviceView:
    width = int(device.viewport.get("width", 0))
    height = int(device.viewport.get("height", 0))
    viewport = f"{width}x{height}"
    kind = "mobile" if device.is_mobile else "desktop"
    first_image = decode(device.screenshot) if device.screenshot else None
    full_image = decode(device.full_screenshot) if device.full_screenshot else None
    first = None
    if first_image is not None:
        first = css_size(first_image.size, _first_screen_css_width(device))
    full = css_size(full_image.size) if full_image is not None else None
    labeller = Labeller([size for size in (first, full) if size is not None])
    max_width = LANDSCAPE_PICTURE_WIDTH if width > height else PICTURE_WIDTH
    categories = [_category_view(c, device, labeller) for c in CATEGORIES if c in keys]
    shots = None
    stem = _UNSAFE_NAME.sub("-", device.device.lower()).strip("-") or "device"
    first_name, full_name = f"{stem}-marked.jpg", f"{stem}-full-marked.jpg"

    def shown(name: str) -> Callable[[bytes], str]:
        return lambda jpeg: place(jpeg, name)

    if first or full:
        shots = ShotsView(
            anchor=f"{anchor}-shots",
            device_anchor=anchor,
            name=device.device,
            viewport=viewport,
            kind=kind,
            first_screen=_picture(first_image, first, labeller.marks, max_width, shown(first_name)),
            full_page=_picture(full_image, full, labeller.marks, max_width, shown(full_name)),
            numbered=labeller.numbered,
            unmarked=labeller.unmarked,
        )
    return DeviceView(
        anchor=anchor,
        name=device.device,
        viewport=viewport,
        kind=kind,
        badges=badges(device.scores, device.incomplete, keys),
        error=device.error,
        shots=shots,
        categories=categories if device.error is None else [],
        speed=speed if device.error is None else None,
    )


def format_box(box: Box) -> str:
    return f"{box.x:.0f},{box.y:.0f} {box.width:.0f}x{box.height:.0f}"


def _first_screen_css_width(device: DeviceResult) -> float | None:
    """How many CSS px the first screenshot spans: more than the screen's width when the phone
    zoomed out to fit a wide page (window.innerWidth then); None when not known, and the
    screenshot is taken as one pixel per CSS px."""
    width = device.first_screen_css_width
    return float(width) if width else None


def _picture(
    image: Image.Image | None,
    area: tuple[float, float] | None,
    marks: list[Mark],
    max_width: int,
    place: Callable[[bytes], str],
) -> Picture | None:
    """The screenshot with the marks drawn, its JPEG handed to `place` for the src it is shown
    by; it shows `area` (CSS px) of the page."""
    if image is None or area is None:
        return None
    drawn = annotate(image, marks, max_width, css_width=area[0])
    if drawn is None:
        return None
    return Picture(
        src=place(drawn.jpeg),
        width=drawn.width,
        height=drawn.height,
        css_width=round(area[0]),
        css_height=round(area[1]),
        marked=sum(label.isdigit() for label in drawn.drawn),
        zoom=min(100, round(100 * image.width / area[0])),
    )


def _category_view(category: str, device: DeviceResult, labeller: Labeller) -> CategoryView:
    label = LABELS[category]
    view = CategoryView(
        label=label,
        badge=badge(label, device.scores.get(category), device.incomplete.get(category, "")),
        key=category,
    )
    # Metric audits of a device without a speed pass: its Speed section says where instead.
    audits = [
        a
        for a in device.audits.values()
        if a.category == category and not not_measured_here(a, device)
    ]
    failing = sorted(
        (a for a in audits if a.failed),
        key=lambda a: (a.score, -a.weight),
    )
    for audit in failing:
        view.failing.append(_audit_view(audit, labeller))
    for audit in audits:
        if audit.error is not None:
            view.errored.append(_audit_view(audit, None))
        elif audit.score is None:
            view.not_applicable.append(_audit_view(audit, None))
        elif audit.passed:
            view.passed.append(_audit_view(audit, None))
    return view


def _audit_view(audit: AuditResult, labeller: Labeller | None) -> AuditView:
    findings = [_finding_view(f, labeller, None, 0) for f in audit.findings]
    if audit.error is not None:
        audit_band, score_text = "fail", "error"
    elif audit.score is None:
        audit_band, score_text = "na", "n/a"
    else:
        percent = round(audit.score * 100)
        if audit.score >= PASS_THRESHOLD:
            audit_band = "pass"
        else:  # a failing 0.895 must not read as a passing 90
            audit_band = "average" if audit.score >= 0.5 else "fail"
            percent = min(percent, PASS_SCORE - 1)
        score_text = str(percent)
    return AuditView(
        id=audit.id,
        title=audit.title,
        display=audit.display,
        band=audit_band,
        score_text=score_text,
        # The link reads "Learn more on <host>" after the fix.
        fix=text_segments(f"{audit.fix} {audit.help_url}".strip()),
        error=audit.error.message if audit.error is not None else None,
        findings=findings[:VISIBLE_FINDINGS],
        more_findings=findings[VISIBLE_FINDINGS:],
        standards=standards_line(audit.wcag, audit.act_rules),
        to_review=_to_review(audit.details),
        table=_table(audit.details),
    )


def _to_review(details: Any) -> list[ReviewItem]:
    items = details.get("needs_review") if isinstance(details, dict) else None
    if not isinstance(items, list):
        return []
    return [
        ReviewItem(str(item.get("selector", "")), str(item.get("why", "")))
        for item in items
        if isinstance(item, dict)
    ]


def _table(details: Any) -> TableView | None:
    """The rows an audit's details name under "table" (a key of its details, a caption, and
    the columns: key -> heading), as text: yes and no for booleans, nothing for None."""
    spec = details.get("table") if isinstance(details, dict) else None
    if not isinstance(spec, dict) or not isinstance(spec.get("columns"), dict):
        return None
    rows = details.get(str(spec.get("key")))
    if not isinstance(rows, list):
        return None
    columns: dict[str, str] = spec["columns"]

    def cell(value: Any) -> str:
        if isinstance(value, bool):
            return "yes" if value else "no"
        return "" if value is None else str(value)

    return TableView(
        caption=str(spec.get("caption", "")),
        columns=[str(heading) for heading in columns.values()],
        rows=[[cell(row.get(key)) for key in columns] for row in rows if isinstance(row, dict)],
    )


def standards_line(wcag: list[str], act_rules: list[str]) -> str:
    """ "WCAG 1.4.3 · ACT rules afw4f7, 09o5cg": what an accessibility audit is judged against."""
    parts = []
    if wcag:
        parts.append(f"WCAG {', '.join(wcag)}")
    if act_rules:
        parts.append(f"ACT rule{'s' if len(act_rules) > 1 else ''} {', '.join(act_rules)}")
    return " · ".join(parts)


def _finding_view(
    finding: Finding, labeller: Labeller | None, parent: str | None, depth: int
) -> FindingView:
    label = labeller.take(finding.box, parent) if labeller is not None else None
    related = []
    if depth < MAX_RELATED_DEPTH:
        # Elements involved in a finding are drawn only beside it: alone they would puzzle.
        root = parent or label
        related = [
            _finding_view(r, labeller if root is not None else None, root, depth + 1)
            for r in finding.related
        ]
    return FindingView(
        label=label,
        message=finding.message,
        selector=finding.selector,
        snippet=finding.snippet,
        box=format_box(finding.box) if finding.box is not None else None,
        details=_details(finding.details),
        related=related,
        unmarked=label is None and finding.box is not None and bool(labeller and labeller.sizes),
        impact=finding.impact if depth == 0 else None,
    )


def _details(details: dict[str, Any]) -> list[tuple[str, str]]:
    shown = []
    for key, value in details.items():
        if isinstance(value, bool) or value is None:
            text = str(value).lower()
        elif isinstance(value, float):
            text = f"{value:.2f}".rstrip("0").rstrip(".")
        elif isinstance(value, int | str):
            text = str(value)
        else:
            continue
        shown.append((str(key), text[:200]))
    return shown[:8]


def _metadata_value(value: Any) -> list[Segment] | None:
    return None if value is None or value == "" else url_segments(str(value))


def _summary_notes(summary: dict[str, Any]) -> dict[str, str]:
    """A summary score that is missing because its category was incomplete on every page it
    could have come from reads "incomplete", not "n/a"."""
    counts = summary.get("incomplete") or {}
    return {key: f"Incomplete on {n} page{'' if n == 1 else 's'}." for key, n in counts.items()}


def _incomplete_lines(counts: dict[str, int]) -> list[str]:
    """What the summary's scores leave out: the pages on which a category could not be scored."""
    return [
        f"{LABELS[key]} could not be scored on {n} page{'' if n == 1 else 's'}: a check could "
        "not run there (each page says which), so the score above leaves them out."
        for key, n in counts.items()
        if key != "overall"
    ]
