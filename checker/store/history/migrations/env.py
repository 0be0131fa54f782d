"""Alembic's entry point for the history's migrations. readiness runs them itself, on the
connection it opened and inside the transaction that holds the migration lock
(checker.store.history.database); there is no alembic.ini and no command line."""

from __future__ import annotations

from alembic import context

from checker.store.history.schema import VERSION_TABLE

connection = context.config.attributes["connection"]
context.configure(connection=connection, version_table=VERSION_TABLE)
with context.begin_transaction():
    context.run_migrations()
