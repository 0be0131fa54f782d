"""first-contentful-paint: when the throttled runs first painted text or an image, with
Lighthouse's id, control points and weight.

A run that reached the timeout keeps the first paint it observed before it.
"""

from __future__ import annotations

from audits import audit
from audits.common.speed_metrics import (
    Curve,
    Metric,
    Thresholds,
    band_lines,
    metric_outcome,
    metric_score,
    seconds,
)
from checker.model.results import Outcome
from checker.model.snapshot import PageSnapshot

# Lighthouse core/audits/metrics/first-contentful-paint.js, defaultOptions.mobile.scoring.
FCP_CURVE = Curve(p10=1800, median=3000)
# web.dev/articles/fcp#what-is-a-good-fcp-score: good at 1.8 s or less, poor over 3.0 s.
FCP_THRESHOLDS = Thresholds(good=1800, poor=3000)
# Weight: Lighthouse 10+ performance category (core/config/default-config.js): FCP 10.


FIRST_CONTENTFUL_PAINT = Metric(
    name="first contentful paint",
    label="FCP",
    title="First Contentful Paint",
    reads_as="seconds",
    bands=band_lines(FCP_THRESHOLDS.good, FCP_THRESHOLDS.poor, seconds),
    order=1,
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
    description=(
        "Measures when the page first shows text or an image on the throttled mobile network, "
        "as Lighthouse's First Contentful Paint. Until then people look at a blank screen."
    ),
    help_url="https://developer.chrome.com/docs/lighthouse/performance/first-contentful-paint/",
    category="speed",
    requires=("speed",),
    weight=10,
    impact="moderate",
    fix=(
        "Show something sooner: inline the CSS of the first screen, defer scripts, and make"
        " web fonts swap in (font-display: swap)."
    ),
)
def first_contentful_paint(snapshot: PageSnapshot) -> Outcome:
    return metric_outcome(snapshot, FIRST_CONTENTFUL_PAINT)
