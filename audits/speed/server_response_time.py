"""server-response-time: how long the server took to answer the page itself, as Lighthouse's
audit of that id judges it (core/audits/server-response-time.js): for the main document of
the observed load, from its request sent to the first byte of its response, without the
connection set-up (DNS, TCP, TLS), the redirects before it or any network throttling.

Lighthouse reads `timing.receiveHeadersStart - timing.sendEnd` of the document in the DevTools
log. The snapshot has the same two moments in the document's Navigation Timing
(PageSnapshot.navigation_timing, read in the device's layout load, unthrottled: the load the
simulated speed run observes; with --throttle-method apply, further --runs or an accepted
cookie banner the speed runs are loads of their own, and the server's time is still the layout
load's): `responseStart - requestStart`. requestStart is when the request starts to be sent
(sendStart; sendEnd follows within microseconds for a GET).
Where the browser gives `finalResponseHeadersStart` (the final headers after a 103 Early
Hints, which responseStart may stand for), it is taken instead, as Lighthouse's
receiveHeadersStart is the final response's.

The throttled run's first byte, connection set-up and network latency included, is the
`time-to-first-byte` metric (time_to_first_byte.py).
"""

from __future__ import annotations

from audits import audit
from audits.common.speed_metrics import NOT_MEASURED_ON_DEVICE, milliseconds
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot

# Lighthouse core/audits/server-response-time.js: TOO_SLOW_THRESHOLD_MS = 600 and
# score Number(responseTime < 600); it weighs 0 in the performance category
# (core/config/default-config.js). Its TARGET_MS = 100 is what its savings count down to.
TOO_SLOW_MS = 600
TARGET_MS = 100

NO_TIMING = (
    "Not measured: the browser gave no navigation timing for the page's document "
    "(its request and first byte)."
)


def _shown(ms: float) -> str:
    """Lighthouse's display, to the nearest 10 ms, but a server on this machine answering in
    2 ms reads "2 ms", not "0 ms"."""
    return f"{round(ms)} ms" if ms < 10 else milliseconds(ms)


def response_start(timing: dict[str, float]) -> float | None:
    """When the final response's headers began to arrive (ms from navigation start)."""
    return timing.get("finalResponseHeadersStart") or timing.get("responseStart")


def server_response_ms(timing: dict[str, float]) -> float | None:
    """From the document's request sent to the first byte of its final response headers, in
    ms, from its Navigation Timing; None when the browser did not give both moments."""
    request = timing.get("requestStart")
    response = response_start(timing)
    if not request or not response or response < request:
        return None
    return round(response - request, 1)


@audit(
    id="server-response-time",
    title="Initial server response time was short",
    failure_title="Reduce initial server response time",
    description=(
        "Measures how long the server took to answer the request for the page, the network's "
        "time left out. Every other request waits for that answer."
    ),
    help_url="https://developer.chrome.com/docs/lighthouse/performance/time-to-first-byte/",
    category="speed",
    requires=("speed", "document"),
    weight=0,
    impact="moderate",
    fix=(
        "Make the server answer the page faster: cache rendered pages, speed up the "
        "database queries and code behind them, or serve them from a CDN."
    ),
)
def server_response_time(snapshot: PageSnapshot) -> Outcome:
    # Judged where the speed pass ran, as the other speed audits, on that device's own load.
    if not snapshot.speed_runs:
        return Outcome(score=None, display=NOT_MEASURED_ON_DEVICE)
    timing = snapshot.navigation_timing
    response_ms = server_response_ms(timing)
    if response_ms is None:
        return Outcome(score=None, display=NO_TIMING, unit="ms")
    url = snapshot.document.url
    details = {
        "url": url,
        "request_start_ms": round(timing["requestStart"], 1),
        "response_start_ms": round(response_start(timing) or 0.0, 1),
        "source": "navigation-timing",
    }
    passed = response_ms < TOO_SLOW_MS
    findings = []
    if not passed:
        findings.append(
            Finding(
                message=(
                    f"The server took {_shown(response_ms)} to start answering {url} "
                    f"(from the request sent to the first byte; aim for under "
                    f"{TARGET_MS} ms)."
                ),
                details={"url": url, "response_ms": response_ms},
            )
        )
    return Outcome(
        score=1.0 if passed else 0.0,
        display=f"Root document took {_shown(response_ms)}",
        value=response_ms,
        unit="ms",
        findings=findings,
        details=details,
    )
