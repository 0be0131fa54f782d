"""readiness: how ready a website is for people on phones and for people sharing it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Config",
    "RunResult",
    "__version__",
    "audit_urls",
    "rescore_snapshots",
    "resume_run",
]

if TYPE_CHECKING:
    from checker.config import Config
    from checker.results import RunResult
    from checker.runner import audit_urls, rescore_snapshots, resume_run


def __getattr__(name: str) -> Any:
    # Lazy so that pure modules (the audits, the reports) can import checker.* without
    # loading Playwright.
    if name == "Config":
        from checker.config import Config

        return Config
    if name == "RunResult":
        from checker.results import RunResult

        return RunResult
    if name in ("audit_urls", "rescore_snapshots", "resume_run"):
        from checker import runner

        return getattr(runner, name)
    raise AttributeError(name)
