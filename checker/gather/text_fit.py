"""Text that no longer fits once people change it: WCAG's text spacing (1.4.12) and text
twice as large (1.4.4), each applied in the loaded page by text_fit.js, measured against the
page as loaded, and taken off again before the next check runs."""

from __future__ import annotations

from typing import Any

from checker.gather.device_page import DevicePage
from checker.gather.in_page import collect
from checker.model.serde import from_data
from checker.model.text_fit_facts import TextChange, TextFitFacts

# Enough to fix from; the rest are counted.
CAPS = {"clipped": 50, "important_spacing": 50}
LIMITS: dict[str, Any] = {
    # Elements scanned before and after: a hostile page of 100,000 is cut here, and says so.
    "max_elements": 15000,
    # Boxes whose content grew that are measured text by text (the most grown first), and
    # text nodes read per box: keeps a page with every box grown to tens of milliseconds.
    "max_candidates": 40,
    "max_text_nodes": 200,
    # Text past a box's edge by less than this is not cut off: a line's content area is
    # taller than its letters, so a few px of it hide no ink.
    "min_hidden_px": 3,
    "min_hidden_em": 0.25,
}


async def gather_text_spacing(opened: DevicePage) -> TextFitFacts:
    return await _gather(opened, "text-spacing")


async def gather_zoom_text(opened: DevicePage) -> TextFitFacts:
    return await _gather(opened, "zoom-text")


async def _gather(opened: DevicePage, change: TextChange) -> TextFitFacts:
    arg = {"change": change, "caps": CAPS, **LIMITS}
    return from_data(TextFitFacts, await collect(opened.world, "text_fit.js", arg))
