"""The browser as readiness launches it: Playwright's disabled features kept, and no address
bar popups loaded as pages of their own in each context's window."""

from __future__ import annotations

import asyncio
import re

from playwright.async_api import Browser, async_playwright

from checker.gather.browser import LAUNCH_ARGS, find_browser, launch
from checker.gather.chromium_features import UNSEEN_UI_FEATURES

_DISABLED = re.compile(r'--disable-features="([^"]*)"')


async def _disabled_features(browser: Browser) -> set[str]:
    """The features Chromium says it runs without (chrome://version's variations)."""
    context = await browser.new_context()
    page = await context.new_page()
    await page.goto("chrome://version/?show-variations-cmd")
    text = await page.inner_text("body")
    await context.close()
    (names,) = _DISABLED.findall(text)
    return set(names.split(","))


async def _ui_targets(browser: Browser) -> list[str]:
    """The browser's own UI loaded as web pages once a context has a page open."""
    session = await browser.new_browser_cdp_session()
    context = await browser.new_context()
    await (await context.new_page()).goto("data:text/html,<p>page</p>")
    targets = (await session.send("Target.getTargets"))["targetInfos"]
    await context.close()
    return [t["url"] for t in targets if t["type"] == "browser_ui"]


async def _compare() -> tuple[set[str], set[str], list[str]]:
    async with async_playwright() as playwright:
        executable = find_browser(None, None)
        plain = await playwright.chromium.launch(executable_path=executable, args=[*LAUNCH_ARGS])
        ours = await launch(playwright, None)
        try:
            return (
                await _disabled_features(plain),
                await _disabled_features(ours),
                await _ui_targets(ours),
            )
        finally:
            await plain.close()
            await ours.close()


def test_readiness_browser_keeps_playwrights_features_off_and_loads_no_popup_pages():
    plain_off, ours_off, ours_ui = asyncio.run(_compare())
    assert "PaintHolding" in plain_off  # what Playwright turns off, Chromium reports
    assert plain_off <= ours_off
    assert set(UNSEEN_UI_FEATURES) <= ours_off
    assert ours_ui == []
