"""What the page showed with the phone turned to landscape, beside what it showed upright:
whether a new element covered the screen, an element turned a quarter turn against the phone,
or the text went away."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.model.elements import Element, OfElement


@dataclass(frozen=True)
class OrientationView:
    """The page seen in one orientation."""

    width: int  # the viewport, CSS px
    height: int
    # Characters of text shown (laid out, not hidden), on the whole page.
    text_chars: int = 0
    scroll_height: int = 0


@dataclass(frozen=True)
class CoveringElement(OfElement):
    """An element on top of most of the landscape screen that did not cover the upright one
    (a "turn your phone" wall)."""

    element: Element
    # The share of the landscape screen it covers (0..1), and of the points sampled across
    # the screen where it (or what it holds) is on top.
    coverage: float
    on_top: float
    # Fixed on the screen (itself or an ancestor): scrolling does not get past it.
    fixed: bool = False
    # How far the page scrolls below it, CSS px: 0 when nothing is left to scroll to.
    below_px: float = 0
    # Whether it still covered the upright screen once the phone was turned back (then it
    # is not about the orientation: a pop-up that opened meanwhile).
    upright_after: bool = False


@dataclass(frozen=True)
class RotatedElement(OfElement):
    """An element turned a quarter turn in one orientation but not in the other (ACT b33eff:
    locked to an orientation with a CSS transform)."""

    element: Element
    portrait_angle: float  # degrees, clockwise, about the screen's axis
    landscape_angle: float


@dataclass(frozen=True)
class HiddenContent(OfElement):
    """An element that showed text upright and is hidden in landscape."""

    element: Element
    chars: int  # characters of text it showed upright


@dataclass(frozen=True)
class OrientationFacts:
    portrait: OrientationView
    # None when the device was not turned: it is already wider than tall (a desktop window).
    landscape: OrientationView | None = None
    covering: list[CoveringElement] = field(default_factory=list)
    rotated: list[RotatedElement] = field(default_factory=list)
    hidden: list[HiddenContent] = field(default_factory=list)
    truncated: dict[str, int] = field(default_factory=dict)
