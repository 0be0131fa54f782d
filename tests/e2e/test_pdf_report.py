"""report.pdf, printed by real Chromium from the demo site's run and read back with poppler's
tools (pdftotext, pdfinfo, pdfimages, pdftoppm; `make setup` installs them): the agency's
brand and every URL in it, a number and the footer on every sheet, no screenshot cut across
two sheets; and a PDF that cannot be printed costs the other reports nothing."""

from __future__ import annotations

import base64
import io
import re
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from checker.cli.app import app
from checker.demo.pages import demo_pages, demo_site_dir
from checker.demo.server import serve_directory
from checker.report.write import PrintDocument
from checker.run.printing import print_pdf

runner = CliRunner()
ACCENT = (0x0A, 0x7D, 0x6F)
DEVICES = ("iphone-se", "pixel-7")


def poppler(*args: str | Path) -> str:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, check=True, timeout=60
    ).stdout


def sheets(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)$", poppler("pdfinfo", pdf), re.M).group(1))


def image_sheets(pdf: Path) -> dict[str, set[int]]:
    """Each image object of the PDF (pdfimages' object id) and the sheets it is drawn on."""
    drawn: dict[str, set[int]] = defaultdict(set)
    for line in poppler("pdfimages", "-list", pdf).splitlines()[2:]:
        fields = line.split()
        drawn[f"{fields[10]} {fields[11]}"].add(int(fields[0]))
    return drawn


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory) -> tuple[Path, Path, list[str]]:
    """The demo site audited on two phones with an agency's brand, every format but the
    gate's; (output folder, snapshots folder, URLs)."""
    folder = tmp_path_factory.mktemp("pdf")
    logo = io.BytesIO()
    Image.new("RGB", (120, 40), ACCENT).save(logo, "PNG")
    (folder / "logo.png").write_bytes(logo.getvalue())
    (folder / "brand.toml").write_text(
        'name = "Northwind Digital"\nlogo = "logo.png"\naccent = "#0a7d6f"\n'
        'footer = "Confidential: for Harbor & Pine"\nprepared-for = "Harbor & Pine Coffee"\n'
    )
    out, snapshots = folder / "out", folder / "snapshots"
    with serve_directory(demo_site_dir(), fill_origin=True) as base_url:
        urls = demo_pages(base_url)
        result = runner.invoke(
            app,
            ["audit", *urls, "--brand", str(folder / "brand.toml"),
             "--format", "html,json,pdf,csv", "-o", str(out), "--save-snapshots", str(snapshots),
             "--block-external", "--no-history", *(a for d in DEVICES for a in ("--device", d))],
        )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"Report: {out / 'report.pdf'}" in result.output
    return out, snapshots, urls


def test_the_pdf_carries_the_agencys_name_and_every_audited_url(demo_pdf):
    out, _, urls = demo_pdf
    pdf = out / "report.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = poppler("pdftotext", "-raw", pdf, "-")
    assert "Northwind Digital" in text and "Prepared for Harbor & Pine Coffee" in text
    for url in urls:
        assert url in text, url
    assert "Top fixes" in text and "Methodology" in text
    info = poppler("pdfinfo", pdf)
    assert re.search(r"^Title:\s+Mobile readiness report by Northwind Digital$", info, re.M)
    assert re.search(r"^Page size:\s+595\.\d+ x 842\.\d+ pts \(A4\)$", info, re.M)
    # A cover, the top fixes, each of the 4 pages on sheets of its own, the methodology; its
    # screenshots and findings make a page a few sheets, not dozens.
    assert len(urls) + 3 <= sheets(pdf) <= 12 * len(urls)
    assert {p.name for p in out.iterdir() if p.is_file()} >= {
        "report.pdf", "report.html", "report.json", "findings.csv",
    }  # fmt: skip
    assert not list(out.glob(".*.tmp"))


def test_every_sheet_has_its_number_and_the_brands_footer(demo_pdf):
    pdf = demo_pdf[0] / "report.pdf"
    total = sheets(pdf)
    for number in range(1, total + 1):
        text = poppler("pdftotext", "-f", number, "-l", number, "-layout", pdf, "-")
        assert f"Page {number} of {total}" in text, number
        assert "Confidential: for Harbor & Pine" in text, number


def test_no_screenshot_is_cut_across_two_sheets(demo_pdf):
    out, _, urls = demo_pdf
    drawn = image_sheets(out / "report.pdf")
    # Every page's first screen and whole page on each phone, and the logo.
    assert len(drawn) >= len(urls) * len(DEVICES) * 2 + 1
    split = {image: pages for image, pages in drawn.items() if len(pages) > 1}
    assert split == {}


def test_a_picture_taller_than_a_sheet_is_drawn_on_both_sheets_it_is_cut_across(tmp_path):
    """What the test above relies on: Chromium draws a picture cut by a sheet's end on both
    sheets, as the same image object, which pdfimages lists on each."""
    tall = io.BytesIO()
    Image.new("RGB", (200, 1600), "teal").save(tall, "JPEG")
    source = "data:image/jpeg;base64," + base64.b64encode(tall.getvalue()).decode()
    html = f'<p>Before</p><img src="{source}" style="display:block"><p>After</p>'
    pdf = tmp_path / "split.pdf"
    pdf.write_bytes(print_pdf(PrintDocument(html, "<span></span>", "<span></span>")))
    ((first, *others),) = [sorted(pages) for pages in image_sheets(pdf).values()]
    assert others == [first + 1]


def test_the_cover_is_drawn_in_the_brands_accent(demo_pdf, tmp_path):
    poppler("pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", demo_pdf[0] / "report.pdf",
            tmp_path / "cover")  # fmt: skip
    (png,) = tmp_path.glob("cover*.png")
    with Image.open(png) as image:
        width, height = image.size
        data = image.convert("RGB").tobytes()
    assert abs(width - 414) <= 1 and abs(height - 585) <= 1  # an A4 sheet at 50 dpi
    pixels = [tuple(data[i : i + 3]) for i in range(0, len(data), 3)]
    inked = sum(1 for p in pixels if min(p) < 200)
    accent = sum(1 for p in pixels if sum(abs(a - b) for a, b in zip(p, ACCENT, strict=True)) < 40)
    assert inked > len(pixels) * 0.03  # not blank
    assert accent > 3000  # the accent's band across the cover, and the title


def test_rescore_prints_the_pdf_from_saved_snapshots(demo_pdf, tmp_path):
    _, snapshots, urls = demo_pdf
    result = runner.invoke(
        app, ["rescore", str(snapshots), "-o", str(tmp_path), "--format", "pdf", "-q"]
    )
    assert result.exit_code == 0, result.output
    text = poppler("pdftotext", "-raw", tmp_path / "report.pdf", "-")
    assert all(url in text for url in urls)
    assert "Page 1 of" in text and "readiness" in text  # no brand: readiness's own footer


def test_a_pdf_that_cannot_be_printed_is_one_line_and_the_other_reports_are_written(
    demo_pdf, tmp_path
):
    result = runner.invoke(
        app,
        ["merge", str(demo_pdf[0]), "-o", str(tmp_path), "--format", "json,html,pdf", "-q",
         "--no-history"],
        env={"READINESS_BROWSER": "/bin/false"},  # a browser that cannot start
    )  # fmt: skip
    assert result.exit_code != 0
    (line,) = result.output.strip().splitlines()
    assert line.startswith("Error: report.pdf could not be printed (the other reports are written)")
    assert "Traceback" not in result.output
    assert (tmp_path / "report.json").is_file() and (tmp_path / "report.html").is_file()
    assert not (tmp_path / "report.pdf").exists()
    assert not list(tmp_path.glob(".*.tmp"))
