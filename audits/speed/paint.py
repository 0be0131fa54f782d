"""The loading metrics of the throttled runs: time-to-first-byte, first-contentful-paint and
largest-contentful-paint, with Lighthouse's ids, control points and weights (Lighthouse has no
time-to-first-byte metric: its curve takes web.dev's TTFB thresholds, as Lighthouse's FCP, LCP
and CLS curves take theirs). The server's own response time is server-response-time
(server_response_time.py).

A run that reached the timeout keeps what it observed before it (the first byte, the first
paint); its largest contentful paint may still have been to come, so it is not measured.
"""

from __future__ import annotations

import dataclasses

from audits import audit
from audits.common.speed_metrics import (
    Curve,
    Measured,
    Metric,
    Thresholds,
    metric_outcome,
    metric_score,
    milliseconds,
    seconds,
)
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot, SpeedRun

# web.dev/articles/ttfb#what-is-a-good-ttfb-score: good at 0.8 s or less, poor over 1.8 s;
# the curve's control points, as web.dev's FCP, LCP and CLS thresholds are Lighthouse's.
TTFB_THRESHOLDS = Thresholds(good=800, poor=1800)
TTFB_CURVE = Curve(p10=800, median=1800)

# Lighthouse core/audits/metrics/first-contentful-paint.js, defaultOptions.mobile.scoring.
FCP_CURVE = Curve(p10=1800, median=3000)
# web.dev/articles/fcp#what-is-a-good-fcp-score: good at 1.8 s or less, poor over 3.0 s.
FCP_THRESHOLDS = Thresholds(good=1800, poor=3000)

# Lighthouse core/audits/metrics/largest-contentful-paint.js, defaultOptions.mobile.scoring.
LCP_CURVE = Curve(p10=2500, median=4000)
# web.dev/articles/lcp#what-is-a-good-lcp-score: good at 2.5 s or less, poor over 4.0 s.
LCP_THRESHOLDS = Thresholds(good=2500, poor=4000)

# Weights: Lighthouse 10+ performance category (core/config/default-config.js): FCP 10,
# SI 10 (not measured here), LCP 25, TBT 30, CLS 25; time-to-first-byte informs, weight 0.


TIME_TO_FIRST_BYTE = Metric(
    name="first byte",
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
    category="speed",
    requires=("speed",),
    weight=0,
    fix=(
        "Cut what comes before the page's first byte on a slow mobile network: redirects, "
        "new connections (serve from a CDN near your visitors, with HTTP/2 or HTTP/3 and TLS "
        "1.3) and the server's own time (see server-response-time). "
        "https://web.dev/articles/optimize-ttfb"
    ),
)
def time_to_first_byte(snapshot: PageSnapshot) -> Outcome:
    outcome = metric_outcome(snapshot, TIME_TO_FIRST_BYTE)
    if outcome.value is None:
        return outcome
    # Named with its profile and method: it is the network's time as much as the server's.
    throttle, method = outcome.details["throttle"], outcome.details["method"]
    display = f"{outcome.display} on {throttle} ({method})"
    return dataclasses.replace(outcome, display=display)


FIRST_CONTENTFUL_PAINT = Metric(
    name="first contentful paint",
    read=lambda run: run.fcp_ms,
    score=lambda ms: metric_score(FCP_CURVE, ms),
    display=seconds,
    unit="ms",
    thresholds=FCP_THRESHOLDS,
    not_measured="the page painted no text or image",
)


@audit(
    id="first-contentful-paint",
    title="First Contentful Paint is fast",
    failure_title="First Contentful Paint is slow",
    category="speed",
    requires=("speed",),
    weight=10,
    fix=(
        "Show something sooner: inline the CSS of the first screen, defer scripts, and make "
        "web fonts swap in (font-display: swap). "
        "https://developer.chrome.com/docs/lighthouse/performance/first-contentful-paint/"
    ),
)
def first_contentful_paint(snapshot: PageSnapshot) -> Outcome:
    return metric_outcome(snapshot, FIRST_CONTENTFUL_PAINT)


def _lcp(run: SpeedRun) -> float | None:
    return None if run.timed_out else run.lcp_ms


def _lcp_findings(measured: Measured) -> list[Finding]:
    element = measured.run.lcp_element
    if element is None or measured.run.lcp_ms is None:
        return []
    return [
        Finding(
            message=(
                "The largest text or image of the first screen: it painted at "
                f"{seconds(measured.run.lcp_ms)}."
            ),
            selector=element.selector,
            box=element.box,
            snippet=element.snippet,
            details={"lcp_ms": measured.run.lcp_ms},
        )
    ]


LARGEST_CONTENTFUL_PAINT = Metric(
    name="largest contentful paint",
    read=_lcp,
    score=lambda ms: metric_score(LCP_CURVE, ms),
    display=seconds,
    unit="ms",
    thresholds=LCP_THRESHOLDS,
    not_measured="the page painted no text or image",
    findings=_lcp_findings,
)


@audit(
    id="largest-contentful-paint",
    title="Largest Contentful Paint is fast",
    failure_title="Largest Contentful Paint is slow",
    category="speed",
    requires=("speed",),
    weight=25,
    fix=(
        "Make the main image or heading of the first screen load first: serve it small, "
        "don't lazy-load it, give it fetchpriority=high, and don't wait on scripts to show it. "
        "https://web.dev/articles/optimize-lcp"
    ),
)
def largest_contentful_paint(snapshot: PageSnapshot) -> Outcome:
    return metric_outcome(snapshot, LARGEST_CONTENTFUL_PAINT)
