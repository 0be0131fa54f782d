from __future__ import annotations

from checker.results import AuditResult, DeviceResult, ErrorInfo
from checker.scoring import device_scores, page_scores, summary_scores


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
    assert scores == {"overall": 62, "layout": 75, "speed": None, "social": 50}


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
    assert page_scores(devices) == {"overall": 60, "layout": 40, "speed": None, "social": 80}


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
            {"overall": 100, "layout": 100, "speed": None, "social": 100},
            {"overall": 51, "layout": 0, "speed": None, "social": 100},
        ]
    )
    assert summary == {"overall": 76, "layout": 50, "speed": None, "social": 100}
