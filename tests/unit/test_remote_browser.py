"""--browser-endpoint: a Playwright server of another major.minor is refused in one line that
says what to run; a busy pool is tried again with growing pauses within --timeout."""

from __future__ import annotations

import asyncio
import re
import tomllib
from pathlib import Path

import pytest
from playwright.async_api import Error

from checker.gather import remote
from checker.gather.remote import connect_with_patience, mismatch_message, version_mismatch
from checker.model.errors import BrowserNotFoundError

ENDPOINT = "ws://pool.example:3000/"
# What a Playwright 1.48 server answered Playwright 1.65's handshake (run-server, 1.65.1's box).
REFUSAL = """BrowserType.connect: WebSocket error: ws://127.0.0.1:47112/ 428 Precondition Required
╔════════════════════════════════════════════════════╗
║ Playwright version mismatch:                       ║
║   - server version: v1.48                          ║
║   - client version: v1.65                          ║
║                                                    ║
║ If you are using VSCode extension, restart VSCode. ║
╚════════════════════════════════════════════════════╝
Call log:
  - <ws connecting> ws://127.0.0.1:47112/"""
BUSY = "BrowserType.connect: WebSocket error: ws://pool.example:3000/ 429 Too Many Requests\nCall"


def test_the_versions_are_read_from_the_servers_428():
    assert version_mismatch(REFUSAL) == ((1, 48), (1, 65))
    assert version_mismatch(BUSY) is None
    assert version_mismatch("Timeout 30000ms exceeded.") is None


def test_the_mismatch_line_says_what_to_run_on_either_side():
    line = mismatch_message(ENDPOINT, (1, 48), (1, 65))
    assert "\n" not in line
    assert line.startswith(
        f"The Playwright server at {ENDPOINT} runs Playwright 1.48 and readiness drives 1.65"
    )
    assert "`npx -y playwright@1.65 run-server`" in line
    assert "mcr.microsoft.com/playwright:v1.65.*-noble" in line
    assert "`pip install 'playwright==1.48.*'` where readiness runs" in line


def test_a_server_older_than_readiness_supports_is_told_to_upgrade_only():
    line = mismatch_message(ENDPOINT, (1, 40), (1, 65))
    assert "pip install" not in line
    assert "playwright@1.65" in line


def test_the_oldest_playwright_is_the_projects_requirement():
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    (requirement,) = [d for d in pyproject["project"]["dependencies"] if d.startswith("playwright")]
    major, minor = re.search(r">=(\d+)\.(\d+)", requirement).groups()
    assert (int(major), int(minor)) == remote.OLDEST_PLAYWRIGHT


class Attempts:
    """A connect that fails with the given texts, in order, then succeeds."""

    def __init__(self, *failures: str) -> None:
        self.failures = list(failures)
        self.timeouts: list[float] = []

    async def __call__(self, timeout_ms: float) -> str:
        self.timeouts.append(timeout_ms)
        if self.failures:
            raise Error(self.failures.pop(0))
        return "browser"


def _connect(attempts, timeout_s=30.0, slept=None):
    async def sleep(seconds: float) -> None:
        if slept is not None:
            slept.append(seconds)

    return asyncio.run(connect_with_patience(attempts, ENDPOINT, timeout_s, sleep=sleep))


def test_a_busy_pool_is_tried_again_with_growing_pauses_until_it_accepts():
    slept: list[float] = []
    attempts = Attempts(
        BUSY, BUSY, BUSY.replace("429 Too Many Requests", "503 Service Unavailable")
    )
    assert _connect(attempts, slept=slept) == "browser"
    assert len(attempts.timeouts) == 4
    # 0.5, 1 and 2 s, each give or take a fifth, so shards started together spread out.
    for pause, base in zip(slept, (0.5, 1.0, 2.0), strict=True):
        assert 0.8 * base <= pause <= 1.2 * base
    assert all(t <= 30_000 for t in attempts.timeouts)


def test_a_pool_that_stays_busy_past_the_timeout_is_one_line():
    attempts = Attempts(*[BUSY] * 1000)

    async def sleep(seconds: float) -> None:
        await asyncio.sleep(seconds / 100)  # the clock still runs: a short --timeout ends it

    with pytest.raises(BrowserNotFoundError) as error:
        asyncio.run(connect_with_patience(attempts, ENDPOINT, 0.3, sleep=sleep))
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"The browser pool at {ENDPOINT} stayed busy (HTTP 429 to ")
    assert "within --timeout 0.3" in message


def test_a_refusal_for_the_version_is_not_tried_again():
    attempts = Attempts(REFUSAL)
    with pytest.raises(BrowserNotFoundError, match=r"runs Playwright 1\.48 and readiness drives"):
        _connect(attempts)
    assert len(attempts.timeouts) == 1


def test_a_pool_that_holds_the_connection_past_the_timeout_says_so():
    attempts = Attempts("BrowserType.connect: Timeout 30000ms exceeded.\nCall log:")
    with pytest.raises(BrowserNotFoundError, match="did not accept the connection within"):
        _connect(attempts)


def test_another_failure_is_its_first_line():
    attempts = Attempts("BrowserType.connect: connect ECONNREFUSED 127.0.0.1:9\nCall log:")
    with pytest.raises(BrowserNotFoundError) as error:
        _connect(attempts)
    assert str(error.value) == (
        f"Cannot connect to the browser at {ENDPOINT}: BrowserType.connect: connect "
        "ECONNREFUSED 127.0.0.1:9"
    )
