"""The simulated speed run is the first phone's own layout load, observed until the page is
quiet: no fourth load of the page. Applied throttling still needs a load of its own."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from checker import Config, audit_urls
from tests.support.http_server import serving

PAGE = b"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Observed</title>
</head><body><h1>Observed load</h1><p>One paragraph of text to paint.</p></body></html>"""


class _CountingSite(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        # A browser's page load is the only request sent with Sec-Fetch-Mode: navigate (the
        # crawlers' and the resource measurement's fetches are not browsers).
        if self.headers.get("Sec-Fetch-Mode") == "navigate":
            with self.server.lock:
                self.server.navigations.append(self.headers.get("User-Agent") or "")
        body = PAGE if self.path == "/" else b""
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[ThreadingHTTPServer]:
    with serving(_CountingSite) as server:
        server.lock = threading.Lock()
        server.navigations = []
        yield server


def _audit(server: ThreadingHTTPServer, tmp_path, **settings):
    config = Config(block_external=True, timeout=20, output_dir=tmp_path, **settings)
    (page,) = audit_urls([f"http://127.0.0.1:{server.server_port}/"], config).pages
    assert page.status == "ok", page.error
    return page


def test_simulated_run_reuses_the_first_phones_layout_load(site, tmp_path):
    page = _audit(site, tmp_path, throttle="slow-4g", throttle_method="simulate")

    assert len(site.navigations) == 3  # iphone-se, pixel-7, ipad-mini: one load each
    (phone,) = [d for d in page.devices if d.device == "iphone-se"]
    fcp = phone.audits["first-contentful-paint"]
    assert fcp.score is not None and fcp.value > 0
    assert fcp.details.method == "simulated"


def test_applied_throttling_loads_the_page_once_more(site, tmp_path):
    _audit(site, tmp_path, devices=("iphone-se",), throttle="slow-4g", throttle_method="apply")

    assert len(site.navigations) == 2  # the layout load, then the throttled one


def test_further_runs_are_loads_of_their_own(site, tmp_path):
    _audit(site, tmp_path, devices=("iphone-se",), throttle_method="simulate", runs=3)

    assert len(site.navigations) == 3  # the observed layout load + 2 more runs
