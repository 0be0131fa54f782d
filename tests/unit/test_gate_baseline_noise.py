"""`--baseline history`: noisy metrics must move past their normal spread before the gate
calls a change a regression; deterministic audits and categories compare exactly."""

from __future__ import annotations

from checker.judge.baseline import compare
from checker.model.history import Variation
from tests.support.runs import Check, page, run

HOME = "https://shop.example/"
LCP = "largest-contentful-paint"


def lcp_page(value: float, score: float, speed: int = 90) -> object:
    return page(
        HOME,
        {LCP: Check(score, value=value, unit="ms", category="speed"), "viewport": Check(1.0)},
        scores={"overall": 90, "layout": 100, "speed": speed},
        devices=("iphone-se",),
    )


def baseline(value: float = 2400.0, speed: int = 90) -> dict:
    return {
        "pages": [
            {
                "url": HOME,
                "scores": {"overall": 90, "layout": 100, "speed": speed},
                "devices": [
                    {
                        "device": "iphone-se",
                        "audits": {LCP: {"score": 0.92}, "viewport": {"score": 1}},
                    }
                ],
            }
        ]
    }


def lcp_history(*values: float) -> Variation:
    return Variation(metrics={(HOME, "iphone-se", LCP): list(values)}, runs=len(values))


def test_a_metric_that_fails_within_its_spread_is_a_warning_not_a_failure() -> None:
    # The last runs: 2,300 to 2,700 ms (median 2,500, spread 400): 2,800 ms is within 2,900.
    outcomes, _ = compare(
        run(lcp_page(2800.0, 0.85)), baseline(), variation=lcp_history(2500, 2300, 2700)
    )
    (outcome,) = outcomes
    assert outcome.assertion == f"regression:audit:{LCP}"
    assert outcome.level == "warn"
    assert outcome.message == (
        "2,800 ms is within the normal variation of the last 3 runs (2,300 to 2,700 ms)"
    )


def test_a_metric_past_its_spread_is_a_regression() -> None:
    outcomes, _ = compare(
        run(lcp_page(3500.0, 0.6)), baseline(), variation=lcp_history(2500, 2300, 2700)
    )
    (outcome,) = outcomes
    assert outcome.level == "error"


def test_with_too_few_runs_a_metric_compares_exactly() -> None:
    outcomes, _ = compare(
        run(lcp_page(2800.0, 0.85)), baseline(), variation=lcp_history(2500, 2700)
    )
    assert [o.level for o in outcomes] == ["error"]


def test_without_the_history_a_metric_compares_exactly() -> None:
    outcomes, _ = compare(run(lcp_page(2800.0, 0.85)), baseline())
    assert [o.level for o in outcomes] == ["error"]


def test_a_deterministic_audit_compares_exactly_whatever_the_history() -> None:
    failing_viewport = page(
        HOME,
        {LCP: Check(0.92, value=2400.0, category="speed"), "viewport": Check(0.0)},
        scores={"overall": 90, "layout": 100, "speed": 90},
        devices=("iphone-se",),
    )
    noisy = Variation(metrics={(HOME, "iphone-se", "viewport"): [1, 0, 1]}, runs=3)
    outcomes, _ = compare(run(failing_viewport), baseline(), variation=noisy)
    assert [(o.assertion, o.level) for o in outcomes] == [("regression:audit:viewport", "error")]


def test_the_speed_score_may_drop_by_its_spread_and_no_more() -> None:
    spread = Variation(scores={(HOME, "speed"): [90, 78, 86]}, runs=3)  # a 12-point spread
    within, _ = compare(run(lcp_page(2400.0, 0.92, speed=80)), baseline(), variation=spread)
    assert [(o.assertion, o.level) for o in within] == [("regression:category:speed", "warn")]
    assert "within the 12-point spread of the last runs" in within[0].message
    past, _ = compare(run(lcp_page(2400.0, 0.92, speed=70)), baseline(), variation=spread)
    assert [(o.assertion, o.level) for o in past] == [("regression:category:speed", "error")]


def test_a_deterministic_category_drop_is_a_regression_whatever_its_history() -> None:
    layout_drop = page(
        HOME, {}, scores={"overall": 80, "layout": 70, "speed": 90}, devices=("iphone-se",)
    )
    spread = Variation(scores={(HOME, "layout"): [100, 60, 80]}, runs=3)
    outcomes, _ = compare(run(layout_drop), baseline(), variation=spread)
    assert ("regression:category:layout", "error") in [(o.assertion, o.level) for o in outcomes]
