"""A page hands its turn to the next page once its observing phone's accessibility pass is all
it has left, and runs that pass once the next page's observed load has ended; a large page,
and a page that must load again for a speed run, keep their turn to their end. Real runs of
two pages, one at a time, timed by the server's requests and each device pass's end."""

from __future__ import annotations

import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from checker import Config, audit_urls
from checker.gather.pass_turns import LARGE_PAGE_ELEMENTS
from tests.support.http_server import serving

PAIR = ("iphone-se", "pixel-7")
HEAD = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
    'content="width=device-width, initial-scale=1"><title>{title}</title></head><body>'
)
SLOW_IMAGE_S = 1.0
PAGES = {
    "/small.html": HEAD.format(title="Small") + "<h1>Small</h1><p>A short page.</p></body></html>",
    # Its load event waits for an image the server sends after SLOW_IMAGE_S.
    "/slow.html": HEAD.format(title="Slow") + '<h1>Slow</h1><img src="/slow.gif" alt="A dot" '
    'width="10" height="10"></body></html>',
    "/large.html": HEAD.format(title="Large")
    + "<h1>Large</h1>"
    + "<p><span>word</span></p>" * (LARGE_PAGE_ELEMENTS // 2 + 50)
    + "</body></html>",
}
GIF = bytes.fromhex(  # one white pixel
    "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b"
)


class _TimedSite(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        phone = "iphone" if "iPhone" in (self.headers.get("User-Agent") or "") else "other"
        navigation = self.headers.get("Sec-Fetch-Mode") == "navigate"
        self.server.log.append((time.monotonic(), "request", self.path, phone, navigation))
        if self.path == "/slow.gif":
            time.sleep(SLOW_IMAGE_S)
            body, kind = GIF, "image/gif"
        else:
            body, kind = PAGES.get(self.path, "").encode(), "text/html; charset=utf-8"
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.server.log.append((time.monotonic(), "sent", self.path, phone, navigation))

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[ThreadingHTTPServer]:
    with serving(_TimedSite) as server:
        server.log = []
        yield server


class _Timeline:
    def __init__(self, server: ThreadingHTTPServer) -> None:
        self.base = f"http://127.0.0.1:{server.server_port}"
        self.server = server
        self.passes_ended: dict[tuple[str, str], float] = {}

    def pass_ended(self, url: str, device: str) -> None:
        self.passes_ended[(url.removeprefix(self.base), device)] = time.monotonic()

    def navigations(self, path: str, phone: str = "iphone") -> list[float]:
        return [
            at
            for at, what, where, who, navigation in self.server.log
            if what == "request" and where == path and who == phone and navigation
        ]

    def first_sent(self, path: str, phone: str = "iphone") -> float:
        return min(
            at
            for at, what, where, who, _ in self.server.log
            if what == "sent" and where == path and who == phone
        )


def _audit(site: ThreadingHTTPServer, tmp_path, paths: list[str], **settings) -> _Timeline:
    timeline = _Timeline(site)
    config = Config(block_external=True, timeout=20, concurrency=1, output_dir=tmp_path, **settings)
    urls = [timeline.base + path for path in paths]
    run = audit_urls(urls, config, on_progress=timeline.pass_ended)
    assert [page.status for page in run.pages] == ["ok", "ok"], [p.error for p in run.pages]
    return timeline


def test_a_page_hands_its_turn_on_for_its_observing_phones_last_pass(site, tmp_path):
    timeline = _audit(site, tmp_path, ["/small.html", "/slow.html"], devices=PAIR)

    (next_load,) = timeline.navigations("/slow.html")
    # The first page's other device was done before the next page began to load...
    assert timeline.passes_ended[("/small.html", "pixel-7")] < next_load
    # ...and its observing phone's last pass ended after that,
    assert next_load < timeline.passes_ended[("/small.html", "iphone-se")]
    # run once the next page's observed load had its files: its load had the browser alone.
    assert timeline.first_sent("/slow.gif") < timeline.passes_ended[("/small.html", "iphone-se")]


def test_a_large_page_keeps_its_turn_to_its_end(site, tmp_path):
    timeline = _audit(site, tmp_path, ["/large.html", "/small.html"], devices=PAIR)

    (next_load,) = timeline.navigations("/small.html")
    assert timeline.passes_ended[("/large.html", "iphone-se")] < next_load


def test_a_page_with_a_speed_run_of_its_own_keeps_its_turn(site, tmp_path):
    timeline = _audit(site, tmp_path, ["/small.html", "/slow.html"], devices=("iphone-se",), runs=2)

    first_page_loads = timeline.navigations("/small.html")
    assert len(first_page_loads) == 2  # the observed layout load, then a speed run
    (next_load,) = timeline.navigations("/slow.html")[:1]
    assert max(first_page_loads) < next_load
