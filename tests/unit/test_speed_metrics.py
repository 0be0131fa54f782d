"""The shared speed machinery: Lighthouse's log-normal curve, medians over runs, ratings and
the display of values."""

from __future__ import annotations

import pytest

from audits.common.speed_metrics import (
    Curve,
    Thresholds,
    log_normal_score,
    median_of_runs,
    metric_score,
    milliseconds,
    seconds,
    unitless,
)
from checker.model.load_facts import SpeedRun

# Lighthouse shared/test/statistics-test.js, "creates a log normal distribution".
TTI_CURVE = Curve(p10=3785, median=7300)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1000, 1.00), (2500, 0.98), (5000, 0.77), (7500, 0.48), (10000, 0.27), (30000, 0.00)],
)
def test_log_normal_score_matches_lighthouses_own_test_values(value, expected):
    # Lighthouse checks these with toBeCloseTo(x), i.e. within 0.005.
    assert log_normal_score(TTI_CURVE, value) == pytest.approx(expected, abs=0.005)


def test_log_normal_score_is_exact_at_the_control_points():
    assert log_normal_score(TTI_CURVE, 7300) == 0.5
    assert log_normal_score(TTI_CURVE, 3785) == 0.9
    assert log_normal_score(TTI_CURVE, 1_000_000) == 0


@pytest.mark.parametrize("value", [-100000, -1, 0])
def test_log_normal_score_is_1_for_non_positive_values(value):
    assert log_normal_score(Curve(p10=500, median=1000), value) == 1


def test_log_normal_score_keeps_values_past_a_control_point_below_its_score():
    curve = Curve(p10=1800, median=3000)
    assert log_normal_score(curve, 1800.001) < 0.9
    assert log_normal_score(curve, 3000.001) < 0.5
    assert log_normal_score(curve, 1799.999) >= 0.9


@pytest.mark.parametrize(
    "curve", [Curve(p10=500, median=0), Curve(p10=0, median=1000), Curve(p10=1000, median=500)]
)
def test_log_normal_score_refuses_bad_control_points(curve):
    with pytest.raises(ValueError):
        log_normal_score(curve, 100)


def test_metric_score_floors_to_two_decimals_and_boosts_top_scores():
    fcp = Curve(p10=1800, median=3000)
    assert metric_score(fcp, 1800) == 0.9
    assert metric_score(fcp, 3000) == 0.5
    assert metric_score(fcp, 2400) == 0.71  # 0.7122 floored
    assert metric_score(fcp, 4000) == 0.23  # 0.2352 floored
    # 0.9971 boosted by 0.05 * 0.0971 passes 1 before flooring: a perfect score.
    assert metric_score(fcp, 1000) == 1.0
    assert metric_score(Curve(p10=0.1, median=0.25), 0.05) == 0.99


def _run(fcp: float | None, timed_out: bool = False) -> SpeedRun:
    return SpeedRun("slow-4g", ttfb_ms=100, fcp_ms=fcp, lcp_ms=None, timed_out=timed_out)


def test_median_of_runs_takes_the_middle_value_and_its_run():
    runs = [_run(3000), _run(1000), _run(2000)]
    measured = median_of_runs(runs, [r.fcp_ms for r in runs])
    assert measured is not None
    assert measured.value == 2000
    assert measured.run is runs[2]
    assert measured.runs == [3000, 1000, 2000]


def test_median_of_runs_averages_two_middle_values_and_skips_unmeasured_runs():
    runs = [_run(1000), _run(None, timed_out=True), _run(2000)]
    measured = median_of_runs(runs, [r.fcp_ms for r in runs])
    assert measured is not None
    assert measured.value == 1500
    assert measured.run is runs[0]  # the first of the two nearest
    assert measured.timed_out


def test_median_of_runs_is_none_when_no_run_measured():
    runs = [_run(None), _run(None)]
    assert median_of_runs(runs, [None, None]) is None


def test_thresholds_rate_good_up_to_and_poor_beyond():
    lcp = Thresholds(good=2500, poor=4000)
    assert lcp.rate(2500) == "good"
    assert lcp.rate(2501) == "needs-improvement"
    assert lcp.rate(4000) == "needs-improvement"
    assert lcp.rate(4001) == "poor"


def test_values_are_shown_as_lighthouse_shows_them():
    assert seconds(2449) == "2.4 s"
    assert seconds(12_060) == "12.1 s"
    assert milliseconds(347) == "350 ms"
    assert milliseconds(1234) == "1,230 ms"
    assert unitless(0.12) == "0.12"
    assert unitless(0.12345) == "0.123"
    assert unitless(0) == "0"
