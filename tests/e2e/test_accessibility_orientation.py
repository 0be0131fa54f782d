"""The orientation check in real Chromium: the phone turned to landscape and back; a wall
asking to turn the phone (in no English) and content turned a quarter turn fail, a layout
that changes with the turn passes."""

from __future__ import annotations

import pytest

from checker.model.results import AuditResult, PageResult

PHONES = ("iphone-se", "pixel-7")


def _orientation(page: PageResult, device: str) -> AuditResult:
    (result,) = [d for d in page.devices if d.device == device]
    return result.audits["orientation"]


@pytest.mark.parametrize("device", PHONES)
def test_orientation_passes_a_page_that_shows_the_same_text_sideways(accessibility_run, device):
    audit = _orientation(accessibility_run["orientation-pass"], device)
    assert audit.score == 1
    assert audit.value == 100
    assert audit.details["walls"] == audit.details["rotated"] == 0


@pytest.mark.parametrize("device", PHONES)
def test_orientation_fails_a_wall_shown_only_sideways_and_names_it(accessibility_run, device):
    audit = _orientation(accessibility_run["orientation-fail-wall"], device)
    assert audit.score == 0
    (finding,) = audit.findings
    assert finding.selector == "#turn-back"
    assert "Drehen" in finding.message
    assert finding.details["fixed"] is True
    # The wall covers the landscape screen: the device's height is now its width.
    viewport = next(
        d.viewport for d in accessibility_run["orientation-fail-wall"].devices if d.device == device
    )
    assert round(finding.box.width) == viewport["height"]
    assert audit.details["landscape"] == [viewport["height"], viewport["width"]]


@pytest.mark.parametrize("device", PHONES)
def test_orientation_fails_content_turned_back_a_quarter_turn(accessibility_run, device):
    audit = _orientation(accessibility_run["orientation-fail-transform"], device)
    assert audit.score == 0
    (finding,) = audit.findings
    assert finding.selector == "#content"
    assert finding.details == {"portrait_angle": 0, "landscape_angle": -90}


@pytest.mark.parametrize("device", PHONES)
def test_orientation_passes_a_layout_that_changes_sideways(accessibility_run, device):
    # Two columns, a folded menu, a shifted section and a picture only landscape shows, with
    # the page below it: different, not restricted.
    audit = _orientation(accessibility_run["orientation-borderline"], device)
    assert audit.score == 1, [f.message for f in audit.findings]
    assert audit.details["new_covering_elements"] == 1
    assert audit.details["walls"] == 0
    assert audit.value >= 80
