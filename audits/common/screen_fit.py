"""The phone's screen and whether the page's layout fits it: shared by the layout audits.

A phone lays a page out at its layout viewport's width (documentElement.clientWidth): the
device's width with width=device-width, 980 px without a viewport tag, or a fixed width the
tag gives. It then scales that layout to fit the screen: down when the layout is wider (the
page is shrunk, and everything on it), up when it is narrower (the page is enlarged).
"""

from __future__ import annotations

from checker.model.snapshot import PageSnapshot

# Lighthouse's content-width compared the widths exactly; we allow a pixel for sub-pixel
# layout, which rounds a box ending at 375.4 px to a 376 px scroll width.
ROUNDING_PX = 1


def screen_width(snapshot: PageSnapshot) -> int:
    """The screen's width in CSS px: window.outerWidth, or the device's in older snapshots."""
    return snapshot.dom.outer_width or snapshot.device.width


def wider_than_screen(width: int, screen: int) -> bool:
    """Whether a width in CSS px reaches past the screen, allowing a pixel for rounding."""
    return width > screen + ROUNDING_PX


def shrunk_to_fit(snapshot: PageSnapshot) -> bool:
    """Whether the phone shrinks the whole page to fit its screen: the page was laid out
    wider than the screen (no viewport tag, or a fixed width above the screen's)."""
    return wider_than_screen(snapshot.dom.layout_width, screen_width(snapshot))


def enlarged_layout(snapshot: PageSnapshot, viewport_problem: str | None) -> dict[str, object]:
    """Details for a page that does not set width=device-width (viewport_problem says why)
    but is not shrunk: laid out no wider than the screen, the phone shows it at its size or
    enlarges it, so sizes measured in CSS px are what people see, or smaller. Empty for
    other pages."""
    if viewport_problem is None or shrunk_to_fit(snapshot):
        return {}
    return {
        "device_width_viewport": False,
        "shrunk": False,
        "layout_width": snapshot.dom.layout_width,
        "screen_width": screen_width(snapshot),
    }
