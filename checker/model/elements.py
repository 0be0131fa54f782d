"""Where a thing is on a page: a box in CSS pixels, and the one way every fact and finding
names an element."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    """A rectangle in CSS pixels, in page coordinates (scrolled content included)."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height


@dataclass(frozen=True)
class Element:
    """One element of a page, described the same way by every fact and every finding."""

    selector: str = ""  # a CSS selector that finds it; "" for a resource known by its URL
    box: Box | None = None  # None for what is not laid out (head tags, server HTML)
    snippet: str = ""  # the start of its HTML
    label: str = ""  # what a person knows it by: its accessible name or text, short


class OfElement:
    """Facts about one element, which read its selector, box and snippet from `element`."""

    element: Element

    @property
    def selector(self) -> str:
        return self.element.selector

    @property
    def box(self) -> Box:
        # Only head tags and server HTML lack a box, and their facts do not ask for one.
        return self.element.box  # type: ignore[return-value]

    @property
    def snippet(self) -> str:
        return self.element.snippet
