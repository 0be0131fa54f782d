"""The pages of whole sites: every start URL crawled (checker.crawl) and the finds joined,
ready to audit, with what was left out and why."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.config.settings import Config
from checker.crawl import CrawlOptions, discover
from checker.model.urls import page_key


@dataclass(frozen=True)
class SitePages:
    pages: list[str]
    # Found but not audited: {"url": ..., "reason": ...}, as run.json records them.
    skipped: list[dict[str, str]] = field(default_factory=list)
    # Trouble reading robots.txt or sitemaps, remarks about a start page.
    notes: list[str] = field(default_factory=list)


def crawl_sites(start_urls: list[str], options: CrawlOptions, config: Config) -> SitePages:
    """Each start URL's site discovered (--max-pages per site), in the order given; a page
    two sites both list is audited once."""
    pages: dict[str, str] = {}
    skipped: list[dict[str, str]] = []
    notes: list[str] = []
    for start in start_urls:
        found = discover(start, options, access=config.access([start]), timeout_s=config.timeout)
        for url in found.pages:
            pages.setdefault(page_key(url), url)
        skipped += [{"url": s.url, "reason": s.reason} for s in found.skipped]
        notes += found.notes
    return SitePages(list(pages.values()), skipped, notes)
