from __future__ import annotations

import dataclasses

from checker.judge.scoring import (
    device_incomplete,
    device_scores,
    page_incomplete,
    page_scores,
    summary_incomplete,
    summary_scores,
)
from checker.model.results import AuditError, AuditResult, DeviceResult, ErrorInfo


def _audit(id: str, category: str, score: float | None, weight: float = 1) -> AuditResult:
    return AuditResult(
        id=id, title=id, category=category, weight=weight, score=score, display="", fix=""
    )


def _device(
    name: str,
    layout: int | None,
    social: int | None,
    mobile: bool = True,
    error: ErrorInfo | None = None,
) -> DeviceResult:
    scores = {"overall": None, "layout": layout, "speed": None, "social": social}
    return DeviceResult(name, {"width": 1, "height": 1}, mobile, scores, {}, error)


def test_category_score_is_the_weighted_mean_of_applicable_audits():
    scores = device_scores(
        [
            _audit("a", "layout", 1.0, weight=3),
            _audit("b", "layout", 0.0, weight=1),
            _audit("c", "layout", None, weight=10),  # not applicable: weighs nothing
            _audit("d", "social", 0.5),
        ]
    )
    assert scores == {
        "overall": 62,
        "layout": 75,
        "speed": None,
        "social": 50,
        "accessibility": None,
    }


def test_category_with_only_zero_weight_or_not_applicable_audits_is_null():
    scores = device_scores([_audit("a", "layout", 1.0, weight=0), _audit("b", "layout", None)])
    assert scores["layout"] is None
    assert scores["overall"] is None


def test_page_score_is_the_weakest_mobile_device():
    devices = [
        _device("phone", 40, 100),
        _device("tablet", 90, 80),
        _device("desktop", 10, 10, mobile=False),
    ]
    assert page_scores(devices) == {
        "overall": 60,
        "layout": 40,
        "speed": None,
        "social": 80,
        "accessibility": None,
    }


def test_page_score_uses_desktop_when_no_mobile_device_ran():
    assert page_scores([_device("desktop", 70, 90, mobile=False)])["layout"] == 70


def test_page_score_ignores_devices_that_failed_to_load():
    devices = [
        _device("phone", None, None, error=ErrorInfo("crash", "x")),
        _device("tablet", 90, 100),
    ]
    assert page_scores(devices)["layout"] == 90


def test_summary_is_the_mean_over_pages():
    summary = summary_scores(
        [
            {"overall": 100, "layout": 100, "speed": None, "social": 100, "accessibility": None},
            {"overall": 51, "layout": 0, "speed": None, "social": 100, "accessibility": None},
        ]
    )
    assert summary == {
        "overall": 76,
        "layout": 50,
        "speed": None,
        "social": 100,
        "accessibility": None,
    }


def _errored(id: str, category: str, weight: float = 1) -> AuditResult:
    return dataclasses.replace(
        _audit(id, category, None, weight),
        error=AuditError("gather", "The speed measurement could not be gathered: timeout", "speed"),
    )


def test_a_category_with_an_errored_weighted_audit_is_incomplete_not_scored():
    audits = [
        _audit("a", "speed", 1.0),
        _errored("b", "speed"),
        _audit("c", "layout", 0.5),
    ]
    scores = device_scores(audits)
    # Scored over the checks that ran, speed would read 100: higher than the page deserves.
    assert scores["speed"] is None
    assert scores["layout"] == 50
    assert scores["overall"] is None
    incomplete = device_incomplete(audits)
    assert set(incomplete) == {"speed", "overall"}
    assert incomplete["speed"].startswith("Incomplete: 1 check could not run (b).")
    assert "timeout" in incomplete["speed"]


def test_an_errored_audit_of_weight_zero_leaves_its_category_complete():
    audits = [_audit("a", "speed", 1.0), _errored("b", "speed", weight=0)]
    assert device_scores(audits)["speed"] == 100
    assert device_incomplete(audits) == {}


def test_a_page_is_incomplete_where_a_deciding_device_is():
    complete = _device("pixel-7", 90, 80)
    broken = dataclasses.replace(
        _device("iphone-se", 70, None), incomplete={"social": "Incomplete: 1 check could not run"}
    )
    desktop = dataclasses.replace(
        _device("desktop", 10, None, mobile=False), incomplete={"layout": "Incomplete: ..."}
    )
    devices = [complete, broken, desktop]
    scores = page_scores(devices)
    assert scores["layout"] == 70  # the desktop does not decide a page with phones
    assert scores["social"] is None
    assert scores["overall"] is None
    incomplete = page_incomplete(devices)
    assert set(incomplete) == {"social"}
    assert incomplete["social"].endswith("(on iphone-se)")


def test_the_summary_counts_the_pages_each_category_is_incomplete_on():
    counts = summary_incomplete(
        [{"speed": "x", "overall": "y"}, {}, {"speed": "x", "social": "z", "overall": "y"}]
    )
    assert counts == {"overall": 2, "speed": 2, "social": 1}
