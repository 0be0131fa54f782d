"""robots.txt as the crawl reads it: the rules for the `readiness` user agent (parsed by
Protego, which reads wildcards and longest-match precedence as Google does) and the sitemaps it
names.

When robots.txt cannot be read:
- missing (any 4xx but 429): everything is allowed, as for Google and every major crawler;
- a server error (5xx, 429), a timeout or no connection: Google stops crawling the whole site
  for a while. We crawl as if everything were allowed and say so in a note, because the person
  running readiness audits their own site, a bounded number of pages, and wants the audit, and
  the note tells them what Google will do with that robots.txt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

from protego import Protego

from checker.gather.fetch import Fetched

ROBOTS_TOKEN = "readiness"  # the user-agent line that addresses us, as in `User-agent: readiness`
# Google reads the first 500 KiB of a robots.txt and ignores the rest
# (developers.google.com/search/docs/crawling-indexing/robots/robots_txt).
MAX_ROBOTS_BYTES = 500 * 1024


@dataclass(frozen=True)
class Robots:
    """The site's robots.txt, read. `rules` is None when there is nothing to obey."""

    url: str
    rules: Protego | None = None
    sitemaps: list[str] = field(default_factory=list)
    note: str | None = None  # why the file could not be read, for the person running the crawl

    def allowed(self, url: str) -> bool:
        return self.rules is None or self.rules.can_fetch(url, ROBOTS_TOKEN)


def robots_url(site_url: str) -> str:
    return urljoin(site_url, "/robots.txt")


def parse_robots(url: str, text: str) -> Robots:
    """Rules and sitemaps of a robots.txt served at `url` (relative sitemap lines resolved)."""
    rules = Protego.parse(text)
    sitemaps = [urljoin(url, line.strip()) for line in rules.sitemaps if line.strip()]
    return Robots(url=url, rules=rules, sitemaps=list(dict.fromkeys(sitemaps)))


def read_robots(fetched: Fetched) -> Robots:
    """What a fetch of robots.txt means for the crawl (see the module's docstring)."""
    url = fetched.url
    status = fetched.status
    if status is not None and 200 <= status < 300:
        text = fetched.body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
        return parse_robots(url, text.removeprefix("\ufeff"))
    if status is not None and 400 <= status < 500 and status != 429:
        return Robots(url=url)
    trouble = f"HTTP {status}" if status is not None else (fetched.error or "no answer")
    return Robots(
        url=url,
        note=(
            f"robots.txt could not be read ({trouble}): the crawl went on as if it allowed "
            "every page, but Google stops crawling a site whose robots.txt fails like this."
        ),
    )
