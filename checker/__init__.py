"""readiness: how ready a website is for people on phones and for people sharing it."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

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
    from checker.batch import read_brands, run_batch
    from checker.config import Config
    from checker.crawl import CrawlOptions
    from checker.merge import merge_runs
    from checker.results import RunResult
    from checker.runner import audit_urls, rescore_snapshots, resume_run
    from checker.site_pages import crawl_sites

# Lazy, so that pure modules (the audits, the reports) can import checker.* without loading
# Playwright.
_HOMES = {
    "Config": "checker.config",
    "CrawlOptions": "checker.crawl",
    "RunResult": "checker.results",
    "audit_urls": "checker.runner",
    "crawl_sites": "checker.site_pages",
    "merge_runs": "checker.merge",
    "read_brands": "checker.batch",
    "rescore_snapshots": "checker.runner",
    "resume_run": "checker.runner",
    "run_batch": "checker.batch",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(name)
    return getattr(importlib.import_module(_HOMES[name]), name)
