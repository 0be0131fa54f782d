from __future__ import annotations

import dataclasses

import pytest

from audits.accessibility.orientation import orientation
from checker.model.elements import Box, Element
from checker.model.orientation_facts import (
    CoveringElement,
    HiddenContent,
    OrientationFacts,
    OrientationView,
    RotatedElement,
)
from checker.model.results import CannotMeasure
from checker.model.snapshot import PageSnapshot

PORTRAIT = OrientationView(375, 667, text_chars=400, scroll_height=900)
LANDSCAPE = OrientationView(667, 375, text_chars=400, scroll_height=1200)


def _with(snapshot: PageSnapshot, **facts) -> PageSnapshot:
    base = OrientationFacts(portrait=PORTRAIT, landscape=LANDSCAPE)
    return dataclasses.replace(snapshot, orientation=dataclasses.replace(base, **facts))


def _wall(**more) -> CoveringElement:
    element = Element("#turn-back", Box(0, 0, 667, 375), '<div id="turn-back">', "↻ Drehen")
    return CoveringElement(element, coverage=1.0, on_top=1.0, **more)


def test_orientation_passes_a_page_that_shows_its_text_sideways(saved_snapshot):
    outcome = orientation(_with(saved_snapshot("mobile-ready")))
    assert outcome.score == 1
    assert (outcome.value, outcome.unit) == (100, "%")
    assert outcome.display == (
        "Turned sideways (667 x 375 px), the page shows 100% of its upright text."
    )


def test_orientation_fails_a_fixed_wall_that_shows_only_sideways(saved_snapshot):
    outcome = orientation(_with(saved_snapshot("mobile-ready"), covering=[_wall(fixed=True)]))
    assert outcome.score == 0
    (finding,) = outcome.findings
    assert finding.selector == "#turn-back"
    assert finding.box == Box(0, 0, 667, 375)
    assert 'Covers 100% of the screen turned sideways ("↻ Drehen")' in finding.message
    assert "covers itself with a message" in outcome.display


def test_orientation_fails_a_wall_with_nothing_to_scroll_to_below(saved_snapshot):
    outcome = orientation(_with(saved_snapshot("mobile-ready"), covering=[_wall(below_px=20)]))
    assert outcome.score == 0
    assert "leaves nothing else to scroll to" in outcome.findings[0].message


def test_orientation_passes_a_landscape_only_picture_with_the_page_below(saved_snapshot):
    outcome = orientation(_with(saved_snapshot("mobile-ready"), covering=[_wall(below_px=600)]))
    assert outcome.score == 1
    assert outcome.details["new_covering_elements"] == 1


def test_orientation_passes_a_pop_up_that_covers_the_upright_page_too(saved_snapshot):
    covering = [_wall(fixed=True, upright_after=True)]
    assert orientation(_with(saved_snapshot("mobile-ready"), covering=covering)).score == 1


def test_orientation_fails_content_turned_a_quarter_turn(saved_snapshot):
    rotated = RotatedElement(Element("#content", Box(0, 0, 375, 300)), 0.0, -90.0)
    outcome = orientation(_with(saved_snapshot("mobile-ready"), rotated=[rotated]))
    assert outcome.score == 0
    (finding,) = outcome.findings
    assert finding.message.startswith("Turned -90° sideways and 0° upright")
    assert finding.details == {"portrait_angle": 0.0, "landscape_angle": -90.0}


def test_orientation_fails_text_hidden_sideways_and_names_what_hid(saved_snapshot):
    landscape = OrientationView(667, 375, text_chars=30)
    hidden = [HiddenContent(Element("main", Box(0, 0, 375, 600)), chars=370)]
    outcome = orientation(_with(saved_snapshot("mobile-ready"), landscape=landscape, hidden=hidden))
    assert outcome.score == 0
    assert outcome.value == 8
    (finding,) = outcome.findings
    assert finding.selector == "main"
    assert "370 characters" in finding.message
    assert "shows only 8% of its upright text" in outcome.display


def test_orientation_ignores_text_changes_on_a_page_with_little_text(saved_snapshot):
    facts = {
        "portrait": OrientationView(375, 667, text_chars=20),
        "landscape": OrientationView(667, 375, text_chars=0),
    }
    outcome = orientation(_with(saved_snapshot("mobile-ready"), **facts))
    assert outcome.score == 1
    assert outcome.value is None


def test_orientation_is_an_error_without_the_fact(saved_snapshot):
    snapshot = saved_snapshot("mobile-ready")
    assert snapshot.orientation is None
    with pytest.raises(CannotMeasure, match="phone was not turned"):
        orientation(snapshot)


def test_orientation_is_an_error_when_the_phone_could_not_be_turned(saved_snapshot):
    with pytest.raises(CannotMeasure, match="already wider than tall"):
        orientation(_with(saved_snapshot("mobile-ready"), landscape=None))


def test_orientation_does_not_apply_to_desktop_windows(saved_snapshot):
    snapshot = _with(saved_snapshot("mobile-ready", "desktop"), landscape=None)
    outcome = orientation(snapshot)
    assert outcome.score is None
    assert "Desktop windows are not turned" in outcome.display
