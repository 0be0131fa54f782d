"""Hostile content stays data: a page whose title, tags and markup carry script payloads is
audited, and its HTML report, opened in real Chromium, shows the payloads as text; no dialog
opens and none of the page's script runs."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import pytest
from faults.server import ATTRIBUTE_PAYLOAD, SCRIPT_PAYLOAD, serve_faults
from playwright.async_api import Dialog, async_playwright

from checker import Config, audit_urls
from checker.gather.browser import launch
from checker.model.results import RunResult
from checker.report.write import write_reports

# Every payload sets this global, writes this to the console, and opens an alert.
MARK = "PWNED"
OPEN_EVERY_DETAILS = "() => document.querySelectorAll('details').forEach(d => d.open = true)"
# What in the report could run or fetch something the page wrote.
LIVE_MARKUP_JS = """() => ({
  injectedImages: document.querySelectorAll('img[src="x"]').length,
  scripts: [...document.scripts].filter(s => s.textContent.includes("__pwned")).length,
  handlers: [...document.querySelectorAll("*")].filter(el => [...el.attributes].some(
    a => a.name.startsWith("on"))).length,
  scriptLinks: [...document.querySelectorAll("[href], [src]")].filter(el =>
    /^\\s*javascript:/i.test(el.getAttribute("href") || el.getAttribute("src") || "")).length,
  scriptStyles: [...document.querySelectorAll("[style]")].filter(el =>
    /javascript:/i.test(el.getAttribute("style"))).length,
  pwned: window.__pwned === undefined ? null : window.__pwned,
})"""


@dataclass(frozen=True)
class OpenedReport:
    dialogs: list[str]
    console: list[str]
    text: str
    live: dict[str, int | None]


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory) -> RunResult:
    folder = tmp_path_factory.mktemp("hostile")
    with serve_faults() as site:
        config = Config(
            devices=("iphone-se",),
            timeout=15,
            speed_devices="none",
            block_external=True,
            output_dir=folder / "report",
        )
        return audit_urls([site.url("hostile")], config)


async def _open(path) -> OpenedReport:
    dialogs: list[str] = []
    console: list[str] = []
    async with async_playwright() as playwright:
        browser = await launch(playwright, None, blocked_except=set())
        page = await browser.new_page()

        async def dismiss(dialog: Dialog) -> None:
            dialogs.append(dialog.message)
            await dialog.dismiss()

        page.on("dialog", dismiss)
        page.on("console", lambda message: console.append(message.text))
        await page.goto(path.as_uri(), wait_until="load")
        await page.evaluate(OPEN_EVERY_DETAILS)
        await page.wait_for_load_state("load")
        text = await page.inner_text("body")
        live = await page.evaluate(LIVE_MARKUP_JS)
        await browser.close()
    return OpenedReport(dialogs, console, text, live)


def test_hostile_page_is_audited_with_its_payloads_as_data(hostile_run):
    (page,) = hostile_run.pages
    assert page.status == "ok", page.error
    assert page.metadata["title"] == SCRIPT_PAYLOAD + ATTRIBUTE_PAYLOAD


def test_report_shows_hostile_payloads_as_text_and_runs_none_of_them(hostile_run, tmp_path):
    (html_path,) = write_reports(hostile_run, tmp_path, ("html",))
    opened = asyncio.run(_open(html_path))
    assert opened.dialogs == []
    assert not [line for line in opened.console if MARK in line]
    assert opened.live == {
        "injectedImages": 0,
        "scripts": 0,
        "handlers": 0,
        "scriptLinks": 0,
        "scriptStyles": 0,
        "pwned": None,
    }
    # The title, the description and the snippets of the page's elements, read as text.
    assert SCRIPT_PAYLOAD in opened.text
    assert ATTRIBUTE_PAYLOAD in opened.text
