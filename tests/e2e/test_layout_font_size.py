from __future__ import annotations

import pytest

from checker.model.results import AuditResult, PageResult

DEVICES = ("iphone-se", "pixel-7")


def _audit(page: PageResult, device: str) -> AuditResult:
    (result,) = [d for d in page.devices if d.device == device]
    return result.audits["font-size"]


def _small_text(audit: AuditResult) -> list[tuple[str | None, float, int]]:
    return [(f.selector, f.details["font_size_px"], f.details["chars"]) for f in audit.findings]


@pytest.mark.parametrize("device", DEVICES)
def test_font_size_passes_a_page_with_a_little_small_print(layout_run, device):
    audit = _audit(layout_run["font-size-pass"], device)
    assert audit.score == 1
    assert audit.value == pytest.approx(93.67)
    assert _small_text(audit) == [("#legal", 10, 20)]
    box = audit.findings[0].box
    assert box.height == pytest.approx(11, abs=2)
    assert 16 <= box.x < 375


@pytest.mark.parametrize("device", DEVICES)
def test_font_size_fails_a_page_set_mostly_at_10px(layout_run, device):
    audit = _audit(layout_run["font-size-fail"], device)
    assert audit.score == 0
    assert audit.value < 10
    assert _small_text(audit) == [("#story", 10, 242), ("#shipping", 10, 89), ("#note", 9, 19)]
    assert audit.findings[0].box.x == pytest.approx(16)


@pytest.mark.parametrize("device", DEVICES)
def test_font_size_passes_61_percent_legible_characters(layout_run, device):
    audit = _audit(layout_run["font-size-borderline"], device)
    assert audit.score == 1
    assert audit.value == 61  # the 10 px line's "€" counts as one character
    assert audit.details["chars"] == 100


@pytest.mark.parametrize("device", DEVICES)
def test_font_size_fails_59_percent_legible_with_small_print_at_11_5px(layout_run, device):
    audit = _audit(layout_run["font-size-borderline-under"], device)
    assert audit.score == 0
    assert audit.value == 59
    assert _small_text(audit) == [("#fine-print", 11.5, 41)]


@pytest.mark.parametrize("device", DEVICES)
def test_font_size_counts_text_of_a_display_contents_element(layout_run, device):
    audit = _audit(layout_run["font-size-contents-transform"], device)
    # The element has no box, but its 30 characters at 10 px are on screen and count.
    assert ("#contents", 10, 30) in _small_text(audit)
    assert audit.details["chars"] == 100


@pytest.mark.parametrize("device", DEVICES)
def test_font_size_judges_transformed_text_by_its_css_size_as_lighthouse_did(layout_run, device):
    audit = _audit(layout_run["font-size-contents-transform"], device)
    # #shrunk is 16 px scaled to half: it looks 8 px, but CSS font-size says 16.
    assert "#shrunk" not in [f.selector for f in audit.findings]
    assert audit.score == 1


@pytest.mark.parametrize("device", DEVICES)
def test_font_size_leaves_out_text_inside_svg(layout_run, device):
    audit = _audit(layout_run["font-size-svg"], device)
    assert audit.score == 1
    assert audit.details["chars"] == 0
    assert audit.display == "The page has no visible text to check."


@pytest.mark.parametrize("device", DEVICES)
def test_font_size_judges_a_narrow_fixed_width_page_the_phone_enlarges(layout_run, device):
    # width=300 is not device-width, but both phones lay the page out 300 px wide and scale
    # it up: nothing is shrunk, so the text is judged as measured, not failed outright.
    audit = _audit(layout_run["font-size-narrow-fixed-width"], device)
    assert audit.score == 1
    assert "shrink" not in audit.display
    assert _small_text(audit) == [("#legal", 10, 20)]
    assert audit.details["shrunk"] is False
    assert audit.details["layout_width"] == 300
    assert audit.details["screen_width"] == {"iphone-se": 375, "pixel-7": 412}[device]
