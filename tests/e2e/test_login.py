"""Pages behind a login: a session cookie, a header or a saved storage state gets the real
page; without them the site sends the visitor to its login form."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from typing import ClassVar

import pytest

from checker import Config, audit_urls
from tests.support.http_server import serving

ACCOUNT = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Your account</title>
</head><body><h1>Your orders</h1><img src="http://localhost:{port}/pixel.png" alt=""
width="1" height="1"></body></html>"""
LOGIN = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign in</title>
</head><body><form><input name="user" style="font-size:16px"></form></body></html>"""


class _SiteWithLogin(BaseHTTPRequestHandler):
    # Requests for the other host's pixel, with the Authorization header they carried.
    pixel_authorizations: ClassVar[list[str | None]] = []

    def do_GET(self) -> None:
        if self.path.startswith("/pixel.png"):
            self.pixel_authorizations.append(self.headers.get("Authorization"))
            self._send(404, "text/plain", "")
        elif self.path == "/account":
            cookies = self.headers.get("Cookie") or ""
            signed_in = "session=valid" in cookies or (
                self.headers.get("Authorization") == "Bearer valid"
            )
            if signed_in:
                self._send(200, "text/html", ACCOUNT.format(port=self.server.server_port))
            else:
                self.send_response(302)
                self.send_header("Location", "/login")
                self.send_header("Content-Length", "0")
                self.end_headers()
        else:
            self._send(200, "text/html", LOGIN)

    def _send(self, status: int, content_type: str, body: str) -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def account_url():
    with serving(_SiteWithLogin) as server:
        yield f"http://127.0.0.1:{server.server_port}/account"


def _audit(url: str, tmp_path, **login):
    config = Config(
        devices=("iphone-se",), speed_devices="none", timeout=20, output_dir=tmp_path, **login
    )
    (page,) = audit_urls([url], config).pages
    assert page.status == "ok", page.error
    return page


def test_without_a_session_the_login_form_is_what_gets_audited(account_url, tmp_path):
    page = _audit(account_url, tmp_path)
    assert page.final_url.endswith("/login")
    assert page.metadata["title"] == "Sign in"


def test_a_session_cookie_opens_the_real_page(account_url, tmp_path):
    page = _audit(account_url, tmp_path, cookies=("session=valid",))
    assert page.final_url == account_url
    assert page.metadata["title"] == "Your account"


def test_a_header_opens_the_real_page_and_stays_on_the_site(account_url, tmp_path):
    _SiteWithLogin.pixel_authorizations.clear()
    page = _audit(account_url, tmp_path, headers=("Authorization: Bearer valid",))
    assert page.metadata["title"] == "Your account"
    # The page's image on another host (localhost) was fetched without the credentials.
    assert _SiteWithLogin.pixel_authorizations == [None]


def test_a_saved_storage_state_opens_the_real_page(account_url, tmp_path):
    state = tmp_path / "state.json"
    cookie = {"name": "session", "value": "valid", "domain": "127.0.0.1", "path": "/"}
    state.write_text(json.dumps({"cookies": [cookie], "origins": []}))
    page = _audit(account_url, tmp_path / "report", storage_state=state)
    assert page.metadata["title"] == "Your account"


def test_secrets_are_not_written_into_the_report(account_url, tmp_path):
    _audit(account_url, tmp_path, cookies=("session=valid",), headers=("X-Token: t0ps3cret",))
    recorded = (tmp_path / "run.json").read_text() + (tmp_path / "results.jsonl").read_text()
    assert "t0ps3cret" not in recorded
    assert "session=valid" not in recorded
