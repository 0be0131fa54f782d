"""Reflow (WCAG 1.4.10): the loaded page laid out 320 CSS px wide, as a 1280 px window zoomed
to 400% is, and what it shows past the edge of that screen; then the device's screen again."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from playwright.async_api import CDPSession, Error

from checker.gather.device_page import DevicePage, IsolatedWorld
from checker.gather.in_page import collect
from checker.gather.screen import ensure_restored, screen_state, settle
from checker.model.reflow_facts import ReflowFacts
from checker.model.serde import from_data

# WCAG 1.4.10: 320 CSS px wide for text in horizontal lines, 256 px tall for vertical ones
# (a 1280 x 1024 window at 400%).
REFLOW_WIDTH = 320
REFLOW_HEIGHT = 256
# Text nodes measured: a long article has a few thousand.
MAX_TEXT_NODES = 20_000
# Elements named per kind (overflow, cut-off, exempt); the rest are counted.
CAPS = {"overflow": 50, "cut-off": 50, "exempt": 50}


async def gather_reflow(opened: DevicePage) -> ReflowFacts:
    async with _laid_out(opened, REFLOW_WIDTH, None) as world:
        data = await collect(world, "reflow.js", _arg("x"))
    if data.pop("vertical", False):
        # Text in vertical lines scrolls sideways by design: the second dimension is down.
        async with _laid_out(opened, REFLOW_WIDTH, REFLOW_HEIGHT) as world:
            data = await collect(world, "reflow.js", _arg("y"))
            data.pop("vertical", None)
    return from_data(ReflowFacts, data)


def _arg(axis: str) -> dict[str, Any]:
    return {"axis": axis, "max_text_nodes": MAX_TEXT_NODES, "caps": CAPS}


@asynccontextmanager
async def _laid_out(
    opened: DevicePage, width: int, height: int | None
) -> AsyncIterator[IsolatedWorld]:
    """The page laid out `width` x `height` CSS px (the device's height when None) while
    the block runs; then the device's own screen again, checked."""
    page, world = opened.page, opened.world
    viewport = page.viewport_size
    if viewport is None:
        raise Error("the page has no fixed viewport to narrow")
    before = await screen_state(world)
    session = await opened.context.new_cdp_session(page)
    try:
        # mobile: false lays the page out at the window's width whatever its viewport meta
        # tag says, as a desktop browser zoomed to 400% does. With mobile: true a tag with a
        # fixed width (or none: 980 px on a phone) is laid out that wide and shrunk to fit,
        # which is the phone's way of showing it (the layout audits judge that), not the
        # reflow WCAG asks for. The device's height and scale are kept.
        size = {"width": width, "height": height or viewport["height"]}
        await session.send(
            "Emulation.setDeviceMetricsOverride",
            {
                **size,
                "deviceScaleFactor": before[2],
                "mobile": False,
                "screenWidth": size["width"],
                "screenHeight": size["height"],
                "screenOrientation": {"type": "portraitPrimary", "angle": 0},
            },
        )
        await settle(world)
        yield world
    finally:
        await _restore(opened, session, viewport)
    await ensure_restored(world, before, "reflow")


async def _restore(opened: DevicePage, session: CDPSession, viewport: dict[str, int]) -> None:
    # Emulation is one state per page, whichever session set it: clearing ours clears
    # Playwright's too, and Playwright sends its own again only when its size changes (it
    # skips a size it believes is set). So clear, let go of our session, and have Playwright
    # set the device's size through a pixel's detour.
    try:
        await session.send("Emulation.clearDeviceMetricsOverride")
    finally:
        await session.detach()
    page = opened.page
    await page.set_viewport_size({"width": viewport["width"], "height": viewport["height"] + 1})
    await page.set_viewport_size(viewport)
