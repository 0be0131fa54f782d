from __future__ import annotations

import pytest

from checker.model.results import AuditResult, PageResult

DEVICES = ("iphone-se", "pixel-7")


def _audit(page: PageResult, device: str) -> AuditResult:
    (result,) = [d for d in page.devices if d.device == device]
    return result.audits["tap-targets"]


@pytest.mark.parametrize("device", DEVICES)
def test_tap_targets_passes_big_spaced_targets_and_exempts_links_in_a_sentence(layout_run, device):
    audit = _audit(layout_run["tap-targets-pass"], device)
    assert audit.score == 1
    assert audit.findings == []
    # Three nav links and two 32 px buttons; the three links in the paragraph are exempt.
    assert audit.details["targets"] == 5


@pytest.mark.parametrize("device", DEVICES)
def test_tap_targets_flags_a_row_of_small_links_2px_apart(layout_run, device):
    audit = _audit(layout_run["tap-targets-fail"], device)
    # Six of eight targets fail; Lighthouse's score is the passing share x 0.89.
    assert audit.score == pytest.approx(2 / 8 * 0.89)
    assert audit.display == "25% of tap targets are big enough or far enough apart"
    assert audit.details["failing_targets"] == 6
    assert audit.details["wcag_undersized_targets"] == 6
    pairs = [(f.selector, f.related[0].selector) for f in audit.findings]
    assert pairs == [(f"#p{i}", f"#p{i + 1}") for i in range(1, 6)]
    first = audit.findings[0]
    assert (first.box.x, first.box.y, first.box.width, first.box.height) == (16, 20, 20, 20)
    assert first.related[0].box.x == pytest.approx(38)
    assert first.details["overlap_ratio"] == pytest.approx(0.6)


@pytest.mark.parametrize("device", DEVICES)
def test_tap_targets_passes_small_targets_spaced_just_far_enough(layout_run, device):
    audit = _audit(layout_run["tap-targets-borderline"], device)
    assert audit.score == 1
    assert audit.details["targets"] == 5


@pytest.mark.parametrize("device", DEVICES)
def test_tap_targets_fails_small_targets_spaced_just_too_close(layout_run, device):
    audit = _audit(layout_run["tap-targets-borderline-close"], device)
    assert audit.score == 0
    assert [f.selector for f in audit.findings] == ["#b1", "#b2", "#b3", "#b4"]
    assert audit.findings[0].details["overlap_ratio"] == pytest.approx(6.25 / 24, abs=1e-3)
    # 24x24 meets WCAG 2.2's minimum, though not Lighthouse's 48 px finger.
    assert audit.details["wcag_undersized_targets"] == 0


@pytest.mark.parametrize("device", DEVICES)
def test_tap_targets_leaves_out_links_a_finger_cannot_reach(layout_run, device):
    # Crowded links that are display: none, visibility: hidden, off-screen, covered by
    # another element, zero-size or position: fixed: the gatherer drops them all.
    audit = _audit(layout_run["tap-targets-hidden"], device)
    assert audit.score == 1
    assert audit.details["targets"] == 1


@pytest.mark.parametrize("device", DEVICES)
def test_tap_targets_judges_a_narrow_fixed_width_page_the_phone_enlarges(layout_run, device):
    # width=300 is not device-width, but both phones lay the page out 300 px wide and scale
    # it up: the 48 px links are judged as measured, not failed as "shrunk to fit".
    audit = _audit(layout_run["tap-targets-narrow-fixed-width"], device)
    assert audit.score == 1
    assert audit.display == "100% of tap targets are big enough or far enough apart"
    assert audit.details["targets"] == 3
    assert audit.details["shrunk"] is False
    assert audit.details["layout_width"] == 300
