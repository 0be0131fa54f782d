"""total-blocking-time: how long the main thread kept the page from answering taps while it
loaded, as Lighthouse measures it.

TBT sums, over the long tasks between First Contentful Paint and the end of the load, each
task's time beyond 50 ms (Lighthouse core/computed/metrics/tbt-utils.js). Lighthouse ends the
range at Time to Interactive; we end it when network and main thread went quiet (the run's
quiet_at_ms), or else at the end of the last long task. A task straddling FCP counts only its
part after FCP, and that part too must pass 50 ms.
"""

from __future__ import annotations

from dataclasses import dataclass

from audits import audit
from audits.common.speed_metrics import (
    Curve,
    Measured,
    Metric,
    band_lines,
    metric_outcome,
    metric_score,
)
from audits.common.speed_metrics import milliseconds as show_ms
from audits.common.speed_metrics import seconds as show_seconds
from checker.model.load_facts import LongTask, SpeedRun
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot

# Lighthouse core/audits/metrics/total-blocking-time.js, defaultOptions.mobile.scoring.
TBT_CURVE = Curve(p10=200, median=600)
# Lighthouse core/computed/metrics/tbt-utils.js: BLOCKING_TIME_THRESHOLD.
BLOCKING_TIME_THRESHOLD_MS = 50
MAX_FINDINGS = 10


def task_blocking_ms(task: LongTask, start_ms: float, end_ms: float) -> float:
    """Lighthouse's calculateTbtImpactForEvent for a top-level task: clip the task to
    [start_ms, end_ms], then what is left beyond 50 ms blocks."""
    if task.duration_ms < BLOCKING_TIME_THRESHOLD_MS:
        return 0.0
    task_end = task.start_ms + task.duration_ms
    if task_end < start_ms or task.start_ms > end_ms:
        return 0.0
    clipped = min(task_end, end_ms) - max(task.start_ms, start_ms)
    if clipped < BLOCKING_TIME_THRESHOLD_MS:
        return 0.0
    return clipped - BLOCKING_TIME_THRESHOLD_MS


def blocking_range(run: SpeedRun) -> tuple[float, float] | None:
    """From FCP to the quiet moment (else the end of the last long task); None when the run
    has no FCP or timed out."""
    if run.timed_out or run.fcp_ms is None:
        return None
    if run.quiet_at_ms is not None:
        end = run.quiet_at_ms
    else:
        end = max((t.start_ms + t.duration_ms for t in run.long_tasks), default=run.fcp_ms)
    return run.fcp_ms, end


def total_blocking_time(run: SpeedRun) -> float | None:
    span = blocking_range(run)
    if span is None:
        return None
    start, end = span
    if end <= start:
        return 0.0
    return sum(task_blocking_ms(task, start, end) for task in run.long_tasks)


@dataclass(frozen=True)
class _Blocking:
    task: LongTask
    blocking_ms: float


def _findings(measured: Measured) -> list[Finding]:
    span = blocking_range(measured.run)
    if span is None:
        return []
    blocking = [_Blocking(t, task_blocking_ms(t, *span)) for t in measured.run.long_tasks]
    ranked = sorted((b for b in blocking if b.blocking_ms > 0), key=lambda b: -b.blocking_ms)
    return [
        Finding(
            message=(
                f"A {show_ms(b.task.duration_ms)} task at {show_seconds(b.task.start_ms)} "
                f"blocked the main thread for {show_ms(b.blocking_ms)}"
                + (" after the first paint." if b.task.start_ms < span[0] else ".")
            ),
            details={
                "start_ms": b.task.start_ms,
                "duration_ms": b.task.duration_ms,
                "blocking_ms": b.blocking_ms,
            },
        )
        for b in ranked[:MAX_FINDINGS]
    ]


TOTAL_BLOCKING_TIME = Metric(
    name="total blocking time",
    label="TBT",
    title="Total Blocking Time",
    reads_as="ms",
    # Lighthouse's score bands (mobile control points: 0.9 at 200 ms, 0.5 at 600 ms).
    bands=band_lines(TBT_CURVE.p10, TBT_CURVE.median, show_ms),
    order=3,
    read=total_blocking_time,
    score=lambda ms: metric_score(TBT_CURVE, ms),
    display=show_ms,
    unit="ms",
    # Core Web Vitals set no threshold for TBT (a lab metric): no rating.
    not_measured="the page painted no text or image, so blocking time has no start",
    findings=_findings,
)


@audit(
    id="total-blocking-time",
    title="The page answers taps while it loads",
    failure_title="Long scripts block the page while it loads",
    description=(
        "Measures how long scripts kept the main thread busy between the first paint and the "
        "end of the load, as Lighthouse's Total Blocking Time. Meanwhile the page does not "
        "answer taps, and a phone's slower processor makes it longer."
    ),
    help_url=(
        "https://developer.chrome.com/docs/lighthouse/performance/lighthouse-total-blocking-time/"
    ),
    category="speed",
    requires=("speed",),
    weight=30,
    impact="serious",
    fix=(
        "Split long JavaScript tasks, defer or drop scripts the first screen does not need,"
        " and trim third-party tags."
    ),
)
def total_blocking_time_audit(snapshot: PageSnapshot) -> Outcome:
    return metric_outcome(snapshot, TOTAL_BLOCKING_TIME)
