"""Discovery of a whole site, served on 127.0.0.1 with a random delay on every response, so the
order of the result is shown not to depend on which fetch finishes first."""

from __future__ import annotations

import contextlib
import functools
import gzip
import random
import shutil
import ssl
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
import trustme

from checker.crawl import CrawlOptions, Discovery, Skipped, discover
from checker.gather.access import Access

SITE = Path(__file__).parents[1] / "fixtures" / "sites" / "crawl"
REDIRECTS = {
    "/team": "/contact.html",
    "/go/level2": "/deep/level2.html",
    "/elsewhere": "http://localhost:{port}/",  # never requested: the crawl stays on its site
}
MAX_DELAY_S = 0.03
TIMEOUT_S = 10.0


class _SlowSite(SimpleHTTPRequestHandler):
    hosts: ClassVar[set[str]] = set()  # every Host header received

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.hosts.add(self.headers.get("Host", "").rsplit(":", 1)[0])
        time.sleep(random.uniform(0, MAX_DELAY_S))
        if self.path == "/garbage":
            self.wfile.write(b"NOT HTTP AT ALL\r\n\r\n")
            return
        target = REDIRECTS.get(self.path)
        if target is None:
            super().do_GET()
            return
        self.send_response(301)
        self.send_header("Location", target.format(port=self.server.server_port))
        self.send_header("Content-Length", "0")
        self.end_headers()


class _RedirectEverything(BaseHTTPRequestHandler):
    to = ""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.send_response(301)
        self.send_header("Location", self.to.rstrip("/") + self.path)
        self.send_header("Content-Length", "0")
        self.end_headers()


@contextlib.contextmanager
def _serve(handler, tls: ssl.SSLContext | None = None) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{'https' if tls else 'http'}://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Iterator[str]:
    """A copy of the fixture site with its origin written in, and its posts sitemap gzipped
    (the plain one removed, so only the gzipped one can list the posts)."""
    root = tmp_path_factory.mktemp("crawl-site")
    shutil.copytree(SITE, root, dirs_exist_ok=True)
    with _serve(functools.partial(_SlowSite, directory=str(root))) as base_url:
        origin = base_url.rstrip("/")
        port = origin.rsplit(":", 1)[1]
        for path in [*root.rglob("*.html"), *root.rglob("*.xml"), root / "robots.txt"]:
            text = path.read_text(encoding="utf-8")
            text = text.replace("__ORIGIN__", origin)
            path.write_text(text.replace("__LOCALHOST__", f"http://localhost:{port}"))
        posts = root / "sitemap-posts.xml"
        (root / "sitemap-posts.xml.gz").write_bytes(gzip.compress(posts.read_bytes()))
        posts.unlink()
        yield base_url


def _discover(start: str, **options) -> Discovery:
    # No --block-external: staying on the site is the crawl's own doing.
    options.setdefault("exclude", ("/drafts/*",))
    return discover(start, CrawlOptions(**options), access=Access(), timeout_s=TIMEOUT_S)


@pytest.fixture(scope="module")
def site(base: str) -> Discovery:
    return _discover(base)


def _expected_pages(base: str) -> list[str]:
    return [
        base,  # the start page
        base + "about.html",  # the plain sitemap, in its order
        base + "products/",
        base + "blog/first-post.html",  # the gzipped sitemap
        base + "blog/second-post.html",
        base + "products/?sort=price&page=2",  # the start page's links
        base + "contact.html",
        base + "deep/level2.html",  # through /go/level2, a redirect, at depth 2
        base + "deep/level3.html",  # depth 3
    ]


def test_discover_lists_exactly_the_sites_pages_in_a_fixed_order(site, base):
    assert site.pages == _expected_pages(base)


def test_discover_says_why_each_page_found_was_not_audited(site, base):
    localhost = base.replace("127.0.0.1", "localhost")
    assert site.skipped == [
        Skipped(base + "private/secret.html", "blocked by robots.txt"),
        Skipped(base + "brochure.pdf", "not HTML (application/pdf)"),
        Skipped(base + "images/logo.png", "not HTML (image/png)"),
        Skipped(localhost + "about.html", "another site"),
        Skipped(base + "drafts/wip.html", "excluded by --exclude"),
        Skipped(base + "missing.html", "HTTP 404"),
        Skipped(base + "api/status.json", "not HTML (application/json)"),
        Skipped(base + "team", f"redirects to {base}contact.html, a page found already"),
        Skipped(base + "elsewhere", f"redirects to {localhost}, another site"),
        Skipped(base + "deep/level4.html", "beyond --max-depth"),
    ]


def test_discover_sends_no_request_to_another_host(site):
    # The page linking to localhost and the one redirecting there were both found.
    assert _SlowSite.hosts == {"127.0.0.1"}


def test_discover_goes_on_past_a_broken_sitemap_and_says_so(site, base):
    (note,) = site.notes
    assert note.startswith(f"Sitemap {base}sitemap-broken.xml could not be read: it is not valid")
    assert base + "only-in-broken-sitemap.html" not in site.pages


def test_discover_gives_the_same_list_however_fast_each_page_answers(site, base):
    # Every response waits a random 0-30 ms, so the fetches finish in another order each run.
    assert [_discover(base) for _ in range(3)] == [site] * 3


def test_ignore_robots_crawls_disallowed_pages_in_their_sitemap_place(base):
    found = _discover(base, ignore_robots=True)
    expected = _expected_pages(base)
    assert found.pages == [*expected[:3], base + "private/secret.html", *expected[3:]]


def test_max_pages_cuts_the_list_and_names_what_was_left(base):
    found = _discover(base, max_pages=3)
    assert found.pages == _expected_pages(base)[:3]
    beyond = [s.url for s in found.skipped if s.reason == "beyond --max-pages"]
    assert beyond == [
        base + "blog/first-post.html",  # the rest of the sitemap level
        base + "blog/second-post.html",
        base + "products/?sort=price&page=2",  # the links found so far
        base + "contact.html",
        base + "missing.html",
        base + "api/status.json",
        base + "team",
        base + "elsewhere",
    ]


def test_max_pages_of_one_audits_only_the_start_page(base):
    assert _discover(base, max_pages=1).pages == [base]


def test_max_depth_zero_audits_the_start_page_and_the_sitemaps_pages(base):
    found = _discover(base, max_depth=0)
    assert found.pages == _expected_pages(base)[:5]
    assert Skipped(base + "contact.html", "beyond --max-depth") in found.skipped


def test_include_keeps_only_matching_pages_but_always_the_start_page(base):
    found = _discover(base, include=("/blog/*",))
    assert found.pages == [base, base + "blog/first-post.html", base + "blog/second-post.html"]
    assert Skipped(base + "about.html", "not matched by --include") in found.skipped


def test_start_url_redirect_decides_the_site(base):
    handler = type("Redirect", (_RedirectEverything,), {"to": base})
    with _serve(handler) as start:
        found = discover(start, CrawlOptions(exclude=("/drafts/*",)), access=Access(), timeout_s=10)
    # The start page is audited as it was named; the rest is the site it redirects to.
    assert found.pages == [start, *_expected_pages(base)[1:]]


def test_discover_obeys_block_external(base):
    access = Access(site_hosts=frozenset({"localhost"}), block_external=True)
    found = discover(base, CrawlOptions(), access=access, timeout_s=TIMEOUT_S)
    assert found.pages == [base]
    assert found.notes[-1] == (
        "No links of the start page were followed: "
        "could not be fetched: blocked: another host than the audited pages'."
    )


def test_a_malformed_response_is_reported_not_raised(base):
    found = _discover(base + "garbage")
    assert found.pages[0] == base + "garbage"
    problem = "No links of the start page were followed: could not be fetched: BadStatusLine"
    assert found.notes[-1].startswith(problem)


def test_an_unreachable_start_page_is_still_audited_with_a_note(refused_url):
    found = discover(refused_url, CrawlOptions(), access=Access(), timeout_s=TIMEOUT_S)
    assert found.pages == [refused_url]
    assert found.skipped == []
    robots, start = found.notes
    assert robots.startswith("robots.txt could not be read (ConnectionRefusedError")
    assert start.startswith("No links of the start page were followed: could not be fetched: ")


def test_discover_finds_a_hundred_linked_pages_in_breadth_first_order(tmp_path):
    # A home page linking to 10 sections of 9 articles each, no sitemap.
    sections = [f"s{i}" for i in range(10)]
    _write_page(tmp_path / "index.html", [f"/{s}/" for s in sections])
    for s in sections:
        _write_page(tmp_path / s / "index.html", [f"/{s}/a{j}.html" for j in range(9)])
        for j in range(9):
            _write_page(tmp_path / s / f"a{j}.html", ["/", f"/{s}/"])
    with _serve(functools.partial(_SlowSite, directory=str(tmp_path))) as start:
        found = discover(start, CrawlOptions(max_pages=101), access=Access(), timeout_s=10)
    articles = [f"{start}{s}/a{j}.html" for s in sections for j in range(9)]
    assert found.pages == [start, *[f"{start}{s}/" for s in sections], *articles]


def test_ignore_https_errors_lets_the_crawl_read_a_self_signed_site(tmp_path):
    site = tmp_path / "site"
    _write_page(site / "index.html", ["/a.html"])
    _write_page(site / "a.html", ["/"])
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    # A certificate from a test authority nobody trusts: a staging site's self-signed one.
    trustme.CA().issue_cert("127.0.0.1").configure_cert(context)
    with _serve(functools.partial(_SlowSite, directory=str(site)), context) as start:
        trusting = discover(start, CrawlOptions(), access=Access(ignore_https_errors=True),
                            timeout_s=TIMEOUT_S)  # fmt: skip
        strict = discover(start, CrawlOptions(), access=Access(), timeout_s=TIMEOUT_S)
    assert start.startswith("https://")
    assert trusting.pages == [start, start + "a.html"]
    assert strict.pages == [start]
    assert "CERTIFICATE_VERIFY_FAILED" in strict.notes[-1]


def _write_page(path: Path, links: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    anchors = "".join(f'<a href="{link}">{link}</a>' for link in links)
    path.write_text(f"<!doctype html><title>{path.name}</title>{anchors}", encoding="utf-8")
