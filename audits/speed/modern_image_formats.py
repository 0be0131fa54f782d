"""modern-image-formats: JPEG, PNG and GIF images that would be much smaller as WebP or AVIF.

Each image is re-encoded with Pillow at its natural size as WebP (quality 80) and, where this
Pillow has libavif, AVIF (quality 80); the saving is the served bytes minus the smaller.
Lighthouse's modern-image-formats (core/audits/byte-efficiency/modern-image-formats.js) gets
WebP from Chrome's encoder and only estimates AVIF (from the JPEG and WebP sizes), and skips
an image whose saving is under 8 KiB; we keep that line.
"""

from __future__ import annotations

from audits import audit
from audits.common.resource_savings import Saving, kib, savings_outcome
from checker.model.load_facts import ResourceFacts
from checker.model.results import Outcome
from checker.model.snapshot import PageSnapshot

# Lighthouse modern-image-formats.js: IGNORE_THRESHOLD_IN_BYTES = 8192.
IGNORE_BELOW_BYTES = 8192
LEGACY_FORMATS = {"JPEG", "PNG", "GIF"}


def _best(resource: ResourceFacts) -> tuple[str, int] | None:
    sizes = {"WebP": resource.webp_bytes, "AVIF": resource.avif_bytes}
    measured = [(name, size) for name, size in sizes.items() if size is not None]
    return min(measured, key=lambda pair: pair[1], default=None)


def _saving(resource: ResourceFacts) -> Saving | None:
    best = _best(resource)
    if resource.format not in LEGACY_FORMATS or best is None:
        return None
    name, size = best
    saved = resource.body_bytes - size
    if saved < IGNORE_BELOW_BYTES:
        return None
    message = (
        f"This {resource.format} would weigh {kib(size)} as {name} instead of "
        f"{kib(resource.body_bytes)}."
    )
    details = {
        "format": resource.format,
        "webp_bytes": resource.webp_bytes,
        "avif_bytes": resource.avif_bytes,
        "best": name,
    }
    return Saving(resource, saved, message, details)


@audit(
    id="modern-image-formats",
    title="Images are served in modern formats",
    failure_title="Serve images in modern formats",
    description=(
        "Finds JPEG, PNG and GIF images that would be much smaller as WebP or AVIF, and the "
        "bytes that would save. Smaller images load sooner on a phone's connection."
    ),
    help_url="https://developer.chrome.com/docs/lighthouse/performance/uses-webp-images/",
    category="speed",
    requires=("speed", "resources"),
    weight=0,
    impact="moderate",
    fix=(
        "Serve photos and graphics as WebP or AVIF (with <picture> for a fallback, or let "
        "an image CDN choose by the Accept header)."
    ),
)
def modern_image_formats(snapshot: PageSnapshot) -> Outcome:
    images = [r for r in snapshot.resources if r.resource_type == "image"]
    legacy = [r for r in images if r.format in LEGACY_FORMATS and _best(r) is not None]
    return savings_outcome(
        snapshot,
        [s for r in legacy if (s := _saving(r)) is not None],
        checked=len(legacy),
        unmeasured=[r for r in images if r.error],
        nothing_found="No image would be much smaller as WebP or AVIF",
    )
