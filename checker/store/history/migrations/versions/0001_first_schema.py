"""The first history schema: runs, their sites' scores, pages, page scores per device, audit
results and findings with fingerprints.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _run_id() -> sa.Column:
    return sa.Column(
        "run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=False
    )


def _page_id() -> sa.Column:
    return sa.Column(
        "page_id", sa.Integer, sa.ForeignKey("pages.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tool_version", sa.String(40), nullable=False),
        sa.Column("command", sa.String(20), nullable=False),
        sa.Column("config_digest", sa.String(64), nullable=False),
        sa.Column("commit", sa.String(64)),
        sa.Column("branch", sa.String(255)),
        sa.Column("devices", sa.JSON, nullable=False),
        sa.Column("throttling", sa.JSON, nullable=False),
        sa.Column("categories", sa.JSON, nullable=False),
        sa.Column("pages", sa.Integer, nullable=False),
        sa.Column("complete", sa.Integer, nullable=False),
    )
    op.create_table(
        "site_scores",
        _run_id(),
        sa.Column("site", sa.String(300), nullable=False),
        sa.Column("category", sa.String(30), nullable=False),
        sa.Column("score", sa.Integer),
        sa.Column("pages", sa.Integer, nullable=False),
    )
    op.create_index("site_scores_by_site", "site_scores", ["site", "run_id"])
    op.create_index("site_scores_by_run", "site_scores", ["run_id"])
    op.create_table(
        "pages",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _run_id(),
        sa.Column("site", sa.String(300), nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("url_key", sa.Text, nullable=False),
        sa.Column("final_url", sa.Text),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("error_kind", sa.String(40)),
        sa.Column("error_message", sa.Text),
    )
    op.create_index("pages_by_run", "pages", ["run_id"])
    op.create_index("pages_by_site", "pages", ["site", "run_id"])
    op.create_table(
        "page_scores",
        _page_id(),
        sa.Column("device", sa.String(100), nullable=False),
        sa.Column("category", sa.String(30), nullable=False),
        sa.Column("score", sa.Integer),
    )
    op.create_index("page_scores_by_page", "page_scores", ["page_id"])
    op.create_table(
        "audit_results",
        _page_id(),
        sa.Column("device", sa.String(100), nullable=False),
        sa.Column("audit", sa.String(100), nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("value", sa.Float),
        sa.Column("unit", sa.String(20)),
        sa.Column("error_kind", sa.String(20)),
    )
    op.create_index("audit_results_by_page", "audit_results", ["page_id"])
    op.create_table(
        "findings",
        _page_id(),
        sa.Column("device", sa.String(100), nullable=False),
        sa.Column("audit", sa.String(100), nullable=False),
        sa.Column("fingerprint", sa.String(40), nullable=False),
        sa.Column("selector", sa.Text),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("impact", sa.String(10)),
        sa.Column("occurrences", sa.Integer, nullable=False),
    )
    op.create_index("findings_by_page", "findings", ["page_id"])


def downgrade() -> None:
    for table in ("findings", "audit_results", "page_scores", "pages", "site_scores", "runs"):
        op.drop_table(table)
