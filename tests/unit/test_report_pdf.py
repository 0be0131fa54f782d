"""The PDF report's document (checker/report/print_view.py), without a browser: a cover, the top
fixes, every page, the methodology, all open; a large run's pages without their screenshots;
everything a page or a brand file says escaped, in the document and in the sheets' footer.
tests/e2e/test_pdf_report.py prints it in Chromium."""

from __future__ import annotations

import dataclasses
import functools
import inspect
import io
import re
from pathlib import Path

import pytest
from PIL import Image

from checker.cli.app import app
from checker.config.parse import load_file
from checker.judge.assemble import run_result
from checker.model.brand import Brand
from checker.model.errors import PrintError
from checker.model.results import PageResult, RunResult
from checker.report.print_view import BRIEF_FINDINGS, footer_template, print_document
from checker.report.write import PDF_FULL_PAGES, PrintDocument, write_reports
from tests.support.runs import fails, page

BRAND = Brand(
    name="Northwind Digital",
    accent="#0a7d6f",
    footer="Confidential",
    contact="audits@northwind.example",
    prepared_for="Harbor & Pine",
)
TAP = ("a.buy", "Too small: 20 px")


@functools.cache
def picture(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(out, "PNG")
    return out.getvalue()


def with_screenshots(result: PageResult) -> PageResult:
    """The page with a first screen and a whole page on each device, as a run keeps them."""
    devices = [
        dataclasses.replace(d, screenshot=picture(75, 133), full_screenshot=picture(75, 400))
        for d in result.devices
    ]
    return dataclasses.replace(result, devices=devices)


def run_of(count: int, findings: int = 1) -> RunResult:
    tap = fails(*[(f"a.buy-{k}", f"Too small: {k} px") for k in range(findings)])
    pages = [
        with_screenshots(page(f"https://shop.example/p{n}", {"tap-targets": tap}))
        for n in range(1, count + 1)
    ]
    return run_result(pages, {"devices": ["iphone-se", "pixel-7"]}, "2026-12-01T10:00:00+00:00")


def images(html: str) -> list[str]:
    return re.findall(r'<img [^>]*src="([^"]*)"', html)


def test_the_document_has_the_cover_the_top_fixes_every_page_and_the_methodology_in_order():
    document = print_document(run_of(2), brand=BRAND)
    html = document.html
    position = 0
    for mark in (
        '<section class="cover branded">',
        "Northwind Digital",
        "Prepared for Harbor &amp; Pine",
        "<li>shop.example</li>",
        'id="top-fixes"',
        'id="page-1"',
        "https://shop.example/p1",
        'id="page-2"',
        'id="methodology"',
    ):
        position = html.index(mark, position)  # each after the one before
    assert "<title>Mobile readiness report by Northwind Digital</title>" in html
    assert ":root { --accent: #0a7d6f; }" in html
    # Every page's screenshots, drawn on, as data: URLs: nothing to fetch when printing.
    shots = images(html)
    assert len(shots) == 2 * 2 * 2  # pages x devices x (first screen, whole page)
    assert all(src.startswith("data:image/") for src in shots)
    assert "Too small: 0 px" in html


def test_nothing_is_collapsed_scripted_or_fetched_in_the_document():
    html = print_document(run_of(3), brand=BRAND).html
    assert re.findall(r"<details(?![^>]*\bopen\b)[^>]*>", html) == []
    assert "<details" in html  # the top fix's pages, open
    assert "<script" not in html and "<nav" not in html
    assert not re.search(r'(src|href)="(?!data:|#|https?://)', html)
    assert not re.search(r'src="https?://', html)


def test_without_a_brand_the_document_and_footer_are_readinesss_own():
    document = print_document(run_of(1))
    assert "<title>Mobile readiness report</title>" in document.html
    assert "Made with readiness" in document.html
    assert ">readiness<" in document.footer
    assert 'class="pageNumber"' in document.footer and 'class="totalPages"' in document.footer


def test_the_footer_carries_the_brands_footer_text_and_the_page_numbers():
    footer = print_document(run_of(1), brand=BRAND).footer
    assert ">Confidential<" in footer
    assert re.search(r'Page <span class="pageNumber"></span> of <span class="totalPages">', footer)
    named = print_document(run_of(1), brand=dataclasses.replace(BRAND, footer=None)).footer
    assert ">Northwind Digital<" in named


def test_a_run_past_the_threshold_gives_scores_and_top_findings_without_screenshots():
    run = run_of(PDF_FULL_PAGES + 1, findings=BRIEF_FINDINGS + 2)
    html = print_document(run, brand=BRAND).html
    assert images(html) == []
    assert html.count('class="print-page brief"') == PDF_FULL_PAGES + 1
    assert f"https://shop.example/p{PDF_FULL_PAGES + 1}" in html
    assert f"more than {PDF_FULL_PAGES}" in html and "--pdf-screenshots" in html
    # The first findings of each failing audit, once for both devices; the rest counted.
    first_page = html[html.index('id="page-1"') : html.index('id="page-2"')]
    assert first_page.count("Too small: 0 px") == 1
    assert f"Too small: {BRIEF_FINDINGS - 1} px" in first_page
    assert f"Too small: {BRIEF_FINDINGS} px" not in first_page
    assert "and 2 more findings, in the HTML report" in first_page
    assert "on iphone-se, pixel-7" in first_page
    # How to fix it is said once, after the pages, not on each of them.
    assert "How to fix" not in first_page
    fixes = html[html.index('id="how-to-fix"') : html.index('id="methodology"')]
    assert fixes.count('data-audit="tap-targets"') == 1
    assert f"on {PDF_FULL_PAGES + 1} pages" in fixes
    assert 'id="top-fixes"' in html


def test_every_screenshot_of_a_large_run_when_asked():
    run = run_of(PDF_FULL_PAGES + 1)
    html = print_document(run, all_screenshots=True).html
    assert len(images(html)) == (PDF_FULL_PAGES + 1) * 2 * 2
    assert "print-page brief" not in html and "--pdf-screenshots" not in html


HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def test_what_a_page_and_a_brand_say_is_escaped_in_the_document_and_the_footer():
    hostile_url = 'https://evil.example/"><script>alert(3)</script>'
    result = dataclasses.replace(
        page(hostile_url, {"tap-targets": fails(("a" + HOSTILE, HOSTILE))}),
        metadata={"title": HOSTILE, "description": HOSTILE},
    )
    run = run_result([result], {}, "2026-12-01T10:00:00+00:00")
    brand = Brand(
        name=HOSTILE,
        footer='</span><span class="pageNumber"></span>' + HOSTILE,
        contact=HOSTILE,
        prepared_for=HOSTILE,
        accent="#0a7d6f",
    )
    document = print_document(run, brand=brand)
    for text in (document.html, document.header, document.footer):
        assert "<script" not in text and "<img src=x" not in text
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in document.html
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in document.html
    # Only the footer's own page number is filled in by Chromium, not one a brand smuggled in.
    assert document.footer.count('class="pageNumber"') == 1
    assert "&lt;/span&gt;&lt;span class=&quot;pageNumber&quot;&gt;" in document.footer
    assert document.footer == footer_template(brand)


def test_write_reports_prints_the_pdf_with_the_printer_it_is_given(tmp_path: Path):
    printed: list[PrintDocument] = []

    def printer(document: PrintDocument) -> bytes:
        printed.append(document)
        return b"%PDF-1.4 printed"

    paths = write_reports(run_of(1), tmp_path, ["json", "pdf"], printer=printer)
    assert paths == [tmp_path / "report.json", tmp_path / "report.pdf"]
    assert (tmp_path / "report.pdf").read_bytes() == b"%PDF-1.4 printed"
    assert "https://shop.example/p1" in printed[0].html
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "report.pdf"]


def test_a_pdf_that_cannot_be_printed_leaves_the_other_reports_written(tmp_path: Path):
    def printer(document: PrintDocument) -> bytes:
        raise PrintError("report.pdf could not be printed: the browser did not start.")

    with pytest.raises(PrintError):
        write_reports(run_of(1), tmp_path, ["html", "json", "pdf", "csv"], printer=printer)
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [
        "findings.csv",
        "report.html",
        "report.json",
    ]


def test_the_pdf_needs_a_printer():
    with pytest.raises(ValueError, match="printer"):
        write_reports(run_of(1), Path("unused"), ["pdf"])


def test_pdf_screenshots_is_a_setting_of_the_config_file(tmp_path: Path):
    path = tmp_path / "readiness.toml"
    path.write_text('formats = ["html", "pdf"]\npdf-screenshots = true\n')
    file = load_file(path)
    assert file.run["pdf_screenshots"] is True
    assert file.run["formats"] == ("html", "pdf")


def test_every_command_that_takes_a_brand_takes_pdf_screenshots():
    commands = {c.name: inspect.signature(c.callback).parameters for c in app.registered_commands}
    branded = {name for name, params in commands.items() if "brand" in params}
    assert branded == {"audit", "ci", "batch", "rescore", "merge"}
    assert all("pdf_screenshots" in commands[name] for name in branded)
