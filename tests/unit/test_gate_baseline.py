from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.judge.baseline import BaselineRow, compare, load_baseline
from checker.model.elements import Element
from checker.model.errors import UsageError
from checker.model.gate import AuditAssertion, GateConfig
from checker.model.results import (
    AuditResult,
    DeviceResult,
    ErrorInfo,
    Finding,
    PageResult,
    RunResult,
)
from checker.report.json import render_json, report_data

URL = "https://shop.example/"


def audit(id: str, score: float | None, **kwargs: object) -> AuditResult:
    defaults: dict[str, object] = {
        "title": id,
        "category": "layout",
        "weight": 1.0,
        "display": f"Display of {id}",
        "fix": "",
    }
    defaults.update(kwargs)
    return AuditResult(id=id, score=score, **defaults)  # type: ignore[arg-type]


def scores(layout: int | None = 92, social: int | None = 80) -> dict[str, int | None]:
    overall = None if layout is None or social is None else round((layout + social) / 2)
    return {"overall": overall, "layout": layout, "speed": None, "social": social}


def page(
    url: str = URL,
    page_scores: dict[str, int | None] | None = None,
    audits: list[AuditResult] | None = None,
    device: str = "pixel-7",
) -> PageResult:
    found = {a.id: a for a in audits or []}
    page_scores = page_scores or scores()
    devices = [DeviceResult(device, {"width": 412, "height": 915}, True, page_scores, found)]
    return PageResult(url, url, "ok", None, page_scores, {}, devices)


def run(*pages: PageResult) -> RunResult:
    return RunResult("2024-05-01T10:00:00+00:00", {}, list(pages), {}, {"name": "readiness"})


def baseline_of(*pages: PageResult) -> dict:
    return report_data(run(*pages))


def names(outcomes) -> list[str]:
    return [o.assertion for o in outcomes]


# -- categories ------------------------------------------------------------------------------


def test_a_drop_beyond_max_drop_is_a_regression():
    outcomes, _ = compare(run(page(page_scores=scores(layout=81))), baseline_of(page()))
    (outcome,) = [o for o in outcomes if o.assertion == "regression:category:layout"]
    assert (outcome.page, outcome.device, outcome.level, outcome.passed) == (
        URL,
        None,
        "error",
        False,
    )
    assert (outcome.expected, outcome.actual) == (">= 87", "81")
    assert outcome.message == "layout 92 -> 81 (-11)"


def test_a_drop_within_max_drop_is_not_a_regression():
    outcomes, rows = compare(run(page(page_scores=scores(layout=87))), baseline_of(page()))
    assert outcomes == []
    layout = next(r for r in rows if r.category == "layout")
    assert layout == BaselineRow(URL, "layout", 92, 87, -5)


def test_max_drop_can_be_tightened():
    outcomes, _ = compare(run(page(page_scores=scores(layout=90))), baseline_of(page()), max_drop=1)
    assert names(outcomes) == ["regression:category:layout"]


def test_negative_max_drop_is_a_usage_error():
    with pytest.raises(UsageError, match="max-drop"):
        compare(run(page()), baseline_of(page()), max_drop=-1)


def test_the_table_has_every_category_of_matched_pages_including_unchanged_ones():
    _, rows = compare(run(page(page_scores=scores(social=90))), baseline_of(page()))
    assert rows == [
        BaselineRow(URL, "overall", 86, 91, 5),
        BaselineRow(URL, "layout", 92, 92, 0),
        BaselineRow(URL, "speed", None, None, None),
        BaselineRow(URL, "social", 80, 90, 10),
        BaselineRow(URL, "accessibility", None, None, None),
    ]


# -- audits ----------------------------------------------------------------------------------


TAP_FAIL = audit(
    "tap-targets",
    0.4,
    display="2 of 9 tap targets are too close",
    findings=[Finding("This link is 20 px from another.", element=Element("nav > a.prev"))],
)


def test_an_audit_that_passed_and_now_fails_is_a_regression_with_its_top_finding():
    before = baseline_of(page(audits=[audit("tap-targets", 1.0)]))
    outcomes, _ = compare(run(page(audits=[TAP_FAIL])), before)
    (outcome,) = outcomes
    assert (outcome.assertion, outcome.device, outcome.level) == (
        "regression:audit:tap-targets",
        "pixel-7",
        "error",
    )
    assert (outcome.expected, outcome.actual) == ("pass", "fail (0.4)")
    assert "nav > a.prev" in outcome.message


def test_an_audit_that_failed_before_is_not_a_regression_when_it_still_fails():
    before = baseline_of(page(audits=[audit("tap-targets", 0.5)]))
    assert compare(run(page(audits=[TAP_FAIL])), before)[0] == []


def test_an_audit_that_now_cannot_apply_is_not_a_regression():
    before = baseline_of(page(audits=[audit("font-size", 1.0)]))
    assert compare(run(page(audits=[audit("font-size", None)])), before)[0] == []


def test_audits_are_compared_on_the_same_device_only():
    before = baseline_of(page(audits=[audit("tap-targets", 1.0)], device="ipad-mini"))
    assert compare(run(page(audits=[TAP_FAIL])), before)[0] == []


def test_ignored_and_switched_off_audits_cannot_regress_through_the_gate():
    before = baseline_of(page(audits=[audit("tap-targets", 1.0), audit("viewport", 1.0)]))
    now = run(page(audits=[TAP_FAIL, audit("viewport", 0.0)]))
    gate = GateConfig(
        assertions={"viewport": AuditAssertion("viewport", level="off")},
        ignore_audits=["tap-targets"],
    )
    assert compare(now, before, gate=gate)[0] == []
    assert len(compare(now, before)[0]) == 2


# -- pages -----------------------------------------------------------------------------------


def test_new_and_gone_pages_are_rows_not_failures():
    before = baseline_of(page(), page("https://shop.example/old"))
    outcomes, rows = compare(run(page(), page("https://shop.example/new")), before)
    assert outcomes == []
    new = [r for r in rows if r.page == "https://shop.example/new"]
    gone = [r for r in rows if r.page == "https://shop.example/old"]
    assert {r.status for r in new} == {"new"}
    assert next(r for r in new if r.category == "layout") == BaselineRow(
        "https://shop.example/new", "layout", None, 92, None, "new"
    )
    assert next(r for r in gone if r.category == "layout") == BaselineRow(
        "https://shop.example/old", "layout", 92, None, None, "gone"
    )


def test_a_page_that_fails_to_load_now_is_left_to_page_loads():
    broken = PageResult(
        URL, None, "error", ErrorInfo("timeout", "Timed out."), scores(None, None), {}, []
    )
    outcomes, rows = compare(run(broken), baseline_of(page(audits=[audit("viewport", 1.0)])))
    assert outcomes == []
    assert next(r for r in rows if r.category == "layout") == BaselineRow(
        URL, "layout", 92, None, None
    )


def test_ignored_urls_are_left_out_of_the_comparison():
    before = baseline_of(page(), page("https://shop.example/admin/old"))
    now = run(page(page_scores=scores(layout=10)))
    outcomes, rows = compare(now, before, gate=GateConfig(ignore_urls=["https://shop.example/*"]))
    assert (outcomes, rows) == ([], [])


# -- baseline files --------------------------------------------------------------------------


def test_load_baseline_reads_a_report_json(tmp_path: Path):
    path = tmp_path / "report.json"
    path.write_text(render_json(run(page())), encoding="utf-8")
    data = load_baseline(path)
    assert data["pages"][0]["url"] == URL
    assert compare(run(page()), data)[0] == []


def test_missing_baseline_is_a_usage_error(tmp_path: Path):
    with pytest.raises(UsageError, match="Cannot read the baseline"):
        load_baseline(tmp_path / "nope.json")


def test_invalid_json_baseline_is_a_usage_error_with_the_line(tmp_path: Path):
    path = tmp_path / "report.json"
    path.write_text('{\n  "pages": [,\n}', encoding="utf-8")
    with pytest.raises(UsageError, match="not valid JSON \\(line 2"):
        load_baseline(path)


@pytest.mark.parametrize(
    "data",
    [{"schema_version": 99, "pages": []}, {"pages": []}],
    ids=["newer", "missing"],
)
def test_other_schema_version_is_a_usage_error(tmp_path: Path, data: dict):
    path = tmp_path / "report.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(UsageError, match="schema_version"):
        load_baseline(path)


@pytest.mark.parametrize(
    "data", [[1, 2], {"schema_version": 1}, {"schema_version": 1, "pages": [{}]}]
)
def test_json_that_is_not_a_report_is_a_usage_error(tmp_path: Path, data: object):
    path = tmp_path / "report.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(UsageError, match=r"not a readiness report\.json"):
        load_baseline(path)


def test_usage_errors_are_one_line(tmp_path: Path):
    path = tmp_path / "report.json"
    path.write_text("nope", encoding="utf-8")
    with pytest.raises(UsageError) as error:
        load_baseline(path)
    assert "\n" not in str(error.value)
