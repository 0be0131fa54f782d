from __future__ import annotations

import pytest

from checker.model.results import AuditResult, PageResult

SCREENS = {"iphone-se": 375, "pixel-7": 412}


def _audit(page: PageResult, device: str) -> AuditResult:
    (result,) = [d for d in page.devices if d.device == device]
    return result.audits["content-width"]


@pytest.mark.parametrize("device", SCREENS)
def test_content_width_passes_a_page_whose_carousel_scrolls_inside_its_row(layout_run, device):
    audit = _audit(layout_run["content-width-pass"], device)
    assert audit.score == 1
    assert audit.value == SCREENS[device]
    assert audit.findings == []


@pytest.mark.parametrize("device", SCREENS)
def test_content_width_fails_a_600px_banner_and_names_it(layout_run, device):
    audit = _audit(layout_run["content-width-fail"], device)
    assert audit.score == 0
    # 16 px of body margin plus the 600 px image.
    assert audit.value == 616
    (finding,) = audit.findings
    assert finding.selector == "#banner"
    assert finding.box.x == pytest.approx(16)
    assert finding.box.width == pytest.approx(600)
    assert finding.details["overflow_px"] == 616 - SCREENS[device]


@pytest.mark.parametrize("device", SCREENS)
def test_content_width_passes_full_bleed_bands_exactly_as_wide_as_the_screen(layout_run, device):
    audit = _audit(layout_run["content-width-borderline"], device)
    assert audit.score == 1
    assert audit.value == SCREENS[device]
