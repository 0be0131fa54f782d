"""The report's "Top fixes": the executive summary (summary.top_fixes, judge/top_fixes.py) as
the HTML report shows it, in words a marketing manager reads: what is wrong, where, what to
do, and what it would save where the run measured it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from checker.judge.sitewide import PageRef
from checker.model.results import RunResult
from checker.report.display import LABELS


@dataclass(frozen=True)
class TopFixView:
    rank: int
    audit: str
    title: str
    category: str  # its label: "Layout", "Accessibility"...
    fix: str
    help_url: str
    where: str  # "on 12 of 40 pages, on iphone-se and pixel-7"
    pages: list[PageRef]  # the first pages it fails on, linked to their sections
    more_pages: int
    effect: str | None  # "would save about 1.2 s a page load, as measured here"


def top_fix_views(run: RunResult, fixes: Sequence[dict[str, Any]]) -> list[TopFixView]:
    if not fixes:
        return []
    numbers = {page.url: number for number, page in enumerate(run.pages, start=1)}
    audited = sum(1 for page in run.pages if page.status == "ok")
    views = []
    for rank, fix in enumerate(fixes, start=1):
        urls = [str(u) for u in fix.get("page_urls") or []]
        pages = int(fix.get("pages") or len(urls))
        views.append(
            TopFixView(
                rank=rank,
                audit=str(fix.get("audit", "")),
                title=str(fix.get("title", "")),
                category=LABELS.get(str(fix.get("category")), str(fix.get("category", ""))),
                fix=str(fix.get("fix") or ""),
                help_url=_web_link(fix.get("help_url")),
                where=_where(pages, audited, [str(d) for d in fix.get("devices") or []]),
                # A run of one page needs no list of its pages.
                pages=[PageRef(numbers[u], u) for u in urls if u in numbers] if audited > 1 else [],
                more_pages=max(0, pages - len(urls)),
                effect=_effect(fix.get("saves_ms"))
                or _platforms_effect(
                    _names(fix.get("platforms_without_image")),
                    _names(fix.get("platforms_showing_worse")),
                ),
            )
        )
    return views


def _web_link(url: object) -> str:
    """Only an http(s) address becomes a link."""
    text = str(url or "")
    return text if text.startswith(("https://", "http://")) else ""


def _where(pages: int, audited: int, devices: list[str]) -> str:
    on_pages = f"on {pages} of {audited} pages" if audited > 1 else "on this page"
    if not devices:
        return on_pages
    return f"{on_pages}, on {_listed(devices)}"


def _effect(saves_ms: object) -> str | None:
    if not isinstance(saves_ms, int | float) or isinstance(saves_ms, bool) or saves_ms <= 0:
        return None
    amount = f"{saves_ms / 1000:.1f} s" if saves_ms >= 1000 else f"{round(saves_ms)} ms"
    return f"Fixing it would save about {amount} a page load, as measured here."


def _names(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _platforms_effect(without: list[str], worse: list[str]) -> str | None:
    """What a share-image fix would change on the platforms, as the audit judged them."""
    parts = []
    if without:
        parts.append(
            f"{_listed(without)} would show the picture in link previews, where "
            f"{'it shows' if len(without) == 1 else 'they show'} none today"
        )
    if worse:
        parts.append(f"{_listed(worse)} would show it whole, not small or cropped")
    if not parts:
        return None
    return "Fixing it: " + "; ".join(parts) + "."


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
