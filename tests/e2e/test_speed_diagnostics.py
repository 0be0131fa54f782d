"""The byte-savings diagnostics in real Chromium: an oversized photograph and an uncompressed
script served on 127.0.0.1, with the savings computed here with Pillow and gzip."""

from __future__ import annotations

import gzip
import io
import random
import shutil
from pathlib import Path

import pytest
from PIL import Image

from checker import Config, audit_urls
from checker.demo.server import serve_directory
from checker.store.snapshots import load_pages

SPEED_PAGES = Path(__file__).parents[1] / "fixtures" / "pages" / "speed"
SCRIPT_BYTES = 200_000
IPHONE_SE_DPR = 2


def script_text(size: int = SCRIPT_BYTES) -> bytes:
    """Deterministic JavaScript of `size` bytes, about as compressible as real code."""
    rng = random.Random(2024)
    names = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(8)) for _ in range(400)
    ]
    lines, total = [], 0
    while total < size:
        a, b, c = rng.sample(names, 3)
        line = (
            f"function {a}({b}, {c}) {{ if ({b}.length > {rng.randint(0, 999)}) "
            f"{{ return {c}.map((x) => x * {rng.randint(2, 99)} + {b}[0]); }} "
            f'return "{rng.choice(names)}" + {c}; }}\n'
        )
        lines.append(line)
        total += len(line)
    return "".join(lines).encode()[:size]


@pytest.fixture(scope="module")
def diagnostics(tmp_path_factory):
    """By page file name: (its device's audit results, its saved snapshot)."""
    pages = tmp_path_factory.mktemp("speed-pages")
    shutil.copytree(SPEED_PAGES, pages, dirs_exist_ok=True)
    (pages / "uncompressed-script.js").write_bytes(script_text())
    snapshots = tmp_path_factory.mktemp("snapshots")
    names = ["big-image.html", "uncompressed-script.html"]
    config = Config(
        devices=("iphone-se",),
        block_external=True,
        throttle="none",
        save_snapshots=snapshots,
        output_dir=tmp_path_factory.mktemp("speed-run"),
    )
    with serve_directory(pages) as base_url:
        run = audit_urls([base_url + name for name in names], config)
    audits = {page.url.rsplit("/", 1)[-1]: page.devices[0].audits for page in run.pages}
    saved = {url.rsplit("/", 1)[-1]: caps[0].snapshot for url, caps in load_pages(snapshots)}
    return {name: (audits[name], saved[name]) for name in names}


def test_image_sizing_flags_the_big_image_by_its_real_resize(diagnostics):
    audits, snapshot = diagnostics["big-image.html"]
    served = (SPEED_PAGES / "big-image.jpg").read_bytes()
    with Image.open(io.BytesIO(served)) as image:
        out = io.BytesIO()
        image.resize((300 * IPHONE_SE_DPR, 225 * IPHONE_SE_DPR), Image.LANCZOS).save(
            out, "JPEG", quality=85
        )
    expected = len(served) - len(out.getvalue())
    sizing = audits["image-sizing"]
    assert sizing.value == pytest.approx(expected, rel=0.02)
    assert sizing.score is not None and sizing.score < 0.9
    (finding,) = sizing.findings
    assert finding.selector == "#photo"
    assert finding.snippet.endswith("/big-image.jpg")
    assert finding.box is not None and finding.box.width == 300
    (photo,) = [r for r in snapshot.resources if r.url.endswith("/big-image.jpg")]
    assert (photo.width, photo.height, photo.format) == (2000, 1500, "JPEG")


def test_modern_image_formats_flags_the_big_jpeg(diagnostics):
    audits, _ = diagnostics["big-image.html"]
    formats = audits["modern-image-formats"]
    assert formats.value > 8192
    assert formats.findings[0].selector == "#photo"


def test_text_compression_flags_the_script_by_its_gzip_size(diagnostics):
    audits, _ = diagnostics["uncompressed-script.html"]
    body = script_text()
    expected = len(body) - len(gzip.compress(body, compresslevel=6))
    compression = audits["text-compression"]
    assert compression.value == pytest.approx(expected, rel=0.02)
    assert compression.score is not None and compression.score < 0.9
    urls = [f.snippet for f in compression.findings]
    assert urls[0].endswith("/uncompressed-script.js")


def test_render_blocking_lists_the_head_script_and_the_stylesheet_for_this_screen(diagnostics):
    _, snapshot = diagnostics["uncompressed-script.html"]
    blocking = snapshot.dom.render_blocking
    assert [b.tag for b in blocking] == ["script", "link"]
    assert blocking[0].url.endswith("/uncompressed-script.js")
    assert blocking[1].url == "data:text/css,h1{margin:0}"
    assert snapshot.render_blocking == blocking


def test_image_pages_have_nothing_to_compress(diagnostics):
    audits, _ = diagnostics["big-image.html"]
    assert audits["text-compression"].score == 1
