"""The viewport meta tag as browsers read it, and why a phone will not lay the page out at
its own width: shared by the layout audits that judge sizes in CSS px (viewport, font-size,
tap-targets) and those that read the tag's other properties (zoom-allowed, form-inputs)."""

from __future__ import annotations

import re

from checker.model.snapshot import PageSnapshot

_SEPARATORS = re.compile(r"[,;]")

NO_VIEWPORT = (
    "No viewport meta tag: phones lay the page out 980 px wide and shrink it to fit, so text "
    "is tiny and people must zoom."
)


def parse_viewport(content: str) -> dict[str, str]:
    """Parse a viewport content string the way browsers do: keys and values are
    case-insensitive, pairs are separated by commas (Chrome also accepts semicolons)."""
    properties: dict[str, str] = {}
    for part in _SEPARATORS.split(content or ""):
        key, _, value = part.partition("=")
        key = key.strip().lower()
        if key:
            properties[key] = value.strip().strip("'\"").lower()
    return properties


def layout_problem(snapshot: PageSnapshot) -> str | None:
    """Why phones will not lay the page out at their own width, or None when they will.
    Browsers apply the last viewport tag of the document."""
    tags = snapshot.dom.head.metas_named("viewport")
    if not tags:
        return NO_VIEWPORT
    return width_problem(parse_viewport(tags[-1].attr("content") or ""))


def width_problem(properties: dict[str, str]) -> str | None:
    """Why a viewport tag with these properties does not lay the page out at the device's
    width, or None when it does."""
    width = properties.get("width")
    scale = properties.get("initial-scale")
    if width is None:
        if scale is None:
            return "The viewport sets no width, so phones fall back to a 980 px layout."
        # With only initial-scale, Chrome and Safari lay the page out at the device width
        # divided by the scale (liberation-1 measured 412 px wide on a 412 px phone), and
        # Lighthouse accepted it too; a scale below 1 is caught below.
    elif width != "device-width":
        if is_number(width):
            # Lighthouse's viewport audit passes any width; Google's Mobile-Friendly Test
            # failed a fixed pixel width, because the page then cannot fit other screens.
            return (
                f"The viewport has a fixed width of {width} px: the page is laid out for one "
                "screen size and shrunk or scrolled on every other phone."
            )
        return f'The viewport width is "{width}", not device-width.'
    if scale is not None and is_number(scale) and float(scale) < 1:
        return f"initial-scale={scale} starts the page zoomed out, so text is shrunk."
    return None


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
