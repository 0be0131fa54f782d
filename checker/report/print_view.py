"""The PDF report's document: the run as a client reads it on paper, made into a PDF by the run
stage's printer (checker.run.printing).

A cover (the agency's brand, the sites, the date, the overall scores), the executive summary
(the top fixes), then each page of the site on sheets of its own (its scores, its screenshots
with the findings numbered on them, every failing audit with its fix and findings), and the
methodology last. Nothing is collapsed and nothing needs a script or the network: pictures are
data: URLs. A run of more than PDF_FULL_PAGES pages gives each page its scores and the first
findings of each failing audit instead of its screenshots, unless every screenshot is asked for,
and says how to fix each audit once, after the pages, rather than on every page it fails on.

Everything that came from a page is escaped by the template environment, and the header and
footer (Chromium's templates, filled outside that environment) are escaped here.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from checker.model.brand import Brand
from checker.model.history import RunHistory
from checker.model.results import (
    CATEGORIES,
    PASS_SCORE,
    AuditResult,
    Finding,
    PageResult,
    RunResult,
)
from checker.report.display import LABELS, Badge, badges, readable_time, score_keys
from checker.report.history_view import history_views, since_last_report
from checker.report.html import VIEWS_AHEAD, FindingView, PageView, page_view
from checker.report.links import Segment, text_segments, url_segments
from checker.report.methodology import methodology_view
from checker.report.templates import environment
from checker.report.top_fixes_view import top_fix_views
from checker.report.write import PDF_FULL_PAGES, PrintDocument
from checker.store.pictures import load_images

# A large run's PDF: the first findings of each failing audit of a page; the others are in
# the HTML report, and the sheet says how many.
BRIEF_FINDINGS = 3
# The text every sheet's footer carries when no brand gives its own.
DEFAULT_FOOTER = "readiness"


@dataclass(frozen=True)
class DeviceScores:
    name: str
    viewport: str
    badges: list[Badge]


@dataclass(frozen=True)
class BriefAudit:
    """A failing audit of a page in a large run's PDF: on which devices it fails, and its first
    findings on the device where it scores lowest (its fix is in the run's BriefFix list)."""

    id: str
    title: str
    category: str  # its label
    band: str
    score_text: str
    devices: str  # "iphone-se, pixel-7"
    display: str
    findings: list[FindingView]
    more_findings: int


@dataclass(frozen=True)
class BriefFix:
    """How to fix an audit, said once in a large run's PDF for every page it fails on."""

    id: str
    title: str
    category: str
    pages: int  # how many pages it fails on
    fix: list[Segment]


@dataclass(frozen=True)
class BriefPage:
    """A page of a large run: its scores per device and its failing audits, no screenshots."""

    anchor: str
    url: list[Segment]
    final_url: list[Segment] | None
    status: str
    error_kind: str | None
    error_message: str | None
    badges: list[Badge]
    devices: list[DeviceScores]
    audits: list[BriefAudit] = field(default_factory=list)


def print_document(
    run: RunResult,
    files_dir: Path | None = None,
    brand: Brand | None = None,
    *,
    all_screenshots: bool = False,
    history: RunHistory | None = None,
) -> PrintDocument:
    """The report to print: its HTML (pictures read from `files_dir`, the run's output folder,
    and inlined), and the header and footer of every sheet. With the run's `history`, the top
    fixes open with what changed since the last report."""
    summary = run.summary or {}
    keys = score_keys(run.categories_run)
    full = all_screenshots or len(run.pages) <= PDF_FULL_PAGES
    title = f"Mobile readiness report by {brand.name}" if brand else "Mobile readiness report"
    started = readable_time(run.started_at)
    if full:
        runs_asked = run.config.get("runs")
        with ThreadPoolExecutor(max_workers=VIEWS_AHEAD) as pool:  # Pillow draws on every core
            pages: Sequence[PageView | BriefPage] = list(
                pool.map(
                    lambda item: page_view(
                        item[0], load_images(item[1], files_dir), runs_asked, keys
                    ),
                    enumerate(run.pages, start=1),
                )
            )
    else:
        pages = [brief_page(n, page, keys) for n, page in enumerate(run.pages, start=1)]
    env = environment()
    env.globals["page_href"] = lambda number: f"#page-{number}"  # the pages are in the document
    document = env.get_template("print.html.j2").render(
        title=title,
        brand=brand,
        sites=_sites(run),
        started_at=run.started_at,
        started_display=started,
        tool_name=run.tool.get("name", "readiness"),
        tool_version=run.tool.get("version", "unknown"),
        page_count=summary.get("pages", len(run.pages)),
        error_count=summary.get("errors", sum(p.status == "error" for p in run.pages)),
        badges=badges(summary.get("scores") or {}, {}, keys),
        fixes=top_fix_views(run, summary.get("top_fixes") or []),
        since_last=[
            line
            for view in history_views(history, run).values()
            if (line := since_last_report(view))
        ],
        full=full,
        full_pages=PDF_FULL_PAGES,
        brief_findings=BRIEF_FINDINGS,
        pages=pages,
        brief_fixes=[] if full else brief_fixes(run),
        methodology=methodology_view(run),
    )
    return PrintDocument(document, header_template(title, started), footer_template(brand))


def header_template(title: str, date: str) -> str:
    """Every sheet's header: the report's title and date, small and grey."""
    return (
        f'<div style="{_MARGIN_STYLE}"><span>{html.escape(title)}</span>'
        f'<span style="float:right">{html.escape(date)}</span></div>'
    )


def footer_template(brand: Brand | None) -> str:
    """Every sheet's footer: the brand's footer text (else its name; readiness's without a
    brand) and "Page N of M", which Chromium fills in."""
    text = (brand.footer or brand.name) if brand else DEFAULT_FOOTER
    return (
        f'<div style="{_MARGIN_STYLE}"><span>{html.escape(text)}</span>'
        '<span style="float:right">Page <span class="pageNumber"></span> of '
        '<span class="totalPages"></span></span></div>'
    )


# Chromium prints the header and footer outside the document, at its own tiny default size and
# without the page's styles: each is styled inline.
_MARGIN_STYLE = (
    "width:100%;margin:0 14mm;font:8pt/1.2 'DejaVu Sans',Arial,sans-serif;color:#57606a;"
    "-webkit-print-color-adjust:exact"
)


def brief_page(number: int, page: PageResult, keys: Sequence[str]) -> BriefPage:
    final = page.final_url if page.final_url and page.final_url != page.url else None
    return BriefPage(
        anchor=f"page-{number}",
        url=url_segments(page.url),
        final_url=url_segments(final) if final else None,
        status=page.status,
        error_kind=page.error.kind if page.error else None,
        error_message=page.error.message if page.error else None,
        badges=badges(page.scores, page.incomplete, keys),
        devices=[
            DeviceScores(
                d.device,
                f"{d.viewport.get('width', 0)}x{d.viewport.get('height', 0)}",
                badges(d.scores, d.incomplete, keys),
            )
            for d in page.devices
        ],
        audits=_brief_audits(page),
    )


def _brief_audits(page: PageResult) -> list[BriefAudit]:
    """Each audit failing on some device of the page, once: by category, the lowest first."""
    failing: dict[str, list[tuple[str, AuditResult]]] = {}
    for device in page.devices:
        if device.error is not None:
            continue
        for audit in device.audits.values():
            if audit.failed:
                failing.setdefault(audit.id, []).append((device.device, audit))
    briefs = []
    for found in failing.values():
        _, worst = min(found, key=lambda item: item[1].score or 0.0)
        score = worst.score or 0.0
        briefs.append(
            (
                CATEGORIES.index(worst.category) if worst.category in CATEGORIES else 99,
                score,
                -worst.weight,
                BriefAudit(
                    id=worst.id,
                    title=worst.title,
                    category=LABELS.get(worst.category, worst.category),
                    band="average" if score >= 0.5 else "fail",
                    # A failing 0.895 must not read as a passing 90.
                    score_text=str(min(round(score * 100), PASS_SCORE - 1)),
                    devices=", ".join(name for name, _ in found),
                    display=worst.display,
                    findings=[_brief_finding(f) for f in worst.findings[:BRIEF_FINDINGS]],
                    more_findings=max(0, len(worst.findings) - BRIEF_FINDINGS),
                ),
            )
        )
    briefs.sort(key=lambda item: item[:3])
    return [brief for *_, brief in briefs]


def brief_fixes(run: RunResult) -> list[BriefFix]:
    """Each audit that fails somewhere in the run, once, with its fix: the most pages first."""
    found: dict[str, tuple[AuditResult, set[str]]] = {}
    for page in run.pages:
        for device in page.devices:
            for audit in device.audits.values():
                if audit.failed:
                    found.setdefault(audit.id, (audit, set()))[1].add(page.url)
    ordered = sorted(found.values(), key=lambda item: (-len(item[1]), item[0].title))
    return [
        BriefFix(
            id=audit.id,
            title=audit.title,
            category=LABELS.get(audit.category, audit.category),
            pages=len(urls),
            fix=text_segments(f"{audit.fix} {audit.help_url}".strip()),
        )
        for audit, urls in ordered
    ]


def _brief_finding(finding: Finding) -> FindingView:
    return FindingView(
        label=None,
        message=finding.message,
        selector=finding.selector,
        snippet=None,
        box=None,
        details=[],
        related=[],
        impact=finding.impact,
    )


def _sites(run: RunResult) -> list[str]:
    """The hosts of the audited pages, in the order they first come."""
    hosts: dict[str, None] = {}
    for page in run.pages:
        host = urlsplit(page.url).netloc or page.url
        hosts.setdefault(host, None)
    return list(hosts)
