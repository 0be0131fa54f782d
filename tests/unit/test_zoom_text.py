from __future__ import annotations

import dataclasses

import pytest

from audits import all_audits
from audits.accessibility.zoom_text import zoom_text
from checker.judge.auditing import run_audits
from checker.model.elements import Box, Element
from checker.model.results import CannotMeasure
from checker.model.serde import from_data, to_data
from checker.model.snapshot import PageSnapshot
from checker.model.text_fit_facts import ClippedText, TextFitFacts

CARD = Element("#card", Box(16, 80, 343, 74), '<div id="card" class="card">', "Your order ships")
TAB = Element("#tab", Box(16, 170, 90, 48), '<a id="tab" class="tab">', "Your recent orders")


def _with(snapshot: PageSnapshot, **changes) -> PageSnapshot:
    facts = TextFitFacts(change="zoom-text", elements=30, boxes_grown=2)
    return dataclasses.replace(snapshot, zoom_text=dataclasses.replace(facts, **changes))


def _clipped(element: Element, hidden: int, axis: str = "vertical") -> ClippedText:
    return ClippedText(
        element=element,
        kind="clipped",
        axis=axis,
        hidden_px=hidden,
        hidden_before_px=0,
        font_size=32.0,
        text=element,
    )


def test_zoom_text_passes_a_page_whose_boxes_grow_with_their_text(saved_snapshot):
    outcome = zoom_text(_with(saved_snapshot("mobile-ready")))
    assert outcome.score == 1
    assert outcome.value == 0
    assert outcome.findings == []
    assert outcome.display == "No text is cut off when people set their text twice as large."


def test_zoom_text_fails_fixed_height_boxes_that_cut_enlarged_text(saved_snapshot):
    clipped = [_clipped(CARD, 196), _clipped(TAB, 17, axis="horizontal")]
    outcome = zoom_text(_with(saved_snapshot("mobile-ready"), clipped=clipped))
    assert outcome.score == 0
    assert outcome.value == 2
    card, tab = outcome.findings
    assert card.selector == "#card"
    assert card.message == (
        "Text is cut off by 196 px below or above when people set their text twice as large."
    )
    assert "cut off by 17 px at the side" in tab.message
    assert outcome.display == "At twice its size, text is cut off or overlaps in 2 places."


def test_zoom_text_facts_round_trip_through_json(saved_snapshot):
    facts = _with(saved_snapshot("mobile-ready"), clipped=[_clipped(CARD, 196)]).zoom_text
    assert from_data(TextFitFacts, to_data(facts)) == facts


def test_zoom_text_cannot_measure_without_its_facts(saved_snapshot):
    snapshot = saved_snapshot("mobile-ready")
    with pytest.raises(CannotMeasure, match="not checked at twice its size"):
        zoom_text(snapshot)
    (spec,) = [s for s in all_audits() if s.id == "zoom-text"]
    result = run_audits(snapshot, [spec])["zoom-text"]
    assert result.score is None
    assert result.error.kind == "measurement"
    assert spec.act_rules == ()  # 59br37 zooms a 640 px viewport; see the module
    assert spec.wcag == ("1.4.4",)
