"""Retention: dropping old runs, with everything recorded of them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, delete, select

from checker.model.errors import UsageError
from checker.store.history import schema
from checker.store.history.read import runs_of, sites

MAX_DAYS = 36_500


def runs_to_prune(
    connection: Connection,
    *,
    keep: int | None = None,
    older_than_days: float | None = None,
    now: datetime | None = None,
) -> list[int]:
    """The runs a prune drops. `keep`: each site keeps its newest `keep` runs, and a run goes
    when no site keeps it (an agency's weekly batch keeps every brand's last runs, however
    many brands it has). `older_than_days`: runs started longer ago than that go."""
    doomed: set[int] = set()
    if keep is not None:
        kept: set[int] = set()
        for site in sites(connection):
            # Newest as `readiness history` lists them: by start, so a merge of shards that
            # started earlier but was recorded later is not taken for the latest run.
            kept.update(ref.id for ref in runs_of(connection, site, limit=keep))
        every = {row.id for row in connection.execute(select(schema.runs.c.id))}
        doomed |= every - kept
    if older_than_days is not None:
        if not 0 < older_than_days <= MAX_DAYS:  # NaN fails too
            raise UsageError(f"--older-than takes a number of days above 0, at most {MAX_DAYS}.")
        cutoff = (now or datetime.now(UTC)) - timedelta(days=older_than_days)
        old = select(schema.runs.c.id).where(schema.runs.c.started_at < cutoff)
        doomed |= {row.id for row in connection.execute(old)}
    return sorted(doomed)


def delete_runs(connection: Connection, run_ids: Iterable[int]) -> None:
    """Delete the runs and their rows, children first (SQLite enforces foreign keys only
    where the connection asked; this works either way)."""
    ids = list(run_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        page_ids = select(schema.pages.c.id).where(schema.pages.c.run_id.in_(chunk))
        for table in (schema.findings, schema.audit_results, schema.page_scores):
            connection.execute(delete(table).where(table.c.page_id.in_(page_ids)))
        connection.execute(delete(schema.pages).where(schema.pages.c.run_id.in_(chunk)))
        connection.execute(delete(schema.site_scores).where(schema.site_scores.c.run_id.in_(chunk)))
        connection.execute(delete(schema.runs).where(schema.runs.c.id.in_(chunk)))
