"""The browser as readiness launches it: Playwright's disabled features kept, no address
bar popups loaded as pages of their own in each context's window, and no renderer for each
blocked frame when only the audited host is let through."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from playwright.async_api import Browser, async_playwright

from checker.demo.server import serve_directory
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


async def _renderers_for(url: str, allowed_hosts: set[str]) -> tuple[int, list[str]]:
    """The renderers running once `url` loaded in a browser letting only `allowed_hosts`
    through, and the text of its frames (the blocked ones show an error page)."""
    async with async_playwright() as playwright:
        browser = await launch(playwright, None, blocked_except=allowed_hosts)
        try:
            page = await (await browser.new_context()).new_page()
            await page.goto(url)
            session = await browser.new_browser_cdp_session()
            processes = (await session.send("SystemInfo.getProcessInfo"))["processInfo"]
            texts = [await frame.evaluate("document.body.innerText") for frame in page.frames]
            return sum(p["type"] == "renderer" for p in processes), texts
        finally:
            await browser.close()


def _framing_page(tmp_path: Path) -> Path:
    (tmp_path / "frame.html").write_text("<p>framed</p>")
    frames = "".join(
        f'<iframe src="http://{host}/"></iframe>' for host in ("ads.invalid", "b.test", "c.test")
    )
    (tmp_path / "page.html").write_text(
        f'<p>page</p>{frames}<iframe src="http://localhost:__PORT__/frame.html"></iframe>'
    )
    return tmp_path


def test_one_host_let_through_gives_blocked_frames_no_renderer_of_their_own(tmp_path):
    with serve_directory(_framing_page(tmp_path)) as base:
        port = base.rstrip("/").rsplit(":", 1)[1]
        page = tmp_path / "page.html"
        page.write_text(page.read_text().replace("__PORT__", port))
        alone, _ = asyncio.run(_renderers_for(f"{base}page.html", {"127.0.0.1"}))
        beside, texts = asyncio.run(_renderers_for(f"{base}page.html", {"127.0.0.1", "localhost"}))
    assert alone == 1  # the page and its four frames (three blocked, localhost too)
    # With another host let through, its frame loads in a renderer of its own, as in
    # Chrome on a desktop and in Lighthouse: its work is not the page's main thread's.
    assert "framed" in texts
    assert beside > 2
