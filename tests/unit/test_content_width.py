from __future__ import annotations

import dataclasses

import pytest

from audits.common.screen_fit import shrunk_to_fit
from audits.layout.content_width import MAX_FINDINGS, content_width
from checker.model.dom_facts import WideElement
from checker.model.elements import Box, Element
from checker.model.snapshot import PageSnapshot


def _with_dom(snapshot: PageSnapshot, **changes) -> PageSnapshot:
    return dataclasses.replace(snapshot, dom=dataclasses.replace(snapshot.dom, **changes))


def _wide(selector: str, x: float, width: float, y: float = 100) -> WideElement:
    return WideElement(Element(selector, Box(x, y, width, 50), f'<div id="{selector}">'), "div")


def test_content_width_passes_a_page_as_wide_as_the_screen(saved_snapshot):
    outcome = content_width(saved_snapshot("mobile-ready"))
    assert outcome.score == 1
    assert (outcome.value, outcome.unit) == (375, "px")
    assert outcome.findings == []
    assert outcome.details["screen_width"] == 375


def test_content_width_fails_wide_content_and_names_each_element(saved_snapshot):
    # bbc-1 has 976 px images in a 375 px page: the phone zooms out to 1500 px and the page
    # still scrolls to 2056 px.
    outcome = content_width(saved_snapshot("bbc-1"))
    assert outcome.score == 0
    assert outcome.value == 2056
    assert "2056 px wide on a 375 px screen" in outcome.display
    first = outcome.findings[0]
    assert first.selector.endswith("img.js-image-replace")
    assert first.box.width == 976
    assert first.details["overflow_px"] == round(first.box.right) - 375
    assert "past the right edge of the 375 px screen" in first.message
    assert outcome.details["wide_elements"] == len(outcome.findings) == 17


def test_content_width_fails_a_page_without_viewport_on_the_html_element(saved_snapshot):
    # Without a viewport tag the page is laid out 980 px wide; no element passes that edge.
    outcome = content_width(saved_snapshot("lemonde-1"))
    assert outcome.score == 0
    assert outcome.value == 981
    (finding,) = outcome.findings
    assert finding.selector == "html"
    assert "laid out 980 px wide" in finding.message
    assert "laid out 980 px wide on a 375 px screen" in outcome.display


def test_content_width_fails_a_fixed_viewport_width(saved_snapshot):
    outcome = content_width(saved_snapshot("cnn"))
    assert outcome.score == 0
    assert outcome.value == 1140


def test_content_width_names_elements_past_a_980px_layout_after_the_page(saved_snapshot):
    snapshot = _with_dom(
        saved_snapshot("lemonde-1"), wide_elements=[_wide("#table", 8, 1200)], scroll_width=1208
    )
    outcome = content_width(snapshot)
    assert [f.selector for f in outcome.findings] == ["html", "#table"]
    assert outcome.findings[1].details["overflow_px"] == 228
    assert "980 px layout width" in outcome.findings[1].message


def test_content_width_allows_one_pixel_of_rounding(saved_snapshot):
    snapshot = _with_dom(saved_snapshot("mobile-ready"), scroll_width=376, viewport_width=376)
    assert content_width(snapshot).score == 1


def test_content_width_fails_two_pixels_over(saved_snapshot):
    snapshot = _with_dom(saved_snapshot("mobile-ready"), scroll_width=377)
    outcome = content_width(snapshot)
    assert outcome.score == 0
    assert outcome.value == 377
    (finding,) = outcome.findings
    assert finding.selector == "html"
    assert "no single element" in finding.message


def test_content_width_fails_a_page_that_scrolls_sideways_without_zooming_out(saved_snapshot):
    # user-scalable=no keeps innerWidth at the screen's 375 px; the page scrolls instead.
    snapshot = _with_dom(
        saved_snapshot("mobile-ready"),
        scroll_width=1008,
        wide_elements=[_wide("#w", 8, 1000)],
    )
    outcome = content_width(snapshot)
    assert outcome.score == 0
    assert outcome.value == 1008
    assert [f.selector for f in outcome.findings] == ["#w"]
    assert outcome.findings[0].details == {"right": 1008, "overflow_px": 633, "width": 1000}


def test_content_width_uses_the_device_width_when_outer_width_is_missing(saved_snapshot):
    snapshot = _with_dom(saved_snapshot("mobile-ready"), outer_width=0)
    outcome = content_width(snapshot)
    assert outcome.score == 1
    assert outcome.details["screen_width"] == 375


def test_content_width_caps_findings_and_counts_them_all(saved_snapshot):
    wide = [_wide(f"#w{i}", 8, 600, y=60 * i) for i in range(100)]
    snapshot = _with_dom(
        saved_snapshot("mobile-ready"),
        scroll_width=608,
        wide_elements=wide,
        truncated={"wide_elements": 140},
    )
    outcome = content_width(snapshot)
    assert len(outcome.findings) == MAX_FINDINGS
    assert outcome.details["wide_elements"] == 140


def test_content_width_does_not_apply_to_desktop(saved_snapshot):
    assert content_width(saved_snapshot("bbc-1", "desktop")).score is None


@pytest.mark.parametrize("layout_width", [300, 375, 376, 377, 660, 980])
def test_content_width_and_shrunk_to_fit_agree_on_a_layout_wider_than_the_screen(
    saved_snapshot, layout_width
):
    # font-size and tap-targets short-circuit on shrunk_to_fit: the same test as this audit's
    # "laid out wider than the screen", one pixel of rounding included.
    snapshot = _with_dom(
        saved_snapshot("mobile-ready"),
        layout_width=layout_width,
        viewport_width=layout_width,
        scroll_width=layout_width,
    )
    outcome = content_width(snapshot)
    laid_out_wider = outcome.display.startswith("The page is laid out")
    assert shrunk_to_fit(snapshot) is laid_out_wider is (layout_width > 376)
    assert (outcome.score == 0) is laid_out_wider
