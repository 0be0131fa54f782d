"""The speed run's network log as the network diagnostics read it (total-byte-weight,
request-count, cache-policy, render-blocking-resources, third-party-weight): which run, which
requests crossed the network, their resource types, and how bytes and URLs are shown.

The diagnostics read one run: the one whose First Contentful Paint is nearest the median of
the runs (the same run the FCP audit explains), or the first run when none painted. One run,
not a median per request: a request log cannot be averaged, and that run's FCP is the one
render-blocking-resources compares its requests with.
"""

from __future__ import annotations

from collections.abc import Iterable

from audits.common.speed_metrics import NOT_MEASURED_ON_DEVICE, median_of_runs
from checker.model.load_facts import NetworkRequest, SpeedRun
from checker.model.results import Outcome
from checker.model.snapshot import PageSnapshot

# Lighthouse core/computed/resource-summary.js determineResourceType: the DevTools resource
# types kept apart; the rest (xhr, fetch, texttrack, manifest, ping...) is "other".
RESOURCE_TYPES = ("document", "script", "stylesheet", "image", "font", "media", "other")
SNIPPET_CHARS = 200


def network_run(snapshot: PageSnapshot) -> SpeedRun | None:
    """The run the network diagnostics read: FCP nearest the median, else the first run."""
    runs = snapshot.speed_runs
    if not runs:
        return None
    measured = median_of_runs(runs, [run.fcp_ms for run in runs])
    return measured.run if measured is not None else runs[0]


def went_over_network(request: NetworkRequest) -> bool:
    """A request that crossed the network in full: not blocked by the run's own rules, not
    failed or cancelled, not served from the browser's cache, and not a data:/blob: URL
    (Lighthouse's isNonNetworkRequest: their bytes are counted in the resource holding them)."""
    return (
        not request.blocked
        and request.failure is None
        and not request.from_cache
        and request.url.startswith(("http://", "https://"))
    )


def fetched(run: SpeedRun) -> list[NetworkRequest]:
    return [r for r in run.network if went_over_network(r)]


def type_group(request: NetworkRequest) -> str:
    kind = request.resource_type.lower()
    return kind if kind in RESOURCE_TYPES else "other"


def bytes_by_type(requests: Iterable[NetworkRequest]) -> dict[str, int]:
    totals = dict.fromkeys(RESOURCE_TYPES, 0)
    for request in requests:
        totals[type_group(request)] += request.transfer_bytes
    return totals


def show_bytes(size: float) -> str:
    """Bytes as the report shows them: KB of 1,024 bytes, "8.4 KB", "312 KB"."""
    kb = size / 1024
    return f"{kb:.1f} KB" if kb < 10 else f"{round(kb):,} KB"


def snippet(url: str) -> str:
    return url if len(url) <= SNIPPET_CHARS else url[: SNIPPET_CHARS - 1] + "…"


def not_measured() -> Outcome:
    return Outcome(score=None, display=NOT_MEASURED_ON_DEVICE)
