"""Layout audits."""
