"""Social audits."""
