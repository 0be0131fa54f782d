"""readiness: how ready a website is for people on phones and for people sharing it."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from checker._version import __version__

__all__ = [
    "Config",
    "CrawlOptions",
    "RunResult",
    "__version__",
    "audit_urls",
    "crawl_sites",
    "merge_runs",
    "read_brands",
    "rescore_snapshots",
    "resume_run",
    "run_batch",
]

if TYPE_CHECKING:
    from checker.config.settings import Config
    from checker.crawl import CrawlOptions
    from checker.model.results import RunResult
    from checker.run.batch import read_brands, run_batch
    from checker.run.merge import merge_runs
    from checker.run.runner import audit_urls, rescore_snapshots, resume_run
    from checker.run.sites import crawl_sites

# Lazy, so that pure modules (the audits, the reports) can import checker.* without loading
# Playwright.
_HOMES = {
    "Config": "checker.config.settings",
    "CrawlOptions": "checker.crawl",
    "RunResult": "checker.model.results",
    "audit_urls": "checker.run.runner",
    "crawl_sites": "checker.run.sites",
    "merge_runs": "checker.run.merge",
    "read_brands": "checker.run.batch",
    "rescore_snapshots": "checker.run.runner",
    "resume_run": "checker.run.runner",
    "run_batch": "checker.run.batch",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(name)
    return getattr(importlib.import_module(_HOMES[name]), name)
