"""The main document's HTML when the browser cannot give its body: the race seen on about 3% of
real pages ("No resource with given identifier found") is simulated by a response whose
body() raises Playwright's error; the fetch again goes to a server on 127.0.0.1."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.async_api import Error

from checker.gather.access import Access
from checker.gather.device_page import PageEvents
from checker.gather.page import _document_html
from checker.model.snapshot import DeviceInfo
from tests.support.http_server import serving

BODY_GONE = "Protocol error (Network.getResponseBody): No resource with given identifier found"
PHONE = DeviceInfo("iphone-se", 375, 667, 2, True, True, "Mozilla/5.0 (iPhone) test")
# Latin-1 bytes: decoded right only if the charset the server names is used.
PAGE = "<!doctype html><title>Café</title><p>Crème</p>".encode("latin-1")


class _Site(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.server.user_agents.append(self.headers.get("User-Agent"))
        if self.path == "/page":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=iso-8859-1")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)
        else:
            self.send_response(503)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[ThreadingHTTPServer]:
    with serving(_Site) as server:
        server.user_agents = []
        yield server


class _Response:
    """The one call of a Playwright Response that _document_html makes, failing."""

    def __init__(self, url: str) -> None:
        self.url = url

    async def body(self) -> bytes:
        raise Error(BODY_GONE)


def _html(url: str, access: Access | None = None, events: PageEvents | None = None):
    return asyncio.run(
        _document_html(
            events or PageEvents(),
            _Response(url),  # type: ignore[arg-type]
            {"content-type": "text/html"},
            PHONE,
            access or Access(),
            timeout_s=5,
        )
    )


def _url(site: ThreadingHTTPServer, path: str) -> str:
    return f"http://127.0.0.1:{site.server_port}{path}"


def test_a_body_the_browser_let_go_of_is_fetched_again_as_the_device(site):
    html, failure = _html(_url(site, "/page"))
    assert failure is None
    assert html == "<!doctype html><title>Café</title><p>Crème</p>"
    assert site.user_agents == [PHONE.user_agent]


def test_a_body_that_cannot_be_fetched_again_is_an_unreadable_document(site):
    html, failure = _html(_url(site, "/gone"))
    assert html == ""
    assert (failure.gatherer, failure.kind) == ("document", "unreadable")
    assert "HTTP 503" in failure.message
    assert "identifier" not in failure.message  # the protocol's words stay out of the report


def test_a_logged_in_page_is_not_fetched_again_without_its_login(site):
    access = Access(site_hosts=frozenset({"127.0.0.1"}), headers={"Authorization": "Bearer x"})
    html, failure = _html(_url(site, "/page"), access)
    assert html == ""
    assert (failure.gatherer, failure.kind) == ("document", "unreadable")
    assert "login" in failure.message
    assert site.user_agents == []


def test_a_crashed_tab_is_left_to_say_so(site):
    events = PageEvents(crashed=True)
    with pytest.raises(Error, match="No resource"):
        _html(_url(site, "/page"), events=events)
    assert site.user_agents == []
