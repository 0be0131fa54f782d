from __future__ import annotations

import pytest

from checker.model.results import AuditResult, PageResult

DEVICES = ("iphone-se", "pixel-7")


def _audit(page: PageResult, device: str) -> AuditResult:
    (result,) = [d for d in page.devices if d.device == device]
    return result.audits["zoom-allowed"]


@pytest.mark.parametrize("device", DEVICES)
def test_zoom_allowed_passes_a_viewport_that_leaves_zoom_alone(layout_run, device):
    audit = _audit(layout_run["zoom-allowed-pass"], device)
    assert audit.score == 1
    assert audit.findings == []


@pytest.mark.parametrize("device", DEVICES)
def test_zoom_allowed_fails_user_scalable_no_on_the_viewport_tag(layout_run, device):
    audit = _audit(layout_run["zoom-allowed-fail"], device)
    assert audit.score == 0
    (finding,) = audit.findings
    assert finding.selector == 'meta[name="viewport"]'
    assert "user-scalable=no" in finding.snippet
    assert finding.details["property"] == "user-scalable"


@pytest.mark.parametrize("device", DEVICES)
def test_zoom_allowed_passes_maximum_scale_2(layout_run, device):
    audit = _audit(layout_run["zoom-allowed-borderline"], device)
    assert audit.score == 1


@pytest.mark.parametrize("device", DEVICES)
def test_zoom_allowed_fails_maximum_scale_1_9(layout_run, device):
    audit = _audit(layout_run["zoom-allowed-maximum-scale-under-2"], device)
    assert audit.score == 0
    (finding,) = audit.findings
    assert finding.details["property"] == "maximum-scale"
    assert finding.details["value"] == "1.9"
