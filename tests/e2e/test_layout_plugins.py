from __future__ import annotations

import pytest

from checker.model.results import AuditResult, PageResult

DEVICES = ("iphone-se", "pixel-7")


def _audit(page: PageResult, device: str) -> AuditResult:
    (result,) = [d for d in page.devices if d.device == device]
    return result.audits["plugins"]


@pytest.mark.parametrize("device", DEVICES)
def test_plugins_passes_a_pdf_and_images_in_object_and_embed(layout_run, device):
    audit = _audit(layout_run["plugins-pass"], device)
    assert audit.score == 1
    assert audit.details["embeds"] == 3


@pytest.mark.parametrize("device", DEVICES)
def test_plugins_flags_a_swf_embed_an_activex_object_and_an_applet(layout_run, device):
    audit = _audit(layout_run["plugins-fail"], device)
    assert audit.score == 0
    by_selector = {f.selector: f for f in audit.findings}
    assert list(by_selector) == ["#movie", "#activex", "#game"]
    assert by_selector["#movie"].details == {"plugin": "Flash", "matched": 'src="movie.swf"'}
    assert by_selector["#activex"].details["plugin"] == "Flash"
    assert by_selector["#game"].details["plugin"] == "Java"
    movie = by_selector["#movie"].box
    assert (movie.x, movie.width, movie.height) == pytest.approx((16, 300, 150))
    assert by_selector["#activex"].box.height == pytest.approx(100)
    assert by_selector["#activex"].box.y > movie.bottom


@pytest.mark.parametrize("device", DEVICES)
def test_plugins_passes_swf_names_in_a_query_or_fragment_and_harmless_params(layout_run, device):
    audit = _audit(layout_run["plugins-borderline"], device)
    assert audit.score == 1
    assert audit.details["embeds"] == 2


@pytest.mark.parametrize("device", DEVICES)
def test_plugins_flags_an_invisible_flash_object_without_a_box(layout_run, device):
    audit = _audit(layout_run["plugins-hidden"], device)
    assert audit.score == 0
    (finding,) = audit.findings
    assert finding.selector == "#storage"
    assert finding.box is None
