"""What every speed metric audit shares: Lighthouse's log-normal curve, the median over the
throttled runs, Core Web Vitals ratings and the display of times.

Not an audit module: it registers nothing.
"""

from __future__ import annotations

import dataclasses
import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from checker.model.details import MetricDetails, ReadsAs
from checker.model.load_facts import SpeedRun
from checker.model.results import PASS_THRESHOLD, CannotMeasure, Finding, Outcome
from checker.model.snapshot import PageSnapshot

# Lighthouse's shared/statistics.js: the exact doubles at the edges of the score bands, so a
# value at a control point scores exactly 0.9 or 0.5 and a value past it scores less.
MIN_PASSING_SCORE = PASS_THRESHOLD
MAX_AVERAGE_SCORE = math.nextafter(PASS_THRESHOLD, 0.0)  # 0.8999999999999999
MIN_AVERAGE_SCORE = 0.5
MAX_FAILING_SCORE = math.nextafter(0.5, 0.0)  # 0.49999999999999994
# shared/statistics.js: the closest double to erfc^-1(2 * 1/10).
INVERSE_ERFC_ONE_FIFTH = 0.9061938024368232
# JavaScript's Number.MIN_VALUE, the smallest positive double.
_JS_MIN_VALUE = 5e-324

# The speed pass runs on the first mobile device by default (SPEED_DEVICES in
# checker/config/settings.py).
NOT_MEASURED_ON_DEVICE = (
    "Not measured on this device (speed is measured on the first mobile device of the run; "
    "--speed-devices all measures every device)."
)
TIMED_OUT = "The page was still busy at the timeout, so it could not be measured."

Rating = Literal["good", "needs-improvement", "poor"]


@dataclass(frozen=True)
class Curve:
    """Two control points of a log-normal scoring curve: the value that scores 0.9 (p10) and
    the value that scores 0.5 (median)."""

    p10: float
    median: float


@dataclass(frozen=True)
class Thresholds:
    """Core Web Vitals thresholds: good up to `good`, poor above `poor`."""

    good: float
    poor: float

    def rate(self, value: float) -> Rating:
        if value <= self.good:
            return "good"
        if value > self.poor:
            return "poor"
        return "needs-improvement"


def _erf(x: float) -> float:
    """Lighthouse's erf (Abramowitz and Stegun 7.1.26), kept instead of math.erf so scores
    match Lighthouse's to the last digit."""
    sign = math.copysign(1.0, x) if x != 0 else 0.0
    x = abs(x)
    a1 = 0.254829592
    a2 = -0.284496736
    a3 = 1.421413741
    a4 = -1.453152027
    a5 = 1.061405429
    p = 0.3275911
    t = 1 / (1 + p * x)
    y = t * (a1 + t * (a2 + t * (a3 + t * (a4 + t * a5))))
    return sign * (1 - y * math.exp(-x * x))


def log_normal_score(curve: Curve, value: float) -> float:
    """Lighthouse's getLogNormalScore (shared/statistics.js): the share of a log-normal
    distribution above `value`, 0.9 at p10 and 0.5 at the median, held inside the band its
    control points give (at or under p10 scores at least 0.9, over the median under 0.5)."""
    if curve.median <= 0:
        raise ValueError("median must be greater than zero")
    if curve.p10 <= 0:
        raise ValueError("p10 must be greater than zero")
    if curve.p10 >= curve.median:
        raise ValueError("p10 must be less than the median")
    if value <= 0:
        return 1.0
    x_log_ratio = math.log(max(_JS_MIN_VALUE, value / curve.median))
    p10_log_ratio = -math.log(max(_JS_MIN_VALUE, curve.p10 / curve.median))
    standardized_x = x_log_ratio * INVERSE_ERFC_ONE_FIFTH / p10_log_ratio
    complementary_percentile = (1 - _erf(standardized_x)) / 2
    if value <= curve.p10:
        return max(MIN_PASSING_SCORE, min(1.0, complementary_percentile))
    if value <= curve.median:
        return max(MIN_AVERAGE_SCORE, min(MAX_AVERAGE_SCORE, complementary_percentile))
    return max(0.0, min(MAX_FAILING_SCORE, complementary_percentile))


def metric_score(curve: Curve, value: float) -> float:
    """Lighthouse's Audit.computeLogNormalScore (shared/util.js Util.computeLogNormalScore):
    the curve's score with scores over 0.9 boosted by up to 0.005, so a perfect 1 can be
    reached, then floored to two decimals."""
    percentile = log_normal_score(curve, value)
    if percentile > 0.9:
        percentile += 0.05 * (percentile - 0.9)
    return math.floor(percentile * 100) / 100


@dataclass(frozen=True)
class Measured:
    """A metric over the runs: the median of the runs that measured it, and the run whose
    value is closest to it (the one findings are taken from)."""

    value: float
    run: SpeedRun
    runs: list[float | None]
    timed_out: bool = False


def median_of_runs(runs: Sequence[SpeedRun], values: Sequence[float | None]) -> Measured | None:
    """The median over the runs that measured the metric (two middle values are averaged);
    None when no run measured it."""
    # Sums of floats (TBT, CLS) carry noise like 15.200000000000045: values keep 4 decimals.
    values = [None if v is None else round(v, 4) for v in values]
    pairs = [(run, v) for run, v in zip(runs, values, strict=True) if v is not None]
    if not pairs:
        return None
    median = round(float(statistics.median(v for _, v in pairs)), 4)
    # The first run nearest the median: its element, shifts and tasks explain the value.
    run = min(pairs, key=lambda pair: abs(pair[1] - median))[0]
    return Measured(median, run, list(values), any(r.timed_out for r in runs))


@dataclass(frozen=True)
class Metric:
    """How one metric audit reads, scores and shows the runs."""

    name: str  # "first contentful paint": for the not-measured message
    label: str  # "FCP", its tile's short name
    title: str  # "First Contentful Paint"
    reads_as: ReadsAs  # how its values read: seconds, ms or unitless
    bands: str  # the lines of its rating, as its tile shows them
    order: int  # its tile's place, as Lighthouse lists the metrics
    read: Callable[[SpeedRun], float | None]  # one run's value, None when not measured
    score: Callable[[float], float]
    display: Callable[[float], str]
    unit: Literal["ms", "unitless"]
    thresholds: Thresholds | None = None  # Core Web Vitals, where they exist
    not_measured: str = ""  # why, when no run measured it and none timed out
    findings: Callable[[Measured], list[Finding]] | None = None


def metric_outcome(snapshot: PageSnapshot, metric: Metric) -> Outcome:
    """The Outcome of a metric audit: the median over the runs, scored; not applicable on a
    device without a speed pass; CannotMeasure when the runs hold no value of it."""
    runs = snapshot.speed_runs
    if not runs:
        return Outcome(score=None, display=NOT_MEASURED_ON_DEVICE)
    values = [metric.read(run) for run in runs]
    details = MetricDetails(
        label=metric.label,
        name=metric.title,
        reads_as=metric.reads_as,
        bands=metric.bands,
        core_web_vital=metric.thresholds is not None,
        order=metric.order,
        runs=values,
        throttle=runs[0].throttle,
        method=runs[0].method,
        timed_out=any(run.timed_out for run in runs),
    )
    measured = median_of_runs(runs, values)
    if measured is None:
        if details.timed_out:
            raise CannotMeasure(TIMED_OUT, details)
        reason = metric.not_measured or f"the browser reported no {metric.name}"
        raise CannotMeasure(f"Not measured: {reason}.", details)
    if metric.thresholds is not None:
        details = dataclasses.replace(details, rating=metric.thresholds.rate(measured.value))
    return Outcome(
        score=metric.score(measured.value),
        display=metric.display(measured.value),
        value=measured.value,
        unit=metric.unit,
        findings=metric.findings(measured) if metric.findings else [],
        details=details,
    )


def band_lines(good: float, poor: float, show: Callable[[float], str]) -> str:
    """The lines of a metric's rating as its tile shows them: "good ≤ 2.5 s · poor > 4.0 s",
    from the same constants that rate it, so the two cannot drift apart."""
    return f"good ≤ {show(good)} · poor > {show(poor)}"


def seconds(ms: float) -> str:
    """A time as Lighthouse shows a paint metric: seconds with one decimal, "2.4 s"."""
    return f"{ms / 1000:.1f} s"


def milliseconds(ms: float) -> str:
    """A duration as Lighthouse shows it in ms: to the nearest 10 ms, "350 ms"."""
    return f"{round(ms / 10) * 10:,} ms"


def unitless(value: float) -> str:
    """A layout shift score with at most three decimals, as Lighthouse shows CLS: "0.12"."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return text or "0"
