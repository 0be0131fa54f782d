"""Rectangles in CSS px and a row-banded index of them: the geometry of tap targets."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import NamedTuple

from checker.model.elements import Box

# The spatial index: each rect is compared only with rects in the bands of rows its padded
# bounds cover (a phone's page is narrow, so a band holds few). A rect taller than
# MAX_BANDS_PER_RECT bands (a link around half the page) is compared with every rect instead
# of filling the index.
BAND_PX = 64
MAX_BANDS_PER_RECT = 200


class Rect(NamedTuple):
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


def to_rect(box: Box) -> Rect:
    return Rect(box.x, box.y, box.x + box.width, box.y + box.height)


def bounding_rect(rects: Iterable[Rect], padding: float) -> Rect:
    rects = list(rects)
    return Rect(
        min(r.left for r in rects) - padding,
        min(r.top for r in rects) - padding,
        max(r.right for r in rects) + padding,
        max(r.bottom for r in rects) + padding,
    )


def centre(rect: Rect) -> tuple[float, float]:
    return (rect.left + rect.width / 2, rect.top + rect.height / 2)


def centred_square(rect: Rect, size: float) -> Rect:
    x, y = centre(rect)
    return Rect(x - size / 2, y - size / 2, x + size / 2, y + size / 2)


def contains(outer: Rect, inner: Rect) -> bool:
    return (
        inner.left >= outer.left
        and inner.top >= outer.top
        and inner.right <= outer.right
        and inner.bottom <= outer.bottom
    )


def contains_point(rect: Rect, point: tuple[float, float]) -> bool:
    x, y = point
    return rect.left <= x <= rect.right and rect.top <= y <= rect.bottom


def touch_or_overlap(a: Rect, b: Rect) -> bool:
    return a.left <= b.right and b.left <= a.right and a.top <= b.bottom and b.top <= a.bottom


def overlap_area(a: Rect, b: Rect) -> float:
    # Comparisons rather than min/max: this runs for every finger and neighbouring rect.
    height = (a.bottom if a.bottom < b.bottom else b.bottom) - (a.top if a.top > b.top else b.top)
    if height <= 0:
        return 0.0
    width = (a.right if a.right < b.right else b.right) - (a.left if a.left > b.left else b.left)
    return width * height if width > 0 else 0.0


def distance_to_rect(x: float, y: float, rect: Rect) -> float:
    dx = max(rect.left - x, 0.0, x - rect.right)
    dy = max(rect.top - y, 0.0, y - rect.bottom)
    return math.hypot(dx, dy)


class Grid:
    """Finger-padded bounds bucketed in bands of rows, to find each target's neighbours
    without comparing every pair of targets on pages with thousands of them (a phone's page
    is narrow, so a band holds few targets)."""

    def __init__(self, bounds: list[Rect]) -> None:
        self._bounds = bounds
        self._bands: dict[int, list[int]] = {}
        self._everywhere: set[int] = set()
        self._near: dict[int, list[int]] = {}
        for index, rect in enumerate(bounds):
            bands = bands_of(rect)
            if len(bands) > MAX_BANDS_PER_RECT:
                self._everywhere.add(index)
                continue
            for band in bands:
                self._bands.setdefault(band, []).append(index)

    def near(self, index: int) -> list[int]:
        """The other targets whose padded bounds touch or overlap this one's, in page order."""
        if index in self._near:
            return self._near[index]
        rect = self._bounds[index]
        if index in self._everywhere:
            candidates: Iterable[int] = range(len(self._bounds))
        else:
            found = set(self._everywhere)
            for band in bands_of(rect):
                found.update(self._bands.get(band, ()))
            candidates = sorted(found)
        left, top, right, bottom = rect
        bounds = self._bounds
        # touch_or_overlap inlined: this is the audit's innermost loop on crowded pages.
        near = [
            j
            for j in candidates
            if j != index
            and bounds[j].left <= right
            and left <= bounds[j].right
            and bounds[j].top <= bottom
            and top <= bounds[j].bottom
        ]
        self._near[index] = near
        return near


def bands_of(rect: Rect) -> range:
    return range(math.floor(rect.top / BAND_PX), math.floor(rect.bottom / BAND_PX) + 1)
