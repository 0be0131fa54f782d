"""The reflow check in real Chromium: the page laid out 320 px wide, content past the edge
failed, content WCAG lets scroll both ways (a data table), a carousel scrolling in its row,
a closed menu off the side, a wide panel folded to no height and an empty band past the edge
passed; and the phone's own screen put back afterwards, for both resizing checks."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import async_playwright

from checker.demo.server import serve_directory
from checker.gather.access import Access
from checker.gather.browser import launch
from checker.gather.device_page import DevicePage, device_page
from checker.gather.devices import resolve
from checker.gather.orientation import gather_orientation
from checker.gather.reflow import gather_reflow
from checker.model.results import AuditResult, PageResult

PAGES = Path(__file__).parents[1] / "fixtures" / "pages"
PHONES = ("iphone-se", "pixel-7")


def _reflow(page: PageResult, device: str) -> AuditResult:
    (result,) = [d for d in page.devices if d.device == device]
    return result.audits["reflow"]


@pytest.mark.parametrize("device", PHONES)
def test_reflow_fails_a_560px_box_and_names_it(accessibility_run, device):
    audit = _reflow(accessibility_run["reflow-fail"], device)
    assert audit.score == 0
    (finding,) = audit.findings
    assert finding.selector == "#wide-box"
    # 560 px wide, after the page's 12 px margin.
    assert (finding.box.x, finding.box.width) == (12, 560)
    assert finding.message == (
        "Reaches 572 px at 320 px wide: people who zoom in must scroll sideways to read each line."
    )
    assert audit.details["page_size"] == 572
    assert audit.details["screen_edge"] == 320


@pytest.mark.parametrize("device", PHONES)
def test_reflow_passes_the_same_box_held_to_max_width_100(accessibility_run, device):
    audit = _reflow(accessibility_run["reflow-pass"], device)
    assert audit.score == 1
    assert audit.findings == []
    assert audit.details["page_size"] == 320


@pytest.mark.parametrize("device", PHONES)
def test_reflow_passes_a_wide_table_a_carousel_a_closed_menu_and_an_empty_band(
    accessibility_run, device
):
    audit = _reflow(accessibility_run["reflow-borderline"], device)
    assert audit.score == 1, [f.message for f in audit.findings]
    # The table is counted as what WCAG lets scroll both ways; the block of exactly 320 px,
    # the carousel's slides and the band holding nothing are not counted at all.
    assert audit.details["exempt"] == 1
    (table,) = audit.details["exempt_parts"]
    assert (table["selector"], table["exempt_as"]) == ("#prices", "data table")
    assert audit.details["overflowing"] == audit.details["cut_off"] == 0
    # The closed menu's three links, waiting off the side; the skip link shows through one
    # pixel, and the folded panel through none, so their text is not on the page at all.
    assert audit.details["off_canvas_text"] == 3
    assert audit.details["page_size"] > 320


CUT_OFF_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width"><title>Cut off</title>
<style>body { margin: 0; overflow-x: hidden; } .row { width: 480px; }</style></head>
<body><p class="row" id="row">A line of text that is far too wide for a small screen and
runs past its edge.</p></body></html>"""


def test_reflow_fails_text_cut_off_by_a_body_that_hides_overflow(tmp_path):
    (tmp_path / "cut.html").write_text(CUT_OFF_PAGE)
    _, facts = asyncio.run(_gather(tmp_path, "cut.html", "iphone-se", gather_reflow))
    assert facts.clipped_by == "body"
    (part,) = facts.elements
    assert (part.kind, part.selector) == ("cut-off", "#row")
    assert part.reach > 320


VERTICAL_PAGE = """<!doctype html><html lang="ja" style="writing-mode: vertical-rl"><head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>縦書き</title>
<style>body {{ margin: 0; }} #column {{ height: {height}; }}</style></head>
<body><p id="column">縦書きの文章は上から下へ読み、行は右から左へ進みます。
画面が低いときは行を折り返します。</p>
</body></html>"""


@pytest.mark.parametrize(("height", "score"), [("600px", 0), ("auto", 1)])
def test_reflow_checks_vertical_writing_256px_tall(tmp_path, height, score):
    (tmp_path / "vertical.html").write_text(VERTICAL_PAGE.format(height=height))
    _, facts = asyncio.run(_gather(tmp_path, "vertical.html", "iphone-se", gather_reflow))
    assert (facts.axis, facts.edge) == ("y", 256)
    overflowing = facts.of_kind("overflow")
    assert len(overflowing) == 1 - score
    if overflowing:
        assert overflowing[0].selector == "#column"
        assert overflowing[0].reach == 600


SIZE_JS = "() => [innerWidth, innerHeight, screen.width, screen.height, devicePixelRatio]"


@pytest.mark.parametrize("device", PHONES)
def test_the_phone_screen_is_put_back_after_the_resizing_checks(device):
    async def both(opened):
        await gather_reflow(opened)
        await gather_orientation(opened)
        return await opened.page.evaluate(SIZE_JS)

    phone, after = asyncio.run(_gather(PAGES / "accessibility", "reflow-pass.html", device, both))
    size = [phone.width, phone.height]
    assert after == [*size, *size, phone.device_scale_factor]


async def _gather(folder: Path, name: str, device: str, gather: Callable[[DevicePage], Any]):
    """What `gather` returns on `name` of `folder`, loaded on `device` (with the device)."""
    async with async_playwright() as playwright:
        browser = await launch(playwright, None, blocked_except={"127.0.0.1"})
        try:
            phone = resolve(device, playwright.devices)
            with serve_directory(folder) as base_url:
                async with device_page(browser, phone, init_script="", access=Access()) as opened:
                    await opened.page.goto(base_url + name)
                    return phone, await gather(opened)
        finally:
            await browser.close()
