"""The HTML report opens in Chromium without errors and shows the run's scores."""

from __future__ import annotations

import asyncio
import shutil

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


async def _walk_folder(front) -> dict[str, object]:
    """Open the front page, follow the first page's link, look at its pictures, go back."""
    errors: list[str] = []
    requests: list[str] = []
    async with async_playwright() as playwright:
        browser = await launch(playwright, None, blocked_except=set())
        page = await browser.new_page(viewport={"width": 412, "height": 915})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        await page.goto(front.as_uri(), wait_until="load")
        rows = await page.locator("a.page-link").count()
        await page.locator("a.page-link").first.click()
        await page.wait_for_load_state("load")
        page_url = page.url
        pictures = await page.locator(".shots img").evaluate_all(
            "imgs => imgs.map(i => [i.complete, i.naturalWidth])"
        )
        page_text = await page.inner_text("main")
        await page.get_by_role("link", name="All pages").click()
        await page.wait_for_load_state("load")
        back = page.url
        await browser.close()
    return {
        "errors": errors, "requests": requests, "rows": rows, "page_url": page_url,
        "pictures": pictures, "page_text": page_text, "back": back,
    }  # fmt: skip


def test_a_report_of_page_files_is_walked_in_the_browser(shared_run, tmp_path):
    """Front page -> a page's own file, its screenshots loaded from files beside it -> back,
    everything read from the folder itself."""
    shutil.copytree(shared_run.output_dir, tmp_path, dirs_exist_ok=True)
    (front,) = write_reports(shared_run.run, tmp_path, ("html",), single_file=False)
    seen = asyncio.run(_walk_folder(front))
    assert seen["errors"] == []
    assert seen["rows"] == len(shared_run.run.pages)
    first = shared_run.run.pages[0]
    assert str(seen["page_url"]).endswith("/index.html")
    assert first.url in str(seen["page_text"])
    pictures = seen["pictures"]
    assert pictures and all(done and width > 0 for done, width in pictures), pictures
    assert seen["back"] == front.as_uri()
    assert all(r.startswith("file:") for r in seen["requests"]), seen["requests"]
