"""zoom-text on real Chromium: every font size doubled in the loaded page, text cut off found
against the page as loaded."""

from __future__ import annotations

import pytest

from checker.model.results import AuditResult, PageResult
from tests.e2e.conftest import PHONES


def _audit(page: PageResult, device: str) -> AuditResult:
    (result,) = [d for d in page.devices if d.device == device]
    return result.audits["zoom-text"]


@pytest.mark.parametrize("device", PHONES)
def test_zoom_text_passes_boxes_with_a_minimum_height(accessibility_run, device):
    audit = _audit(accessibility_run["zoom-text-pass"], device)
    assert audit.error is None
    assert audit.score == 1
    assert audit.findings == []


@pytest.mark.parametrize("device", PHONES)
def test_zoom_text_fails_a_fixed_height_card_and_tab_that_cut_large_text(accessibility_run, device):
    audit = _audit(accessibility_run["zoom-text-fail"], device)
    assert audit.score == 0
    by_selector = {f.selector: f for f in audit.findings}
    assert set(by_selector) == {"#card", "#tab"}
    card = by_selector["#card"]
    assert card.details["kind"] == "clipped"
    assert card.details["axis"] == "vertical"
    # Three 16 px lines fitted in 72 px; at 32 px the text needs far more.
    assert card.details["hidden_px"] > 64
    assert card.details["font_size_px"] == 32
    assert card.box.height == pytest.approx(82)  # 72 px, its padding and border
    assert "when people set their text twice as large" in card.message


@pytest.mark.parametrize("device", PHONES)
def test_zoom_text_keeps_ellipses_one_line_boxes_clamps_and_screen_reader_text(
    accessibility_run, device
):
    audit = _audit(accessibility_run["zoom-text-borderline"], device)
    assert audit.error is None
    assert audit.findings == [], [f.message for f in audit.findings]
    assert audit.score == 1
