"""The PDF report printed: its document (checker.report.print_view) loaded in the Chromium
readiness audits with, launched alike with every host blocked (the document holds all it
shows, so nothing may be fetched), or in the running browser --browser-endpoint names, and
printed on A4 sheets with the header and footer on each."""

from __future__ import annotations

import asyncio
import contextlib
from concurrent.futures import ThreadPoolExecutor

from playwright.async_api import Browser, Error, Playwright, async_playwright

from checker.config.settings import Config
from checker.gather.browser import launch
from checker.gather.remote import connect_remote
from checker.model.errors import PrintError, ReadinessError
from checker.report.write import PrintDocument, Printer

# Loading the document and printing it, each. Measured on 2 cores: the demo's 4 pages print in
# 2.5 s, 25 corpus pages with every screenshot (a 20 MB document, 779 sheets) in 28 s, so a
# crawl of hundreds of pages with --pdf-screenshots takes minutes: this guards against a
# browser that hangs, not against a long print.
PRINT_TIMEOUT_MS = 600_000
# How long a busy remote browser is waited on when no run's --timeout says (Config's default).
REMOTE_WAIT_S = 30.0
# Room for the header and footer above and below the document (print.css.j2 counts on them).
MARGINS = {"top": "18mm", "bottom": "18mm", "left": "14mm", "right": "14mm"}
# The images of a document are decoded before it prints, so none prints half drawn.
_DECODE_IMAGES = "() => Promise.all(Array.from(document.images, i => i.decode().catch(() => null)))"


def pdf_printer(config: Config) -> Printer:
    """The printer write_reports is given: the run's browser settings, bound."""

    def printer(document: PrintDocument) -> bytes:
        return print_pdf(
            document,
            browser=config.browser,
            endpoint=config.browser_endpoint,
            wait_s=config.timeout,
        )

    return printer


def print_pdf(
    document: PrintDocument,
    *,
    browser: str | None = None,
    endpoint: str | None = None,
    wait_s: float = REMOTE_WAIT_S,
) -> bytes:
    """The PDF of `document`, printed by the browser `browser` names (as the audit finds it:
    --browser, $READINESS_BROWSER, Playwright's, the system's) or the one at `endpoint` (a
    busy pool waited on for up to `wait_s`, as the run waits: --timeout); a PrintError in
    one line when it cannot be."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(_print(document, browser, endpoint, wait_s))
    # Called inside an event loop (the API, from async code): printed in a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _print(document, browser, endpoint, wait_s)).result()


async def _print(
    document: PrintDocument, executable: str | None, endpoint: str | None, wait_s: float
) -> bytes:
    async with async_playwright() as playwright:
        browser = await _browser(playwright, executable, endpoint, wait_s)
        try:
            # No script runs in the document, and no request leaves it.
            context = await browser.new_context(java_script_enabled=False)
            await context.route("**/*", lambda route: route.abort())
            page = await context.new_page()
            page.set_default_timeout(PRINT_TIMEOUT_MS)
            await page.set_content(document.html, wait_until="load")
            await page.evaluate(_DECODE_IMAGES)
            pdf = await page.pdf(
                format="A4",
                print_background=True,
                display_header_footer=True,
                header_template=document.header,
                footer_template=document.footer,
                margin=MARGINS,
            )
            await context.close()
            return pdf
        except Error as exc:
            reason = _first_line(exc)
            raise PrintError(f"{_CANNOT} the browser failed printing it ({reason}).") from None
        finally:
            with contextlib.suppress(Error):
                await browser.close()


async def _browser(
    playwright: Playwright, executable: str | None, endpoint: str | None, wait_s: float
) -> Browser:
    try:
        if endpoint is not None:
            return await connect_remote(playwright.chromium, endpoint, wait_s)
        return await launch(playwright, executable, blocked_except=())
    except ReadinessError as exc:  # no browser found, or the endpoint does not answer
        raise PrintError(f"{_CANNOT} {exc}") from None
    except Error as exc:
        raise PrintError(f"{_CANNOT} the browser did not start ({_first_line(exc)}).") from None


_CANNOT = "report.pdf could not be printed (the other reports are written):"


def _first_line(exc: Exception) -> str:
    return ((str(exc).strip().splitlines() or ["no reason given"])[0])[:200]
