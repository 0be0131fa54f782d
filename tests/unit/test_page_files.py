"""The HTML report of a large run as a folder: a front page with a table of every page, and
each page's file with its pictures beside it, all linked by relative addresses."""

from __future__ import annotations

import dataclasses
import functools
import io
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from PIL import Image

from checker.model.elements import Box
from checker.model.results import Finding, PageResult, RunResult
from checker.report.page_files import (
    HEAVY_SINGLE_FILE_PAGES,
    SINGLE_FILE_MAX_PAGES,
    single_file,
    single_file_warning,
)
from checker.report.write import write_reports
from tests.support.runs import failed_page, fails, page, run


@functools.cache
def screenshot(width: int, height: int) -> bytes:
    """A PNG of noise, so its JPEG weighs at least what a real screenshot's would."""
    out = io.BytesIO()
    Image.effect_noise((width, height), 60).convert("RGB").save(out, "PNG")
    return out.getvalue()


def boxed(finding: Finding) -> Finding:
    assert finding.element is not None
    return dataclasses.replace(
        finding, element=dataclasses.replace(finding.element, box=Box(20, 40, 120, 30))
    )


def pictured(result: PageResult) -> PageResult:
    """The page with a first screen and a whole page on each device, and a finding boxed."""
    first = screenshot(375, 667)
    full = screenshot(375, 1600)
    devices = []
    for device in result.devices:
        audits = {
            key: dataclasses.replace(
                audit,
                findings=[boxed(f) for f in audit.findings],
            )
            for key, audit in device.audits.items()
        }
        devices.append(
            dataclasses.replace(device, screenshot=first, full_screenshot=full, audits=audits)
        )
    return dataclasses.replace(result, devices=devices)


def site(count: int, *, pictures: bool = False) -> RunResult:
    pages = [
        page(f"https://shop.example/p{n}", {"tap-targets": fails(("a.buy", f"Too small {n}"))})
        for n in range(count)
    ]
    if pictures:
        pages = [pictured(p) for p in pages]
    return run(*pages)


def local_links(html: str) -> list[str]:
    """The addresses of the links and pictures of a file that point into the folder."""
    found = re.findall(r'(?:href|src)="([^"]+)"', html)
    return [
        link for link in found
        if not link.startswith(("#", "data:")) and not urlsplit(link).scheme
    ]  # fmt: skip


def resolve(base: Path, link: str) -> Path:
    return (base.parent / unquote(link.split("#")[0])).resolve()


def test_a_handful_of_pages_is_one_file_and_more_is_a_folder() -> None:
    assert single_file(SINGLE_FILE_MAX_PAGES, None)
    assert not single_file(SINGLE_FILE_MAX_PAGES + 1, None)
    assert single_file(300, True)  # as asked, with a warning
    assert not single_file(1, False)
    assert single_file_warning(HEAVY_SINGLE_FILE_PAGES, True) is None
    warning = single_file_warning(HEAVY_SINGLE_FILE_PAGES + 1, True)
    assert warning and "--single-file" in warning and "\n" not in warning
    assert single_file_warning(300, None) is None  # the folder: nothing to say


def test_every_page_is_one_link_from_the_front_page_and_back(tmp_path: Path) -> None:
    result = site(SINGLE_FILE_MAX_PAGES + 2, pictures=True)
    result = dataclasses.replace(
        result, pages=[*result.pages, failed_page("https://shop.example/gone")]
    )
    (front,) = write_reports(result, tmp_path, ["html"])
    assert front == tmp_path / "report.html"
    html = front.read_text()
    assert "data:image" not in html  # the pictures are in the pages' files
    rows = re.findall(r'<a class="tap page-link" href="([^"]+)">([^<]+)</a>', html)
    assert [url for _, url in rows] == [p.url for p in result.pages]
    assert "could not be audited" in html  # the page that failed is a row too
    for href, url in rows:
        target = resolve(front, href)
        assert target.name == "index.html" and target.is_file()
        assert target.is_relative_to(tmp_path / "pages")
        page_html = target.read_text()
        assert url in page_html
        links = local_links(page_html)
        assert "../../report.html" in links
        for link in links:
            assert resolve(target, link).is_file(), link
    # The links from the front page's overview to pages are to their files, not to anchors.
    for link in local_links(html):
        assert resolve(front, link).is_file(), link
    assert 'href="#page-' not in html


def test_a_page_file_shows_its_pictures_as_files_beside_it(tmp_path: Path) -> None:
    write_reports(site(SINGLE_FILE_MAX_PAGES + 1, pictures=True), tmp_path, ["html"])
    first = next((tmp_path / "pages").glob("*p0*/index.html"))
    pictures = re.findall(r'<img src="([^"]+\.jpg)"', first.read_text())
    assert len(pictures) == 4  # two devices, first screen and whole page
    for name in pictures:
        with Image.open(first.parent / name) as image:
            assert image.format == "JPEG"


def test_the_front_page_grows_by_a_row_per_page(tmp_path: Path) -> None:
    sizes = {}
    for count in (10, 25):
        folder = tmp_path / str(count)
        # Pictures only in the larger: were they on the front page, it would show.
        write_reports(site(count, pictures=count == 25), folder, ["html"], single_file=False)
        sizes[count] = (folder / "report.html").stat().st_size
    per_page = (sizes[25] - sizes[10]) / 15
    # A row and the page's place in the overview's lists; never its pictures.
    assert per_page < 2_000, per_page
    assert sizes[25] < 2_000_000


def test_one_page_can_have_a_file_of_its_own_and_many_one_file(tmp_path: Path) -> None:
    write_reports(site(1, pictures=True), tmp_path / "split", ["html"], single_file=False)
    assert list((tmp_path / "split" / "pages").glob("*/index.html"))
    write_reports(site(8, pictures=True), tmp_path / "one", ["html"], single_file=True)
    assert not list((tmp_path / "one").glob("pages/*/index.html"))
    assert (tmp_path / "one" / "report.html").read_text().count("data:image/jpeg") == 8 * 2 * 2


def test_a_hostile_address_stays_text_and_its_folder_stays_inside(tmp_path: Path) -> None:
    hostile = 'https://shop.example/"><script>alert(1)</script>/../../../etc'
    result = site(SINGLE_FILE_MAX_PAGES)
    result = dataclasses.replace(
        result, pages=[*result.pages, page(hostile, {"viewport": fails(("head", "<b>x</b>"))})]
    )
    write_reports(result, tmp_path, ["html"])
    files = [tmp_path / "report.html", *tmp_path.glob("pages/*/index.html")]
    assert len(files) == 1 + len(result.pages)
    for path in files:
        assert path.resolve().is_relative_to(tmp_path.resolve())
        text = path.read_text()
        assert "<script>alert" not in text and "<b>x</b>" not in text


def test_the_same_address_twice_gets_two_files(tmp_path: Path) -> None:
    twice = site(SINGLE_FILE_MAX_PAGES)
    twice = dataclasses.replace(twice, pages=[*twice.pages, twice.pages[0]])
    write_reports(twice, tmp_path, ["html"])
    assert len(list(tmp_path.glob("pages/*/index.html"))) == len(twice.pages)


@pytest.mark.parametrize("asked", [True, False])
def test_the_config_file_chooses_the_layout(tmp_path: Path, asked: bool) -> None:
    from checker.config.parse import load_file

    (tmp_path / "readiness.toml").write_text(f"single-file = {str(asked).lower()}\n")
    assert load_file(tmp_path / "readiness.toml").run["single_file"] is asked
