"""DOM facts of the rendered page, in one page.evaluate."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

from playwright.async_api import Page

from checker.serde import from_data
from checker.snapshot import DomFacts

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


@cache
def _script() -> str:
    collector = files("checker.gather").joinpath("dom.js").read_text(encoding="utf-8")
    # One JSON string crosses the protocol instead of thousands of small objects, which
    # Playwright would otherwise validate one by one (seconds on a large page).
    return f"(caps) => JSON.stringify(({collector})(caps))"


@cache
def click_listener_script() -> str:
    """An init script that lets gather_dom see which elements got a click listener."""
    return files("checker.gather").joinpath("click_listeners.js").read_text(encoding="utf-8")


async def gather_dom(page: Page) -> DomFacts:
    return from_data(DomFacts, json.loads(await page.evaluate(_script(), CAPS)))
