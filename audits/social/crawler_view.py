"""What link crawlers see: the server's HTML, never what scripts add afterwards.

Shared by the social audits, so each says the same thing about tags only scripts create.
"""

from __future__ import annotations

from checker.results import Finding

SCRIPT_ONLY_NOTE = (
    "It only appears after JavaScript runs; Facebook, X, LinkedIn, Slack and WhatsApp read the "
    "HTML the server sends and never see it."
)


def missing_finding(what: str, *, rendered_value: str | None, selector: str) -> Finding:
    """A finding for a tag absent from the server's HTML, naming script-only tags as such."""
    if rendered_value:
        return Finding(
            message=f"{what} is missing from the server's HTML. {SCRIPT_ONLY_NOTE}",
            selector=selector,
            snippet=rendered_value[:200],
            details={"rendered_only": True},
        )
    return Finding(message=f"{what} is missing.", selector="head")
