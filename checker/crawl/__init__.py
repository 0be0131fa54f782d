"""Site discovery for `readiness audit URL --crawl`: the pages of a site from its sitemaps and
its links, same host only, robots.txt obeyed, in a fixed order."""

from __future__ import annotations

from checker.crawl.discover import CrawlOptions, Discovery, Skipped, discover

__all__ = ["CrawlOptions", "Discovery", "Skipped", "discover"]
