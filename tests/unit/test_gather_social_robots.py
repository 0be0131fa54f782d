"""The crawler view reads robots.txt as the crawl does (Protego, Google's rules), not as the
standard library's robotparser does: on the same file the two cannot disagree."""

from __future__ import annotations

import pytest

from checker.gather.fetch import Fetched
from checker.gather.robots import parse_robots
from checker.gather.social import CRAWLERS, _crawler_view, _robots_rules

ROBOTS_URL = "https://example.com/robots.txt"


def _fetched(text: str) -> Fetched:
    return Fetched(ROBOTS_URL, ROBOTS_URL, 200, {}, text.encode())


@pytest.mark.parametrize(
    ("robots_txt", "page", "allowed"),
    [
        # urllib.robotparser reads no wildcards: it let crawlers fetch index.php.
        ("User-agent: *\nDisallow: /*.php$\n", "https://example.com/index.php", False),
        # urllib.robotparser takes the first rule that matches; Google the longest.
        ("User-agent: *\nDisallow: /\nAllow: /blog/\n", "https://example.com/blog/post", True),
    ],
)
def test_the_crawler_view_reads_robots_txt_as_google_and_the_crawl_do(robots_txt, page, allowed):
    page_fetch = Fetched(page, page, 200, {}, b"<title>A page</title>")
    rules = _robots_rules(_fetched(robots_txt))
    view = _crawler_view("facebook", CRAWLERS["facebook"], page_fetch, rules, page)
    assert view.robots_allowed is allowed
    crawl = parse_robots(ROBOTS_URL, robots_txt)
    assert crawl.rules is not None
    assert crawl.rules.can_fetch(page, "facebookexternalhit") is allowed
