"""The run history: every run kept in a database (SQLite by default, PostgreSQL for a team),
so the next run can say what changed. The rest of readiness uses `history.History`, and
`location` to check where it is kept without loading the database libraries."""
