"""request-count: the requests of the throttled speed run and their bytes, by resource type,
as Lighthouse's resource-summary reports them (the run and requests as
audits/common/network_log.py reads them).
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
    type_group,
)
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot


@audit(
    id="request-count",
    title="Requests and transfer sizes by type",
    failure_title="Requests and transfer sizes by type",
    description=(
        "Counts the page's requests and their bytes by resource type, for information (weight "
        "0). Each request pays a mobile network's latency."
    ),
    help_url="https://developer.chrome.com/docs/lighthouse/performance/resource-summary/",
    category="speed",
    requires=("speed",),
    weight=0,
    impact="minor",
    fix=(
        "Fewer requests load sooner: bundle small files, drop unused tags and fonts, and "
        "lazy-load what is below the fold."
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
