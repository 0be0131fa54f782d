from __future__ import annotations

import dataclasses

from checker.judge.assertions import (
    evaluate,
    finding_message,
    human_bytes,
)
from checker.model.elements import Element
from checker.model.gate import (
    FUTURE_SPEED_AUDITS,
    AssertionOutcome,
    AuditAssertion,
    Budget,
    GateConfig,
    GateResult,
)
from checker.model.results import (
    AuditError,
    AuditResult,
    DeviceResult,
    ErrorInfo,
    Finding,
    PageResult,
    RunResult,
)

URL = "https://shop.example/"
EMPTY = {"overall": None, "layout": None, "speed": None, "social": None}


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


def device(
    name: str = "pixel-7",
    audits: list[AuditResult] | None = None,
    resources: dict[str, object] | None = None,
    error: ErrorInfo | None = None,
) -> DeviceResult:
    return DeviceResult(
        device=name,
        viewport={"width": 412, "height": 915},
        is_mobile=True,
        scores=EMPTY,
        audits={a.id: a for a in audits or []},
        error=error,
        resources=resources if resources is not None else {},
    )


def page(
    devices: list[DeviceResult], url: str = URL, scores: dict[str, int | None] | None = None
) -> PageResult:
    return PageResult(url, url, "ok", None, scores or EMPTY, {}, devices)


def broken_page(url: str = "https://shop.example/missing") -> PageResult:
    error = ErrorInfo("http-error", "The server answered 404 Not Found.")
    return PageResult(url, None, "error", error, EMPTY, {}, [])


def run(*pages: PageResult) -> RunResult:
    return RunResult("2024-05-01T10:00:00+00:00", {}, list(pages), {}, {"name": "readiness"})


def gate(*assertions: AuditAssertion, **kwargs: object) -> GateConfig:
    return GateConfig(assertions={a.audit: a for a in assertions}, **kwargs)  # type: ignore[arg-type]


def only(outcomes: list[AssertionOutcome], assertion: str) -> AssertionOutcome:
    (match,) = [o for o in outcomes if o.assertion == assertion]
    return match


TAP = audit(
    "tap-targets",
    0.4,
    display="2 of 9 tap targets are too close",
    findings=[Finding("This link is 20 px from another.", element=Element("nav > a.prev"))],
)


# -- audit assertions -----------------------------------------------------------------------


def test_a_passing_audit_passes_its_assertion():
    outcomes = evaluate(
        run(page([device(audits=[audit("viewport", 1.0)])])), gate(AuditAssertion("viewport"))
    )
    outcome = only(outcomes, "viewport")
    assert outcome.passed
    assert (outcome.page, outcome.device, outcome.level) == (URL, "pixel-7", "error")
    assert outcome.expected == "pass (score >= 0.9)"
    assert outcome.actual == "pass (1)"


def test_a_failing_audit_fails_with_its_top_finding_and_selector():
    outcomes = evaluate(run(page([device(audits=[TAP])])), gate(AuditAssertion("tap-targets")))
    outcome = only(outcomes, "tap-targets")
    assert not outcome.passed
    assert outcome.actual == "fail (0.4)"
    assert outcome.message == (
        "2 of 9 tap targets are too close — This link is 20 px from another. (nav > a.prev)"
    )
    assert outcome.details["selector"] == "nav > a.prev"


def test_a_score_just_below_the_pass_threshold_fails():
    outcomes = evaluate(
        run(page([device(audits=[audit("viewport", 0.89)])])), gate(AuditAssertion("viewport"))
    )
    assert not only(outcomes, "viewport").passed


def test_warn_level_assertion_keeps_its_level_when_it_fails():
    outcomes = evaluate(
        run(page([device(audits=[TAP])])), gate(AuditAssertion("tap-targets", level="warn"))
    )
    outcome = only(outcomes, "tap-targets")
    assert (outcome.passed, outcome.level) == (False, "warn")
    assert GateResult(outcomes).warnings == [outcome]
    assert GateResult(outcomes).failed == []


def test_message_is_short_even_for_long_findings():
    long = audit(
        "viewport", 0.0, display="x" * 150, findings=[Finding("y " * 200, element=Element("div"))]
    )
    assert len(finding_message(long)) <= 200
    assert finding_message(long).endswith("…")


def test_min_score_replaces_the_pass_threshold():
    run_ = run(page([device(audits=[audit("font-size", 0.6)])]))
    loose = only(evaluate(run_, gate(AuditAssertion("font-size", min_score=0.5))), "font-size")
    strict = only(evaluate(run_, gate(AuditAssertion("font-size", min_score=0.7))), "font-size")
    assert loose.passed
    assert not strict.passed
    assert (strict.expected, strict.actual) == ("score >= 0.7", "score 0.6")


def test_max_bound_checks_the_numeric_value_with_its_unit():
    lcp = audit("largest-contentful-paint", 0.3, value=3100, unit="ms", category="speed")
    outcome = only(
        evaluate(run(page([device(audits=[lcp])])), gate(AuditAssertion(lcp.id, max=2500))),
        lcp.id,
    )
    assert not outcome.passed
    assert (outcome.expected, outcome.actual) == ("<= 2500 ms", "3100 ms")


def test_value_within_bounds_passes_whatever_the_score():
    images = audit("image-count", 0.0, value=12)
    outcome = only(
        evaluate(
            run(page([device(audits=[images])])), gate(AuditAssertion(images.id, min=10, max=20))
        ),
        images.id,
    )
    assert outcome.passed
    assert outcome.expected == ">= 10, <= 20"


def test_min_bound_fails_below_it():
    images = audit("image-count", 1.0, value=3)
    outcome = only(
        evaluate(run(page([device(audits=[images])])), gate(AuditAssertion(images.id, min=10))),
        images.id,
    )
    assert not outcome.passed


def test_bounds_on_an_audit_without_a_numeric_value_fail():
    text = audit("viewport", 1.0, value="width=device-width")
    outcome = only(
        evaluate(run(page([device(audits=[text])])), gate(AuditAssertion("viewport", max=1))),
        "viewport",
    )
    assert (outcome.passed, outcome.actual) == (False, "no numeric value")


def test_not_applicable_audit_passes_marked_na():
    no_text = audit("font-size", None, display="No text on the page.")
    outcome = only(
        evaluate(run(page([device(audits=[no_text])])), gate(AuditAssertion("font-size"))),
        "font-size",
    )
    assert (outcome.passed, outcome.actual) == (True, "n/a")
    assert outcome.details["not_applicable"] is True


def test_an_audit_that_could_not_run_fails_its_assertion():
    crashed = audit("font-size", None, error=AuditError("audit", "KeyError: 'x'"))
    outcome = only(
        evaluate(run(page([device(audits=[crashed])])), gate(AuditAssertion("font-size"))),
        "font-size",
    )
    assert (outcome.passed, outcome.actual) == (False, "error")
    assert "KeyError" in outcome.message


def test_future_speed_audit_is_a_not_measured_warning_even_at_error_level():
    assert "speed-index" in FUTURE_SPEED_AUDITS
    outcome = only(
        evaluate(run(page([device()])), gate(AuditAssertion("speed-index", max=3400))),
        "speed-index",
    )
    assert (outcome.passed, outcome.level, outcome.actual) == (False, "warn", "not measured")
    assert outcome.expected == "<= 3400"


def test_audit_missing_from_the_results_fails():
    outcome = only(evaluate(run(page([device()])), gate(AuditAssertion("viewport"))), "viewport")
    assert (outcome.passed, outcome.level, outcome.actual) == (False, "error", "missing")
    assert "not in the results" in outcome.message


def test_assertions_are_checked_on_every_device():
    devices = [device("pixel-7", [TAP]), device("ipad-mini", [audit("tap-targets", 1.0)])]
    outcomes = evaluate(run(page(devices)), gate(AuditAssertion("tap-targets")))[1:]
    assert [(o.device, o.passed) for o in outcomes] == [("pixel-7", False), ("ipad-mini", True)]


def test_level_off_and_ignored_audits_give_no_outcome():
    outcomes = evaluate(
        run(page([device(audits=[TAP, audit("viewport", 0.0)])])),
        gate(
            AuditAssertion("tap-targets", level="off"),
            AuditAssertion("viewport"),
            ignore_audits=["viewport"],
        ),
    )
    assert [o.assertion for o in outcomes] == ["page-loads"]


# -- pages -----------------------------------------------------------------------------------


def test_a_page_that_could_not_be_audited_fails_page_loads_and_nothing_else():
    outcomes = evaluate(
        run(broken_page()),
        gate(
            AuditAssertion("viewport"), min_scores={"layout": 80}, budgets=[Budget("requests", 5)]
        ),
    )
    assert outcomes == [
        AssertionOutcome(
            page="https://shop.example/missing",
            device=None,
            assertion="page-loads",
            level="error",
            passed=False,
            expected="loads",
            actual="http-error",
            message="The server answered 404 Not Found.",
        )
    ]


def test_an_audited_page_passes_page_loads():
    outcome = only(evaluate(run(page([device()])), gate()), "page-loads")
    assert (outcome.passed, outcome.device) == (True, None)


def test_a_device_that_could_not_load_fails_page_loads_for_that_device_only():
    broken = device("ipad-mini", error=ErrorInfo("crash", "The browser tab crashed."))
    outcomes = evaluate(
        run(page([device(audits=[audit("viewport", 1.0)]), broken])),
        gate(AuditAssertion("viewport")),
    )
    assert [(o.device, o.assertion, o.passed, o.actual) for o in outcomes] == [
        (None, "page-loads", True, "loads"),
        ("pixel-7", "viewport", True, "pass (1)"),
        ("ipad-mini", "page-loads", False, "crash"),
    ]


def test_ignored_url_patterns_drop_the_page():
    admin = page([device(audits=[TAP])], url="https://shop.example/admin/login")
    ignores = ["https://shop.example/admin/*", "*/missing"]
    outcomes = evaluate(
        run(admin, broken_page()), gate(AuditAssertion("tap-targets"), ignore_urls=ignores)
    )
    assert outcomes == []


def test_ignored_url_patterns_starting_with_a_slash_match_the_path_as_the_crawls_do():
    admin = page([device(audits=[TAP])], url="https://shop.example/admin/login?next=/")
    outcomes = evaluate(run(admin), gate(AuditAssertion("tap-targets"), ignore_urls=["/admin/*"]))
    assert outcomes == []


def test_outcomes_are_ordered_by_page_then_device_then_assertion():
    second = page([device("pixel-7", [TAP, audit("viewport", 1.0)])], url="https://b.example/")
    outcomes = evaluate(
        run(broken_page("https://a.example/"), second),
        gate(
            AuditAssertion("viewport"),
            AuditAssertion("tap-targets"),
            min_scores={"layout": 10},
            budgets=[Budget("requests", 100)],
        ),
    )
    assert [(o.page, o.device, o.assertion) for o in outcomes] == [
        ("https://a.example/", None, "page-loads"),
        ("https://b.example/", None, "category:layout"),
        ("https://b.example/", None, "page-loads"),
        ("https://b.example/", "pixel-7", "budget:requests"),
        ("https://b.example/", "pixel-7", "tap-targets"),
        ("https://b.example/", "pixel-7", "viewport"),
    ]


# -- category minimums ----------------------------------------------------------------------


SCORED = {"overall": 70, "layout": 85, "speed": None, "social": 55}


def test_category_minimum_is_checked_on_the_page_score():
    outcomes = evaluate(
        run(page([device()], scores=SCORED)), gate(min_scores={"layout": 80, "social": 60})
    )
    layout, social = only(outcomes, "category:layout"), only(outcomes, "category:social")
    assert (layout.passed, layout.device, layout.expected, layout.actual) == (
        True,
        None,
        ">= 80",
        "85",
    )
    assert (social.passed, social.level, social.actual) == (False, "error", "55")


def test_overall_minimum_and_category_level():
    outcomes = evaluate(
        run(page([device()], scores=SCORED)),
        gate(min_scores={"overall": 90}, min_score_levels={"overall": "warn"}),
    )
    overall = only(outcomes, "category:overall")
    assert (overall.passed, overall.level) == (False, "warn")


def test_category_minimum_at_level_off_gives_no_outcome():
    outcomes = evaluate(
        run(page([device()], scores=SCORED)),
        gate(min_scores={"social": 90}, min_score_levels={"social": "off"}),
    )
    assert [o.assertion for o in outcomes] == ["page-loads"]


def test_a_category_with_nothing_to_score_is_a_not_scored_warning():
    outcome = only(
        evaluate(run(page([device()], scores=SCORED)), gate(min_scores={"speed": 90})),
        "category:speed",
    )
    assert (outcome.passed, outcome.level, outcome.actual) == (False, "warn", "not scored")


def test_an_incomplete_category_fails_its_minimum_at_its_level_with_the_reason():
    reason = "Incomplete: 1 check could not run (share-image). The link crawlers' view ..."
    incomplete = dataclasses.replace(
        page([device()], scores={**SCORED, "social": None}), incomplete={"social": reason}
    )
    outcome = only(evaluate(run(incomplete), gate(min_scores={"social": 10})), "category:social")
    assert (outcome.passed, outcome.level, outcome.actual) == (False, "error", "incomplete")
    assert outcome.message.startswith("Incomplete: 1 check could not run (share-image).")


# -- budgets ---------------------------------------------------------------------------------


RESOURCES = {
    "requests": 42,
    "transfer_bytes": 734_211,
    "bytes_by_type": {"document": 20_000, "font": 64_211, "image": 250_000, "script": 400_000},
}


def budgets(*budgets: Budget) -> list[AssertionOutcome]:
    return evaluate(run(page([device(resources=RESOURCES)])), GateConfig(budgets=list(budgets)))


def test_total_bytes_budget_names_the_largest_resource_types():
    outcome = only(budgets(Budget("total-bytes", 500_000)), "budget:total-bytes")
    assert not outcome.passed
    assert (outcome.device, outcome.expected, outcome.actual) == ("pixel-7", "<= 500000", "734211")
    assert outcome.message == (
        "717 KiB over the wire, 229 KiB over the budget; "
        "largest: script 391 KiB, image 244 KiB, font 63 KiB"
    )


def test_request_budget():
    within = only(budgets(Budget("requests", 50)), "budget:requests")
    over = only(budgets(Budget("requests", 40, level="warn")), "budget:requests")
    assert (within.passed, within.actual, within.message) == (True, "42", "42 requests")
    assert (over.passed, over.level, over.message) == (
        False,
        "warn",
        "42 requests, 2 over the budget",
    )


def test_bytes_per_type_budget():
    outcome = only(budgets(Budget("bytes:script", 300_000)), "budget:bytes:script")
    assert (outcome.passed, outcome.actual) == (False, "400000")
    assert outcome.message == "391 KiB of script, 98 KiB over the budget"


def test_bytes_of_a_type_the_page_did_not_load_count_as_zero():
    outcome = only(budgets(Budget("bytes:media", 0)), "budget:bytes:media")
    assert (outcome.passed, outcome.actual) == (True, "0")


def test_budget_at_level_off_gives_no_outcome():
    assert [o.assertion for o in budgets(Budget("requests", 1, level="off"))] == ["page-loads"]


def test_budget_without_recorded_resources_is_a_not_measured_warning():
    outcomes = evaluate(run(page([device()])), GateConfig(budgets=[Budget("requests", 10)]))
    outcome = only(outcomes, "budget:requests")
    assert (outcome.passed, outcome.level, outcome.actual) == (False, "warn", "not measured")


def test_human_bytes():
    assert [human_bytes(n) for n in (512, 2048, 3 * 1024 * 1024)] == ["512 B", "2 KiB", "3.0 MiB"]
