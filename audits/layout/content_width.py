"""content-width: the page is no wider than the phone's screen, so nobody scrolls sideways.

Lighthouse's former content-width audit failed when window.innerWidth differed from
window.outerWidth: a phone zooms out until wide content fits, which makes innerWidth (the
visible width in CSS px) grow past the screen's. We compare the same two widths, and also the
document's scroll width, which catches pages that cannot zoom out (user-scalable=no,
minimum-scale=1) and so scroll sideways instead, and the layout width, which is wider than the
screen when the viewport meta tag is missing or sets a fixed width.
"""

from __future__ import annotations

from audits import audit
from audits.common.screen_fit import screen_width, wider_than_screen
from checker.model.dom_facts import DomFacts, WideElement
from checker.model.elements import Element
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot

FIX = (
    "Give wide elements a flexible width (max-width: 100% on images, tables and embeds; let"
    " wide tables scroll inside a wrapper with overflow-x: auto)."
)

# At most this many elements are named; details say how many there were in all.
MAX_FINDINGS = 50


@audit(
    id="content-width",
    title="Content fits the width of the screen",
    failure_title="Content is wider than the screen",
    description=(
        "Checks that nothing on the page reaches past the phone's screen. Content wider than "
        "the screen makes people scroll sideways to read each line, or makes the phone zoom the "
        "whole page out."
    ),
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/reflow.html",
    category="layout",
    requires=("dom",),
    weight=10,
    impact="serious",
    fix=FIX,
)
def content_width(snapshot: PageSnapshot) -> Outcome:
    if not snapshot.device.is_mobile:
        return Outcome(score=None, display="Desktop windows do not zoom out to fit wide content.")
    dom = snapshot.dom
    screen = screen_width(snapshot)
    width = page_width(dom)
    details = {
        "screen_width": screen,
        "viewport_width": dom.viewport_width,
        "layout_width": dom.layout_width,
        "scroll_width": dom.scroll_width,
        "wide_elements": dom.truncated.get("wide_elements", len(dom.wide_elements)),
    }
    if not wider_than_screen(width, screen):
        return Outcome(
            score=1,
            display=f"The page fits the {screen} px screen.",
            value=width,
            unit="px",
            details=details,
        )
    findings = [_element_finding(e, dom.layout_width, screen) for e in dom.wide_elements]
    if wider_than_screen(dom.layout_width, screen) or not findings:
        findings.insert(0, _page_finding(dom, width, screen))
    if wider_than_screen(dom.layout_width, screen):
        display = (
            f"The page is laid out {dom.layout_width} px wide on a {screen} px screen, so "
            "phones shrink it and people must zoom in to read."
        )
    else:
        display = (
            f"The page is {width} px wide on a {screen} px screen: people must scroll "
            "sideways or zoom out to see all of it."
        )
    return Outcome(
        score=0,
        display=display,
        value=width,
        unit="px",
        findings=findings[:MAX_FINDINGS],
        details=details,
    )


def page_width(dom: DomFacts) -> int:
    """How wide the page is in CSS px: what the phone zoomed out to show (innerWidth), what
    scrolls (scrollWidth) and what it was laid out at (the layout viewport)."""
    return max(dom.viewport_width, dom.scroll_width, dom.layout_width)


def _element_finding(element: WideElement, layout_width: int, screen: int) -> Finding:
    right = round(element.box.right)
    overflow = round(element.box.right - layout_width)
    if wider_than_screen(layout_width, screen):
        edge = f"the page's {layout_width} px layout width"
    else:
        edge = f"the {screen} px screen"
    return Finding(
        message=f"Reaches {right} px, {overflow} px past the right edge of {edge}.",
        element=element.element,
        details={"right": right, "overflow_px": overflow, "width": round(element.box.width)},
    )


def _page_finding(dom: DomFacts, width: int, screen: int) -> Finding:
    if wider_than_screen(dom.layout_width, screen):
        # No viewport meta tag (980 px) or a fixed width: the layout itself is too wide.
        message = (
            f"The page is laid out {dom.layout_width} px wide, wider than the {screen} px "
            "screen: set width=device-width in the viewport meta tag."
        )
    else:
        message = (
            f"The page is {width} px wide on a {screen} px screen, but no single element "
            "was found past the right edge."
        )
    return Finding(
        message=message,
        element=Element("html"),
        details={"page_width": width, "layout_width": dom.layout_width, "screen_width": screen},
    )
