from __future__ import annotations

import pytest

from checker.model.results import AuditResult, PageResult

DEVICES = ("iphone-se", "pixel-7")


def _audit(page: PageResult, device: str) -> AuditResult:
    (result,) = [d for d in page.devices if d.device == device]
    return result.audits["image-aspect-ratio"]


@pytest.mark.parametrize("device", DEVICES)
def test_image_aspect_ratio_passes_even_scaling_and_skips_what_keeps_or_hides_its_ratio(
    layout_run, device
):
    audit = _audit(layout_run["image-aspect-ratio-pass"], device)
    assert audit.score == 1
    # Of seven images only the two scaled evenly are checked: object-fit, SVG, display:none,
    # visibility:hidden and a file that failed to load are left out.
    assert audit.details == {
        "images": 7,
        "checked": 2,
        "skipped": {"not_loaded": 1, "hidden": 2, "keeps_ratio": 2},
    }


@pytest.mark.parametrize("device", DEVICES)
def test_image_aspect_ratio_flags_a_stretched_and_a_squashed_image(layout_run, device):
    audit = _audit(layout_run["image-aspect-ratio-fail"], device)
    assert audit.score == 0
    stretched, squashed = audit.findings
    assert stretched.selector == "#stretched"
    assert (stretched.box.x, stretched.box.width, stretched.box.height) == (16, 200, 100)
    assert stretched.details["natural_width"] == stretched.details["natural_height"] == 100
    assert stretched.details["distortion_percent"] == 100.0
    assert squashed.selector == "#squashed"
    assert squashed.details["natural_ratio"] == pytest.approx(1.333)
    assert squashed.details["displayed_ratio"] == 1.0


@pytest.mark.parametrize("device", DEVICES)
def test_image_aspect_ratio_passes_exactly_five_percent(layout_run, device):
    audit = _audit(layout_run["image-aspect-ratio-borderline"], device)
    assert audit.score == 1
    assert audit.details["checked"] == 2


@pytest.mark.parametrize("device", DEVICES)
def test_image_aspect_ratio_fails_six_percent_and_names_only_that_image(layout_run, device):
    audit = _audit(layout_run["image-aspect-ratio-borderline-over"], device)
    assert audit.score == 0
    (finding,) = audit.findings
    assert finding.selector == "#over"
    assert finding.details["distortion_percent"] == 6.0


@pytest.mark.parametrize("device", DEVICES)
def test_image_aspect_ratio_judges_the_drawn_picture_not_its_frame_or_rotation(layout_run, device):
    # 40x30 drawn inside 4px padding and a 1px border (50x40 box), and 80x60 turned 8deg:
    # both are 4:3 like the file; their bounding boxes are not.
    audit = _audit(layout_run["image-aspect-ratio-framed"], device)
    assert audit.details == {"images": 2, "checked": 2}
    assert audit.score == 1
