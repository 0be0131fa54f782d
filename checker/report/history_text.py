"""The run history as text: the runs, a diff of two runs and a trend as JSON for tools, a
trend as CSV, and the rows of the tables people read. Pure functions of checker.model.history's
data; `readiness history` prints them.

JSON keeps a missing score as null (a tool tells "no score" from 0); CSV leaves its cell
empty, and defuses the cells a spreadsheet would run as a formula (a branch is anyone's text);
a table shows "-", never "None"."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from checker.model.history import (
    TIMING_SCORE_POINTS,
    FindingChange,
    RunDiff,
    RunRef,
    RunRow,
    ScoreChange,
    TrendPoint,
)
from checker.model.results import SCORE_KEYS
from checker.report.comparison import csv_safe

TREND_CSV_START = ("run", "started_at", "commit", "branch")
MESSAGE_CHARS = 80
SELECTOR_CHARS = 60
MISSING = "-"  # a score, commit or branch the history does not hold, as a person reads it

Row = tuple[str, ...]


def run_data(ref: RunRef) -> dict[str, Any]:
    return {"id": ref.id, "started_at": ref.started_at, "commit": ref.commit, "branch": ref.branch}


def runs_json(rows: Sequence[RunRow]) -> str:
    """`{"runs": [...]}`, newest first as given: each run with its pages, per site its mean
    scores, and where it came from."""
    runs = [
        {
            "id": row.run.id,
            "started_at": row.run.started_at,
            "pages": row.pages,
            "scores": {site: dict(scores) for site, scores in row.scores.items()},
            "commit": row.run.commit,
            "branch": row.run.branch,
            "command": row.command,
            "tool_version": row.tool_version,
        }
        for row in rows
    ]
    return _json({"runs": runs})


def finding_data(finding: FindingChange) -> dict[str, Any]:
    return {
        "url": finding.url,
        "device": finding.device,
        "audit": finding.audit,
        "selector": finding.selector,
        "message": finding.message,
        "impact": finding.impact,
        "fingerprint": finding.fingerprint,
    }


def diff_json(diff: RunDiff) -> str:
    """Run `from` against run `to`: findings `new` in `to` and `fixed` since `from`, the
    page scores that moved, and the pages only one of them audited."""
    return _json(
        {
            "from": run_data(diff.old),
            "to": run_data(diff.new),
            "new": [finding_data(f) for f in diff.new_findings],
            "fixed": [finding_data(f) for f in diff.fixed_findings],
            "scores": [
                {
                    "url": change.url,
                    "category": change.category,
                    "before": change.before,
                    "after": change.after,
                    "delta": change.delta,
                }
                for change in diff.score_changes
            ],
            "pages_added": list(diff.pages_added),
            "pages_gone": list(diff.pages_gone),
            "timing_findings": diff.timing_findings,
            "timing_scores": diff.timing_scores,
        }
    )


def timing_note(diff: RunDiff) -> str | None:
    """What a diff left out because load times move on an unchanged page; None when
    nothing."""
    parts = []
    if diff.timing_findings:
        plural = "s" if diff.timing_findings != 1 else ""
        parts.append(f"{diff.timing_findings} finding{plural} of audits measured in time")
    if diff.timing_scores:
        plural = "s" if diff.timing_scores != 1 else ""
        parts.append(f"{diff.timing_scores} score move{plural} with a speed score that moved "
                     f"under {TIMING_SCORE_POINTS} points")  # fmt: skip
    if not parts:
        return None
    return (f"Left out as load-time noise: {' and '.join(parts)} "
            "(`readiness ci --baseline history` judges them against their spread).")  # fmt: skip


def trend_json(site: str, url: str | None, points: Sequence[TrendPoint]) -> str:
    """The site's (or its page `url`'s) scores run by run, oldest first; "url" only for a
    page's trend."""
    data: dict[str, Any] = {"site": site}
    if url is not None:
        data["url"] = url
    data["runs"] = [{**run_data(p.run), "scores": dict(p.scores)} for p in points]
    return _json(data)


def trend_keys(points: Sequence[TrendPoint]) -> tuple[str, ...]:
    """The score keys any point holds, in the reports' order (overall first): a run that
    audited only layout gets no empty speed column."""
    present = {key for point in points for key in point.scores}
    return tuple(key for key in SCORE_KEYS if key in present)


def trend_csv(points: Sequence[TrendPoint]) -> str:
    """One row per run, oldest first: run,started_at,commit,branch and the scores held."""
    keys = trend_keys(points)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow((*TREND_CSV_START, *keys))
    for point in points:
        ref = point.run
        scores = ("" if point.scores.get(k) is None else point.scores[k] for k in keys)
        writer.writerow(
            (ref.id, csv_safe(ref.started_at), csv_safe(ref.commit or ""),
             csv_safe(ref.branch or ""), *scores)
        )  # fmt: skip
    return out.getvalue()


# ---------------------------------------------------------------- tables for people


def runs_rows(rows: Sequence[RunRow]) -> list[Row]:
    """A header, then one row per run and site (a run of a batch audits several)."""
    table = [("run", "started", "pages", "site", *SCORE_KEYS, "commit", "branch")]
    for row in rows:
        ref = row.run
        for site, scores in row.scores.items() or [(MISSING, {})]:
            cells = (_number(scores.get(k)) for k in SCORE_KEYS)
            table.append(
                (str(ref.id), when(ref.started_at), str(row.pages), site, *cells, *_origin(ref))
            )
    return table


def findings_rows(findings: Sequence[FindingChange]) -> list[Row]:
    rows = [("url", "device", "audit", "selector", "message")]
    rows += [
        (f.url, f.device, f.audit, _cut(f.selector or MISSING, SELECTOR_CHARS),
         _cut(f.message, MESSAGE_CHARS))
        for f in findings
    ]  # fmt: skip
    return rows


def score_rows(changes: Sequence[ScoreChange]) -> list[Row]:
    rows = [("page", "category", "before", "after", "change")]
    rows += [
        (c.url, c.category, _number(c.before), _number(c.after), _signed(c.delta)) for c in changes
    ]
    return rows


def trend_rows(points: Sequence[TrendPoint]) -> list[Row]:
    keys = trend_keys(points)
    rows = [("run", "started", *keys, "commit", "branch")]
    rows += [
        (str(p.run.id), when(p.run.started_at), *(_number(p.scores.get(k)) for k in keys),
         *_origin(p.run))
        for p in points
    ]  # fmt: skip
    return rows


def trend_change(first: TrendPoint, last: TrendPoint) -> str:
    """Each score's move from the first run shown to the last: "layout 62 -> 81 (+19)"."""
    moves = []
    for key in trend_keys([first, last]):
        before, after = first.scores.get(key), last.scores.get(key)
        if before is None and after is None:
            continue  # never scored in either: nothing moved
        delta = None if before is None or after is None else after - before
        change = "" if delta is None else " (no change)" if delta == 0 else f" ({delta:+d})"
        moves.append(f"{key} {_number(before)} -> {_number(after)}{change}")
    shown = "; ".join(moves) or "no score in either run"
    return f"From run {first.run.id} to run {last.run.id}: {shown}"


def run_described(ref: RunRef) -> str:
    """When a run started, and its branch and commit when known: "2026-12-01 10:00, main
    abc12345"."""
    origin = " ".join(p for p in (ref.branch, ref.commit[:8] if ref.commit else None) if p)
    return f"{when(ref.started_at)}, {origin}" if origin else when(ref.started_at)


def when(iso: str) -> str:
    """An ISO time as "YYYY-MM-DD HH:MM", in UTC (the history keeps UTC)."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M")


def _origin(ref: RunRef) -> tuple[str, str]:
    return (ref.commit[:8] if ref.commit else MISSING, ref.branch or MISSING)


def _number(value: int | None) -> str:
    return MISSING if value is None else str(value)


def _signed(value: int | None) -> str:
    return MISSING if value is None else f"{value:+d}"


def _cut(text: str, chars: int) -> str:
    flat = " ".join(text.split())  # a message's line breaks would break the table's rows
    return flat if len(flat) <= chars else flat[: chars - 1] + "…"


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)
