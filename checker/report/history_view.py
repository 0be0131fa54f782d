"""The run history as the reports show it: per site, its scores over the last runs (a small
inline SVG per score, no script) and the findings new and fixed since the site's run before
this one; and the two lines per site summary.md gives of it.

Pure functions of a RunHistory (checker.model.history) and the RunResult it belongs to (for
the audits' titles and the pages' sections of the report). Everything page-derived (URLs,
selectors, messages, the site's name) stays plain text for the template environment to escape.
The SVG is the one piece of markup made here: it is built from numbers formatted here, the
fixed score labels and counts, and its text is escaped all the same before it is marked safe.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup, escape

from checker.model.history import (
    TREND_RUNS,
    FindingChange,
    RunDiff,
    RunHistory,
    RunRef,
    SiteHistory,
    TrendPoint,
)
from checker.model.results import IMPACTS, PASS_SCORE, RunResult
from checker.report.display import LABELS, Badge, badge, readable_time, score_keys
from checker.report.history_text import timing_note
from checker.store.history.fingerprints import message_template, stable_selector

# The runs a trend shows, this one last (the history gives as many by default).
# New and fixed findings listed per site; the rest are counted.
MAX_CHANGES = 20
# Sites given their two lines in summary.md; the rest are counted.
MAX_SUMMARY_SITES = 20
# The sparkline's drawing area (CSS px at its full size; it scales down with its box) and the
# room kept around the line so that the dots are not cut at the edges.
SPARK_WIDTH = 120
SPARK_HEIGHT = 32
SPARK_PAD = 3
DOT_RADIUS = 2
LAST_DOT_RADIUS = 3


@dataclass(frozen=True)
class Sparkline:
    """One score over the trend's runs: the chart, this run's value and its change since the
    run before."""

    key: str  # overall, layout, ...
    label: str
    svg: Markup
    description: str  # what the chart says, in words (its accessible name)
    last: Badge  # this run's score, as the report's chips show it
    change: str  # "+7", "-3", "±0"; "" when either score is missing


@dataclass(frozen=True)
class ChangeItem:
    """A finding that appeared or went away, as the report lists it."""

    audit: str  # the audit's id
    title: str  # the audit's title in this run, or its id when the run has none
    url: str
    page: int | None  # the page's number in this run, for a link to its details
    devices: list[str]  # one problem of one element, found on each of these devices
    selector: str | None
    message: str
    impact: str | None


@dataclass(frozen=True)
class ChangeList:
    shown: list[ChangeItem]
    more: int  # left out of `shown`

    @property
    def total(self) -> int:
        return len(self.shown) + self.more


@dataclass(frozen=True)
class HistoryView:
    """A site's History block."""

    site: str
    run_id: int  # this run's number in the history
    runs: int  # runs in the trend, this one included
    trends: list[Sparkline]  # none when the trend has a single run
    previous: str | None  # "run 4 of 1 December 2026, 10:00 UTC"; None: nothing to compare with
    new: ChangeList
    fixed: ChangeList
    pages_added: int
    pages_gone: int
    timing_note: str | None = None  # what was left out as load-time noise

    @property
    def first_run(self) -> bool:
        """The site's first run in the history: nothing to draw, nothing to compare."""
        return self.previous is None and self.runs <= 1

    @property
    def unchanged(self) -> bool:
        return self.previous is not None and not self.new.total and not self.fixed.total


def history_views(history: RunHistory | None, run: RunResult) -> dict[str, HistoryView]:
    """Each site's History block, by site (host[:port], as the site overview names it)."""
    if history is None or not history.sites:
        return {}
    diffs = [s.diff for s in history.sites if s.diff is not None]
    changes = [c for d in diffs for c in (*d.new_findings, *d.fixed_findings)]
    titles, numbers = _run_index(run, {c.audit for c in changes}, {c.url for c in changes})
    keys = score_keys(run.categories_run)
    return {
        s.site: site_history_view(s, history.run_id, keys, titles, numbers) for s in history.sites
    }


def since_last_report(history: HistoryView) -> str | None:
    """A site's change since its last run in one line, for the executive summary: what was
    fixed, what broke, and the scores that moved."""
    if history.previous is None:
        return None
    fixed, new = history.fixed.total, history.new.total
    parts = [
        f"{fixed or 'no'} finding{'' if fixed == 1 else 's'} fixed",
        f"{new or 'no'} new",
    ]
    moved = [f"{t.label.lower()} {t.last.text} ({t.change})" for t in history.trends
             if t.change and t.change != "±0"]  # fmt: skip
    if moved:
        parts.append("scores " + ", ".join(moved))
    return f"{history.site}, since {history.previous}: {'; '.join(parts)}."


def site_history_view(
    site: SiteHistory,
    run_id: int,
    keys: Sequence[str],
    titles: dict[str, str] | None = None,
    numbers: dict[str, int] | None = None,
) -> HistoryView:
    trend = site.trend[-TREND_RUNS:]
    diff = site.diff
    previous = diff.old if diff is not None else None
    trends = []
    if len(trend) > 1:
        trends = [_sparkline(key, _values(trend, key)) for key in keys]
    item = _item_maker(titles or {}, numbers or {})
    return HistoryView(
        site=site.site,
        run_id=run_id,
        runs=len(trend),
        trends=trends,
        previous=_run_words(previous) if previous is not None else None,
        new=_change_list(diff.new_findings if diff else [], item),
        fixed=_change_list(diff.fixed_findings if diff else [], item),
        pages_added=len(diff.pages_added) if diff else 0,
        pages_gone=len(diff.pages_gone) if diff else 0,
        timing_note=timing_note(diff) if diff else None,
    )


def score(value: object) -> int | None:
    """A 0-100 score as a whole number, or None for anything else (a missing score, a value
    that is not a finite number): only numbers made here reach the SVG."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return max(0, min(100, round(value)))


def trend_description(label: str, values: Sequence[int | None]) -> str:
    """ "Layout over the last 6 runs: 62, 70, no score, 81" """
    shown = ", ".join("no score" if v is None else str(v) for v in values)
    runs = "run" if len(values) == 1 else f"{len(values)} runs"
    return f"{label} over the last {runs}: {shown}"


def sparkline_svg(values: Sequence[int | None], description: str) -> Markup:
    """The chart of `values` (0-100, None for a run without that score): a line through the
    runs' scores, broken where a score is missing, a dot per score (this run's bigger), y from
    0 at the bottom to 100 at the top, and the pass line faint. Its accessible name is
    `description`, escaped here."""
    points = [(_x(i, len(values)), _y(v)) for i, v in enumerate(values) if v is not None]
    segments: list[list[tuple[float, float]]] = [[]]
    for i, value in enumerate(values):
        if value is None:
            segments.append([])
        else:
            segments[-1].append((_x(i, len(values)), _y(value)))
    label = escape(description)
    parts = [
        f'<svg class="spark" viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}" width="{SPARK_WIDTH}" '
        f'height="{SPARK_HEIGHT}" role="img" aria-label="{label}" focusable="false">',
        f"<title>{label}</title>",
        f'<line class="spark-pass" x1="0" y1="{_n(_y(PASS_SCORE))}" x2="{SPARK_WIDTH}" '
        f'y2="{_n(_y(PASS_SCORE))}" stroke="currentColor" stroke-opacity="0.3" '
        'stroke-width="1" stroke-dasharray="3 3"/>',
    ]
    parts += [
        f'<polyline class="spark-line" points="{_points(segment)}" fill="none" '
        'stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" '
        'stroke-linecap="round"/>'
        for segment in segments
        if len(segment) > 1
    ]
    last = len(values) - 1
    for i, (x, y) in enumerate(points):
        is_last = i == len(points) - 1 and values[last] is not None
        radius = LAST_DOT_RADIUS if is_last else DOT_RADIUS
        css = "spark-dot spark-last" if is_last else "spark-dot"
        parts.append(
            f'<circle class="{css}" cx="{_n(x)}" cy="{_n(y)}" r="{radius}" fill="currentColor"/>'
        )
    parts.append("</svg>")
    # Safe: numbers formatted above, fixed words, and the description escaped.
    return Markup("".join(parts))


def summary_lines(
    history: RunHistory | None, run: RunResult, escape_md: Callable[[object], str]
) -> list[str]:
    """summary.md's lines on the history: per site (named when the run has several) what is
    new and fixed since its last run, and its scores from the first run of the trend to this
    one; a site's first run says so in one line. `escape_md` makes page text safe Markdown."""
    if history is None or not history.sites:
        return []
    keys = score_keys(run.categories_run)
    several = len(history.sites) > 1
    lines: list[str] = []
    for site in history.sites[:MAX_SUMMARY_SITES]:
        name = escape_md(site.site)
        prefix = f"**{name}**: " if several else ""
        trend = site.trend[-TREND_RUNS:]
        if site.diff is None and len(trend) <= 1:
            lines.append(f"- First run of {name} in the history.")
            continue
        if site.diff is not None:
            lines.append(f"- {prefix}{_since_line(site.diff, escape_md)}")
        if len(trend) > 1:
            moves = ", ".join(_score_move(key, _values(trend, key)) for key in keys)
            lines.append(f"- {prefix}Trend over {len(trend)} runs: {moves}.")
    left = len(history.sites) - MAX_SUMMARY_SITES
    if left > 0:
        lines.append(f"- and {_plural(left, 'more site')}.")
    return [*lines, ""]


def _values(trend: Sequence[TrendPoint], key: str) -> list[int | None]:
    return [score(point.scores.get(key)) for point in trend]


def _sparkline(key: str, values: list[int | None]) -> Sparkline:
    label = LABELS[key]
    description = trend_description(label, values)
    last, before = values[-1], values[-2]
    return Sparkline(
        key=key,
        label=label,
        svg=sparkline_svg(values, description),
        description=description,
        last=badge(label, last),
        change=_change(last, before),
    )


def _x(index: int, count: int) -> float:
    if count < 2:
        return SPARK_WIDTH / 2
    return SPARK_PAD + index * (SPARK_WIDTH - 2 * SPARK_PAD) / (count - 1)


def _y(value: int) -> float:
    return SPARK_PAD + (100 - value) * (SPARK_HEIGHT - 2 * SPARK_PAD) / 100


def _n(number: float) -> str:
    """A coordinate as the SVG gets it: digits, at most one decimal."""
    return f"{float(number):.1f}".removesuffix(".0")


def _points(segment: Iterable[tuple[float, float]]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in segment)


def _change(last: int | None, before: int | None) -> str:
    if last is None or before is None:
        return ""
    delta = last - before
    return "±0" if delta == 0 else f"{delta:+d}"


def _run_words(ref: RunRef) -> str:
    return f"run {ref.id} of {readable_time(ref.started_at)}"


def _change_list(
    changes: Sequence[FindingChange], item: Callable[[FindingChange, list[str]], ChangeItem]
) -> ChangeList:
    """One item per problem, whatever the devices it was found on (a button fixed is one
    fix, not one per phone); the most severe first (critical to minor, then those without an
    impact), each kind in the history's order (by page)."""
    grouped = _across_devices(changes)
    rank = {impact: i for i, impact in enumerate(IMPACTS)}
    ordered = sorted(grouped, key=lambda g: rank.get(g[0].impact or "", len(IMPACTS)))
    shown = [item(first, devices) for first, devices in ordered[:MAX_CHANGES]]
    return ChangeList(shown, max(0, len(ordered) - MAX_CHANGES))


def problem_count(changes: Sequence[FindingChange]) -> int:
    """How many problems `changes` are, each counted once over its devices."""
    return len(_across_devices(changes))


def _across_devices(changes: Sequence[FindingChange]) -> list[tuple[FindingChange, list[str]]]:
    """The changes grouped by page, audit, element and message (numbers aside, as the
    fingerprints read them): each group's first change and its devices."""
    groups: dict[tuple[str, str, str, str], tuple[FindingChange, list[str]]] = {}
    for change in changes:
        key = (change.url, change.audit, stable_selector(change.selector),
               message_template(change.message))  # fmt: skip
        _, devices = groups.setdefault(key, (change, []))
        if change.device not in devices:
            devices.append(change.device)
    return list(groups.values())


def _item_maker(
    titles: dict[str, str], numbers: dict[str, int]
) -> Callable[[FindingChange, list[str]], ChangeItem]:
    def item(change: FindingChange, devices: list[str]) -> ChangeItem:
        return ChangeItem(
            audit=change.audit,
            title=titles.get(change.audit) or change.audit,
            url=change.url,
            page=numbers.get(change.url),
            devices=devices,
            selector=change.selector or None,
            message=change.message,
            impact=change.impact or None,
        )

    return item


def _run_index(
    run: RunResult, audits: set[str], urls: set[str]
) -> tuple[dict[str, str], dict[str, int]]:
    """The titles of `audits` in this run (the title it has where it fails, which says what is
    wrong, else where it passes) and the number in this run of each page of `urls`."""
    if not audits and not urls:
        return {}, {}
    failing: dict[str, str] = {}
    passing: dict[str, str] = {}
    numbers: dict[str, int] = {}
    for number, page in enumerate(run.pages, start=1):
        if page.url in urls:
            numbers.setdefault(page.url, number)
        for device in page.devices:
            for audit_id, result in device.audits.items():
                if audit_id not in audits or not result.title:
                    continue
                (failing if result.failed else passing).setdefault(audit_id, result.title)
    return {**passing, **failing}, numbers


def _since_line(diff: RunDiff, escape_md: Callable[[object], str]) -> str:
    """Since the last run (run 4, 2026-12-01): 3 new findings, 5 fixed; 2 pages added."""
    new, fixed = problem_count(diff.new_findings), problem_count(diff.fixed_findings)
    text = (
        f"Since the last run (run {diff.old.id}, {escape_md(_date(diff.old.started_at))}): "
        f"{new} new finding{'' if new == 1 else 's'}, {fixed} fixed"
    )
    pages = []
    if diff.pages_added:
        pages.append(f"{_plural(len(diff.pages_added), 'page')} added")
    if diff.pages_gone:
        pages.append(f"{_plural(len(diff.pages_gone), 'page')} gone")
    return text + ("; " + ", ".join(pages) if pages else "") + "."


def _score_move(key: str, values: Sequence[int | None]) -> str:
    """ "layout 62 -> 81 (+19)": from the trend's first score to this run's."""
    last = values[-1]
    known = [v for v in values[:-1] if v is not None]
    if last is None:
        return f"{key} n/a"
    if not known:
        return f"{key} {last}"
    return f"{key} {known[0]} -> {last} ({_change(last, known[0])})"


def _date(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).date().isoformat()
    except (TypeError, ValueError):
        return iso


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
