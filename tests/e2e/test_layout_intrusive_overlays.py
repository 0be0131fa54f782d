from __future__ import annotations

import pytest

from checker.model.results import AuditResult, PageResult

DEVICES = ("iphone-se", "pixel-7")
SCREEN_HEIGHTS = {"iphone-se": 667, "pixel-7": 915}


def _audit(page: PageResult, device: str) -> AuditResult:
    (result,) = [d for d in page.devices if d.device == device]
    return result.audits["intrusive-overlays"]


@pytest.mark.parametrize("device", DEVICES)
def test_intrusive_overlays_passes_a_64px_fixed_header(layout_run, device):
    audit = _audit(layout_run["intrusive-overlays-pass"], device)
    assert audit.score == 1
    assert audit.value == round(64 / SCREEN_HEIGHTS[device] * 100, 1)
    assert [o["selector"] for o in audit.details["overlays"]] == ["#site-header"]


@pytest.mark.parametrize("device", DEVICES)
def test_intrusive_overlays_fails_a_cookie_wall_over_60_percent(layout_run, device):
    audit = _audit(layout_run["intrusive-overlays-fail"], device)
    assert audit.score == 0
    assert audit.value == 60
    (finding,) = audit.findings
    assert finding.selector == "#cookie-wall"
    height = SCREEN_HEIGHTS[device]
    assert finding.box.y == pytest.approx(height * 0.4, abs=1)
    assert finding.box.height == pytest.approx(height * 0.6, abs=1)


@pytest.mark.parametrize(("device", "percent"), [("iphone-se", 27.0), ("pixel-7", 19.7)])
def test_intrusive_overlays_passes_a_180px_app_banner_under_30_percent(layout_run, device, percent):
    audit = _audit(layout_run["intrusive-overlays-borderline"], device)
    assert audit.score == 1
    assert audit.value == percent
