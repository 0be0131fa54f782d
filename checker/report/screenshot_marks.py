"""Screenshots as evidence: the boxes of findings drawn into the picture, numbered.

Screenshots are taken at CSS scale with the page at the top, so one image pixel is one CSS
pixel and a finding's box (page coordinates) lands where it is drawn; except when a phone zooms
out to fit a page wider than its screen: then the first screen spans more CSS px than it has
pixels, and the caller says how many (`css_width`). The result is a JPEG, scaled down to a
width a self-contained report can carry; boxes and numbers are drawn after scaling, so the
numbers keep their size whatever the image's.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from PIL import Image, ImageDraw, ImageFont

from checker.model.elements import Box

Kind = Literal["finding", "related"]

# Phones are 375-412 CSS px wide: they keep their size; a tablet or desktop is scaled down.
DEFAULT_MAX_WIDTH = 420
# Enough for boxes and text to read, small enough for many screenshots in one HTML file.
JPEG_QUALITY = 70
# Decoding a hostile or broken image must not exhaust memory: a screenshot is at most the
# viewport's width by the gatherer's 4000 CSS px; this leaves room for desktop screens.
MAX_PIXELS = 4000 * 8000

# Colours of the report's "fail" and "average" bands (templates/partials/styles.css.j2).
FINDING_RGB = (221, 34, 30)
RELATED_RGB = (245, 140, 0)
FILL_ALPHA = 48
# A box over more than this share of the picture is outlined only: tinted, the whole picture
# would read as wrong and hide the smaller boxes.
MAX_FILLED_SHARE = 0.25
HALO_RGB = (255, 255, 255)
FINDING_LINE = 3
RELATED_LINE = 2
DASH, GAP = 6, 4
LABEL_FONT_PX = 15
LABEL_PAD_X, LABEL_PAD_Y = 5, 4
# Boxes drawn for one device, so a hostile page cannot bury the picture.
MAX_MARKS = 60


@dataclass(frozen=True)
class Mark:
    """A box to draw: `label` is the number the report lists the finding under ("3", "3a")."""

    label: str
    box: Box
    kind: Kind = "finding"


@dataclass(frozen=True)
class Annotated:
    jpeg: bytes
    width: int  # of the JPEG, in pixels
    height: int
    scale: float  # JPEG pixels per CSS pixel
    css_size: tuple[float, float]  # the page area shown, CSS px
    drawn: tuple[str, ...]  # labels of the marks drawn, in the order given


def letters(index: int) -> str:
    """a, b, ... z, aa, ab, ...: the suffix of the index-th related element (from 0)."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


class Labeller:
    """Numbers the failing findings of one device whose boxes show on its screenshots (of
    these sizes, CSS px), in the order they are listed; the elements involved in finding 3
    are 3a, 3b..."""

    def __init__(self, sizes: Sequence[tuple[float, float]]) -> None:
        self.sizes = sizes
        self.marks: list[Mark] = []
        self.numbered = 0
        self.unmarked = 0
        self._suffixes: dict[str, int] = {}

    def take(self, box: Box | None, parent: str | None = None) -> str | None:
        """The label of the box if it is drawn, else None. `parent` is the finding's number
        when the box is of an element involved in it."""
        if box is None or not self.sizes:
            return None
        if len(self.marks) >= MAX_MARKS or not any(shows(box, size) for size in self.sizes):
            self.unmarked += parent is None
            return None
        if parent is None:
            self.numbered += 1
            label = str(self.numbered)
        else:
            index = self._suffixes.get(parent, 0)
            self._suffixes[parent] = index + 1
            label = parent + letters(index)
        self.marks.append(Mark(label, box, "finding" if parent is None else "related"))
        return label


def decode(data: bytes) -> Image.Image | None:
    """A screenshot decoded in full (RGB), or None when it is broken, too large or not the
    PNG or JPEG the gatherer takes. Decode once, then read its size and annotate() it."""
    try:
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS or image.format not in ("PNG", "JPEG"):
            return None
        image.load()
        return image.convert("RGB") if image.mode != "RGB" else image
    except Exception:  # Pillow raises many kinds on broken data; a report must still render
        return None


def shows(box: Box, size: tuple[float, float]) -> bool:
    """Whether any of the box is inside an image of this size (CSS px, from the top left)."""
    if box.width <= 0 or box.height <= 0:
        return False
    return box.x < size[0] and box.right > 0 and box.y < size[1] and box.bottom > 0


def css_size(size: tuple[int, int], css_width: float | None = None) -> tuple[float, float]:
    """The page area (CSS px) an image of this size shows when it spans `css_width` CSS px
    (by default, as many as it has pixels)."""
    if not css_width or css_width <= 0:
        return float(size[0]), float(size[1])
    return float(css_width), size[1] * css_width / size[0]


def annotate(
    screenshot: bytes | Image.Image,
    marks: Sequence[Mark],
    max_width: int = DEFAULT_MAX_WIDTH,
    css_width: float | None = None,
) -> Annotated | None:
    """The screenshot (its bytes, or what decode() made of them) as JPEG with its marks
    drawn, or None when it does not decode."""
    image = decode(screenshot) if isinstance(screenshot, bytes) else screenshot
    if image is None:
        return None
    source = css_size(image.size, css_width)
    if image.width > max_width:
        size = (max_width, max(1, round(image.height * max_width / image.width)))
        # Bilinear, widened for the reduction as Pillow does: smooth enough for a screenshot
        # at 420 px, a third of LANCZOS's time on a tablet's 768x4000 full page.
        image = image.resize(size, Image.Resampling.BILINEAR)
    scale = image.width / source[0]
    shown = [m for m in marks if shows(m.box, source)]
    rects = [_scaled(m.box, scale, image.size) for m in shown]
    canvas = image.convert("RGBA")
    overlay = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    # Layer by layer, so no box's fill covers another's outline; related boxes before
    # findings, so the findings' outlines are on top where they cross.
    layered = sorted(zip(shown, rects, strict=True), key=lambda pair: pair[0].kind == "finding")
    area = canvas.width * canvas.height
    for mark, rect in layered:
        if (rect[2] - rect[0] + 1) * (rect[3] - rect[1] + 1) > MAX_FILLED_SHARE * area:
            continue
        colour = FINDING_RGB if mark.kind == "finding" else RELATED_RGB
        draw.rectangle(rect, fill=(*colour, FILL_ALPHA))
    for _, rect in layered:
        # A thin light edge outside the line keeps it visible on dark or red pages.
        left, top, right, bottom = rect
        draw.rectangle((left - 1, top - 1, right + 1, bottom + 1), outline=(*HALO_RGB, 200))
    for mark, rect in layered:
        _outline(draw, rect, mark.kind)
    # Labels in the order the report lists them, so the first findings get the best spots.
    _place_labels(draw, shown, rects, canvas.size)
    picture = Image.alpha_composite(canvas, overlay).convert("RGB")
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return Annotated(
        jpeg=out.getvalue(),
        width=picture.width,
        height=picture.height,
        scale=scale,
        css_size=source,
        drawn=tuple(m.label for m in shown),
    )


Rect = tuple[int, int, int, int]  # left, top, right, bottom: inclusive pixel coordinates


def _scaled(box: Box, scale: float, size: tuple[int, int]) -> Rect:
    # Within the image: a box that starts in its last CSS pixel can round to one past it.
    left = min(max(0, round(box.x * scale)), size[0] - 1)
    top = min(max(0, round(box.y * scale)), size[1] - 1)
    right = min(size[0] - 1, round(box.right * scale) - 1)
    bottom = min(size[1] - 1, round(box.bottom * scale) - 1)
    # A box thinner than a pixel after scaling still gets a visible outline.
    return left, top, max(right, min(left + 1, size[0] - 1)), max(bottom, min(top + 1, size[1] - 1))


def _outline(draw: ImageDraw.ImageDraw, rect: Rect, kind: Kind) -> None:
    if kind == "finding":
        draw.rectangle(rect, outline=(*FINDING_RGB, 255), width=FINDING_LINE)
        return
    for segment in _dashes(rect, RELATED_LINE):
        draw.rectangle(segment, fill=(*RELATED_RGB, 255))


def _dashes(rect: Rect, width: int) -> Iterable[Rect]:
    """The dashes of a dashed outline `width` px thick along the inside of the rectangle."""
    left, top, right, bottom = rect
    for start in range(left, right + 1, DASH + GAP):
        end = min(start + DASH - 1, right)
        yield start, top, end, min(top + width - 1, bottom)
        yield start, max(bottom - width + 1, top), end, bottom
    for start in range(top, bottom + 1, DASH + GAP):
        end = min(start + DASH - 1, bottom)
        yield left, start, min(left + width - 1, right), end
        yield max(right - width + 1, left), start, right, end


def _place_labels(
    draw: ImageDraw.ImageDraw,
    marks: Sequence[Mark],
    rects: Sequence[Rect],
    size: tuple[int, int],
) -> None:
    """Labels the findings' boxes first, then the related ones where there is still room: an
    element involved in finding 3 sits by box 3, so its own "3a" may give way in a crowd."""
    font = ImageFont.load_default(size=LABEL_FONT_PX)
    # Digits set the height, so every label is the same size whatever its letters.
    digit_top, digit_bottom = font.getbbox("0")[1::2]
    height = digit_bottom - digit_top + 2 * LABEL_PAD_Y
    placed: list[Rect] = []
    pairs = list(zip(marks, rects, strict=True))
    for kind in ("finding", "related"):
        for mark, rect in pairs:
            if mark.kind != kind:
                continue
            width = max(height, round(font.getlength(mark.label)) + 1 + 2 * LABEL_PAD_X)
            pill = _label_spot(rect, width, height, size, placed, crowded_ok=kind == "finding")
            if pill is None:
                continue
            placed.append(pill)
            _pill(draw, pill, mark, font, digit_top)


def _pill(
    draw: ImageDraw.ImageDraw,
    pill: Rect,
    mark: Mark,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    digit_top: int,
) -> None:
    colour = FINDING_RGB if mark.kind == "finding" else RELATED_RGB
    ink = (255, 255, 255, 255) if mark.kind == "finding" else (20, 20, 20, 255)
    height = pill[3] - pill[1] + 1
    draw.rounded_rectangle(pill, radius=height // 2, fill=(*colour, 255), outline=(*HALO_RGB, 255))
    x = pill[0] + (pill[2] - pill[0] + 1 - font.getlength(mark.label) - 1) / 2
    y = pill[1] + LABEL_PAD_Y - digit_top
    # Drawn twice a pixel apart: the built-in font has no bold, and a thin label is hard to
    # read on a busy page.
    for dx in (0, 1):
        draw.text((x + dx, y), mark.label, font=font, fill=ink)


def _label_spot(
    rect: Rect,
    width: int,
    height: int,
    size: tuple[int, int],
    placed: Sequence[Rect],
    crowded_ok: bool,
) -> Rect | None:
    """Where a label goes: touching its box, at the first of these spots that no other label
    takes: above the top-left corner (so it does not hide the element), above the top-right,
    left of the box, right of it, below it, inside the top-left corner; always within the
    image. When all are taken: the least covered one if `crowded_ok`, else None."""
    left, top, right, bottom = rect
    corners = [
        (left, top - height),
        (right - width + 1, top - height),
        (left - width, top),
        (right + 1, top),
        (left, bottom + 1),
        (left, top),
    ]
    spots = []
    for x, y in corners:
        x = max(0, min(x, size[0] - width))
        y = max(0, min(y, size[1] - height))
        spots.append((x, y, x + width - 1, y + height - 1))
    covered = [sum(_overlap(spot, other) for other in placed) for spot in spots]
    if 0 in covered:
        return spots[covered.index(0)]
    return spots[covered.index(min(covered))] if crowded_ok else None


def _overlap(a: Rect, b: Rect) -> int:
    """How many pixels two rectangles share."""
    width = min(a[2], b[2]) - max(a[0], b[0]) + 1
    height = min(a[3], b[3]) - max(a[1], b[1]) + 1
    return max(0, width) * max(0, height)
