"""image-sizing: images served with many more pixels than they are drawn with.

Each <img> resource is resized (Pillow, LANCZOS) to what its largest displayed box needs at
the device's pixel ratio, keeping its aspect ratio, and re-encoded in its own format (JPEG at
quality 85, PNG optimized); the saving is the served bytes minus those. Lighthouse's
uses-responsive-images (core/audits/byte-efficiency/uses-responsive-images.js) estimates the
same waste as bytes x (1 - displayed pixels / natural pixels) and lists an image when that
passes 4 KiB (12 KiB when srcset or <picture> is used); we measure the resized bytes instead
of the pixel ratio, and keep the 4 KiB line for every image.
"""

from __future__ import annotations

from audits import audit
from audits.common.resource_savings import Saving, kib, savings_outcome
from checker.model.load_facts import ResourceFacts
from checker.model.results import Outcome
from checker.model.snapshot import PageSnapshot

# Lighthouse uses-responsive-images.js: IGNORE_THRESHOLD_IN_BYTES = 4096.
IGNORE_BELOW_BYTES = 4096


def _saving(resource: ResourceFacts, dpr: float) -> Saving | None:
    if resource.resized_bytes is None:
        return None
    saved = resource.body_bytes - resource.resized_bytes
    if saved <= IGNORE_BELOW_BYTES:
        return None
    shown_w = round(resource.displayed_width or 0)
    shown_h = round(resource.displayed_height or 0)
    message = (
        f"Served at {resource.width}x{resource.height} px but drawn at {shown_w}x{shown_h} CSS px "
        f"(x{dpr:g} on this screen): resized it would weigh {kib(resource.resized_bytes)} "
        f"instead of {kib(resource.body_bytes)}."
    )
    details = {
        "natural": [resource.width, resource.height],
        "displayed": [resource.displayed_width, resource.displayed_height],
        "device_scale_factor": dpr,
        "resized_bytes": resource.resized_bytes,
        "format": resource.format,
    }
    return Saving(resource, saved, message, details)


@audit(
    id="image-sizing",
    title="Images are served at the size they are shown",
    failure_title="Properly size images",
    description=(
        "Finds images served with many more pixels than the screen shows them at, and the bytes "
        "resizing them would save. Oversized images waste a phone's connection and slow the "
        "load."
    ),
    help_url="https://developer.chrome.com/docs/lighthouse/performance/uses-responsive-images/",
    category="speed",
    requires=("speed", "resources"),
    weight=0,
    impact="moderate",
    fix=(
        "Serve each image at the size it is shown (times the screen's pixel density): offer"
        " several widths with srcset and sizes, or resize it where it is uploaded."
    ),
)
def image_sizing(snapshot: PageSnapshot) -> Outcome:
    dpr = snapshot.device.device_scale_factor
    images = [r for r in snapshot.resources if r.resource_type == "image"]
    savings = [s for r in images if (s := _saving(r, dpr)) is not None]
    return savings_outcome(
        snapshot,
        savings,
        checked=sum(1 for r in images if r.resized_bytes is not None),
        unmeasured=[r for r in images if r.error],
        nothing_found="No image is much larger than it is shown",
    )
