"""Playwright's driver, started as soon as a command knows it will drive a browser.

The driver is a Node.js process that takes about half a second to come up (more on a busy
machine). Started on a thread of its own before the command reads its config, opens the
history and prepares its targets, it comes up while they are done instead of after them;
the run then goes on that thread's event loop, where the driver's objects live. Once the
command knows its targets it may launch the run's browser there too (`launch_early`), which
comes up while the history is opened. A command that never reaches its run (bad input,
nothing left to audit) stops the driver, and the browser with it, at exit.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import os
import threading
from collections.abc import Awaitable, Callable, Hashable
from concurrent.futures import Future
from typing import TypeVar

from playwright.async_api import Browser, Error, Playwright, async_playwright

T = TypeVar("T")
# How long a run interrupted with Ctrl-C is given to close its browsers, and the driver to stop.
STOP_WAIT_S = 20.0
# The driver's V8 lets its young generation grow to ~100 MB of garbage (the CDP messages it
# passes on) before collecting it: the driver held 248 MB at a 20-page crawl's peak, 128-144 MB
# with 2 MB semi-spaces; 4 MB keeps most of that (169 -> 130 MB on the five-page site) for no
# measurable CPU. Node.js reads it from NODE_OPTIONS, which Playwright passes to the driver.
DRIVER_NODE_OPTION = "--max-semi-space-size=4"


class _EarlyDriver:
    """The driver coming up on a thread with an event loop of its own."""

    def __init__(self) -> None:
        with_driver_options()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="playwright-driver", daemon=True
        )
        self._thread.start()
        self._starting: Future[Playwright] = asyncio.run_coroutine_threadsafe(
            async_playwright().start(), self._loop
        )

    def run(self, main: Callable[[Playwright], Awaitable[T]]) -> T:
        """`main(playwright)` on the driver's loop; its result or its exception."""
        playwright = self._starting.result()
        finished = threading.Event()

        async def running() -> T:
            try:
                return await main(playwright)
            finally:
                finished.set()

        future = asyncio.run_coroutine_threadsafe(running(), self._loop)
        try:
            return future.result()
        except KeyboardInterrupt:
            # As asyncio.run does: the run is cancelled and closes its browsers before the
            # interrupt goes on.
            future.cancel()
            finished.wait(STOP_WAIT_S)
            raise

    def launch(self, launching: Callable[[Playwright], Awaitable[Browser]]) -> Future[Browser]:
        """`launching(playwright)` started on the driver's loop."""

        async def launched() -> Browser:
            playwright = await asyncio.wrap_future(self._starting)
            return await launching(playwright)

        return self.call(launched())

    def call(self, coroutine: Awaitable[T]) -> Future[T]:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop)

    def stop(self) -> None:
        async def stopping() -> None:
            with contextlib.suppress(Error):
                playwright = await asyncio.wrap_future(self._starting)
                await playwright.stop()

        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(stopping(), self._loop).result(STOP_WAIT_S)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(STOP_WAIT_S)
        if not self._thread.is_alive():
            self._loop.close()


_early: _EarlyDriver | None = None
# A browser launched ahead of the run, with what it was launched for.
_early_browser: tuple[Hashable, Future[Browser]] | None = None
_lock = threading.Lock()


def start_early() -> None:
    """Start the driver now, for the next run of this process to use."""
    global _early
    with _lock:
        if _early is None:
            _early = _EarlyDriver()
            atexit.register(_stop_unused)


def launch_early(key: Hashable, launching: Callable[[Playwright], Awaitable[Browser]]) -> None:
    """Launch a browser now on the early driver, if there is one, for the run to take with
    `take_early_browser(key)`; `key` says what it was launched for."""
    global _early_browser
    with _lock:
        if _early is None:
            return
        previous, _early_browser = _early_browser, (key, _early.launch(launching))
        if previous is not None:  # an earlier command of this process that never ran
            _early.call(_closed(previous[1]))


async def take_early_browser(key: Hashable) -> Browser | None:
    """The browser launched early for `key`, on the run's loop; None when none was, or it was
    launched for something else (then closed) or could not be (the run's own launch then
    says why)."""
    global _early_browser
    with _lock:
        early, _early_browser = _early_browser, None
    if early is None:
        return None
    launched_for, launching = early
    if launched_for != key:
        await _closed(launching)
        return None
    try:
        return await asyncio.wrap_future(launching)
    except Exception:
        return None


async def _closed(launching: Future[Browser]) -> None:
    with contextlib.suppress(Exception):
        browser = await asyncio.wrap_future(launching)
        await browser.close()


def run_with_playwright(main: Callable[[Playwright], Awaitable[T]]) -> T:
    """`main(playwright)` with the driver started early when there is one (then stopped), else
    with a driver started now."""
    global _early, _early_browser
    with _lock:
        early, _early = _early, None
    if early is None:
        return asyncio.run(_with_fresh_driver(main))
    try:
        return early.run(main)
    finally:
        early.stop()
        with _lock:
            _early_browser = None  # not taken (a remote browser's run): gone with the driver


async def _with_fresh_driver(main: Callable[[Playwright], Awaitable[T]]) -> T:
    with_driver_options()
    async with async_playwright() as playwright:
        return await main(playwright)


def with_driver_options() -> None:
    """NODE_OPTIONS with the driver's option, for the drivers this process starts from now on
    (no other Node.js program is started by it); a size the user set is left as it is."""
    options = os.environ.get("NODE_OPTIONS", "")
    if "--max-semi-space-size" not in options:
        os.environ["NODE_OPTIONS"] = f"{options} {DRIVER_NODE_OPTION}".strip()


def _stop_unused() -> None:
    global _early
    with _lock:
        early, _early = _early, None
    if early is not None:
        early.stop()
