"""The run's browser: launched (or reached, a remote one) when the run starts, or taken from
an early launch made while the command prepared its run, and launched again if it dies."""

from __future__ import annotations

import asyncio
import contextlib

from playwright.async_api import Browser, Error, Playwright

from checker.config.settings import Config
from checker.gather.access import Access
from checker.gather.browser import launch
from checker.gather.remote import connect_remote
from checker.run.driver import launch_early, take_early_browser

# How long a browser is given to close before the run goes on without it.
CLOSE_WAIT_S = 15.0


def launch_browser_early(targets: list[str], config: Config) -> None:
    """Launch the browser a run of `config` on `targets` will use, now, on the driver started
    early (driver.py), so that it comes up while the caller opens the history; the run takes
    it if it was launched with the same rules, else launches its own."""
    if config.browser_endpoint is not None:
        return
    blocked_except = _blocked_except(config.access(targets))
    launch_early(
        (config.browser, blocked_except),
        lambda playwright: launch(playwright, config.browser, blocked_except=blocked_except),
    )


def _blocked_except(access: Access) -> frozenset[str] | None:
    return access.site_hosts if access.block_external else None


class RunBrowser:
    """The run's browser, launched again if it dies, so a crash costs only the pages it was
    loading."""

    def __init__(self, playwright: Playwright, config: Config, access: Access) -> None:
        self._playwright = playwright
        self._config = config
        self._access = access
        self._browser: Browser | None = None
        self._lock = asyncio.Lock()

    async def get(self) -> Browser:
        async with self._lock:
            if self._browser is None or not self._browser.is_connected():
                self._browser = await self._start()
            return self._browser

    async def _start(self) -> Browser:
        endpoint = self._config.browser_endpoint
        if endpoint is None:
            blocked_except = _blocked_except(self._access)
            early = await take_early_browser((self._config.browser, blocked_except))
            if early is not None and early.is_connected():
                return early
            return await launch(
                self._playwright, self._config.browser, blocked_except=blocked_except
            )
        # A browser someone else runs (a grid, a pool): waited on within --timeout while busy.
        return await connect_remote(self._playwright.chromium, endpoint, self._config.timeout)

    async def close(self) -> None:
        if self._browser is not None:
            with contextlib.suppress(Error, TimeoutError):
                await asyncio.wait_for(self._browser.close(), CLOSE_WAIT_S)
