"""Speed audits."""
