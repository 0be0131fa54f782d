"""Logins: headers and cookies for the audited sites only, storage state as Playwright saves it."""

from __future__ import annotations

import json

import pytest

from checker.gather.access import build_access
from checker.model.errors import UsageError

SITE = "https://shop.example.com/account"


def test_headers_go_to_the_audited_site_only():
    access = build_access([SITE], headers=["Authorization: Bearer abc"])
    assert access.headers == {"Authorization": "Bearer abc"}
    assert access.gets_headers("https://shop.example.com/api/cart")
    assert not access.gets_headers("https://www.google-analytics.com/collect")


def test_cookies_are_set_for_every_audited_host():
    access = build_access([SITE, "http://127.0.0.1:8000/"], cookies=["session=s3cr=t"])
    cookies = access.storage_state["cookies"]
    assert {(c["name"], c["value"], c["domain"]) for c in cookies} == {
        ("session", "s3cr=t", "127.0.0.1"),
        ("session", "s3cr=t", "shop.example.com"),
    }


def test_storage_state_and_cookies_are_combined(tmp_path):
    state = {
        "cookies": [{"name": "a", "value": "1", "domain": "shop.example.com", "path": "/"}],
        "origins": [{"origin": "https://shop.example.com", "localStorage": []}],
    }
    path = tmp_path / "state.json"
    path.write_text(json.dumps(state))
    access = build_access([SITE], cookies=["b=2"], storage_state=path)
    assert [c["name"] for c in access.storage_state["cookies"]] == ["a", "b"]
    assert access.storage_state["origins"] == state["origins"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"headers": ["no colon"]}, "must look like NAME:VALUE"),
        ({"headers": ["Bad Name: x"]}, "must look like NAME:VALUE"),
        ({"headers": ["X-Split: a\r\nInjected: b"]}, "cannot span lines"),
        ({"cookies": ["novalue"]}, "must look like NAME=VALUE"),
        ({"cookies": ["a=b; Domain=evil.com"]}, "cannot contain ';'"),
    ],
)
def test_malformed_headers_and_cookies_are_usage_errors(options, message):
    with pytest.raises(UsageError, match=message):
        build_access([SITE], **options)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "is not JSON"),
        ('{"cookies": {}}', "not in Playwright's format"),
        ('{"cookies": [{"name": "a"}]}', "needs a name and a value"),
        ('{"cookies": [{"name": "a", "value": "1"}]}', "has no domain"),
    ],
)
def test_a_bad_storage_state_file_is_a_usage_error(tmp_path, content, message):
    path = tmp_path / "state.json"
    path.write_text(content)
    with pytest.raises(UsageError, match=message):
        build_access([SITE], storage_state=path)


def test_a_missing_storage_state_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="Cannot read --storage-state"):
        build_access([SITE], storage_state=tmp_path / "none.json")


def test_block_external_blocks_other_hosts_but_not_inline_data():
    access = build_access([SITE], block_external=True)
    assert access.is_blocked("https://cdn.example.net/app.js")
    assert not access.is_blocked("https://shop.example.com/app.js")
    assert not access.is_blocked("data:image/png;base64,AAAA")
