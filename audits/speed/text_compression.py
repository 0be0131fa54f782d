"""text-compression: HTML, CSS, JavaScript, JSON, SVG and other text served without gzip or
brotli.

A text resource over 1.4 KB whose response had no Content-Encoding is gzipped (level 6) by the
gatherer; the saving is its bytes minus the gzipped bytes. As Lighthouse's uses-text-compression
(core/audits/byte-efficiency/uses-text-compression.js): a saving under 1,400 bytes is ignored,
and so is one under 20,000 bytes that is less than 5% of the resource; a resource that went
over the wire in fewer bytes than its gzip is skipped.
"""

from __future__ import annotations

from audits import audit
from audits.common.resource_savings import Saving, kib, savings_outcome
from checker.model.load_facts import ResourceFacts
from checker.model.results import Outcome
from checker.model.snapshot import PageSnapshot

# Lighthouse uses-text-compression.js: IGNORE_THRESHOLD_IN_BYTES = 1400,
# IGNORE_THRESHOLD_IN_PERCENT = 0.05, unless the saving reaches 20,000 bytes.
IGNORE_BELOW_BYTES = 1400
IGNORE_BELOW_RATIO = 0.05
ALWAYS_FROM_BYTES = 20_000


def _saving(resource: ResourceFacts) -> Saving | None:
    gzipped = resource.gzip_bytes
    if gzipped is None or gzipped <= 0 or resource.content_encoding is not None:
        return None
    if 0 < resource.transfer_bytes < gzipped:
        return None  # already smaller on the wire than gzip would make it
    saved = resource.body_bytes - gzipped
    if saved < IGNORE_BELOW_BYTES:
        return None
    if saved < ALWAYS_FROM_BYTES and 1 - gzipped / resource.body_bytes < IGNORE_BELOW_RATIO:
        return None
    message = (
        f"Served uncompressed ({kib(resource.body_bytes)}); gzipped it would be {kib(gzipped)}."
    )
    details = {"gzip_bytes": gzipped, "resource_type": resource.resource_type}
    return Saving(resource, saved, message, details)


@audit(
    id="text-compression",
    title="Text is served compressed",
    failure_title="Enable text compression",
    description=(
        "Finds HTML, CSS, JavaScript, JSON and SVG sent without gzip or brotli compression, and "
        "the bytes compressing them would save. Uncompressed text takes longer to arrive on a "
        "mobile connection."
    ),
    help_url="https://developer.chrome.com/docs/lighthouse/performance/uses-text-compression/",
    category="speed",
    requires=("speed", "resources"),
    weight=0,
    impact="moderate",
    fix=(
        "Turn on gzip or brotli compression in the web server or CDN for HTML, CSS, "
        "JavaScript, JSON and SVG."
    ),
)
def text_compression(snapshot: PageSnapshot) -> Outcome:
    candidates = [r for r in snapshot.resources if r.gzip_bytes is not None]
    return savings_outcome(
        snapshot,
        [s for r in candidates if (s := _saving(r)) is not None],
        checked=len(candidates),
        unmeasured=[r for r in snapshot.resources if r.error and r.resource_type != "image"],
        nothing_found="No text would be much smaller compressed",
    )
