"""The HTML report opens in Chromium without errors and shows the run's scores."""

from __future__ import annotations

import asyncio

from playwright.async_api import async_playwright

from checker.gather.browser import launch
from checker.report.write import write_reports


async def _open(path) -> tuple[list[str], str, list[str], list[str]]:
    errors: list[str] = []
    async with async_playwright() as playwright:
        browser = await launch(playwright, None, blocked_except=set())
        page = await browser.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        await page.goto(path.as_uri(), wait_until="load")
        text = await page.inner_text("body")
        gauges = await page.locator("header .gauge").evaluate_all(
            "els => els.map(e => e.getAttribute('aria-label'))"
        )
        await browser.close()
    return errors, text, requests, gauges


def test_html_report_opens_without_console_errors_and_shows_scores(shared_run, tmp_path):
    (html_path,) = write_reports(shared_run.run, tmp_path, ("html",))
    errors, text, requests, gauges = asyncio.run(_open(html_path))
    assert errors == []
    scores = shared_run.run.summary["scores"]
    assert gauges == [
        f"{label} score {'n/a' if scores[key] is None else scores[key]}"
        for key, label in (
            ("overall", "Overall"),
            ("layout", "Layout"),
            ("speed", "Speed"),
            ("social", "Social"),
            ("accessibility", "Accessibility"),
        )
    ]
    # Self-contained: the file itself and inlined data, nothing fetched from anywhere.
    assert all(r.startswith(("file:", "data:")) for r in requests), requests
    for url in shared_run.urls.values():
        assert url in text
    assert "connection" in text  # the refused page's error kind
    assert "Does not tell phones to use the device width" in text
    for device in ("iphone-se", "pixel-7", "ipad-mini"):
        assert device in text
