from __future__ import annotations

import gzip
import re
import time

import pytest

from checker.crawl import sitemaps
from checker.crawl.sitemaps import SitemapError, collect_sitemap_urls, gunzip, parse_sitemap
from checker.gather.fetch import Fetched

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def urlset(*locs: str) -> bytes:
    entries = "".join(f"<url><loc>{loc}</loc><lastmod>2024-01-01</lastmod></url>" for loc in locs)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {NS}>{entries}</urlset>'.encode()


def index(*locs: str) -> bytes:
    entries = "".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locs)
    return f"<sitemapindex {NS}>{entries}</sitemapindex>".encode()


def test_parse_sitemap_reads_a_urlset_in_order():
    parsed = parse_sitemap(urlset("https://a.test/", "https://a.test/b?x=1&amp;y=2"))
    assert parsed.kind == "urlset"
    assert parsed.locs == ["https://a.test/", "https://a.test/b?x=1&y=2"]


def test_parse_sitemap_reads_an_index():
    parsed = parse_sitemap(index("https://a.test/one.xml", "https://a.test/two.xml.gz"))
    assert parsed.kind == "sitemapindex"
    assert parsed.locs == ["https://a.test/one.xml", "https://a.test/two.xml.gz"]


def test_parse_sitemap_accepts_a_missing_namespace_and_stray_whitespace():
    body = b"<urlset>\n <url><loc>\n  https://a.test/x \n</loc></url></urlset>"
    assert parse_sitemap(body).locs == ["https://a.test/x"]


def test_parse_sitemap_skips_entries_that_are_not_web_addresses():
    body = urlset(
        "https://a.test/ok", "ftp://a.test/file", "/relative", "", "http://[::1/", "http://a:99999/"
    )
    assert parse_sitemap(body).locs == ["https://a.test/ok"]


def test_parse_sitemap_ungzips_by_magic_bytes_whatever_the_name():
    assert parse_sitemap(gzip.compress(urlset("https://a.test/z"))).locs == ["https://a.test/z"]


def test_parse_sitemap_reads_the_plain_text_form():
    body = b"\xef\xbb\xbfhttps://a.test/\nhttps://a.test/b\n\n"
    assert parse_sitemap(body).locs == ["https://a.test/", "https://a.test/b"]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b"<urlset><url><loc>https://a.test/</loc></url>", "not valid XML"),
        (b"", "not valid XML"),
        (b"<!doctype html><html><body>Not found</body></html>", "not valid XML"),
        (b"<html><body>Soft 404</body></html>", "not a sitemap (its root element is <html>)"),
        (b"\x1f\x8bnot gzip at all", "not valid gzip"),
        (gzip.compress(urlset("https://a.test/"))[:-12], "cut short"),
    ],
)
def test_parse_sitemap_raises_a_readable_error_on_a_bad_file(body, problem):
    with pytest.raises(SitemapError, match=re.escape(problem)):
        parse_sitemap(body)


def test_parse_sitemap_does_not_expand_entities():
    # "Billion laughs": each level multiplies the one below by ten.
    levels = ['<!ENTITY l0 "lol">'] + [
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)
    ]
    body = f"<!DOCTYPE urlset [{''.join(levels)}]><urlset><url><loc>https://a.test/&l9;</loc></url>"
    body += "<url><loc>https://a.test/fine</loc></url></urlset>"
    started = time.perf_counter()
    try:  # libxml2 2.11+ refuses the file outright; older ones leave the entity unexpanded
        locs = parse_sitemap(body.encode()).locs
    except SitemapError as problem:
        assert "not valid XML" in str(problem)
        locs = []
    assert time.perf_counter() - started < 1
    assert locs in ([], ["https://a.test/fine"])


def test_parse_sitemap_does_not_read_external_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    body = (
        f'<!DOCTYPE urlset [<!ENTITY e SYSTEM "file://{secret}">]>'
        "<urlset><url><loc>https://a.test/&e;</loc></url></urlset>"
    )
    parsed = parse_sitemap(body.encode())
    assert parsed.locs == []
    assert "TOPSECRET" not in repr(parsed)


def test_gunzip_stops_a_gzip_bomb_at_the_cap():
    bomb = gzip.compress(b"\0" * 5_000_000)
    assert len(bomb) < 10_000
    with pytest.raises(SitemapError, match="larger than"):
        gunzip(bomb, max_bytes=1_000_000)


def test_gunzip_reads_every_member_of_a_multi_member_file():
    assert gunzip(gzip.compress(b"ab") + gzip.compress(b"cd")) == b"abcd"


def test_parse_sitemap_keeps_at_most_the_protocols_50000_urls(monkeypatch):
    monkeypatch.setattr(sitemaps, "MAX_SITEMAP_URLS", 3)
    body = urlset(*(f"https://a.test/{i}" for i in range(10)))
    assert parse_sitemap(body).locs == [f"https://a.test/{i}" for i in range(3)]


class FakeSite:
    """get_many over canned responses; records each batch it was asked for."""

    def __init__(self, files: dict[str, bytes | int], redirects: dict[str, str] | None = None):
        self.files = files
        self.redirects = redirects or {}
        self.batches: list[list[str]] = []

    def __call__(self, urls: list[str]) -> list[Fetched]:
        self.batches.append(list(urls))
        return [self.fetch(url) for url in urls]

    def fetch(self, url: str) -> Fetched:
        final = self.redirects.get(url, url)
        body = self.files.get(final, 404)
        if isinstance(body, int):
            return Fetched(url, final, body, {}, b"")
        return Fetched(url, final, 200, {}, body)


def test_collect_reads_index_children_in_place_and_fetches_each_level_at_once():
    site = FakeSite(
        {
            "https://a.test/robots-named.xml": index(
                "https://a.test/pages.xml", "https://a.test/posts.xml.gz"
            ),
            "https://a.test/pages.xml": urlset("https://a.test/", "https://a.test/about"),
            "https://a.test/posts.xml.gz": gzip.compress(urlset("https://a.test/post")),
            "https://a.test/sitemap.xml": urlset("https://a.test/last"),
        }
    )
    found = collect_sitemap_urls(
        ["https://a.test/robots-named.xml", "https://a.test/sitemap.xml"], site
    )
    assert found.urls == [
        "https://a.test/",
        "https://a.test/about",
        "https://a.test/post",
        "https://a.test/last",
    ]
    assert found.notes == []
    assert site.batches == [
        ["https://a.test/robots-named.xml", "https://a.test/sitemap.xml"],
        ["https://a.test/pages.xml", "https://a.test/posts.xml.gz"],
    ]


def test_collect_notes_a_broken_sitemap_and_reads_the_others():
    site = FakeSite(
        {
            "https://a.test/broken.xml": b"<urlset><url>",
            "https://a.test/ok.xml": urlset("https://a.test/ok"),
        }
    )
    found = collect_sitemap_urls(
        ["https://a.test/broken.xml", "https://a.test/gone.xml", "https://a.test/ok.xml"], site
    )
    assert found.urls == ["https://a.test/ok"]
    assert found.notes[0].startswith(
        "Sitemap https://a.test/broken.xml could not be read: it is not valid XML"
    )
    assert found.notes[1] == "Sitemap https://a.test/gone.xml could not be read: HTTP 404."


def test_collect_says_nothing_about_a_guessed_sitemap_that_is_not_there():
    found = collect_sitemap_urls(
        ["https://a.test/sitemap.xml"], FakeSite({}), quiet=["https://a.test/sitemap.xml"]
    )
    assert found.urls == []
    assert found.notes == []


def test_collect_reads_a_sitemap_once_even_when_it_is_reached_twice():
    site = FakeSite(
        {
            "https://a.test/index.xml": index(
                "https://a.test/pages.xml", "https://a.test/index.xml"
            ),
            "https://a.test/pages.xml": urlset("https://a.test/p"),
        },
        redirects={"https://a.test/sitemap.xml": "https://a.test/pages.xml"},
    )
    found = collect_sitemap_urls(["https://a.test/index.xml", "https://a.test/sitemap.xml"], site)
    assert found.urls == ["https://a.test/p"]


def test_collect_stops_at_indexes_nested_too_deep():
    site = FakeSite(
        {
            "https://a.test/i0.xml": index("https://a.test/i1.xml"),
            "https://a.test/i1.xml": index("https://a.test/i2.xml", "https://a.test/s1.xml"),
            "https://a.test/i2.xml": index("https://a.test/s2.xml"),
            "https://a.test/s1.xml": urlset("https://a.test/depth-2"),
            "https://a.test/s2.xml": urlset("https://a.test/depth-3"),
        }
    )
    found = collect_sitemap_urls(["https://a.test/i0.xml"], site)
    assert found.urls == ["https://a.test/depth-2"]
    assert found.notes == [
        "Sitemap index https://a.test/i2.xml is nested 3 indexes deep; "
        "the sitemaps it lists were not read."
    ]


def test_collect_stops_at_the_url_cap_and_says_so(monkeypatch):
    monkeypatch.setattr(sitemaps, "MAX_SITEMAP_URLS", 3)
    site = FakeSite(
        {
            "https://a.test/a.xml": urlset("https://a.test/1", "https://a.test/2"),
            "https://a.test/b.xml": urlset("https://a.test/3", "https://a.test/4"),
            "https://a.test/c.xml": urlset("https://a.test/5"),
        }
    )
    found = collect_sitemap_urls(
        ["https://a.test/a.xml", "https://a.test/b.xml", "https://a.test/c.xml"], site
    )
    assert found.urls == ["https://a.test/1", "https://a.test/2", "https://a.test/3"]
    assert len(found.notes) == 1
    assert "more than 3 pages" in found.notes[0]


def test_collect_stops_at_the_file_cap_and_says_so(monkeypatch):
    monkeypatch.setattr(sitemaps, "MAX_SITEMAP_FILES", 2)
    urls = [f"https://a.test/{i}.xml" for i in range(4)]
    site = FakeSite({url: urlset(f"https://a.test/page-{i}") for i, url in enumerate(urls)})
    found = collect_sitemap_urls(urls, site)
    assert found.urls == ["https://a.test/page-0", "https://a.test/page-1"]
    assert found.notes == [
        "Only 2 sitemap files were read; https://a.test/2.xml and the ones after it were not."
    ]


def test_collect_notes_a_sitemap_that_could_not_be_fetched():
    def timeout(urls: list[str]) -> list[Fetched]:
        return [Fetched(url, url, None, {}, b"", error="timeout") for url in urls]

    found = collect_sitemap_urls(["https://a.test/s.xml"], timeout)
    assert found.notes == ["Sitemap https://a.test/s.xml could not be read: timeout."]
