from __future__ import annotations

import pytest

from checker.gather.fetch import Fetched
from checker.gather.robots import MAX_ROBOTS_BYTES, parse_robots, read_robots, robots_url

ROBOTS = "https://a.test/robots.txt"


def fetched(status: int | None, body: str = "", error: str | None = None) -> Fetched:
    return Fetched(ROBOTS, ROBOTS, status, {}, body.encode(), error=error)


def test_robots_url_is_at_the_root_of_the_site():
    assert robots_url("https://a.test/shop/item?x=1") == ROBOTS


def test_robots_obeys_the_group_for_everyone():
    robots = parse_robots(ROBOTS, "User-agent: *\nDisallow: /private/\n")
    assert not robots.allowed("https://a.test/private/page")
    assert robots.allowed("https://a.test/public/page")


def test_robots_obeys_a_group_named_for_readiness_over_the_one_for_everyone():
    text = "User-agent: *\nDisallow: /\n\nUser-agent: readiness\nDisallow: /drafts/\n"
    robots = parse_robots(ROBOTS, text)
    assert robots.allowed("https://a.test/shop")
    assert not robots.allowed("https://a.test/drafts/x")


def test_robots_ignores_groups_for_other_crawlers():
    robots = parse_robots(ROBOTS, "User-agent: Googlebot\nDisallow: /\n")
    assert robots.allowed("https://a.test/anything")


def test_robots_reads_wildcards_and_longest_match_as_google_does():
    text = "User-agent: *\nDisallow: /*.pdf$\nDisallow: /shop/\nAllow: /shop/sale/\n"
    robots = parse_robots(ROBOTS, text)
    assert not robots.allowed("https://a.test/docs/a.pdf")
    assert robots.allowed("https://a.test/docs/a.pdf?download=1")
    assert not robots.allowed("https://a.test/shop/hat")
    assert robots.allowed("https://a.test/shop/sale/hat")


def test_robots_lists_its_sitemaps_in_order_resolved_and_once():
    text = (
        "Sitemap: https://a.test/one.xml\nUser-agent: *\nDisallow:\n"
        "Sitemap: /two.xml.gz\nSitemap: https://a.test/one.xml\n"
    )
    assert parse_robots(ROBOTS, text).sitemaps == [
        "https://a.test/one.xml",
        "https://a.test/two.xml.gz",
    ]


def test_read_robots_parses_a_file_that_starts_with_a_byte_order_mark():
    robots = read_robots(fetched(200, "\ufeffUser-agent: *\nDisallow: /x\n"))
    assert not robots.allowed("https://a.test/x")
    assert robots.note is None


def test_read_robots_reads_only_the_first_500_kib_as_google_does():
    filler = "# padding\n" * (MAX_ROBOTS_BYTES // 10)
    robots = read_robots(fetched(200, "User-agent: *\n" + filler + "Disallow: /late\n"))
    assert robots.allowed("https://a.test/late")


@pytest.mark.parametrize("status", [404, 410, 401, 403])
def test_a_missing_robots_txt_allows_everything_without_a_note(status):
    robots = read_robots(fetched(status, "User-agent: *\nDisallow: /\n"))
    assert robots.allowed("https://a.test/anything")
    assert robots.note is None


@pytest.mark.parametrize(
    ("response", "trouble"),
    [
        (fetched(503, "User-agent: *\nDisallow: /\n"), "(HTTP 503)"),
        (fetched(429), "(HTTP 429)"),
        (fetched(None, error="timeout"), "(timeout)"),
    ],
)
def test_a_failing_robots_txt_allows_everything_and_says_what_google_would_do(response, trouble):
    robots = read_robots(response)
    assert robots.allowed("https://a.test/anything")
    assert trouble in robots.note
    assert "Google stops crawling" in robots.note
