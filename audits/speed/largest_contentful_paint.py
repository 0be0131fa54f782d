"""largest-contentful-paint: when the throttled runs painted the largest text or image of
the first screen, with Lighthouse's id, control points and weight.

A run that reached the timeout may still have had its largest contentful paint to come, so it
is not measured.
"""

from __future__ import annotations

from audits import audit
from audits.common.speed_metrics import (
    Curve,
    Measured,
    Metric,
    Thresholds,
    band_lines,
    metric_outcome,
    metric_score,
    seconds,
)
from checker.model.load_facts import SpeedRun
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot

# Lighthouse core/audits/metrics/largest-contentful-paint.js, defaultOptions.mobile.scoring.
LCP_CURVE = Curve(p10=2500, median=4000)
# web.dev/articles/lcp#what-is-a-good-lcp-score: good at 2.5 s or less, poor over 4.0 s.
LCP_THRESHOLDS = Thresholds(good=2500, poor=4000)
# Weight: Lighthouse 10+ performance category (core/config/default-config.js): LCP 25.


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
            element=element,
            details={"lcp_ms": measured.run.lcp_ms},
        )
    ]


LARGEST_CONTENTFUL_PAINT = Metric(
    name="largest contentful paint",
    label="LCP",
    title="Largest Contentful Paint",
    reads_as="seconds",
    bands=band_lines(LCP_THRESHOLDS.good, LCP_THRESHOLDS.poor, seconds),
    order=2,
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
    description=(
        "Measures when the largest text or image of the first screen appears on the throttled "
        "mobile network, as Core Web Vitals' Largest Contentful Paint: when people see the "
        "page's main content."
    ),
    help_url=(
        "https://developer.chrome.com/docs/lighthouse/performance/lighthouse-largest-contentful-paint/"
    ),
    category="speed",
    requires=("speed",),
    weight=25,
    impact="serious",
    fix=(
        "Make the main image or heading of the first screen load first: serve it small, "
        "don't lazy-load it, give it fetchpriority=high, and don't wait on scripts to show "
        "it."
    ),
)
def largest_contentful_paint(snapshot: PageSnapshot) -> Outcome:
    return metric_outcome(snapshot, LARGEST_CONTENTFUL_PAINT)
