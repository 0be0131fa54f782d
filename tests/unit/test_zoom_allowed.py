from __future__ import annotations

import dataclasses

import pytest

from audits.layout.zoom_allowed import zoom_allowed
from checker.model.dom_facts import Tag
from checker.model.elements import Element
from checker.model.snapshot import PageSnapshot


def _with_viewports(snapshot: PageSnapshot, *contents: str) -> PageSnapshot:
    metas = [
        Tag(
            Element('meta[name="viewport"]', snippet=f'<meta content="{c}">'),
            {"name": "viewport", "content": c},
        )
        for c in contents
    ]
    head = dataclasses.replace(snapshot.dom.head, metas=metas)
    return dataclasses.replace(snapshot, dom=dataclasses.replace(snapshot.dom, head=head))


@pytest.fixture
def ready(saved_snapshot) -> PageSnapshot:
    return saved_snapshot("mobile-ready")


def test_zoom_allowed_passes_a_viewport_that_does_not_limit_zoom(ready):
    outcome = zoom_allowed(ready)
    assert outcome.score == 1
    assert outcome.findings == []
    assert outcome.value == "width=device-width, initial-scale=1"


def test_zoom_allowed_passes_a_page_without_viewport_tag(saved_snapshot):
    outcome = zoom_allowed(saved_snapshot("lemonde-1"))
    assert outcome.score == 1
    assert "nothing stops zooming" in outcome.display


def test_zoom_allowed_reads_user_scalable_1_as_yes_like_chrome(saved_snapshot):
    # bbc-1's last viewport tag says user-scalable=1: Chromium allows zooming for |n| >= 1.
    outcome = zoom_allowed(saved_snapshot("bbc-1"))
    assert outcome.score == 1


def test_zoom_allowed_fails_user_scalable_no_and_names_the_tag(ready):
    content = "width=device-width, initial-scale=1, user-scalable=no"
    outcome = zoom_allowed(_with_viewports(ready, content))
    assert outcome.score == 0
    assert outcome.value == content
    (finding,) = outcome.findings
    assert finding.selector == 'meta[name="viewport"]'
    assert "user-scalable=no" in finding.snippet
    assert finding.details == {"property": "user-scalable", "value": "no"}
    assert "user-scalable=no stops people from zooming" in outcome.display
    assert "iPhones let people zoom anyway" in outcome.display


@pytest.mark.parametrize("value", ["no", "NO", "0", "0.5", "-0.9", "false", "off", ""])
def test_zoom_allowed_fails_user_scalable_values_chrome_reads_as_no(ready, value):
    outcome = zoom_allowed(_with_viewports(ready, f"width=device-width, user-scalable={value}"))
    assert outcome.score == 0
    assert outcome.findings[0].details["property"] == "user-scalable"


@pytest.mark.parametrize("value", ["yes", "1", "2", "-1", "1.0", "device-width", "device-height"])
def test_zoom_allowed_passes_user_scalable_values_chrome_reads_as_yes(ready, value):
    outcome = zoom_allowed(_with_viewports(ready, f"width=device-width, user-scalable={value}"))
    assert outcome.score == 1


def test_zoom_allowed_passes_maximum_scale_of_exactly_2(ready):
    outcome = zoom_allowed(_with_viewports(ready, "width=device-width, maximum-scale=2"))
    assert outcome.score == 1


def test_zoom_allowed_fails_maximum_scale_just_under_2(ready):
    outcome = zoom_allowed(_with_viewports(ready, "width=device-width, maximum-scale=1.9"))
    assert outcome.score == 0
    (finding,) = outcome.findings
    assert finding.details == {
        "property": "maximum-scale",
        "value": "1.9",
        "maximum_zoom": pytest.approx(1.9),
    }
    assert "before text is twice its size" in finding.message


@pytest.mark.parametrize(
    ("value", "limit"), [("1", 1.0), ("1.0", 1.0), ("yes", 1.0), ("no", 0.1), ("big", 0.1)]
)
def test_zoom_allowed_fails_maximum_scale_values_chrome_reads_below_2(ready, value, limit):
    outcome = zoom_allowed(_with_viewports(ready, f"width=device-width, maximum-scale={value}"))
    assert outcome.score == 0
    assert outcome.findings[0].details["maximum_zoom"] == pytest.approx(limit)


@pytest.mark.parametrize("value", ["5", "2px", "device-width", "-1", "20"])
def test_zoom_allowed_passes_maximum_scale_values_chrome_reads_as_2_or_more(ready, value):
    # "2px" is 2 (Chromium reads the leading number), device-width is 10, a negative is auto.
    outcome = zoom_allowed(_with_viewports(ready, f"width=device-width, maximum-scale={value}"))
    assert outcome.score == 1


def test_zoom_allowed_passes_a_minimum_scale_that_raises_the_maximum(ready):
    # Chromium raises max-zoom to min-zoom when min-zoom is the larger.
    content = "width=device-width, minimum-scale=3, maximum-scale=1"
    outcome = zoom_allowed(_with_viewports(ready, content))
    assert outcome.score == 1


def test_zoom_allowed_reports_both_properties_when_both_limit_zoom(ready):
    content = "width=device-width, initial-scale=1, maximum-scale=1, user-scalable=0"
    outcome = zoom_allowed(_with_viewports(ready, content))
    assert outcome.score == 0
    assert [f.details["property"] for f in outcome.findings] == ["user-scalable", "maximum-scale"]


def test_zoom_allowed_judges_the_last_viewport_tag_as_browsers_do(ready):
    blocked_then_open = _with_viewports(ready, "user-scalable=no", "width=device-width")
    open_then_blocked = _with_viewports(ready, "width=device-width", "user-scalable=no")
    assert zoom_allowed(blocked_then_open).score == 1
    assert zoom_allowed(open_then_blocked).score == 0


def test_zoom_allowed_reads_semicolon_separated_properties_as_axe_does(ready):
    outcome = zoom_allowed(_with_viewports(ready, "width=device-width; user-scalable=no"))
    assert outcome.score == 0


def test_zoom_allowed_does_not_apply_to_desktop(saved_snapshot):
    snapshot = _with_viewports(saved_snapshot("mobile-ready", "desktop"), "user-scalable=no")
    assert zoom_allowed(snapshot).score is None
