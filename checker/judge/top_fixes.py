"""The executive summary's fixes: the few changes that would do the most, for the person who
decides what gets done.

A fix is an audit that fails, ranked by the pages it fails on times its weight (a template
fix that clears forty pages comes before a one-page problem of the same weight; weight-0
audits inform and are never a fix to rank). Each names the pages and devices it fails on, in
the audit's own words for a failure, with how to fix it, and what fixing it would save where
the run measured it: the median over the failing (page, device) pairs of the time a savings
audit measured; for a share image, the platforms whose link preview would gain the picture
(those that show none today on a failing page, as the audit judged each platform's rules).
Built in one pass over the pages, which a large run reads from disk as it
goes."""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

from checker.model.details import SavingsDetails
from checker.model.results import AuditResult, PageResult

MAX_FIXES = 5
MAX_PAGES_NAMED = 10  # a fix on forty pages names the first ten, and counts them all


@dataclass(frozen=True)
class TopFix:
    audit: str
    title: str  # what is wrong, in the audit's words for a failure
    category: str
    weight: float
    fix: str
    help_url: str
    pages: int  # pages it fails on, on at least one device
    page_urls: list[str]  # the first MAX_PAGES_NAMED of them, in run order
    devices: list[str]  # every device it fails on, in the order the run met them
    # What fixing it would save a load, where measured: the median over the failing (page,
    # device) pairs, in milliseconds; None when the audit measures no time saved.
    saves_ms: float | None = None
    # Platforms whose link previews show no image today on at least one failing page, and
    # those that show it worse (small or cropped): where an audit judges each platform.
    platforms_without_image: list[str] = field(default_factory=list)
    platforms_showing_worse: list[str] = field(default_factory=list)


@dataclass
class _Tally:
    first: AuditResult
    pages: list[str] = field(default_factory=list)
    devices: list[str] = field(default_factory=list)
    savings: list[float] = field(default_factory=list)
    without_image: list[str] = field(default_factory=list)
    showing_worse: list[str] = field(default_factory=list)


class FixTally:
    """The fixes of a run, counted page by page."""

    def __init__(self) -> None:
        self._tallies: dict[str, _Tally] = {}

    def add(self, page: PageResult) -> None:
        if page.status != "ok":
            return
        for device in page.devices:
            if device.error is not None:
                continue
            for audit in device.audits.values():
                if audit.weight <= 0 or not audit.failed:
                    continue
                tally = self._tallies.setdefault(audit.id, _Tally(audit))
                if page.url not in tally.pages:
                    tally.pages.append(page.url)
                if device.device not in tally.devices:
                    tally.devices.append(device.device)
                if isinstance(audit.details, SavingsDetails) and audit.details.savings_ms > 0:
                    tally.savings.append(audit.details.savings_ms)
                _count_platforms(tally, audit.details)

    def top(self, limit: int = MAX_FIXES) -> list[TopFix]:
        ranked = sorted(
            self._tallies.values(),
            key=lambda t: (-len(t.pages) * t.first.weight, -len(t.pages), t.first.id),
        )
        return [_fix(tally) for tally in ranked[:limit]]


def top_fixes(pages: list[PageResult], limit: int = MAX_FIXES) -> list[TopFix]:
    tally = FixTally()
    for page in pages:
        tally.add(page)
    return tally.top(limit)


def _count_platforms(tally: _Tally, details: object) -> None:
    """The platforms an audit judged one by one (share-image's `platforms`: label -> score,
    0 when that platform shows no image)."""
    scores = details.get("platforms") if isinstance(details, dict) else None
    if not isinstance(scores, dict):
        return
    for label, score in scores.items():
        if not isinstance(score, int | float) or isinstance(score, bool) or score >= 1:
            continue
        into = tally.without_image if score <= 0 else tally.showing_worse
        if label not in into:
            into.append(str(label))


def _fix(tally: _Tally) -> TopFix:
    audit = tally.first
    return TopFix(
        audit=audit.id,
        title=audit.title,
        category=audit.category,
        weight=audit.weight,
        fix=audit.fix,
        help_url=audit.help_url,
        pages=len(tally.pages),
        page_urls=tally.pages[:MAX_PAGES_NAMED],
        devices=list(tally.devices),
        saves_ms=round(median(tally.savings)) if tally.savings else None,
        platforms_without_image=list(tally.without_image),
        # A platform with no image on one page is counted there, not again as "worse".
        platforms_showing_worse=[p for p in tally.showing_worse if p not in tally.without_image],
    )
