"""The history's tables, in SQLAlchemy Core: the same schema on SQLite and PostgreSQL.

A run has pages; a page has its scores per device (device "" is the page's own, the weakest
mobile device's), its audit results per device, and its findings per device, each kept once
per fingerprint with how many times it occurred. `site_scores` holds each site's mean scores
per run, so listing runs and trends never reads the pages. Deleting a run deletes what hangs
from it (ON DELETE CASCADE, and prune deletes children first where SQLite's foreign keys are
off). The tables are created and upgraded by the Alembic migrations beside this module; a
change here needs a new migration there."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

# Alembic's version table, named for us: a team's shared database may hold other projects'.
VERSION_TABLE = "readiness_history_version"
# The newest migration, the schema this readiness reads and writes (migrations/versions/).
HEAD_REVISION = "0002"

# Categories and scores are stored by name (overall, layout, ...) so a new category needs no
# new column, only rows.
PAGE_DEVICE = ""  # the device of a page's own scores

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("tool_version", String(40), nullable=False),
    Column("command", String(20), nullable=False),  # audit, ci, batch, merge
    Column("config_digest", String(64), nullable=False),
    Column("commit", String(64)),
    Column("branch", String(255)),
    Column("devices", JSON, nullable=False),  # device names, in run order
    Column("throttling", JSON, nullable=False),  # {"throttle": ..., "method": ..., ...}
    Column("categories", JSON, nullable=False),  # the categories audited
    Column("pages", Integer, nullable=False),
    Column("complete", Integer, nullable=False),  # 1, or 0 for a run cut short
)

site_scores = Table(
    "site_scores",
    metadata,
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
    Column("site", String(300), nullable=False),
    Column("category", String(30), nullable=False),
    Column("score", Integer),  # None: no page of the site had that score
    Column("pages", Integer, nullable=False),
    Index("site_scores_by_site", "site", "run_id"),
    Index("site_scores_by_run", "run_id"),
)

pages = Table(
    "pages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
    Column("site", String(300), nullable=False),
    Column("url", Text, nullable=False),
    Column("url_key", Text, nullable=False),  # checker.model.urls.page_key
    Column("final_url", Text),
    Column("status", String(10), nullable=False),  # ok, error
    Column("error_kind", String(40)),
    Column("error_message", Text),
    # Wall seconds the page's audit took (PageResult.audit_seconds); None before 0002.
    Column("audit_seconds", Float),
    Index("pages_by_run", "run_id"),
    Index("pages_by_site", "site", "run_id"),
)

page_scores = Table(
    "page_scores",
    metadata,
    Column("page_id", Integer, ForeignKey("pages.id", ondelete="CASCADE"), nullable=False),
    Column("device", String(100), nullable=False),  # PAGE_DEVICE for the page's own
    Column("category", String(30), nullable=False),
    Column("score", Integer),
    Index("page_scores_by_page", "page_id"),
)

audit_results = Table(
    "audit_results",
    metadata,
    Column("page_id", Integer, ForeignKey("pages.id", ondelete="CASCADE"), nullable=False),
    Column("device", String(100), nullable=False),
    Column("audit", String(100), nullable=False),
    Column("score", Float),  # None: not applicable, or could not run (error_kind says)
    Column("value", Float),  # the measured number, when the audit measures one
    Column("unit", String(20)),
    Column("error_kind", String(20)),
    Index("audit_results_by_page", "page_id"),
)

findings = Table(
    "findings",
    metadata,
    Column("page_id", Integer, ForeignKey("pages.id", ondelete="CASCADE"), nullable=False),
    Column("device", String(100), nullable=False),
    Column("audit", String(100), nullable=False),
    Column("fingerprint", String(40), nullable=False),
    Column("selector", Text),
    Column("message", Text, nullable=False),
    Column("impact", String(10)),
    Column("occurrences", Integer, nullable=False),
    Index("findings_by_page", "page_id"),
)

# Children first: the order prune deletes in.
RUN_TABLES = (findings, audit_results, page_scores, pages, site_scores, runs)
