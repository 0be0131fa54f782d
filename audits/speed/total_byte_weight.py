"""total-byte-weight: how many bytes the page downloads in the throttled speed run, and its
largest requests, as Lighthouse's audit of that id (the run and requests as
audits/common/network_log.py reads them).
"""

from __future__ import annotations

from audits import audit
from audits.common.network_log import (
    bytes_by_type,
    fetched,
    network_run,
    not_measured,
    show_bytes,
    snippet,
    type_group,
)
from audits.common.speed_metrics import Curve, metric_score
from checker.model.elements import Element
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
    description=(
        "Measures how many bytes the page downloads on the throttled mobile network. A heavy "
        "page loads slowly on a phone's connection and costs people on metered data plans."
    ),
    help_url="https://developer.chrome.com/docs/lighthouse/performance/total-byte-weight/",
    category="speed",
    requires=("speed",),
    weight=0,
    impact="minor",
    fix=(
        "Send less: compress and resize images, drop unused scripts and styles, and load "
        "below-the-fold media only when it is needed."
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
                element=Element(snippet=snippet(r.url)),
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
