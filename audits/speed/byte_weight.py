"""total-byte-weight and request-count: what the page downloads in the throttled speed run, by
resource type (the run and requests as audits/common/network_log.py reads them).
"""

from __future__ import annotations

from collections import Counter

from audits import audit
from audits.common.network_log import (
    RESOURCE_TYPES,
    bytes_by_type,
    fetched,
    network_run,
    not_measured,
    show_bytes,
    snippet,
    type_group,
)
from audits.common.speed_metrics import Curve, metric_score
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot

# Lighthouse core/audits/byte-efficiency/total-byte-weight.js defaultOptions: ~25th and ~10th
# percentiles of HTTP Archive's total bytes (Feb 2017), p10 computed from them.
TOTAL_BYTE_WEIGHT_CURVE = Curve(p10=2667 * 1024, median=4000 * 1024)
# total-byte-weight.js: the ten largest requests are listed.
MAX_FINDINGS = 10


@audit(
    id="total-byte-weight",
    title="The page downloads a reasonable amount of data",
    failure_title="Avoid enormous network payloads",
    category="speed",
    requires=("speed",),
    weight=0,
    fix=(
        "Send less: compress and resize images, drop unused scripts and styles, and load "
        "below-the-fold media only when it is needed. "
        "https://developer.chrome.com/docs/lighthouse/performance/total-byte-weight/"
    ),
)
def total_byte_weight(snapshot: PageSnapshot) -> Outcome:
    run = network_run(snapshot)
    if run is None:
        return not_measured()
    # As Lighthouse: every network request's bytes on the wire (headers included).
    requests = [r for r in fetched(run) if r.transfer_bytes > 0]
    total = sum(r.transfer_bytes for r in requests)
    largest = sorted(requests, key=lambda r: (-r.transfer_bytes, r.url))[:MAX_FINDINGS]
    return Outcome(
        score=metric_score(TOTAL_BYTE_WEIGHT_CURVE, total),
        display=f"Total size was {show_bytes(total)}",
        value=total,
        unit="bytes",
        findings=[
            Finding(
                message=f"{type_group(r).capitalize()} of {show_bytes(r.transfer_bytes)}.",
                snippet=snippet(r.url),
                details={
                    "url": r.url,
                    "resource_type": type_group(r),
                    "transfer_bytes": r.transfer_bytes,
                },
            )
            for r in largest
        ],
        details={
            "bytes_by_type": bytes_by_type(requests),
            "requests": len(requests),
            "throttle": run.throttle,
        },
    )


@audit(
    id="request-count",
    title="Requests and transfer sizes by type",
    failure_title="Requests and transfer sizes by type",
    category="speed",
    requires=("speed",),
    weight=0,
    fix=(
        "Fewer requests load sooner: bundle small files, drop unused tags and fonts, and "
        "lazy-load what is below the fold. "
        "https://developer.chrome.com/docs/lighthouse/performance/resource-summary/"
    ),
)
def request_count(snapshot: PageSnapshot) -> Outcome:
    """Informative, as Lighthouse's resource-summary (scoreDisplayMode informative): no request
    count is a fault in itself, and no source gives a line to fail at. It scores 1 whenever it
    was measured (weight 0: it never moves the speed score) and carries the numbers."""
    run = network_run(snapshot)
    if run is None:
        return not_measured()
    requests = fetched(run)
    counts = Counter(type_group(r) for r in requests)
    by_type = {kind: counts.get(kind, 0) for kind in RESOURCE_TYPES}
    sizes = bytes_by_type(requests)
    total = len(requests)
    return Outcome(
        score=1.0,
        display=f"{total} request{'' if total == 1 else 's'} • {show_bytes(sum(sizes.values()))}",
        value=total,
        unit="count",
        findings=[
            Finding(
                message=f"{kind.capitalize()}: {n} request{'' if n == 1 else 's'}, "
                f"{show_bytes(sizes[kind])}.",
                details={"resource_type": kind, "requests": n, "transfer_bytes": sizes[kind]},
            )
            for kind, n in sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))
            if n
        ],
        details={
            "requests_by_type": by_type,
            "bytes_by_type": sizes,
            # Left out of the counts: requests that did not cross the network in full.
            "not_counted": len(run.network) - total,
            "throttle": run.throttle,
        },
    )
