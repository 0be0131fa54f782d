"""intrusive-overlays: cookie walls, pop-ups and sticky bars leave most of the screen to the page.

Google's guidance on intrusive interstitials (Search Central, "Avoid intrusive interstitials
and dialogs") counts pop-ups and banners that hide the main content against a page's
experience on phones, without giving a size. The 30% comes from the Better Ads Standards: on
mobile, a sticky ad over 30% of the screen is a "large sticky ad" that people reject.

What covers the screen: the gatherer's overlays (the outermost fixed or sticky elements and
open modal dialogs), with their boxes taken with the page at the top, after load. A sticky
element only covers content while it is stuck: Chromium places it where it sticks at that
scroll position, so a sticky bar stuck to the bottom of the first screen counts, and a sticky
header at the top counts because it covers content from the first scroll on; a sticky element
further down the page, which only sticks later, is not counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from audits import audit
from checker.model.dom_facts import Overlay
from checker.model.elements import Box
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot

FIX = (
    "Keep banners and pop-ups small (under a third of the screen), show them at the edge, "
    "and let people read before asking for consent or an app install."
)

# Better Ads Standards, mobile "Large Sticky Ad": more than 30% of the screen
# (https://www.betterads.org/mobile-large-sticky-ad/).
MAX_COVERED_PERCENT = 30
# At most this many overlays are named; details say how many covered the screen in all.
MAX_FINDINGS = 50


@dataclass(frozen=True)
class Cover:
    """One overlay and the part of the first screen it covers."""

    overlay: Overlay
    rect: Box
    share: float


@audit(
    id="intrusive-overlays",
    title="No banner or pop-up hides most of the screen",
    failure_title="Banners or pop-ups hide most of the screen",
    description=(
        "Checks that cookie walls, pop-ups and sticky bars leave most of the first screen to "
        "the page. On a phone a banner over more than 30% of the screen hides what people came "
        "for, and Google counts intrusive interstitials against the page."
    ),
    help_url="https://developers.google.com/search/docs/appearance/avoid-intrusive-interstitials",
    category="layout",
    requires=("dom",),
    weight=10,
    impact="serious",
    fix=FIX,
)
def intrusive_overlays(snapshot: PageSnapshot) -> Outcome:
    if not snapshot.device.is_mobile:
        return Outcome(
            score=None, display="Judged on phones, where a pop-up hides most of the screen."
        )
    screen = first_screen(snapshot)
    covers = sorted(
        (c for c in (_cover(o, screen) for o in snapshot.dom.overlays) if c is not None),
        key=lambda c: c.share,
        reverse=True,
    )
    covered = union_area([c.rect for c in covers]) / (screen.width * screen.height)
    percent = round(covered * 100, 1)
    details = {
        "screen": {"width": screen.width, "height": screen.height},
        "covering": len(covers),
        "overlays": [
            {"selector": c.overlay.selector, "percent": round(c.share * 100, 1)}
            for c in covers[:MAX_FINDINGS]
        ],
    }
    # Judged on the percentage shown, so a page reported at 30% never fails.
    if percent <= MAX_COVERED_PERCENT:
        display = (
            f"Fixed and sticky elements cover {_percent(covered)} of the first screen."
            if covers
            else "Nothing covers the page when it opens."
        )
        return Outcome(score=1, display=display, value=percent, unit="%", details=details)
    return Outcome(
        score=0,
        display=(
            f"Banners or pop-ups cover {_percent(covered)} of the first screen, hiding the "
            "page people came to read."
        ),
        value=percent,
        unit="%",
        findings=[_finding(c) for c in covers[:MAX_FINDINGS]],
        details=details,
    )


def first_screen(snapshot: PageSnapshot) -> Box:
    """What the phone shows when the page opens, in the page's CSS px.

    That is the visual viewport (innerWidth x innerHeight), not the device's size: without a
    viewport meta tag a phone shows 980 CSS px across, and boxes are measured in those px.
    On a device-width page the two are the same."""
    dom = snapshot.dom
    width = dom.viewport_width or snapshot.device.width
    height = dom.viewport_height or snapshot.device.height
    return Box(0, 0, width, height)


def _cover(overlay: Overlay, screen: Box) -> Cover | None:
    if _is_modal_dialog(overlay):
        # showModal() lays a backdrop over the whole screen and makes the rest of the page
        # inert until the dialog is closed: however small the dialog, the page is covered.
        rect: Box | None = screen
    else:
        rect = clip(overlay.box, screen)
    if rect is None:
        return None
    return Cover(overlay, rect, rect.width * rect.height / (screen.width * screen.height))


def _is_modal_dialog(overlay: Overlay) -> bool:
    return overlay.modal and overlay.tag == "dialog"


def clip(box: Box, screen: Box) -> Box | None:
    """The part of `box` inside `screen`, or None when they do not overlap."""
    left, top = max(box.x, screen.x), max(box.y, screen.y)
    right, bottom = min(box.right, screen.right), min(box.bottom, screen.bottom)
    if right <= left or bottom <= top:
        return None
    return Box(left, top, right - left, bottom - top)


def union_area(rects: list[Box]) -> float:
    """The area covered by the rectangles, overlaps counted once: sweep the vertical strips
    between consecutive edges and merge the spans of the rectangles crossing each."""
    edges = sorted({r.x for r in rects} | {r.right for r in rects})
    area = 0.0
    for left, right in pairwise(edges):
        spans = sorted((r.y, r.bottom) for r in rects if r.x <= left and r.right >= right)
        covered, reach = 0.0, float("-inf")
        for top, bottom in spans:
            if bottom <= reach:
                continue
            covered += bottom - max(top, reach)
            reach = bottom
        area += covered * (right - left)
    return area


def _percent(share: float) -> str:
    if 0 < share < 0.001:
        return "under 0.1%"
    return f"{round(share * 100, 1):g}%"


def _finding(cover: Cover) -> Finding:
    overlay = cover.overlay
    if _is_modal_dialog(overlay):
        message = "A modal dialog: it dims the whole page and blocks it until it is closed."
    else:
        message = (
            f"A {overlay.position} element covering {_percent(cover.share)} of the first screen."
        )
    return Finding(
        message=message,
        element=overlay.element,
        details={
            "percent": round(cover.share * 100, 1),
            "position": overlay.position,
            "modal": overlay.modal,
            "z_index": overlay.z_index,
        },
    )
