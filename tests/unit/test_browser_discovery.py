from __future__ import annotations

import pytest

from checker.gather.browser import (
    INSTALL_HINT,
    find_browser,
    host_resolver_rules,
    site_isolation_args,
)
from checker.model.errors import BrowserNotFoundError, UsageError


def _which(available: dict[str, str]):
    return lambda name: available.get(name)


def test_explicit_browser_wins_over_everything(tmp_path):
    chrome = tmp_path / "chrome"
    chrome.write_text("")
    found = find_browser(
        str(chrome),
        "/pw/chrome",
        environ={"READINESS_BROWSER": "/env"},
        which=_which({"chromium": "/usr/bin/chromium"}),
    )
    assert found == str(chrome)


def test_environment_variable_comes_before_playwright_and_system(tmp_path):
    chrome = tmp_path / "env-chrome"
    chrome.write_text("")
    found = find_browser(
        None,
        None,
        environ={"READINESS_BROWSER": str(chrome)},
        which=_which({"chromium": "/usr/bin/chromium"}),
    )
    assert found == str(chrome)


def test_playwright_browser_comes_before_system_browsers(tmp_path):
    own = tmp_path / "chrome"
    own.write_text("")
    found = find_browser(None, str(own), environ={}, which=_which({"chromium": "/usr/bin/x"}))
    assert found == str(own)


def test_missing_playwright_browser_falls_back_to_system_chromium(tmp_path):
    found = find_browser(
        None,
        str(tmp_path / "never-downloaded"),
        environ={},
        which=_which({"google-chrome": "/opt/google/chrome"}),
    )
    assert found == "/opt/google/chrome"


def test_no_browser_names_the_install_commands():
    with pytest.raises(BrowserNotFoundError) as info:
        find_browser(None, None, environ={}, which=_which({}))
    assert str(info.value) == INSTALL_HINT
    assert "playwright install chromium" in INSTALL_HINT
    assert "apt-get install -y chromium" in INSTALL_HINT


def test_explicit_path_that_is_not_a_file_is_a_usage_error():
    with pytest.raises(UsageError, match="--browser names '/no/chrome'"):
        find_browser("/no/chrome", None, environ={}, which=_which({}))


def test_host_resolver_rules_keep_only_the_audited_hosts():
    # Loopback too is another host: the browser must block what Access.is_blocked blocks.
    rules = host_resolver_rules({"shop.example", "127.0.0.1"})
    assert rules == "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE shop.example"
    assert "localhost" not in host_resolver_rules({"shop.example"})


def test_site_isolation_is_left_on_unless_one_host_alone_is_let_through():
    assert site_isolation_args(["127.0.0.1"]) == ["--disable-site-isolation-trials"]
    assert site_isolation_args(["example.com", "example.com"]) == [
        "--disable-site-isolation-trials"
    ]
    assert site_isolation_args(None) == []  # nothing blocked: frames of any site load
    assert site_isolation_args(["example.com", "cdn.example.net"]) == []
