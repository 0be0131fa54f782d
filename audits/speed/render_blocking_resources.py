"""render-blocking-resources: stylesheets and synchronous scripts in <head> that held the first
paint, as Lighthouse's audit of that id reports them.

The gatherer lists what blocks rendering (snapshot.render_blocking); this audit joins that
list with the speed run's network log by URL and keeps the requests that finished before First
Contentful Paint: the page could not paint before they arrived. A request still in flight at
FCP did not hold it.

Savings, without Lighthouse's simulator (core/audits/byte-efficiency/render-blocking-resources.js
simulates FCP with the blocking requests deferred and the stylesheets inlined in the HTML):
- each resource's wasted time is its request's duration, start to end, as measured in the
  throttled run (Lighthouse: the request's duration in its simulated FCP graph); resources
  under 50 ms are left out, as Lighthouse does (MINIMUM_WASTED_MS);
- the page's saving is the time the kept requests were in flight, their overlaps counted once
  (they load in parallel), less the time the stylesheets' bytes would still take at slow-4g
  once inlined in the HTML (Lighthouse inlines only the used CSS; we cannot tell used from
  unused here, so we inline all of it: a conservative estimate).
Times are those of the run's throttle (slow-4g unless --throttle says otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass

from audits import audit
from audits.common.network_log import network_run, not_measured, show_bytes, snippet
from audits.common.speed_metrics import TIMED_OUT, milliseconds
from audits.common.speed_savings import bytes_to_ms, savings_score
from checker.model.details import SavingsDetails
from checker.model.dom_facts import RenderBlocking
from checker.model.elements import Element
from checker.model.load_facts import NetworkRequest, SpeedRun
from checker.model.results import CannotMeasure, Finding, Outcome
from checker.model.snapshot import PageSnapshot
from checker.model.urls import without_fragment

# Lighthouse render-blocking-resources.js MINIMUM_WASTED_MS: a stylesheet that loaded this
# fast may have been loaded asynchronously (loadCSS), and matters little anyway.
MINIMUM_WASTED_MS = 50


@dataclass(frozen=True)
class Blocker:
    resource: RenderBlocking
    request: NetworkRequest
    wasted_ms: float


def _request_for(resource: RenderBlocking, run: SpeedRun) -> NetworkRequest | None:
    """The first request of the resource's URL that reached the network (a request the run's
    own rules blocked cost the page nothing; one served from cache waited on no network)."""
    wanted = without_fragment(resource.url)
    return next(
        (
            r
            for r in run.network
            if without_fragment(r.url) == wanted and not r.blocked and not r.from_cache
        ),
        None,
    )


def blockers(resources: list[RenderBlocking], run: SpeedRun, fcp_ms: float) -> list[Blocker]:
    """The render-blocking resources whose request ended before FCP, with their wasted time.
    A failed request counts: the page waited for it to fail."""
    found = []
    for resource in resources:
        request = _request_for(resource, run)
        if request is None or request.end_ms is None or request.end_ms > fcp_ms:
            continue
        wasted = round(request.end_ms - request.start_ms)
        if wasted >= MINIMUM_WASTED_MS:
            found.append(Blocker(resource, request, wasted))
    return found


def in_flight_ms(blocking: list[Blocker]) -> float:
    """How long at least one of the requests was in flight: their intervals' union."""
    total = 0.0
    reach = float("-inf")
    for start, end in sorted((b.request.start_ms, b.request.end_ms or 0.0) for b in blocking):
        if end <= reach:
            continue
        total += end - max(start, reach)
        reach = end
    return total


@audit(
    id="render-blocking-resources",
    title="No resources held the first paint",
    failure_title="Eliminate render-blocking resources",
    description=(
        "Finds stylesheets and synchronous scripts in <head> that the first paint waited for, "
        "and the time loading them without blocking would save. On a slow mobile network each "
        "one keeps the whole screen blank."
    ),
    help_url="https://developer.chrome.com/docs/lighthouse/performance/render-blocking-resources/",
    category="speed",
    requires=("speed", "dom"),
    weight=0,
    impact="serious",
    fix=(
        "Inline the CSS the first screen needs and load the rest without blocking; give "
        "scripts in <head> defer or async."
    ),
)
def render_blocking_resources(snapshot: PageSnapshot) -> Outcome:
    run = network_run(snapshot)
    if run is None:
        return not_measured()
    if run.fcp_ms is None:  # what blocked the first paint cannot be told without one
        if run.timed_out:
            raise CannotMeasure(TIMED_OUT)
        raise CannotMeasure("Not measured: the page painted no text or image.")
    blocking = blockers(snapshot.render_blocking, run, run.fcp_ms)
    css_bytes = sum(b.request.transfer_bytes for b in blocking if b.resource.tag == "link")
    saved_ms = round(max(0.0, in_flight_ms(blocking) - bytes_to_ms(css_bytes)))
    blocking.sort(key=lambda b: (-b.wasted_ms, b.request.url))
    return Outcome(
        score=savings_score(0, saved_ms),
        display=(
            f"Potential savings of {milliseconds(saved_ms)}"
            if blocking
            else "No resource held the first paint"
        ),
        value=saved_ms,
        unit="ms",
        findings=[
            Finding(
                message=_blocker_message(b),
                element=Element(b.resource.selector, snippet=snippet(b.request.url)),
                details={
                    "url": b.request.url,
                    "status": b.request.status,
                    "tag": b.resource.tag,
                    "transfer_bytes": b.request.transfer_bytes,
                    "wasted_ms": b.wasted_ms,
                    "start_ms": b.request.start_ms,
                    "end_ms": b.request.end_ms,
                },
            )
            for b in blocking
        ],
        details=SavingsDetails(
            savings_ms=saved_ms,
            facts={"fcp_ms": run.fcp_ms, "inlined_css_bytes": css_bytes, "throttle": run.throttle},
        ),
    )


def _blocker_message(blocker: Blocker) -> str:
    what = "stylesheet" if blocker.resource.tag == "link" else "script"
    request, waited = blocker.request, milliseconds(blocker.wasted_ms)
    if request.status is not None and request.status >= 400:
        # An error page held the paint for nothing: the file is missing, not too big.
        return (
            f"This {what} answers HTTP {request.status}, and the first paint waited "
            f"{waited} for it: remove the reference or fix the address."
        )
    size = show_bytes(request.transfer_bytes)
    return f"This {what} ({size}) took {waited} to load while the first paint waited."
