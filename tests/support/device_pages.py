"""Device pages loaded in a real Chromium, for tests of what runs in a loaded page."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from playwright.async_api import async_playwright

from checker.demo.server import serve_directory
from checker.gather.access import Access
from checker.gather.browser import launch
from checker.gather.device_page import DevicePage, device_page
from checker.gather.devices import resolve


@contextlib.asynccontextmanager
async def loaded_pages(folder: Path, names: list[str]) -> AsyncIterator[list[DevicePage]]:
    """A phone's page for each of `names` (files of `folder`, served on 127.0.0.1), loaded
    in one browser, each in a context of its own."""
    async with async_playwright() as playwright:
        browser = await launch(playwright, None)
        device = resolve("iphone-se", playwright.devices)
        try:
            with serve_directory(folder) as base_url:
                async with contextlib.AsyncExitStack() as stack:
                    opened: list[DevicePage] = []
                    for name in names:
                        opening = device_page(browser, device, init_script="", access=Access())
                        opened.append(await stack.enter_async_context(opening))
                        await opened[-1].page.goto(f"{base_url}{name}")
                    yield opened
        finally:
            await browser.close()
