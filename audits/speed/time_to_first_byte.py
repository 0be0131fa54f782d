"""time-to-first-byte: when the page's first byte arrived in the throttled runs, from the
start of navigation.

Lighthouse has no time-to-first-byte metric: its curve takes web.dev's TTFB thresholds, as
Lighthouse's FCP, LCP and CLS curves take theirs. The server's own response time is
server-response-time (server_response_time.py). A run that reached the timeout keeps the first
byte it observed before it.
"""

from __future__ import annotations

import dataclasses

from audits import audit
from audits.common.speed_metrics import (
    Curve,
    Metric,
    Thresholds,
    band_lines,
    metric_outcome,
    metric_score,
    milliseconds,
    seconds,
)
from checker.model.details import MetricDetails
from checker.model.results import Outcome
from checker.model.snapshot import PageSnapshot

# web.dev/articles/ttfb#what-is-a-good-ttfb-score: good at 0.8 s or less, poor over 1.8 s;
# the curve's control points, as web.dev's FCP, LCP and CLS thresholds are Lighthouse's.
TTFB_THRESHOLDS = Thresholds(good=800, poor=1800)
TTFB_CURVE = Curve(p10=800, median=1800)
# Lighthouse has no TTFB metric: time-to-first-byte informs, weight 0.


TIME_TO_FIRST_BYTE = Metric(
    name="first byte",
    label="TTFB",
    title="Time to First Byte",
    reads_as="ms",
    bands=band_lines(TTFB_THRESHOLDS.good, TTFB_THRESHOLDS.poor, seconds),
    order=5,
    # ttfb_ms counts from navigation start under the run's throttling: redirects, DNS, the
    # connection's round trips, the request's and the server's time.
    read=lambda run: run.ttfb_ms,
    score=lambda ms: metric_score(TTFB_CURVE, ms),
    display=milliseconds,
    unit="ms",
    thresholds=TTFB_THRESHOLDS,
    not_measured="no response arrived",
)


@audit(
    id="time-to-first-byte",
    title="Time to First Byte on the throttled network is fast",
    failure_title="Time to First Byte on the throttled network is slow",
    description=(
        "Measures when the page's first byte arrives on the throttled mobile network, from the "
        "start of navigation (redirects, connection and server included). Nothing can appear on "
        "the screen before it."
    ),
    help_url="https://web.dev/articles/ttfb",
    category="speed",
    requires=("speed",),
    weight=0,
    impact="moderate",
    fix=(
        "Cut what comes before the page's first byte on a slow mobile network: redirects, "
        "new connections (serve from a CDN near your visitors, with HTTP/2 or HTTP/3 and "
        "TLS 1.3) and the server's own time (see server-response-time)."
    ),
)
def time_to_first_byte(snapshot: PageSnapshot) -> Outcome:
    outcome = metric_outcome(snapshot, TIME_TO_FIRST_BYTE)
    if outcome.value is None or not isinstance(outcome.details, MetricDetails):
        return outcome
    # Named with its profile and method: it is the network's time as much as the server's.
    display = f"{outcome.display} on {outcome.details.throttle} ({outcome.details.method})"
    return dataclasses.replace(outcome, display=display)
