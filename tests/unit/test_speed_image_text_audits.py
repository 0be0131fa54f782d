"""image-sizing, modern-image-formats and text-compression on saved snapshots given measured
resources."""

from __future__ import annotations

import dataclasses

import pytest

from audits import all_audits
from audits.common.speed_metrics import NOT_MEASURED_ON_DEVICE
from audits.common.speed_savings import bytes_to_ms
from audits.speed.image_sizing import image_sizing
from audits.speed.modern_image_formats import modern_image_formats
from audits.speed.text_compression import text_compression
from checker.model.dom_facts import ImageFacts, RenderBlocking
from checker.model.elements import Box, Element
from checker.model.load_facts import ResourceFacts, SpeedRun
from checker.model.snapshot import PageSnapshot

SAVINGS_AUDITS = (image_sizing, modern_image_formats, text_compression)
PHOTO = "https://example.test/photo.jpg"
SCRIPT = "https://example.test/app.js"
RUN = SpeedRun(throttle="slow-4g", ttfb_ms=300, fcp_ms=1500, lcp_ms=2000)


def _photo(**changes) -> ResourceFacts:
    facts = ResourceFacts(
        url=PHOTO, resource_type="image", transfer_bytes=370_000, body_bytes=369_000,
        width=2000, height=1500, format="JPEG", webp_bytes=225_000, avif_bytes=320_000,
        displayed_width=300, displayed_height=225, resized_bytes=64_000,
    )  # fmt: skip
    return dataclasses.replace(facts, **changes)


def _script(**changes) -> ResourceFacts:
    facts = ResourceFacts(
        url=SCRIPT, resource_type="script", transfer_bytes=200_300, body_bytes=200_000,
        gzip_bytes=40_000,
    )  # fmt: skip
    return dataclasses.replace(facts, **changes)


def _with(snapshot: PageSnapshot, resources: list[ResourceFacts], *, runs=(RUN,)) -> PageSnapshot:
    image = ImageFacts(
        element=Element("main > img.hero", Box(10, 100, 300, 225)), src=PHOTO,
        natural_width=2000, natural_height=1500, loading=None, alt="", content_width=300,
        content_height=225,
    )  # fmt: skip
    dom = dataclasses.replace(snapshot.dom, images=[image])
    return dataclasses.replace(snapshot, dom=dom, speed_runs=list(runs), resources=resources)


@pytest.fixture
def snapshot(saved_snapshot) -> PageSnapshot:
    return saved_snapshot("mobile-ready", "iphone-se")


def test_savings_audits_are_registered_as_weightless_speed_diagnostics():
    specs = {a.id: a for a in all_audits()}
    for audit_id in ("image-sizing", "modern-image-formats", "text-compression"):
        assert specs[audit_id].category == "speed"
        assert specs[audit_id].weight == 0


@pytest.mark.parametrize("audit", SAVINGS_AUDITS)
def test_savings_audits_are_not_measured_without_a_speed_run(snapshot, audit):
    outcome = audit(_with(snapshot, [_photo(), _script()], runs=()))
    assert outcome.score is None
    assert outcome.display == NOT_MEASURED_ON_DEVICE


@pytest.mark.parametrize("audit", SAVINGS_AUDITS)
def test_savings_audits_pass_with_nothing_measured(snapshot, audit):
    outcome = audit(_with(snapshot, []))
    assert outcome.score == 1
    assert outcome.value == 0
    assert outcome.findings == []


def test_image_sizing_flags_an_image_far_larger_than_shown(snapshot):
    outcome = image_sizing(_with(snapshot, [_photo()]))
    assert outcome.value == 369_000 - 64_000
    assert outcome.unit == "bytes"
    assert outcome.score is not None and outcome.score < 0.9
    assert outcome.details.savings_ms == bytes_to_ms(305_000)
    (finding,) = outcome.findings
    assert finding.selector == "main > img.hero"
    assert finding.box == Box(10, 100, 300, 225)
    assert finding.snippet == PHOTO
    assert finding.details["saved_bytes"] == 305_000
    assert "2000x1500" in finding.message


def test_image_sizing_ignores_savings_up_to_4_kib(snapshot):
    outcome = image_sizing(_with(snapshot, [_photo(body_bytes=20_000, resized_bytes=16_000)]))
    assert outcome.score == 1
    assert outcome.findings == []


def test_image_sizing_skips_images_it_could_not_resize(snapshot):
    unmeasured = _photo(resized_bytes=None, error="animated: not re-encoded")
    outcome = image_sizing(_with(snapshot, [unmeasured]))
    assert outcome.score == 1
    assert outcome.details.facts["not_measured"] == [
        {"url": PHOTO, "error": "animated: not re-encoded"}
    ]


def test_image_sizing_sorts_findings_by_savings(snapshot):
    other = _photo(url="https://example.test/b.png", format="PNG", body_bytes=900_000,
                   resized_bytes=100_000)  # fmt: skip
    outcome = image_sizing(_with(snapshot, [_photo(), other]))
    assert [f.snippet for f in outcome.findings] == ["https://example.test/b.png", PHOTO]
    assert outcome.findings[0].selector is None  # no <img> shows it in the DOM
    assert outcome.value == 800_000 + 305_000


def test_modern_image_formats_counts_the_smaller_of_webp_and_avif(snapshot):
    outcome = modern_image_formats(
        _with(snapshot, [_photo(webp_bytes=225_000, avif_bytes=150_000)])
    )
    assert outcome.value == 369_000 - 150_000
    (finding,) = outcome.findings
    assert finding.details["best"] == "AVIF"
    assert finding.selector == "main > img.hero"


def test_modern_image_formats_works_without_avif(snapshot):
    outcome = modern_image_formats(_with(snapshot, [_photo(avif_bytes=None)]))
    assert outcome.value == 369_000 - 225_000
    assert outcome.findings[0].details["best"] == "WebP"


def test_modern_image_formats_ignores_savings_under_8_kib(snapshot):
    small = _photo(body_bytes=30_000, webp_bytes=23_000, avif_bytes=None)
    assert modern_image_formats(_with(snapshot, [small])).score == 1


def test_modern_image_formats_passes_images_already_in_webp(snapshot):
    webp = _photo(format="WEBP", webp_bytes=100_000)
    outcome = modern_image_formats(_with(snapshot, [webp]))
    assert outcome.score == 1
    assert outcome.details.facts["resources_checked"] == 0


def test_text_compression_flags_an_uncompressed_script(snapshot):
    outcome = text_compression(_with(snapshot, [_script()]))
    assert outcome.value == 160_000
    assert outcome.score is not None and outcome.score < 0.9
    (finding,) = outcome.findings
    assert finding.snippet == SCRIPT
    assert finding.details["gzip_bytes"] == 40_000


def test_text_compression_ignores_compressed_responses(snapshot):
    outcome = text_compression(_with(snapshot, [_script(content_encoding="br")]))
    assert outcome.score == 1


def test_text_compression_ignores_savings_under_1400_bytes(snapshot):
    small = _script(body_bytes=3000, transfer_bytes=3100, gzip_bytes=1700)
    assert text_compression(_with(snapshot, [small])).score == 1


def test_text_compression_ignores_savings_under_5_percent_below_20_kb(snapshot):
    dense = _script(body_bytes=100_000, transfer_bytes=100_100, gzip_bytes=96_000)
    assert text_compression(_with(snapshot, [dense])).score == 1
    big = _script(body_bytes=1_000_000, transfer_bytes=1_000_100, gzip_bytes=970_000)
    assert text_compression(_with(snapshot, [big])).value == 30_000


def test_text_compression_skips_what_was_smaller_on_the_wire_than_gzip(snapshot):
    wire = _script(transfer_bytes=30_000)  # a proxy compressed it without saying so
    assert text_compression(_with(snapshot, [wire])).score == 1


def test_text_compression_names_a_render_blocking_script(snapshot):
    dom = dataclasses.replace(
        snapshot.dom, render_blocking=[RenderBlocking(SCRIPT, "script", Element("head > script"))]
    )
    outcome = text_compression(dataclasses.replace(_with(snapshot, [_script()]), dom=dom))
    assert outcome.findings[0].selector == "head > script"
