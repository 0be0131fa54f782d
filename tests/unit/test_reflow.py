from __future__ import annotations

import dataclasses

import pytest

from audits.accessibility.reflow import reflow
from checker.model.elements import Box, Element
from checker.model.reflow_facts import ReflowElement, ReflowFacts
from checker.model.results import CannotMeasure
from checker.model.snapshot import PageSnapshot


def _part(selector: str, kind: str, reach: float, width: float = 560, **more) -> ReflowElement:
    element = Element(selector, Box(8, 100, width, 80), f'<div id="{selector[1:]}">', "Opening")
    return ReflowElement(element, kind, "div", reach, **more)  # type: ignore[arg-type]


def _with(snapshot: PageSnapshot, **facts) -> PageSnapshot:
    base = ReflowFacts(width=320, height=667, edge=320, scroll_size=320, text_nodes=40)
    return dataclasses.replace(snapshot, reflow=dataclasses.replace(base, **facts))


def test_reflow_passes_a_page_that_fits_320px(saved_snapshot):
    outcome = reflow(_with(saved_snapshot("mobile-ready")))
    assert outcome.score == 1
    assert (outcome.value, outcome.unit) == (320, "px")
    assert outcome.findings == []
    assert outcome.display == "At 320 px wide the page's text and controls fit the screen."


def test_reflow_fails_a_box_whose_text_reaches_560px(saved_snapshot):
    snapshot = _with(
        saved_snapshot("mobile-ready"),
        scroll_size=568,
        elements=[_part("#wide-box", "overflow", 568, chars=140)],
    )
    outcome = reflow(snapshot)
    assert outcome.score == 0
    assert outcome.value == 568
    (finding,) = outcome.findings
    assert finding.selector == "#wide-box"
    assert finding.message == (
        "Reaches 568 px at 320 px wide: people who zoom in must scroll sideways to read each line."
    )
    assert finding.details["overflow_px"] == 248
    assert "1 part of the page reaches past the screen's edge (to 568 px)" in outcome.display
    assert outcome.details["overflowing"] == 1


def test_reflow_says_which_line_does_not_wrap(saved_snapshot):
    address = "https://www.example.com/articles/2024/a-very-long-address-that-never-breaks"
    element = Element("p > a", Box(8, 900, 304, 18), f"<a>{address}", address)
    part = ReflowElement(element, "overflow", "a", 389, chars=len(address), unbroken=True)
    (finding,) = reflow(_with(saved_snapshot("mobile-ready"), elements=[part])).findings
    assert finding.message.startswith("A line that does not wrap reaches 389 px at 320 px wide")
    assert finding.element.label == address
    assert finding.details["unbroken"] is True


def test_reflow_says_a_wide_form_field_must_be_scrolled_to_to_use_it(saved_snapshot):
    field = _part("#email", "overflow", 505, width=497)
    (finding,) = reflow(_with(saved_snapshot("mobile-ready"), elements=[field])).findings
    assert finding.message.endswith("must scroll sideways to see and use it.")


def test_reflow_fails_text_cut_off_by_a_body_that_hides_overflow(saved_snapshot):
    snapshot = _with(
        saved_snapshot("mobile-ready"),
        clipped_by="body",
        elements=[_part("#wide-box", "cut-off", 568, chars=140)],
    )
    outcome = reflow(snapshot)
    assert outcome.score == 0
    (finding,) = outcome.findings
    assert "hides what is past the edge" in finding.message
    assert "cut off" in finding.message
    assert "cut off and cannot be seen" in outcome.display


def test_reflow_counts_the_parts_past_the_cap(saved_snapshot):
    parts = [_part(f"#p{i}", "overflow", 400 + i) for i in range(3)]
    snapshot = _with(saved_snapshot("mobile-ready"), elements=parts, truncated={"overflow": 5})
    outcome = reflow(snapshot)
    assert len(outcome.findings) == 3
    assert outcome.details["overflowing"] == 8
    assert "8 parts of the page reach past" in outcome.display


def test_reflow_passes_a_wide_data_table_and_counts_it(saved_snapshot):
    table = _part("#prices", "exempt", 539, exempt_as="data table")
    snapshot = _with(saved_snapshot("mobile-ready"), scroll_size=552, elements=[table])
    outcome = reflow(snapshot)
    assert outcome.score == 1
    assert outcome.findings == []
    assert outcome.details["exempt"] == 1
    assert outcome.details["exempt_parts"][0]["exempt_as"] == "data table"
    assert "(data table) reaches further" in outcome.display


def test_reflow_passes_a_page_that_scrolls_onto_empty_space(saved_snapshot):
    outcome = reflow(_with(saved_snapshot("mobile-ready"), scroll_size=384, off_canvas=3))
    assert outcome.score == 1
    assert "scrolls to 384 px, but only onto empty space" in outcome.display


def test_reflow_says_up_and_down_for_vertical_writing(saved_snapshot):
    snapshot = _with(
        saved_snapshot("mobile-ready"),
        axis="y",
        height=256,
        edge=256,
        elements=[_part("#column", "overflow", 700)],
    )
    (finding,) = reflow(snapshot).findings
    assert "at 256 px tall" in finding.message
    assert "scroll up and down" in finding.message


def test_reflow_is_an_error_without_the_fact(saved_snapshot):
    snapshot = saved_snapshot("mobile-ready")
    assert snapshot.reflow is None
    with pytest.raises(CannotMeasure, match="not laid out 320 px wide"):
        reflow(snapshot)


def test_reflow_judges_desktop_windows_too(saved_snapshot):
    # WCAG's 400% zoom is a desktop browser's: the check applies there as on phones.
    snapshot = saved_snapshot("mobile-ready", "desktop")
    assert not snapshot.device.is_mobile
    failing = _with(snapshot, elements=[_part("#wide-box", "overflow", 568)])
    assert reflow(failing).score == 0
    assert reflow(_with(snapshot)).score == 1
