from __future__ import annotations

import dataclasses

import pytest

from audits import all_audits
from audits.accessibility.text_spacing import text_spacing
from checker.judge.auditing import run_audits
from checker.model.elements import Box, Element
from checker.model.results import CannotMeasure
from checker.model.snapshot import GatherFailure, PageSnapshot
from checker.model.text_fit_facts import ClippedText, ImportantSpacing, TextFitFacts

BUTTON = Element("#cta", Box(16, 80, 136, 40), '<button id="cta">', "Start your free trial")
NOTE = Element("#note", Box(16, 200, 260, 60), '<div id="note">', "Orders placed before noon")
PRICE = Element("#price", Box(16, 260, 343, 22), '<p id="price">', "Only 49 euros, delivery")
TIGHT = Element("#tight", Box(16, 130, 343, 44), '<p id="tight" style="...">', "Prices shown")


def _with(snapshot: PageSnapshot, **changes) -> PageSnapshot:
    facts = TextFitFacts(change="text-spacing", elements=42, boxes_grown=0)
    return dataclasses.replace(snapshot, text_spacing=dataclasses.replace(facts, **changes))


def _clipped(**changes) -> ClippedText:
    clipped = ClippedText(
        element=BUTTON,
        kind="clipped",
        axis="vertical",
        hidden_px=32,
        hidden_before_px=0,
        font_size=16.0,
        text=BUTTON,
    )
    return dataclasses.replace(clipped, **changes)


def test_text_spacing_passes_a_page_whose_text_keeps_its_room(saved_snapshot):
    outcome = text_spacing(_with(saved_snapshot("mobile-ready"), boxes_grown=3))
    assert outcome.score == 1
    assert (outcome.value, outcome.unit) == (0, "elements")
    assert outcome.findings == []
    assert outcome.details["elements_checked"] == 42
    assert outcome.details["boxes_grown"] == 3


def test_text_spacing_fails_a_button_whose_label_is_cut_off_and_says_by_how_much(saved_snapshot):
    outcome = text_spacing(_with(saved_snapshot("mobile-ready"), clipped=[_clipped()]))
    assert outcome.score == 0
    assert outcome.value == 1
    (finding,) = outcome.findings
    assert finding.selector == "#cta"
    assert finding.box == BUTTON.box
    assert (
        finding.message == "Text is cut off by 32 px below or above when people widen its spacing."
    )
    assert finding.details["hidden_px"] == 32
    assert finding.related == []  # the button's own text
    assert outcome.display == "With wider spacing, text is cut off or overlaps in 1 place."


def test_text_spacing_names_the_text_a_spilling_box_runs_over(saved_snapshot):
    spill = _clipped(element=NOTE, kind="overlaps", hidden_px=18, text=NOTE, overlapped=PRICE)
    outcome = text_spacing(_with(saved_snapshot("mobile-ready"), clipped=[spill]))
    (finding,) = outcome.findings
    assert finding.message.startswith("Text spills 18 px out of its box and runs over “Only 49")
    assert [r.selector for r in finding.related] == ["#price"]


def test_text_spacing_fails_letter_spacing_locked_by_a_style_attribute(saved_snapshot):
    locked = ImportantSpacing(
        element=TIGHT,
        property="letter-spacing",
        rule="24afc2",
        declared="0.05em",
        value_px=0.8,
        font_size=16.0,
        minimum=0.12,
    )
    normal = dataclasses.replace(
        locked, property="line-height", rule="78fd32", declared="normal", value_px=None
    )
    snapshot = _with(saved_snapshot("mobile-ready"), important_spacing=[locked, normal])
    outcome = text_spacing(snapshot)
    assert outcome.score == 0
    assert outcome.value == 2
    first, second = outcome.findings
    assert "letter spacing is locked at 0.05em (0.05 times the font size)" in first.message
    assert "0.12 times WCAG asks" in first.message
    assert first.details["act_rule"] == "24afc2"
    assert "about 1.2 times the font size" in second.message
    assert outcome.display == "With wider spacing, spacing is locked with !important in 2 places."


def test_text_spacing_counts_what_its_list_left_out(saved_snapshot):
    many = [_clipped(hidden_px=10 + i) for i in range(50)]
    outcome = text_spacing(
        _with(saved_snapshot("mobile-ready"), clipped=many, truncated={"clipped": 61})
    )
    assert outcome.value == 61
    assert len(outcome.findings) == 50
    assert "61 places" in outcome.display


def test_text_spacing_cannot_measure_without_its_facts(saved_snapshot):
    snapshot = saved_snapshot("mobile-ready")
    assert snapshot.text_spacing is None  # saved before the check existed
    with pytest.raises(CannotMeasure, match="not checked with wider spacing"):
        text_spacing(snapshot)
    (spec,) = [s for s in all_audits() if s.id == "text-spacing"]
    result = run_audits(snapshot, [spec])["text-spacing"]
    assert result.score is None
    assert result.error.kind == "measurement"


def test_text_spacing_is_an_error_when_its_gatherer_failed(saved_snapshot):
    failure = GatherFailure(
        "text_spacing", "timeout", "Text with wider spacing could not be checked."
    )
    snapshot = dataclasses.replace(saved_snapshot("mobile-ready"), gather_failures=[failure])
    (spec,) = [s for s in all_audits() if s.id == "text-spacing"]
    result = run_audits(snapshot, [spec])["text-spacing"]
    assert result.score is None
    assert result.error.kind == "gather"
    assert spec.act_rules == ("24afc2", "78fd32", "9e45ec")
    assert spec.wcag == ("1.4.12",)
