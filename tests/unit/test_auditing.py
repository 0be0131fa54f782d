"""The audit runner: a check that could not run is an error result, never a pass and never
"not applicable"; one failing audit never costs the others."""

from __future__ import annotations

import dataclasses

import pytest

from audits import AuditSpec, audit
from checker.judge.auditing import run_audits
from checker.model.elements import Element
from checker.model.results import Finding, Outcome
from checker.model.snapshot import GatherFailure, PageSnapshot


def _spec(run, requires: tuple[str, ...] = ("dom",), id: str = "probe") -> AuditSpec:
    return AuditSpec(id, "Fine", "Not fine", "layout", 1.0, "Fix it.", run, requires)


def _passing(snapshot: PageSnapshot) -> Outcome:
    return Outcome(score=1.0, display="All good.")


def _with_failures(snapshot: PageSnapshot, *failures: GatherFailure) -> PageSnapshot:
    return dataclasses.replace(snapshot, gather_failures=list(failures))


@pytest.fixture
def phone(saved_snapshot) -> PageSnapshot:
    return saved_snapshot("mobile-ready", "iphone-se")


def test_an_audit_whose_facts_failed_to_gather_is_an_error_and_is_not_run(phone):
    ran = []

    def would_pass(snapshot: PageSnapshot) -> Outcome:
        ran.append(True)
        return Outcome(score=1.0, display="All good.")

    failed = GatherFailure("social", "timeout", "fetching the page as crawlers do took over 5 s")
    spec = _spec(would_pass, requires=("document", "social"))
    (result,) = run_audits(_with_failures(phone, failed), [spec]).values()
    assert ran == []
    assert result.score is None
    assert result.passed is False
    assert result.title == "Not checked: Fine"  # neither a pass nor the site's failure
    assert result.error is not None
    assert (result.error.kind, result.error.gatherer) == ("gather", "social")
    assert result.error.message == (
        "The link crawlers' view of the page could not be gathered. "
        "Fetching the page as crawlers do took over 5 s."
    )
    assert result.display.startswith("The check could not run.")


def test_a_failure_of_facts_the_audit_does_not_read_changes_nothing(phone):
    failed = GatherFailure("speed", "timeout", "the speed run did not end within 5 s")
    (result,) = run_audits(_with_failures(phone, failed), [_spec(_passing)]).values()
    assert (result.score, result.error) == (1.0, None)


def test_an_audit_that_raises_is_an_error_and_the_others_still_run(phone):
    def broken(snapshot: PageSnapshot) -> Outcome:
        raise KeyError("x")

    results = run_audits(phone, [_spec(broken, id="broken"), _spec(_passing, id="fine")])
    assert results["broken"].score is None
    assert results["broken"].error is not None
    assert results["broken"].error.kind == "audit"
    assert results["broken"].error.message == "KeyError: 'x'"
    assert results["fine"].score == 1.0


@pytest.mark.parametrize("score", [float("nan"), 1.5, -0.01, float("inf"), True, "1"])
def test_a_score_that_is_not_a_number_from_0_to_1_is_an_error(phone, score):
    def odd(snapshot: PageSnapshot) -> Outcome:
        return Outcome(score=score, display="Odd.")

    (result,) = run_audits(phone, [_spec(odd)]).values()
    assert result.score is None
    assert result.error is not None
    assert result.error.kind == "invalid-score"
    assert "not a number from 0 to 1" in result.error.message


def test_not_applicable_stays_not_applicable_without_an_error(phone):
    def no_forms(snapshot: PageSnapshot) -> Outcome:
        return Outcome(score=None, display="No form fields.")

    (result,) = run_audits(phone, [_spec(no_forms)]).values()
    assert (result.score, result.error, result.title) == (None, None, "Fine")


def test_an_audit_must_name_known_facts():
    with pytest.raises(ValueError, match="unknown facts"):
        audit(
            id="needs-magic",
            title="t",
            failure_title="f",
            description="d",
            help_url="https://example.org/",
            category="layout",
            weight=1,
            impact="minor",
            fix="x",
            requires=("magic",),
        )


def test_every_registered_audit_declares_the_facts_it_reads():
    from audits import all_audits

    specs = all_audits()
    assert len(specs) >= 30
    assert [s.id for s in specs if not s.requires] == []
    layout = [s for s in specs if s.category == "layout"]
    assert all("dom" in s.requires for s in layout)
    speed = [s for s in specs if s.category == "speed"]
    assert all("speed" in s.requires for s in speed)
    social = [s for s in specs if s.category == "social"]
    # The server's HTML, or for a site's own file (llms.txt) what the crawlers' fetches got.
    assert [s.id for s in social if "document" not in s.requires] == ["llms-txt"]
    assert all("social" in s.requires for s in social if s.id == "llms-txt")


def test_findings_take_their_audits_impact_unless_they_name_their_own(phone):
    def run(_: PageSnapshot) -> Outcome:
        near = Finding("Too close to this one.", element=Element("a.next"))
        return Outcome(
            score=0.0,
            display="Two findings",
            findings=[
                Finding("Too small.", element=Element("a.prev"), related=[near]),
                Finding("Hidden behind a banner.", element=Element("a.help"), impact="critical"),
            ],
        )

    spec = dataclasses.replace(_spec(run), impact="serious")
    result = run_audits(phone, [spec])["probe"]
    assert [f.impact for f in result.findings] == ["serious", "critical"]
    assert result.findings[0].related[0].impact == "serious"
