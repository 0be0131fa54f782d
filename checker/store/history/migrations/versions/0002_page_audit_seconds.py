"""Each page's audit seconds: what a sharded run weighs its pages by (checker.run.slices).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A nullable column: added in place on SQLite and PostgreSQL alike, the rows kept.
    op.add_column("pages", sa.Column("audit_seconds", sa.Float))


def downgrade() -> None:
    with op.batch_alter_table("pages") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("audit_seconds")
