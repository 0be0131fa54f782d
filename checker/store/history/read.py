"""Reading the history: runs, a run's pages as recorded, and the comparisons made of them (what
changed between two runs, a site's scores over time)."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select

from checker.judge.baseline import NOISY_AUDITS
from checker.model.errors import UsageError
from checker.model.history import (
    TIMING_SCORE_POINTS,
    FindingChange,
    RunDiff,
    RunRef,
    RunRow,
    ScoreChange,
    TrendPoint,
)
from checker.model.results import SCORE_KEYS, Scores
from checker.model.urls import page_key
from checker.store.history import schema


@dataclass
class PageRecord:
    """One page of one run as the history holds it."""

    id: int
    url: str
    status: str
    scores: Scores = field(default_factory=dict)  # the page's own
    # device -> audit -> (score, error kind, value)
    audits: dict[str, dict[str, tuple[float | None, str | None, float | None]]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    findings: dict[str, FindingChange] = field(default_factory=dict)  # by fingerprint

    def checked(self, device: str, audit: str) -> bool:
        """Whether this run judged `audit` on `device`: it ran and gave a verdict."""
        result = self.audits.get(device, {}).get(audit)
        return result is not None and result[1] is None


def run_ref(row: Any) -> RunRef:
    return RunRef(row.id, _iso(row.started_at), row.commit, row.branch)


def runs_of(
    connection: Connection,
    site: str | None = None,
    *,
    limit: int | None = None,
    before: RunRef | None = None,
    branches: Iterable[str] | None = None,
) -> list[RunRef]:
    """Runs newest first: those that audited `site` when given, started before `before`,
    on one of `branches`."""
    query = select(schema.runs.c.id, schema.runs.c.started_at, schema.runs.c.commit,
                   schema.runs.c.branch)  # fmt: skip
    if site is not None:
        with_site = select(schema.site_scores.c.run_id).where(schema.site_scores.c.site == site)
        query = query.where(schema.runs.c.id.in_(with_site))
    if before is not None:
        started = _datetime(before.started_at)
        query = query.where(
            or_(
                schema.runs.c.started_at < started,
                and_(schema.runs.c.started_at == started, schema.runs.c.id < before.id),
            )
        )
    if branches is not None:
        query = query.where(schema.runs.c.branch.in_(list(branches)))
    query = query.order_by(schema.runs.c.started_at.desc(), schema.runs.c.id.desc())
    if limit is not None:
        query = query.limit(limit)
    return [run_ref(row) for row in connection.execute(query)]


MAX_RUN_ID = 2**31 - 1  # PostgreSQL's integer; beyond it no run exists (and SQLite overflows)


def run_by_id(connection: Connection, run_id: int) -> RunRef:
    if not 1 <= run_id <= MAX_RUN_ID:
        raise UsageError(f"The history has no run {run_id}: `readiness history` lists them.")
    row = connection.execute(select(schema.runs).where(schema.runs.c.id == run_id)).first()
    if row is None:
        raise UsageError(f"The history has no run {run_id}: `readiness history` lists them.")
    return run_ref(row)


def sites(connection: Connection) -> list[str]:
    """Every site the history holds, the most recently audited first."""
    newest = func.max(schema.site_scores.c.run_id)
    query = (
        select(schema.site_scores.c.site)
        .group_by(schema.site_scores.c.site)
        .order_by(newest.desc())
    )
    return [row.site for row in connection.execute(query)]


def run_sites(connection: Connection, run_id: int) -> list[str]:
    """The sites a run audited, as it first met them."""
    query = (
        select(schema.pages.c.site, func.min(schema.pages.c.id).label("first"))
        .where(schema.pages.c.run_id == run_id)
        .group_by(schema.pages.c.site)
        .order_by("first")
    )
    return [row.site for row in connection.execute(query)]


def run_rows(
    connection: Connection, site: str | None = None, limit: int | None = None
) -> list[RunRow]:
    """Runs as `readiness history` lists them, newest first, with each site's mean scores."""
    refs = runs_of(connection, site, limit=limit)
    if not refs:
        return []
    ids = [r.id for r in refs]
    details = {
        row.id: row
        for row in connection.execute(
            select(schema.runs.c.id, schema.runs.c.pages, schema.runs.c.tool_version,
                   schema.runs.c.command).where(schema.runs.c.id.in_(ids))
        )
    }  # fmt: skip
    scores: dict[int, dict[str, Scores]] = defaultdict(dict)
    query = select(schema.site_scores).where(schema.site_scores.c.run_id.in_(ids))
    if site is not None:
        query = query.where(schema.site_scores.c.site == site)
    for row in connection.execute(query):
        scores[row.run_id].setdefault(row.site, {})[row.category] = row.score
    return [
        RunRow(
            run=ref,
            pages=details[ref.id].pages,
            scores={s: _ordered(v) for s, v in scores[ref.id].items()},
            tool_version=details[ref.id].tool_version,
            command=details[ref.id].command,
        )
        for ref in refs
    ]


def site_trend(
    connection: Connection, site: str, limit: int, up_to: RunRef | None = None
) -> list[TrendPoint]:
    """The site's mean scores in its last `limit` runs (up to and with `up_to`), oldest
    first."""
    refs = runs_of(connection, site, limit=limit, before=up_to)
    if up_to is not None:
        refs = [up_to, *refs[: limit - 1]]
    scores: dict[int, Scores] = defaultdict(dict)
    query = select(schema.site_scores).where(
        schema.site_scores.c.site == site,
        schema.site_scores.c.run_id.in_([r.id for r in refs]),
    )
    for row in connection.execute(query):
        scores[row.run_id][row.category] = row.score
    return [TrendPoint(ref, _ordered(scores[ref.id])) for ref in reversed(refs)]


def page_trend(connection: Connection, site: str, url: str, limit: int) -> list[TrendPoint]:
    """One page's own scores in the last `limit` runs that audited it, oldest first."""
    key = page_key(url)
    query = (
        select(schema.pages.c.id, schema.pages.c.run_id, schema.runs.c.started_at,
               schema.runs.c.commit, schema.runs.c.branch)
        .join(schema.runs, schema.runs.c.id == schema.pages.c.run_id)
        .where(schema.pages.c.site == site, schema.pages.c.url_key == key)
        .order_by(schema.runs.c.started_at.desc(), schema.runs.c.id.desc())
        .limit(limit)
    )  # fmt: skip
    rows = list(connection.execute(query))
    scores: dict[int, Scores] = defaultdict(dict)
    score_query = select(schema.page_scores).where(
        schema.page_scores.c.page_id.in_([r.id for r in rows]),
        schema.page_scores.c.device == schema.PAGE_DEVICE,
    )
    for row in connection.execute(score_query):
        scores[row.page_id][row.category] = row.score
    return [
        TrendPoint(RunRef(r.run_id, _iso(r.started_at), r.commit, r.branch), _ordered(scores[r.id]))
        for r in reversed(rows)
    ]


def run_pages(
    connection: Connection, run_id: int, site: str | None = None
) -> dict[str, PageRecord]:
    """A run's pages (of `site`), by URL key, with their scores, audits and findings."""
    query = select(schema.pages).where(schema.pages.c.run_id == run_id)
    if site is not None:
        query = query.where(schema.pages.c.site == site)
    pages: dict[str, PageRecord] = {}
    by_id: dict[int, PageRecord] = {}
    for row in connection.execute(query):
        record = PageRecord(row.id, row.url, row.status)
        pages[row.url_key] = record
        by_id[row.id] = record
    ids = list(by_id)
    for chunk in _chunks(ids):
        for row in connection.execute(
            select(schema.page_scores).where(
                schema.page_scores.c.page_id.in_(chunk),
                schema.page_scores.c.device == schema.PAGE_DEVICE,
            )
        ):
            by_id[row.page_id].scores[row.category] = row.score
        for row in connection.execute(
            select(schema.audit_results).where(schema.audit_results.c.page_id.in_(chunk))
        ):
            by_id[row.page_id].audits[row.device][row.audit] = (
                row.score,
                row.error_kind,
                row.value,
            )
        for row in connection.execute(
            select(schema.findings).where(schema.findings.c.page_id.in_(chunk))
        ):
            page = by_id[row.page_id]
            page.findings[row.fingerprint] = FindingChange(
                url=page.url, device=row.device, audit=row.audit, selector=row.selector,
                message=row.message, impact=row.impact, fingerprint=row.fingerprint,
            )  # fmt: skip
    return pages


def diff_runs(connection: Connection, old: RunRef, new: RunRef, site: str | None = None) -> RunDiff:
    """What changed from `old` to `new` on the pages both audited (of `site` when given)."""
    before = run_pages(connection, old.id, site)
    after = run_pages(connection, new.id, site)
    audited_before = {k for k, p in before.items() if p.status == "ok"}
    audited_after = {k for k, p in after.items() if p.status == "ok"}
    diff = RunDiff(
        old=old,
        new=new,
        pages_added=sorted(after[k].url for k in audited_after - audited_before),
        pages_gone=sorted(before[k].url for k in audited_before - audited_after),
    )
    timing = small_speed_moves = 0
    for key in sorted(audited_before & audited_after, key=lambda k: after[k].url):
        then, now = before[key], after[key]
        appeared = [
            f for mark, f in now.findings.items()
            if mark not in then.findings and then.checked(f.device, f.audit)
        ]  # fmt: skip
        went = [
            FindingChange(now.url, f.device, f.audit, f.selector, f.message, f.impact, mark)
            for mark, f in then.findings.items()
            if mark not in now.findings and now.checked(f.device, f.audit)
        ]
        timing += sum(f.audit in NOISY_AUDITS for f in (*appeared, *went))
        diff.new_findings.extend(f for f in appeared if f.audit not in NOISY_AUDITS)
        diff.fixed_findings.extend(f for f in went if f.audit not in NOISY_AUDITS)
        moved = [
            ScoreChange(now.url, category, then.scores[category], now.scores[category])
            for category in SCORE_KEYS
            if category in then.scores and category in now.scores
            and then.scores[category] != now.scores[category]
        ]  # fmt: skip
        noise = _timing_moves(moved)
        small_speed_moves += len(noise)
        diff.score_changes.extend(c for c in moved if c not in noise)
    return dataclasses.replace(diff, timing_findings=timing, timing_scores=small_speed_moves)


def _timing_moves(moved: list[ScoreChange]) -> list[ScoreChange]:
    """The moves of one page's scores that load times explain: a speed score that moved no
    more than two loads of an unchanged page do, and the overall score when nothing else
    moved with it."""
    speed = [c for c in moved if c.category == "speed"]
    if not speed or speed[0].delta is None or abs(speed[0].delta) >= TIMING_SCORE_POINTS:
        return []
    others = {c.category for c in moved} - {"speed", "overall"}
    return [c for c in moved if c.category == "speed" or (c.category == "overall" and not others)]


def _ordered(scores: Scores) -> Scores:
    return {k: scores[k] for k in SCORE_KEYS if k in scores}


def _chunks(ids: list[int], size: int = 500) -> Iterable[list[int]]:
    # Bound the IN list: SQLite takes at most 32,766 parameters a statement.
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _iso(value: datetime | str) -> str:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:  # SQLite keeps no zone: we wrote UTC
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="seconds")


def _datetime(iso: str) -> datetime:
    value = datetime.fromisoformat(iso)
    return value if value.tzinfo else value.replace(tzinfo=UTC)
