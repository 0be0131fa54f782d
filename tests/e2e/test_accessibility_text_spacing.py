"""text-spacing on real Chromium: WCAG's wider spacing applied in the loaded page, text cut off
or overlapping found against the page as loaded, and the page's styles put back after."""

from __future__ import annotations

import asyncio

import pytest
from playwright.async_api import async_playwright

from checker.demo.server import serve_directory
from checker.gather.access import Access
from checker.gather.browser import launch
from checker.gather.device_page import device_page
from checker.gather.devices import resolve
from checker.gather.text_fit import gather_text_spacing, gather_zoom_text
from checker.model.results import AuditResult, PageResult
from tests.e2e.conftest import PAGES, PHONES


def _audit(page: PageResult, device: str) -> AuditResult:
    (result,) = [d for d in page.devices if d.device == device]
    return result.audits["text-spacing"]


@pytest.mark.parametrize("device", PHONES)
def test_text_spacing_passes_a_page_whose_boxes_grow_with_their_text(accessibility_run, device):
    audit = _audit(accessibility_run["text-spacing-pass"], device)
    assert audit.error is None
    assert audit.score == 1
    assert audit.findings == []


@pytest.mark.parametrize("device", PHONES)
def test_text_spacing_fails_a_clipped_button_a_spill_and_locked_letter_spacing(
    accessibility_run, device
):
    audit = _audit(accessibility_run["text-spacing-fail"], device)
    assert audit.score == 0
    by_selector = {f.selector: f for f in audit.findings}
    assert set(by_selector) == {"#tight", "#cta", "#note"}
    locked = by_selector["#tight"]
    assert locked.details["act_rule"] == "24afc2"
    assert locked.details["declared"] == "0.05em"
    cta = by_selector["#cta"]
    assert cta.message.startswith("Text is cut off by ")
    assert cta.details["hidden_px"] >= 4
    assert cta.box.height == pytest.approx(36)
    note = by_selector["#note"]
    assert note.details["kind"] == "overlaps"
    assert [r.selector for r in note.related] == ["#price"]


@pytest.mark.parametrize("device", PHONES)
def test_text_spacing_leaves_clamps_ellipses_icons_hidden_menus_and_room_alone(
    accessibility_run, device
):
    audit = _audit(accessibility_run["text-spacing-borderline"], device)
    assert audit.error is None
    assert audit.findings == [], [f.message for f in audit.findings]
    assert audit.score == 1


def test_text_spacing_and_zoom_text_put_the_page_back_as_loaded():
    probe = """() => {
        const read = (id) => {
            const el = document.getElementById(id);
            const s = getComputedStyle(el);
            return [s.fontSize, s.lineHeight, s.letterSpacing, el.getAttribute("style"),
                    el.getBoundingClientRect().height];
        };
        return { cta: read("cta"), tight: read("tight"), note: read("note"),
                 sheets: document.adoptedStyleSheets.length,
                 styled: document.querySelectorAll("[style]").length };
    }"""

    async def visit() -> tuple[dict, dict, list]:
        folder = PAGES / "accessibility"
        with serve_directory(folder) as base_url:
            async with async_playwright() as playwright:
                browser = await launch(playwright, None, blocked_except={"127.0.0.1"})
                device = resolve("iphone-se", playwright.devices)
                async with device_page(browser, device, init_script="", access=Access()) as opened:
                    await opened.page.goto(base_url + "text-spacing-fail.html", wait_until="load")
                    before = await opened.page.evaluate(probe)
                    facts = [await gather_text_spacing(opened), await gather_zoom_text(opened)]
                    after = await opened.page.evaluate(probe)
                await browser.close()
        return before, after, facts

    before, after, facts = asyncio.run(visit())
    assert [f.change for f in facts] == ["text-spacing", "zoom-text"]
    assert all(f.clipped for f in facts)  # both changed the page enough to cut text
    assert after == before
    assert before["cta"][0] == "16px" and before["cta"][1] == "18px"
