"""Orientation (WCAG 1.3.4): the loaded page read upright, with the phone turned to landscape,
and upright again; what changed is the facts."""

from __future__ import annotations

from typing import Any

from playwright.async_api import Error

from checker.gather.device_page import DevicePage
from checker.gather.in_page import collect
from checker.gather.screen import ensure_restored, screen_state, settle
from checker.model.orientation_facts import OrientationFacts, OrientationView
from checker.model.serde import from_data

MAX_TEXT_NODES = 20_000
# Elements whose transform is read: every element of a large page.
MAX_ELEMENTS = 30_000
CAPS = {"rotated": 20, "hidden": 20}


async def gather_orientation(opened: DevicePage) -> OrientationFacts:
    page, world = opened.page, opened.world
    viewport = page.viewport_size
    if viewport is None:
        raise Error("the page has no fixed viewport to turn")
    before = await screen_state(world)
    upright = await collect(world, "orientation.js", _arg("portrait"))
    portrait = from_data(OrientationView, upright["view"])
    if viewport["width"] >= viewport["height"]:
        # Already wider than tall: a desktop window, which nobody turns.
        return OrientationFacts(portrait=portrait)
    try:
        # Playwright's own resize of a mobile context is the phone turned: width and height
        # swapped, the screen's orientation landscape-primary at 90 degrees, still mobile.
        await page.set_viewport_size({"width": viewport["height"], "height": viewport["width"]})
        await settle(world)
        data = await collect(world, "orientation.js", _arg("landscape"))
    finally:
        await page.set_viewport_size(viewport)
    await ensure_restored(world, before, "orientation")
    after = await collect(world, "orientation.js", _arg("after"))
    for covering, upright_after in zip(data["covering"], after["upright_after"], strict=True):
        covering["upright_after"] = upright_after
    for hidden, box in zip(data["hidden"], after["hidden_boxes"], strict=True):
        hidden["element"]["box"] = box
    return from_data(OrientationFacts, data)


def _arg(phase: str) -> dict[str, Any]:
    return {
        "phase": phase,
        "max_text_nodes": MAX_TEXT_NODES,
        "max_elements": MAX_ELEMENTS,
        "caps": CAPS,
    }
