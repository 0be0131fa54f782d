"""Measuring the speed run's resources: gzip sizes, Pillow re-encodes and resizes, and the
gatherer against files served on 127.0.0.1 (no browser)."""

from __future__ import annotations

import asyncio
import gzip
import io
import os
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from PIL import Image, ImageFilter

from checker.demo.server import serve_directory
from checker.gather import resources
from checker.gather.resources import (
    Displayed,
    displayed_sizes,
    gather_resources,
    gzip_size,
    measurable_requests,
    measure,
    measure_image,
    target_size,
)
from checker.model.dom_facts import DomFacts, HeadFacts, ImageFacts
from checker.model.elements import Box, Element
from checker.model.load_facts import NetworkRequest, SpeedRun


def _request(url: str, kind: str, mime: str | None = None, **changes) -> NetworkRequest:
    fields = dict(
        url=url, resource_type=kind, method="GET", status=200, mime_type=mime,
        transfer_bytes=1000, decoded_bytes=1000, start_ms=0, end_ms=10, from_cache=False,
        headers={},
    )  # fmt: skip
    return NetworkRequest(**{**fields, **changes})


def _photo_jpeg(width: int = 800, height: int = 600) -> bytes:
    noise = Image.effect_noise((width, height), 40).filter(ImageFilter.GaussianBlur(1))
    image = Image.merge("RGB", (noise, noise.rotate(180), noise.transpose(Image.FLIP_LEFT_RIGHT)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def _script_text(size: int) -> bytes:
    words = ["const", "value", "return", "function", "items", "length", "=>", "{", "}", ";"]
    rng = random.Random(7)
    return " ".join(rng.choice(words) for _ in range(size // 5)).encode()[:size]


def test_gzip_size_is_gzip_level_6_of_the_body():
    body = _script_text(50_000)
    assert gzip_size(body) == len(gzip.compress(body, compresslevel=6, mtime=0))
    assert gzip_size(body) < len(body) / 3


def test_text_over_1400_bytes_without_content_encoding_gets_a_gzip_size():
    body = _script_text(5000)
    facts = measure(_request("http://h/a.js", "script"), body, None, 2)
    assert facts.body_bytes == 5000
    assert facts.gzip_bytes == gzip_size(body)


def test_text_served_compressed_or_small_gets_no_gzip_size():
    body = _script_text(5000)
    compressed = _request("http://h/a.js", "script", headers={"content-encoding": "br"})
    assert measure(compressed, body, None, 2).gzip_bytes is None
    assert measure(compressed, body, None, 2).content_encoding == "br"
    assert measure(_request("http://h/a.js", "script"), body[:1400], None, 2).gzip_bytes is None


def test_svg_and_json_count_as_text():
    svg = b"<svg xmlns='http://www.w3.org/2000/svg'>" + b"<rect/>" * 500 + b"</svg>"
    facts = measure(_request("http://h/i.svg", "image", "image/svg+xml"), svg, None, 2)
    assert facts.gzip_bytes is not None and facts.width is None
    assert [
        r.url for r in measurable_requests([_request("http://h/d", "other", "application/json")])
    ]


def test_jpeg_is_measured_and_reencoded_as_webp_and_avif():
    body = _photo_jpeg()
    facts = measure_image(body, None, 2)
    assert (facts["width"], facts["height"], facts["format"]) == (800, 600, "JPEG")
    with Image.open(io.BytesIO(body)) as image:
        out = io.BytesIO()
        image.save(out, "WEBP", quality=80, method=4)
    assert facts["webp_bytes"] == len(out.getvalue())
    if resources.AVIF_AVAILABLE:
        assert isinstance(facts["avif_bytes"], int) and facts["avif_bytes"] > 0
    else:
        assert "avif_bytes" not in facts
    assert "resized_bytes" not in facts  # not shown in the DOM


def test_an_images_webp_and_avif_are_encoded_at_once_at_the_measuring_threads_priority(
    monkeypatch,
):
    encoded = resources.encoded_size
    ran: dict[str, tuple[int, int, float, float]] = {}

    def watched(image, fmt):
        started = time.monotonic()
        size = encoded(image, fmt)
        thread = threading.get_native_id()
        ran[fmt] = (thread, os.getpriority(os.PRIO_PROCESS, thread), started, time.monotonic())
        return size

    monkeypatch.setattr(resources, "encoded_size", watched)
    body = _photo_jpeg(1600, 1200)

    def measured_at_low_priority():
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), resources.ENCODER_NICENESS)
        return measure_image(body, None, 2), threading.get_native_id()

    with ThreadPoolExecutor(1) as measuring:
        facts, measuring_thread = measuring.submit(measured_at_low_priority).result()
    webp = ran["WEBP"]
    with Image.open(io.BytesIO(body)) as image:
        assert facts["webp_bytes"] == encoded(image, "WEBP")
        if not resources.AVIF_AVAILABLE:  # one encode, on the measuring thread
            assert set(ran) == {"WEBP"} and webp[0] == measuring_thread
            return
        assert facts["avif_bytes"] == encoded(image, "AVIF")
    avif = ran["AVIF"]
    assert webp[0] != avif[0]
    assert webp[1] == avif[1] == resources.ENCODER_NICENESS
    assert webp[2] < avif[3] and avif[2] < webp[3]  # at the same time


def test_jpeg_shown_smaller_is_resized_to_its_box_times_the_pixel_ratio():
    body = _photo_jpeg()
    facts = measure_image(body, Displayed(200, 150), 2)
    with Image.open(io.BytesIO(body)) as image:
        out = io.BytesIO()
        image.resize((400, 300), Image.LANCZOS).save(out, "JPEG", quality=85)
    assert facts["resized_bytes"] == len(out.getvalue())
    assert facts["displayed_width"] == 200
    assert facts["resized_bytes"] < len(body) / 2


def test_image_not_larger_than_its_box_needs_saves_nothing():
    body = _photo_jpeg(400, 300)
    assert measure_image(body, Displayed(200, 150), 2)["resized_bytes"] == len(body)


def test_png_is_resized_as_png():
    image = Image.linear_gradient("L").resize((1000, 1000)).convert("RGB")
    out = io.BytesIO()
    image.save(out, "PNG")
    facts = measure_image(out.getvalue(), Displayed(100, 100), 3)
    expected = io.BytesIO()
    image.resize((300, 300), Image.LANCZOS).save(expected, "PNG", optimize=True)
    assert facts["format"] == "PNG"
    assert facts["resized_bytes"] == len(expected.getvalue())


def test_target_size_keeps_the_aspect_ratio_and_covers_the_box():
    assert target_size(2000, 1500, Displayed(300, 225), 2) == (600, 450)
    # object-fit: cover in a square box: the image must still cover the box's height.
    assert target_size(2000, 1000, Displayed(300, 300), 2) == (1200, 600)
    assert target_size(500, 500, Displayed(300, 300), 2) is None


def test_huge_images_are_not_reencoded(monkeypatch):
    monkeypatch.setattr(resources, "MAX_PIXELS", 1000)
    facts = measure_image(_photo_jpeg(100, 100), Displayed(10, 10), 2)
    assert "webp_bytes" not in facts and "resized_bytes" not in facts
    assert "not re-encoded" in facts["error"]


def test_unreadable_image_bytes_are_an_error():
    assert "not an image" in measure_image(b"not an image at all", None, 2)["error"]


def test_displayed_sizes_take_the_largest_visible_use():
    def img(src: str, width: float, visible: bool = True) -> ImageFacts:
        return ImageFacts(Element("img", Box(0, 0, width, width * 0.75)), src, 2000, 1500, None,
                          None, visible=visible)  # fmt: skip

    sizes = displayed_sizes(
        [
            img("http://h/a.jpg", 100),
            img("http://h/a.jpg#x", 300),
            img("http://h/b.jpg", 500, False),
        ]
    )
    assert sizes == {"http://h/a.jpg": Displayed(300, 225)}


def test_measurable_requests_keep_loaded_resources_once_largest_first():
    network = [
        _request("http://h/", "document", transfer_bytes=5000),
        _request("http://h/a.js", "script", transfer_bytes=9000),
        _request("http://h/a.js", "script", transfer_bytes=9000),
        _request("http://h/f.woff2", "font", "font/woff2"),
        _request("http://h/gone.js", "script", status=404),
        _request("http://x/ad.js", "script", blocked=True),
        _request("http://h/err.js", "script", failure="net::ERR_FAILED"),
        _request("data:image/png;base64,xx", "image"),
    ]
    assert [r.url for r in measurable_requests(network)] == ["http://h/a.js", "http://h/"]


def test_gather_resources_fetches_and_measures_served_files(tmp_path):
    (tmp_path / "big.jpg").write_bytes(_photo_jpeg())
    (tmp_path / "app.js").write_bytes(_script_text(30_000))
    with serve_directory(tmp_path) as base:
        network = [
            _request(base + "big.jpg", "image", "image/jpeg"),
            _request(base + "app.js", "script", "text/javascript"),
            _request(base + "missing.js", "script", "text/javascript"),
            _request("http://elsewhere.test/x.js", "script"),
        ]
        image = ImageFacts(Element("main > img", Box(0, 0, 200, 150)), base + "big.jpg", 800, 600,
                           None, None, content_width=200, content_height=150)  # fmt: skip
        dom = DomFacts(HeadFacts(), 375, 667, 375, 667, images=[image])
        run = SpeedRun("none", 10, 20, 30, network=network)
        found = asyncio.run(
            gather_resources(run, dom, 2, timeout_s=5, is_blocked=lambda url: "elsewhere" in url)
        )
    by_url = {r.url.rsplit("/", 1)[-1]: r for r in found}
    assert by_url["big.jpg"].resized_bytes is not None
    assert by_url["big.jpg"].displayed_width == 200
    assert by_url["app.js"].gzip_bytes == gzip_size(_script_text(30_000))
    assert by_url["missing.js"].error == "HTTP 404 when fetched again"
    assert by_url["x.js"].error.startswith("blocked")


@pytest.mark.parametrize("mode", ["P", "RGBA", "L"])
def test_other_modes_reencode_without_error(mode):
    image = Image.linear_gradient("L").resize((600, 400)).convert(mode)
    out = io.BytesIO()
    image.save(out, "PNG")
    facts = measure_image(out.getvalue(), Displayed(100, 60), 2)
    assert "error" not in facts
    assert facts["webp_bytes"] > 0 and facts["resized_bytes"] > 0
