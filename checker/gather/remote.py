"""A browser someone else runs (--browser-endpoint): connected to when it fits, waited on while
its pool is busy, and refused in one line a person can act on when it does not fit.

A Playwright server (`playwright run-server`, `launchServer`, a browserless-style pool) only
accepts a client of its own major.minor version. It says which versions differ in one place:
its answer to the WebSocket handshake, HTTP 428 with both versions in the body (its HTTP
page answers "Running" and /json names only its path, never its version). So the handshake
readiness sends to connect is the check: nothing starts on the server before it, and a 428 is
turned into the line that says what to install. A pool that is full answers 429 (browserless,
beyond its queue) or 503, or holds the handshake until a browser frees (its queue): readiness
tries again with a growing pause and waits in all for at most --timeout."""

from __future__ import annotations

import asyncio
import random
import re
import time
from collections.abc import Awaitable, Callable
from importlib import metadata

from playwright.async_api import Browser, BrowserType, Error

from checker.model.errors import BrowserNotFoundError

# pyproject.toml's requirement: a server older than this has no client readiness runs on.
OLDEST_PLAYWRIGHT = (1, 45)
FIRST_PAUSE_S = 0.5  # before the second try; doubled after each busy answer
LONGEST_PAUSE_S = 8.0
LAST_TRY_S = 1.0  # the least time left worth a try: the handshake of a free pool takes less
BUSY_STATUSES = ("429", "503")

_VERSIONS = re.compile(r"server version: v?(\d+)\.(\d+).*?client version: v?(\d+)\.(\d+)", re.S)
_STATUS = re.compile(r"(?:WebSocket error: \S+|Unexpected status) (\d{3})\b")
_TIMEOUT = re.compile(r"Timeout \d+(?:\.\d+)?ms exceeded")


async def connect_remote(browser_type: BrowserType, endpoint: str, timeout_s: float) -> Browser:
    """The browser at `endpoint`: a DevTools endpoint (http(s)://, or a ws:// address with
    /devtools/browser/) over CDP, else a Playwright server; a BrowserNotFoundError in one
    line when it does not fit, stays busy past `timeout_s`, or does not answer."""
    if endpoint.startswith(("http://", "https://")) or "/devtools/browser/" in endpoint:

        def connect(timeout_ms: float) -> Awaitable[Browser]:
            return browser_type.connect_over_cdp(endpoint, timeout=timeout_ms)

    else:

        def connect(timeout_ms: float) -> Awaitable[Browser]:
            return browser_type.connect(endpoint, timeout=timeout_ms)

    return await connect_with_patience(connect, endpoint, timeout_s)


async def connect_with_patience(
    connect: Callable[[float], Awaitable[Browser]],
    endpoint: str,
    timeout_s: float,
    *,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> Browser:
    """`connect(timeout_ms)` tried until it succeeds, or fails other than busy, or
    `timeout_s` has gone by (what the tries and pauses took counted together)."""
    deadline = time.monotonic() + timeout_s
    pause = FIRST_PAUSE_S
    tries = 0
    while True:
        tries += 1
        left = max(deadline - time.monotonic(), 0.001)
        try:
            return await connect(left * 1000)
        except Error as exc:
            text = str(exc)
        mismatch = version_mismatch(text)
        if mismatch is not None:
            raise BrowserNotFoundError(mismatch_message(endpoint, *mismatch)) from None
        status = _status(text)
        waited = timeout_s - (deadline - time.monotonic())
        if status in BUSY_STATUSES:
            left = deadline - time.monotonic()
            if left > LAST_TRY_S:  # the last pause is cut short, to try once more in time
                wait = pause * random.uniform(0.8, 1.2)  # shards started together spread out
                await sleep(min(wait, left - LAST_TRY_S))
                pause = min(pause * 2, LONGEST_PAUSE_S)
                continue
            raise BrowserNotFoundError(
                f"The browser pool at {endpoint} stayed busy (HTTP {status} to {tries} tries "
                f"over {waited:.0f} s, within --timeout {timeout_s:g}): give it fewer clients "
                "at once or more browsers, or raise --timeout."
            ) from None
        if _TIMEOUT.search(text):
            raise BrowserNotFoundError(
                f"The browser at {endpoint} did not accept the connection within --timeout "
                f"{timeout_s:g} s (a pool that queues keeps it waiting while it is full): "
                "raise --timeout, or give the pool more browsers."
            ) from None
        first_line = (text.strip().splitlines() or ["no answer"])[0]
        raise BrowserNotFoundError(
            f"Cannot connect to the browser at {endpoint}: {first_line[:200]}"
        ) from None


def version_mismatch(text: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(server, client) major.minor from a Playwright server's 428 refusal, else None."""
    if "428" not in text:
        return None
    found = _VERSIONS.search(text)
    if found is None:
        return None
    numbers = [int(n) for n in found.groups()]
    return (numbers[0], numbers[1]), (numbers[2], numbers[3])


def mismatch_message(endpoint: str, server: tuple[int, int], client: tuple[int, int]) -> str:
    """One line: which versions differ, and what to run on either side."""
    theirs, ours = ".".join(map(str, server)), ".".join(map(str, client))
    remedy = (
        f"run the server of Playwright {ours} (`npx -y playwright@{ours} run-server`, or an "
        f"mcr.microsoft.com/playwright:v{ours}.*-noble image)"
    )
    if server >= OLDEST_PLAYWRIGHT:
        remedy += f", or `pip install 'playwright=={theirs}.*'` where readiness runs"
    return (
        f"The Playwright server at {endpoint} runs Playwright {theirs} and readiness drives "
        f"{ours}; they must match in major.minor: {remedy}."
    )


def client_version() -> str:
    """The Playwright readiness drives, as pip installed it."""
    try:
        return metadata.version("playwright")
    except metadata.PackageNotFoundError:
        return ""


def _status(text: str) -> str | None:
    found = _STATUS.search(text)
    return found.group(1) if found else None
