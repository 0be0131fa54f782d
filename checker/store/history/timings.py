"""What each page's audit took in a site's last timed run: the weights a sharded run cuts its
slices by (checker.run.slices)."""

from __future__ import annotations

from sqlalchemy import Connection, select

from checker.model.history import TimedRun
from checker.store.history import schema
from checker.store.history.read import run_ref


def last_timed_run(connection: Connection, site: str) -> TimedRun | None:
    """The newest run of `site` with audit seconds on its pages (runs recorded before the
    history kept them have none); None without one."""
    pages = schema.pages
    timed = select(pages.c.run_id).where(pages.c.site == site, pages.c.audit_seconds.is_not(None))
    row = connection.execute(
        select(schema.runs)
        .where(schema.runs.c.id.in_(timed))
        .order_by(schema.runs.c.started_at.desc(), schema.runs.c.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    query = (
        select(pages.c.url_key, pages.c.audit_seconds)
        .where(pages.c.run_id == row.id, pages.c.site == site, pages.c.audit_seconds.is_not(None))
        .order_by(pages.c.id)
    )
    seconds = {page.url_key: float(page.audit_seconds) for page in connection.execute(query)}
    throttling = row.throttling or {}
    settings = {
        "devices": list(row.devices or []),
        "speed_devices": throttling.get("speed_devices"),
        "throttle": throttling.get("throttle"),
        "throttle_method": throttling.get("method"),
        "runs": throttling.get("runs"),
        "only_categories": list(row.categories or []),
    }
    return TimedRun(site, run_ref(row), seconds, settings)
