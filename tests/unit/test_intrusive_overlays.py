from __future__ import annotations

import dataclasses

import pytest

from audits.layout.intrusive_overlays import MAX_FINDINGS, intrusive_overlays, union_area
from checker.model.dom_facts import Overlay
from checker.model.elements import Box, Element
from checker.model.snapshot import PageSnapshot


def _overlay(
    selector: str,
    box: Box,
    position: str = "fixed",
    tag: str = "div",
    modal: bool = False,
) -> Overlay:
    return Overlay(Element(selector, box, f"<{tag} id={selector!r}>"), tag, position, modal, "auto")


def _with_overlays(snapshot: PageSnapshot, *overlays: Overlay, **dom) -> PageSnapshot:
    facts = dataclasses.replace(snapshot.dom, overlays=list(overlays), **dom)
    return dataclasses.replace(snapshot, dom=facts)


@pytest.fixture
def ready(saved_snapshot) -> PageSnapshot:
    # 375 x 667 on the iPhone SE, viewport meta width=device-width.
    return saved_snapshot("mobile-ready")


def test_intrusive_overlays_passes_a_page_without_overlays(ready):
    outcome = intrusive_overlays(ready)
    assert outcome.score == 1
    assert (outcome.value, outcome.unit) == (0, "%")
    assert outcome.findings == []


def test_intrusive_overlays_passes_a_small_fixed_header(ready):
    header = _overlay("#header", Box(0, 0, 375, 66.7))
    outcome = intrusive_overlays(_with_overlays(ready, header))
    assert outcome.score == 1
    assert outcome.value == 10
    assert outcome.findings == []
    assert outcome.details["overlays"] == [{"selector": "#header", "percent": 10}]


def test_intrusive_overlays_fails_a_cookie_wall_and_names_it(ready):
    wall = _overlay("#cookie-wall", Box(0, 266.8, 375, 400.2))
    outcome = intrusive_overlays(_with_overlays(ready, wall))
    assert outcome.score == 0
    assert outcome.value == 60
    assert "cover 60% of the first screen" in outcome.display
    (finding,) = outcome.findings
    assert finding.selector == "#cookie-wall"
    assert finding.box == wall.box
    assert finding.details["percent"] == 60
    assert finding.details["position"] == "fixed"


def test_intrusive_overlays_passes_exactly_30_percent_and_fails_just_above(ready):
    at_limit = _overlay("#banner", Box(0, 466.9, 375, 200.1))
    above = _overlay("#banner", Box(0, 460, 375, 207))
    assert intrusive_overlays(_with_overlays(ready, at_limit)).score == 1
    assert intrusive_overlays(_with_overlays(ready, above)).score == 0


def test_intrusive_overlays_counts_overlapping_overlays_once(ready):
    # A 150 px bar and a 150 px banner overlapping by 50 px cover 250 px of 667, not 300.
    bar = _overlay("#bar", Box(0, 0, 375, 150))
    banner = _overlay("#banner", Box(0, 100, 375, 150))
    outcome = intrusive_overlays(_with_overlays(ready, bar, banner))
    assert outcome.value == round(250 / 667 * 100, 1)
    assert outcome.score == 0


def test_intrusive_overlays_adds_up_separate_bars(ready):
    top = _overlay("#top", Box(0, 0, 375, 120))
    bottom = _overlay("#bottom", Box(0, 547, 375, 120))
    outcome = intrusive_overlays(_with_overlays(ready, top, bottom))
    assert outcome.value == round(240 / 667 * 100, 1)
    assert outcome.score == 0
    assert [f.selector for f in outcome.findings] == ["#top", "#bottom"]


def test_intrusive_overlays_lists_the_largest_overlay_first(ready):
    small = _overlay("#small", Box(0, 0, 375, 50))
    large = _overlay("#large", Box(0, 300, 375, 300))
    outcome = intrusive_overlays(_with_overlays(ready, small, large))
    assert [f.selector for f in outcome.findings] == ["#large", "#small"]


def test_intrusive_overlays_counts_only_the_part_on_the_first_screen(ready):
    # Half of this panel hangs below the screen, and a parked element sits above the page.
    panel = _overlay("#panel", Box(0, 467, 375, 400))
    parked = _overlay("#parked", Box(8, -200, 375, 180))
    outcome = intrusive_overlays(_with_overlays(ready, panel, parked))
    assert outcome.value == 30
    assert outcome.score == 1
    assert outcome.details["covering"] == 1


def test_intrusive_overlays_counts_a_sticky_element_only_where_it_is_at_load(ready):
    # A sticky header at the top covers content from the first scroll; a sticky bar further
    # down has not stuck yet and is not counted.
    header = _overlay("#header", Box(0, 0, 375, 60), position="sticky")
    later = _overlay("#later", Box(0, 1200, 375, 400), position="sticky")
    outcome = intrusive_overlays(_with_overlays(ready, header, later))
    assert outcome.value == round(60 / 667 * 100, 1)
    assert [o["selector"] for o in outcome.details["overlays"]] == ["#header"]


def test_intrusive_overlays_counts_a_small_modal_dialog_as_the_whole_screen(ready):
    dialog = _overlay("#subscribe", Box(133, 290, 108, 88), tag="dialog", modal=True)
    outcome = intrusive_overlays(_with_overlays(ready, dialog))
    assert outcome.score == 0
    assert outcome.value == 100
    (finding,) = outcome.findings
    assert finding.box == dialog.box
    assert "blocks it until it is closed" in finding.message


def test_intrusive_overlays_counts_an_aria_modal_element_by_its_box(ready):
    # aria-modal only tells assistive technology; the page around it stays usable.
    panel = _overlay("#panel", Box(0, 567, 375, 100), modal=True)
    outcome = intrusive_overlays(_with_overlays(ready, panel))
    assert outcome.value == 15
    assert outcome.score == 1


def test_intrusive_overlays_measures_a_zoomed_out_page_in_its_own_css_pixels(saved_snapshot):
    # Without a viewport tag an iPhone SE shows 981 x 1744 CSS px: a 200 px bar at the bottom
    # covers 11.5% of the screen, not nothing (it lies below 667 px).
    snapshot = saved_snapshot("lemonde-1")
    bar = _overlay("#bar", Box(0, 1544, 981, 200))
    outcome = intrusive_overlays(_with_overlays(snapshot, bar))
    assert outcome.details["screen"] == {"width": 981, "height": 1744}
    assert outcome.value == round(200 / 1744 * 100, 1)


def test_intrusive_overlays_caps_findings_and_counts_them_all(ready):
    tiles = [_overlay(f"#t{i}", Box(i * 6, 0, 6, 667)) for i in range(60)]
    outcome = intrusive_overlays(_with_overlays(ready, *tiles))
    assert outcome.score == 0
    assert len(outcome.findings) == MAX_FINDINGS
    assert outcome.details["covering"] == 60


def test_intrusive_overlays_does_not_apply_to_desktop(saved_snapshot):
    snapshot = saved_snapshot("mobile-ready", "desktop")
    wall = _overlay("#wall", Box(0, 0, 1350, 940))
    assert intrusive_overlays(_with_overlays(snapshot, wall)).score is None


def test_union_area_counts_overlaps_once():
    assert union_area([]) == 0
    assert union_area([Box(0, 0, 10, 10), Box(5, 5, 10, 10)]) == 175
    assert union_area([Box(0, 0, 10, 10), Box(2, 2, 3, 3)]) == 100
    assert union_area([Box(0, 0, 10, 10), Box(20, 0, 10, 10)]) == 200
