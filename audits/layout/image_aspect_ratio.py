"""image-aspect-ratio: images are shown in the proportions they were made in.

Lighthouse's image-aspect-ratio audit (core/audits/image-aspect-ratio.js) fails an image whose
displayed height is 2 px or more off the height its natural ratio gives at its displayed width
(THRESHOLD_PX = 2, on the smaller dimension). Its 2.x version (2017) compared the two ratios
directly: |natural - displayed| < 0.05 passed. Both are poor yardsticks across sizes: 2 px is
0.2% of a 1000 px hero image, which nobody sees, and a fixed 0.05 of ratio is 1.25% of a 4:1
banner but 20% of a 1:4 column. Ours is relative: an image fails when one axis is stretched
more than 5% against the other, the same for every size and shape; deviations under a pixel
are left alone, since sizes written in whole pixels can only get within half a pixel.
Skipped, as in Lighthouse: CSS backgrounds (not gathered), SVG, `object-fit` other than fill,
tiny files (spacers and tracking pixels); and here also images not loaded and hidden ones.
When no image is left to check (none on the page, or none loaded: blocked, failed, lazy and not
reached), the audit does not apply (score None, the display says why): nothing measured is not
a pass. Otherwise the display names how many images were skipped, and why.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

from audits import audit
from checker.model.dom_facts import ImageFacts
from checker.model.elements import Element
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot

# The rule: more than 5% of distortion between the file's and the displayed ratio.
MAX_DISTORTION = 0.05
# Whole-pixel sizes are at most half a pixel from the exact ratio, and a pixel is the
# smallest distortion anyone can see: smaller deviations are rounding, not stretching.
ROUNDING_TOLERANCE_PX = 1
# Lighthouse image-aspect-ratio.js: files of 5 px or less on a side are spacers and pixels.
MIN_NATURAL_PX = 5
# A box of a pixel or less shows nothing to distort.
MIN_DISPLAYED_PX = 1
# Distortion is compared at this precision, so 105x100 from 100x100 is exactly 5%.
_PRECISION = 6
MAX_FINDINGS = 50
# Why images were not checked, in the order a reader is told.
SKIP_REASONS = {
    "not_loaded": "not loaded (failed, blocked or lazy and not reached)",
    "hidden": "hidden",
    "tiny": "spacers or tracking pixels",
    "collapsed": "drawn at a pixel or less",
    "keeps_ratio": "kept in proportion by object-fit or as SVG",
}

FIX = (
    "Size images in proportion to their files: set one of width and height and let the "
    "other be auto, or crop with object-fit: cover."
)


@audit(
    id="image-aspect-ratio",
    title="Displays images with correct aspect ratio",
    failure_title="Displays images stretched or squashed",
    description=(
        "Checks that images are shown in the proportions they were made in. A stretched or "
        "squashed photo or logo looks broken, on a phone as on a desktop screen."
    ),
    help_url="https://developer.chrome.com/docs/lighthouse/best-practices/image-aspect-ratio/",
    category="layout",
    requires=("dom",),
    weight=5,
    impact="minor",
    fix=FIX,
)
def image_aspect_ratio(snapshot: PageSnapshot) -> Outcome:
    # Applies on every device, as Lighthouse's best-practice audit did: a stretched image
    # looks as wrong on a desktop screen as on a phone.
    reasons = {id(image): skip_reason(image) for image in snapshot.dom.images}
    checked = [image for image in snapshot.dom.images if reasons[id(image)] is None]
    skipped = Counter(reason for reason in reasons.values() if reason is not None)
    distorted = sorted(
        (
            (image, amount)
            for image in checked
            if (amount := distortion(image)) > MAX_DISTORTION
            and deviation_px(image) >= ROUNDING_TOLERANCE_PX
        ),
        key=lambda pair: -pair[1],
    )
    details: dict[str, object] = {"images": len(snapshot.dom.images), "checked": len(checked)}
    if skipped:
        details["skipped"] = {reason: skipped[reason] for reason in SKIP_REASONS if skipped[reason]}
    if "images" in snapshot.dom.truncated:
        details["images_on_page"] = snapshot.dom.truncated["images"]
    if not checked:
        # Nothing measured is nothing judged: not applicable, never a pass.
        display = (
            f"Not applicable, no image could be checked: {_skipped(skipped)}."
            if skipped
            else "Not applicable, the page has no images."
        )
        return Outcome(score=None, display=display, details=details)
    if not distorted:
        display = f"{_images(len(checked))} checked: each keeps its proportions."
        if skipped:
            display += f" Not checked: {_skipped(skipped)}."
        return Outcome(score=1, display=display, value=0, unit="images", details=details)
    count = len(distorted)
    worst = distorted[0][1]
    noun = "image is" if count == 1 else "images are"
    details["distorted"] = count
    return Outcome(
        score=0,
        display=(
            f"{count} {noun} stretched or squashed out of shape"
            + (f", the worst by {_percent(worst)}." if count > 1 else f" by {_percent(worst)}.")
        ),
        value=count,
        unit="images",
        findings=[_finding(image, d) for image, d in distorted[:MAX_FINDINGS]],
        details=details,
    )


def skip_reason(image: ImageFacts) -> str | None:
    """Why an image cannot be checked (a key of SKIP_REASONS), or None when it can."""
    if not image.visible:
        return "hidden"
    # 0 when not loaded (failed, blocked, or lazy and not reached): nothing to compare with.
    if image.natural_width <= 0 or image.natural_height <= 0:
        return "not_loaded"
    if image.natural_width <= MIN_NATURAL_PX or image.natural_height <= MIN_NATURAL_PX:
        return "tiny"
    width, height = drawn_size(image)
    if width <= MIN_DISPLAYED_PX or height <= MIN_DISPLAYED_PX:
        return "collapsed"
    # cover, contain, none and scale-down keep the ratio (cropping or letterboxing); an SVG
    # scales to its box keeping its ratio by default (preserveAspectRatio).
    if (image.object_fit or "fill") != "fill" or is_svg(image.src):
        return "keeps_ratio"
    return None


def is_checkable(image: ImageFacts) -> bool:
    return skip_reason(image) is None


def is_svg(src: str) -> bool:
    if src[:5].lower() == "data:":
        return src[5:].lower().startswith("image/svg")
    try:
        path = urlsplit(src).path.lower()
    except ValueError:
        return False
    return path.endswith((".svg", ".svgz"))


def distortion(image: ImageFacts) -> float:
    """How much more one axis is scaled than the other: 0.2 when 20% wider than the file."""
    natural = image.natural_width / image.natural_height
    width, height = drawn_size(image)
    displayed = width / height
    return round(max(natural / displayed, displayed / natural) - 1, _PRECISION)


def deviation_px(image: ImageFacts) -> float:
    """How far the displayed size is from the file's ratio, in CSS px: the smaller of the
    height off for the displayed width and the width off for the displayed height."""
    natural = image.natural_width / image.natural_height
    width, height = drawn_size(image)
    return min(abs(width / natural - height), abs(height * natural - width))


def drawn_size(image: ImageFacts) -> tuple[float, float]:
    """The size the picture is drawn at: the content box, without padding, border or
    transforms (the bounding box includes them, so a framed thumbnail would look stretched).
    Snapshots without it fall back to the bounding box."""
    if image.content_width > 0 and image.content_height > 0:
        return image.content_width, image.content_height
    return image.box.width, image.box.height


def _finding(image: ImageFacts, amount: float) -> Finding:
    natural = image.natural_width / image.natural_height
    width, height = drawn_size(image)
    displayed = width / height
    shape = "wider" if displayed > natural else "taller"
    size = f"{_px(width)}x{_px(height)}"
    return Finding(
        message=(
            f"Shown at {size}, {_percent(amount)} {shape} than its "
            f"{image.natural_width}x{image.natural_height} file."
        ),
        element=Element(image.selector, image.box),
        details={
            "src": _short_src(image.src),
            "natural_width": image.natural_width,
            "natural_height": image.natural_height,
            "displayed_width": round(width, 2),
            "displayed_height": round(height, 2),
            "natural_ratio": round(natural, 3),
            "displayed_ratio": round(displayed, 3),
            "distortion_percent": round(amount * 100, 1),
        },
    )


def _short_src(src: str) -> str:
    # A data: URL can be megabytes; its type is all a reader needs.
    if src[:5].lower() == "data:":
        return src.split(",", 1)[0] + ",…"
    return src if len(src) <= 200 else src[:199] + "…"


def _skipped(skipped: Counter[str]) -> str:
    return ", ".join(
        f"{skipped[reason]} {label}" for reason, label in SKIP_REASONS.items() if skipped[reason]
    )


def _images(count: int) -> str:
    return f"{count} image" + ("" if count == 1 else "s")


def _percent(amount: float) -> str:
    return f"{amount * 100:.1f}".removesuffix(".0") + "%"


def _px(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")
