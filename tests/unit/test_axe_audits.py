"""The axe-mapped accessibility audits judged on snapshots: axe's verdict per rule, each
failing element a finding, undecided elements never a pass by themselves."""

from __future__ import annotations

import dataclasses

import pytest

from audits import all_audits
from audits.accessibility.color_contrast import color_contrast
from audits.accessibility.image_alt import image_alt
from audits.accessibility.page_title import page_title
from checker.judge.auditing import run_audits
from checker.model.axe_facts import AxeFacts, AxeNode, AxeRule
from checker.model.elements import Box, Element
from checker.model.results import CannotMeasure
from checker.model.snapshot import GatherFailure, PageSnapshot

FAINT = AxeNode(
    Element("#faint", Box(16, 120, 343, 24), '<p id="faint">', "This text is too faint"),
    impact="serious",
    summary=(
        "Fix any of the following:\n  Element has insufficient color contrast of 1.92 "
        "(foreground color: #bbbbbb, background color: #ffffff, font size: 12.0pt (16px), "
        "font weight: normal). Expected contrast ratio of 4.5:1"
    ),
    data={"contrastRatio": 1.92, "expectedContrastRatio": "4.5:1", "fgColor": "#bbbbbb"},
)
OVER_PICTURE = AxeNode(
    Element("#hero > p", Box(0, 0, 375, 40), "<p>"),
    impact="serious",
    summary=(
        "Fix any of the following:\n  Element's background color could not be determined "
        "due to a background image"
    ),
)


def _with_rules(snapshot: PageSnapshot, *rules: AxeRule) -> PageSnapshot:
    return dataclasses.replace(
        snapshot, axe=AxeFacts(version="4.12.1", rules={rule.id: rule for rule in rules})
    )


def test_a_violation_fails_with_each_element_a_finding_in_axe_words(saved_snapshot):
    rule = AxeRule("color-contrast", "violation", "serious", violations=[FAINT], passed=True)
    outcome = color_contrast(_with_rules(saved_snapshot("mobile-ready"), rule))
    assert outcome.score == 0
    assert outcome.display == "1 text element has too little contrast with its background."
    (finding,) = outcome.findings
    assert finding.selector == "#faint" and finding.box == Box(16, 120, 343, 24)
    assert finding.message.startswith("Element has insufficient color contrast of 1.92")
    assert finding.impact == "serious"
    assert finding.details["contrastRatio"] == 1.92
    assert outcome.details["axe_rule"] == "color-contrast"


def test_elements_left_out_past_the_cap_are_counted(saved_snapshot):
    rule = AxeRule("color-contrast", "violation", violations=[FAINT] * 50, truncated=12)
    outcome = color_contrast(_with_rules(saved_snapshot("mobile-ready"), rule))
    assert outcome.value == 62
    assert outcome.display.startswith("62 text elements")
    assert len(outcome.findings) == 50


def test_a_pass_with_undecided_elements_lists_them_to_check_by_eye(saved_snapshot):
    rule = AxeRule("color-contrast", "incomplete", incomplete=[OVER_PICTURE], passed=True)
    outcome = color_contrast(_with_rules(saved_snapshot("mobile-ready"), rule))
    assert outcome.score == 1
    assert outcome.findings == []
    assert "could not decide for 1 element: check them by eye" in outcome.display
    (item,) = outcome.details["needs_review"]
    assert item["selector"] == "#hero > p"
    assert item["why"].startswith("Element's background color could not be determined")


def test_only_undecided_elements_is_no_verdict_never_a_pass(saved_snapshot):
    rule = AxeRule("color-contrast", "incomplete", incomplete=[OVER_PICTURE], passed=False)
    with pytest.raises(CannotMeasure, match="could not decide this check for any of the 1"):
        color_contrast(_with_rules(saved_snapshot("mobile-ready"), rule))


def test_a_rule_nothing_on_the_page_falls_under_does_not_apply(saved_snapshot):
    outcome = image_alt(
        _with_rules(saved_snapshot("mobile-ready"), AxeRule("image-alt", "inapplicable"))
    )
    assert outcome.score is None
    assert outcome.display == "The page has no images."


def test_a_passing_rule_scores_1(saved_snapshot):
    rule = AxeRule("document-title", "pass", passed=True)
    outcome = page_title(_with_rules(saved_snapshot("mobile-ready"), rule))
    assert (outcome.score, outcome.display) == (1, "The page has a title.")


def test_a_rule_axe_did_not_run_is_an_error(saved_snapshot):
    with pytest.raises(CannotMeasure, match="did not run its document-title rule"):
        page_title(_with_rules(saved_snapshot("mobile-ready")))


def test_a_snapshot_without_axe_makes_every_axe_audit_an_error(saved_snapshot):
    snapshot = dataclasses.replace(saved_snapshot("mobile-ready"), axe=None)
    specs = [s for s in all_audits() if s.requires == ("axe",)]
    results = run_audits(snapshot, specs)
    assert len(results) == 14
    for result in results.values():
        assert result.score is None and result.error is not None
        assert "audit the page again" in result.error.message


def test_axe_failing_to_gather_makes_every_axe_audit_an_error_that_says_why(saved_snapshot):
    failure = GatherFailure("axe", "timeout", "axe-core's accessibility rules could not be "
                            "checked: the page kept the browser busy for over 20 s.")  # fmt: skip
    snapshot = dataclasses.replace(saved_snapshot("mobile-ready"), gather_failures=[failure])
    specs = [s for s in all_audits() if s.requires == ("axe",)]
    for result in run_audits(snapshot, specs).values():
        assert result.error is not None and result.error.gatherer == "axe"
        assert "busy for over 20 s" in result.error.message
        assert result.act_rules == list(next(s for s in specs if s.id == result.id).act_rules)


def test_orientation_lock_undecided_on_a_page_without_style_sheets_passes(saved_snapshot):
    from audits.accessibility.css_orientation_lock import css_orientation_lock

    undecided = AxeRule("css-orientation-lock", "incomplete", incomplete=[OVER_PICTURE])
    snapshot = _with_rules(saved_snapshot("mobile-ready"), undecided)
    assert css_orientation_lock(snapshot).score == 1
    with_sheet = dataclasses.replace(
        snapshot, axe=dataclasses.replace(snapshot.axe, style_sheets=1)
    )
    with pytest.raises(CannotMeasure):
        css_orientation_lock(with_sheet)
