"""What the page showed laid out 320 CSS px wide, WCAG's 400% zoom of a 1280 px window: how
wide it scrolls, and the content past the edge of the screen, each part named by the
outermost element that carries it past the edge."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from checker.model.elements import Element, OfElement

# overflow: reading it needs scrolling sideways (or, in a vertical writing mode, up and down);
# cut-off: past an edge nobody can scroll to (html or body hide the overflow, a fixed element,
# left of the page's start); exempt: content WCAG lets need two dimensions (a data table,
# code, an image, a video, a map, a grid, a toolbar...).
ReflowKind = Literal["overflow", "cut-off", "exempt"]


@dataclass(frozen=True)
class ReflowElement(OfElement):
    """The outermost element whose content reaches past the screen's edge."""

    element: Element
    kind: ReflowKind
    tag: str
    # How far its content reaches, in CSS px along the axis checked: past the right edge
    # (or the bottom, in a vertical writing mode) the furthest point, else how far left of 0
    # (negative).
    reach: float
    # The characters of text past the edge (0 for a form control or a picture).
    chars: int = 0
    # Why WCAG allows it to need two dimensions ("data table", "code", "image", ...).
    exempt_as: str = ""
    # Text wider than its own box, which fits the screen (a long address, a line that does
    # not wrap): the element is named with those words as its label.
    unbroken: bool = False


@dataclass(frozen=True)
class ReflowFacts:
    # The viewport the page was laid out in, in CSS px.
    width: int
    height: int
    # "x": checked 320 px wide (text in lines across); "y": the page is written in vertical
    # lines, so it was checked 256 px tall too, and scrolling down is the second dimension.
    axis: Literal["x", "y"] = "x"
    # The layout viewport's size along the axis (the screen's edge) and how far the page
    # scrolls along it.
    edge: int = 0
    scroll_size: int = 0
    # Which of html and body hide what is past the edge ("" when neither does).
    clipped_by: str = ""
    elements: list[ReflowElement] = field(default_factory=list)
    # Text past the edge where it is hidden on purpose (a closed menu off the side of the
    # screen, text moved off-screen for screen readers): not counted against the page.
    off_canvas: int = 0
    # Text nodes read, and how many were left unread past the cap.
    text_nodes: int = 0
    truncated: dict[str, int] = field(default_factory=dict)

    def of_kind(self, kind: ReflowKind) -> list[ReflowElement]:
        return [e for e in self.elements if e.kind == kind]
