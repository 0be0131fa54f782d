"""The self-contained HTML report: a view of a RunResult, rendered with Jinja2.

This module turns the results into plain view data (bands, display strings, overlay boxes in
percentages, safe links); the templates only lay it out. Everything that came from a page is
treated as hostile: it is escaped by the template environment and only http(s) URLs become
links.
"""

from __future__ import annotations

import base64
import math
import struct
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from checker.report.links import Segment, text_segments, url_segments
from checker.report.templates import environment
from checker.results import (
    CATEGORIES,
    PASS_THRESHOLD,
    AuditResult,
    DeviceResult,
    ErrorInfo,
    Finding,
    PageResult,
    RunResult,
)
from checker.snapshot import Box

SCORE_KEYS = ("overall", *CATEGORIES)
LABELS = {"overall": "Overall", "layout": "Layout", "speed": "Speed", "social": "Social"}
METADATA_KEYS = ("title", "description", "canonical", "lang")

# Findings shown openly under an audit; the rest wait behind a "show more".
VISIBLE_FINDINGS = 10
# Boxes drawn on one screenshot, so a hostile page cannot bury the picture.
MAX_OVERLAYS = 60
# How deep related findings are nested.
MAX_RELATED_DEPTH = 2

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Badge:
    label: str
    text: str  # "87" or "n/a"
    percent: int  # how much of the gauge is filled
    band: str  # "pass" | "average" | "fail" | "na"


@dataclass(frozen=True)
class Overlay:
    number: int
    left: float  # all four in percent of the screenshot's size
    top: float
    width: float
    height: float
    related: bool

    @property
    def label_inside(self) -> bool:
        """Near the top edge there is no room for the number above the box."""
        return self.top < 3


@dataclass(frozen=True)
class FindingView:
    number: int | None
    message: str
    selector: str | None
    snippet: str | None
    box: str | None
    details: list[tuple[str, str]]
    related: list[FindingView]


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


@dataclass(frozen=True)
class CategoryView:
    label: str
    badge: Badge
    failing: list[AuditView] = field(default_factory=list)
    errored: list[AuditView] = field(default_factory=list)
    passed: list[AuditView] = field(default_factory=list)
    not_applicable: list[AuditView] = field(default_factory=list)


@dataclass(frozen=True)
class ScreenshotView:
    src: str  # a data: URL
    width: int  # the CSS size the boxes are measured in
    height: int
    overlays: list[Overlay]

    @property
    def numbered(self) -> int:
        return sum(not o.related for o in self.overlays)


@dataclass(frozen=True)
class DeviceView:
    anchor: str
    name: str
    viewport: str
    kind: str
    badges: list[Badge]
    error: ErrorInfo | None
    screenshot: ScreenshotView | None
    categories: list[CategoryView]


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


def render_html(run: RunResult) -> str:
    """The whole report as one self-contained HTML document."""
    template = environment().get_template("report.html.j2")
    summary = run.summary or {}
    errors = summary.get("errors", sum(p.status == "error" for p in run.pages))
    return template.render(
        title="readiness report",
        started_at=run.started_at,
        started_display=_readable_time(run.started_at),
        tool_name=run.tool.get("name", "readiness"),
        tool_version=run.tool.get("version", "unknown"),
        page_count=summary.get("pages", len(run.pages)),
        error_count=errors,
        badges=badges(summary.get("scores") or {}),
        pages=[page_view(i, page) for i, page in enumerate(run.pages, start=1)],
    )


def band(score: int | None) -> str:
    """Lighthouse's colour bands of a 0-100 score."""
    if score is None:
        return "na"
    if score >= 90:
        return "pass"
    return "average" if score >= 50 else "fail"


def badges(scores: dict[str, Any]) -> list[Badge]:
    """One badge per score key, in report order: overall, layout, speed, social."""
    return [badge(LABELS[key], scores.get(key)) for key in SCORE_KEYS]


def badge(label: str, score: Any) -> Badge:
    value = _as_score(score)
    text = "n/a" if value is None else str(value)
    return Badge(label=label, text=text, percent=value or 0, band=band(value))


def page_view(number: int, page: PageResult) -> PageView:
    anchor = f"page-{number}"
    final = page.final_url if page.final_url and page.final_url != page.url else None
    metadata_keys = [*METADATA_KEYS, *sorted(k for k in page.metadata if k not in METADATA_KEYS)]
    return PageView(
        anchor=anchor,
        url=url_segments(page.url),
        final_url=url_segments(final) if final else None,
        status=page.status,
        error=page.error,
        badges=badges(page.scores),
        metadata=[(key, _metadata_value(page.metadata.get(key))) for key in metadata_keys],
        devices=[
            device_view(f"{anchor}-device-{i}", device)
            for i, device in enumerate(page.devices, start=1)
        ],
    )


def device_view(anchor: str, device: DeviceResult) -> DeviceView:
    width = int(device.viewport.get("width", 0))
    viewport_height = int(device.viewport.get("height", 0))
    height = viewport_height
    size = png_size(device.screenshot) if device.screenshot else None
    if size and width > 0:
        # Taken at CSS scale: the image's proportions tell how much of the page it covers.
        height = round(size[1] * width / size[0])
    counter = _Counter(width, height) if device.screenshot else None
    categories = [_category_view(c, device, counter) for c in CATEGORIES]
    screenshot = None
    if device.screenshot:
        src = "data:image/png;base64," + base64.b64encode(device.screenshot).decode("ascii")
        overlays = counter.overlays if counter else []
        screenshot = ScreenshotView(src=src, width=width, height=height, overlays=overlays)
    return DeviceView(
        anchor=anchor,
        name=device.device,
        viewport=f"{width}x{viewport_height}",
        kind="mobile" if device.is_mobile else "desktop",
        badges=badges(device.scores),
        error=device.error,
        screenshot=screenshot,
        categories=categories if device.error is None else [],
    )


def png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG's header, or None if it is not a PNG."""
    if len(data) < 24 or not data.startswith(_PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return (width, height) if width and height else None


def format_box(box: Box) -> str:
    return f"{box.x:.0f},{box.y:.0f} {box.width:.0f}x{box.height:.0f}"


class _Counter:
    """Numbers the failing findings of one device that show on its screenshot, and keeps
    their boxes as overlays (CSS px, page coordinates, onto a width x height screenshot)."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self.overlays: list[Overlay] = []

    def take(self, box: Box | None, parent: int | None = None) -> int | None:
        """Draw the box if it shows; its number, or None. Related boxes take their parent's."""
        if box is None or len(self.overlays) >= MAX_OVERLAYS:
            return None
        number = parent or 1 + sum(not o.related for o in self.overlays)
        overlay = _overlay(number, box, self.width, self.height, related=parent is not None)
        if overlay is None:
            return None
        self.overlays.append(overlay)
        return number


def _category_view(category: str, device: DeviceResult, counter: _Counter | None) -> CategoryView:
    label = LABELS[category]
    view = CategoryView(label=label, badge=badge(label, device.scores.get(category)))
    audits = [a for a in device.audits.values() if a.category == category]
    failing = sorted(
        (a for a in audits if a.error is None and a.score is not None and not a.passed),
        key=lambda a: (a.score, -a.weight),
    )
    for audit in failing:
        view.failing.append(_audit_view(audit, counter))
    for audit in audits:
        if audit.error is not None:
            view.errored.append(_audit_view(audit, None))
        elif audit.score is None:
            view.not_applicable.append(_audit_view(audit, None))
        elif audit.passed:
            view.passed.append(_audit_view(audit, None))
    return view


def _audit_view(audit: AuditResult, counter: _Counter | None) -> AuditView:
    findings = [_finding_view(f, counter, None, 0) for f in audit.findings]
    if audit.error is not None:
        audit_band, score_text = "fail", "error"
    elif audit.score is None:
        audit_band, score_text = "na", "n/a"
    else:
        percent = round(audit.score * 100)
        if audit.score >= PASS_THRESHOLD:
            audit_band = "pass"
        else:  # a failing 0.895 must not read as a passing 90
            audit_band, percent = ("average" if audit.score >= 0.5 else "fail"), min(percent, 89)
        score_text = str(percent)
    return AuditView(
        id=audit.id,
        title=audit.title,
        display=audit.display,
        band=audit_band,
        score_text=score_text,
        fix=text_segments(audit.fix),
        error=audit.error,
        findings=findings[:VISIBLE_FINDINGS],
        more_findings=findings[VISIBLE_FINDINGS:],
    )


def _finding_view(
    finding: Finding, counter: _Counter | None, parent: int | None, depth: int
) -> FindingView:
    number = None
    if counter is not None:
        drawn = counter.take(finding.box, parent)
        number = drawn if parent is None else None
    related = []
    if depth < MAX_RELATED_DEPTH:
        owner = number if parent is None else parent
        related = [
            _finding_view(r, counter if owner is not None else None, owner, depth + 1)
            for r in finding.related
        ]
    return FindingView(
        number=number,
        message=finding.message,
        selector=finding.selector,
        snippet=finding.snippet,
        box=format_box(finding.box) if finding.box is not None else None,
        details=_details(finding.details),
        related=related,
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


def _overlay(number: int, box: Box, width: int, height: int, related: bool) -> Overlay | None:
    if width <= 0 or height <= 0 or box.width <= 0 or box.height <= 0:
        return None
    left, top = max(box.x, 0.0), max(box.y, 0.0)
    right, bottom = min(box.right, float(width)), min(box.bottom, float(height))
    if right <= left or bottom <= top:
        return None
    return Overlay(
        number=number,
        left=round(left / width * 100, 3),
        top=round(top / height * 100, 3),
        width=round((right - left) / width * 100, 3),
        height=round((bottom - top) / height * 100, 3),
        related=related,
    )


def _metadata_value(value: Any) -> list[Segment] | None:
    return None if value is None or value == "" else url_segments(str(value))


def _as_score(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return max(0, min(100, round(value)))


def _readable_time(iso: str) -> str:
    """An ISO timestamp as people write it (1 May 2024, 10:00 UTC), or the text as it is."""
    try:
        moment = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    text = f"{moment.day} {moment:%B %Y, %H:%M}"
    offset = moment.utcoffset()
    if offset is None:
        return text
    return f"{text} UTC" if not offset else f"{text} UTC{moment:%z}"
