"""DOM facts of the rendered page, in one evaluation in our own world."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

from playwright.async_api import Page

from checker.gather.device_page import IsolatedWorld
from checker.gather.in_page import collect
from checker.model.dom_facts import DomFacts
from checker.model.serde import from_data

# Enough for any real page; a hostile one is cut here and the cut is recorded.
CAPS = {
    "text_runs": 5000,
    "tap_targets": 5000,
    "images": 2000,
    "inputs": 1000,
    "overlays": 200,
    "embeds": 200,
    "wide_elements": 100,
    "render_blocking": 200,
}


# The events between click_listeners.js, in the page's world, and dom.js, in ours.
CLICK_TARGET_EVENTS = {"ask": "readiness:click-targets?", "reply": "readiness:click-target"}


@cache
def click_listener_script() -> str:
    """An init script that lets gather_dom see which elements got a click listener."""
    source = files("checker.gather").joinpath("click_listeners.js").read_text(encoding="utf-8")
    return f"({source})({json.dumps(CLICK_TARGET_EVENTS)});"


async def gather_dom(world: IsolatedWorld | Page) -> DomFacts:
    """The DOM facts of the document shown, read from our world (a page is given one)."""
    if isinstance(world, Page):
        world = await IsolatedWorld.attach(world.context, world)
    arg = {"caps": CAPS, "bridge": CLICK_TARGET_EVENTS}
    return from_data(DomFacts, await collect(world, "dom.js", arg))
