"""Whether the page's text still fits when people change it (checker/gather/text_fit.js): with
WCAG's wider text spacing (1.4.12), or with its text twice as large (1.4.4). Both are measured
in the loaded page, changed and put back within one task."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from checker.model.elements import Element, OfElement

TextChange = Literal["text-spacing", "zoom-text"]


@dataclass(frozen=True)
class ClippedText(OfElement):
    """A box whose text the change pushed past its edge: cut off, where the box hides its
    overflow ("clipped"), or run over the text that follows it ("overlaps")."""

    element: Element  # the box
    kind: Literal["clipped", "overlaps"]
    axis: Literal["vertical", "horizontal"]
    # How far its text reaches past the box's edge once changed (past both edges of that
    # axis, summed), and how far its content did as loaded (at most a few px, or it is cut on
    # purpose and not a finding).
    hidden_px: int
    hidden_before_px: int
    font_size: float  # of that text, changed, in CSS px
    text: Element | None = None  # the element whose text reaches furthest past the edge
    overlapped: Element | None = None  # for "overlaps": the text it runs over


@dataclass(frozen=True)
class ImportantSpacing(OfElement):
    """ACT rules 24afc2, 9e45ec, 78fd32: an element with visible text whose style attribute
    sets a spacing !important below WCAG's, which no reader's style sheet can widen."""

    element: Element
    property: Literal["letter-spacing", "word-spacing", "line-height"]
    rule: str  # the ACT rule's id
    declared: str  # as the style attribute says it ("0.05em")
    value_px: float | None  # computed (used for line-height); None for line-height: normal
    font_size: float
    minimum: float  # WCAG's, times the font size

    @property
    def ratio(self) -> float | None:
        return None if self.value_px is None else self.value_px / self.font_size


@dataclass(frozen=True)
class TextFitFacts:
    change: TextChange
    elements: int  # elements looked at
    boxes_grown: int  # boxes whose content grew past their size with the change
    clipped: list[ClippedText] = field(default_factory=list)
    important_spacing: list[ImportantSpacing] = field(default_factory=list)  # text-spacing only
    # Lists cut at their cap, by name (clipped, important_spacing), with their full length;
    # "elements" and "candidates" when a page had more than were looked at or measured.
    truncated: dict[str, int] = field(default_factory=dict)
    elapsed_ms: float = 0.0
