"""One page on one device: load it, gather every fact once, close the context."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from playwright.async_api import Browser, BrowserContext, Error, Page, Response

from checker.access import Access
from checker.gather.consent import accept_consent
from checker.gather.device_page import DevicePage, PageEvents, device_page
from checker.gather.dom import click_listener_script, gather_dom
from checker.gather.failures import (
    CRASH_MESSAGE,
    MAX_DOCUMENT_BYTES,
    PageLoadError,
    check_response,
    classify_navigation_error,
    redirected_off_site,
    too_large,
)
from checker.gather.speed import observe_load, observers_script
from checker.htmlhead import charset_of, decode_html, parse_head
from checker.snapshot import (
    ConsentFacts,
    DeviceInfo,
    DocumentResponse,
    DomFacts,
    PageSnapshot,
    SpeedRun,
)
from checker.targets import host_of

# Fonts decide text sizes and line boxes; give them a moment, not the whole timeout.
FONTS_WAIT_S = 2.0
# The full-page screenshot stops here (CSS px): about six phone screens, enough to show where
# findings are without megabytes per device on endless pages.
FULL_PAGE_MAX_HEIGHT = 4000
FULL_PAGE_MAX_WIDTH = 2000
FULL_PAGE_JPEG_QUALITY = 70
# Finding the banner waits up to 1.5 s for a late consent script (see consent.py); the click
# and the banner leaving take the rest.
CONSENT_TIMEOUT_S = 3.0
# A page that moves itself to another address once loaded (a script, a meta refresh) is
# audited where it ends up, after at most this many moves.
MAX_SELF_NAVIGATIONS = 3
# How often a loading document's size is checked against MAX_DOCUMENT_BYTES, and a page's own
# navigation against its load.
WATCH_EVERY_S = 0.05

NAVIGATION_TIMING_JS = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  if (!nav) return {};
  const keys = ["startTime", "redirectStart", "redirectEnd", "fetchStart", "domainLookupStart",
    "domainLookupEnd", "connectStart", "connectEnd", "requestStart", "responseStart",
    "responseEnd", "domInteractive", "domContentLoadedEventEnd", "loadEventStart",
    "loadEventEnd", "transferSize", "encodedBodySize", "decodedBodySize"];
  const out = {};
  for (const k of keys) out[k] = nav[k];
  return out;
}"""


async def capture(
    browser: Browser,
    url: str,
    device: DeviceInfo,
    *,
    timeout_s: float,
    access: Access,
    accept_consent: bool = False,
    observe_speed: bool = False,
    on_loaded: Callable[[], None] | None = None,
    on_observed: Callable[[], None] | None = None,
) -> LayoutCapture:
    """Load `url` as `device` and return its snapshot; PageLoadError when it cannot be
    audited. With `accept_consent`, the cookie banner's accept button is clicked once the
    first-time visitor's overlays are read, and the consent given is returned for the speed
    pass to start from. With `observe_speed`, the load is also observed as an unthrottled
    speed run until the page is quiet, before anything is read from the page (which would
    count as the page's own work). `on_loaded()` is called once the load ended, loaded or not,
    `on_observed()` once its observation did too."""
    deadline = time.monotonic() + timeout_s
    init_script = click_listener_script()
    if observe_speed:
        init_script += ";\n" + observers_script()
    async with device_page(
        browser, device, init_script=init_script, access=access, timeout_s=timeout_s,
    ) as opened:  # fmt: skip
        try:
            try:
                response = await _navigate(opened, url, timeout_s, blocking=access.block_external)
            finally:
                if on_loaded is not None:
                    on_loaded()
            speed = None
            if observe_speed:
                speed = await observe_load(
                    opened.page, opened.recorder, throttle="none", loaded=True, deadline=deadline
                )
        finally:
            if on_observed is not None:
                on_observed()
        left: list[str] = []  # the addresses the page moved away from by itself
        for _ in range(MAX_SELF_NAVIGATIONS + 1):
            navigations, loads = opened.events.navigations, opened.events.loads
            try:
                layout = await asyncio.wait_for(
                    _gather(opened, url, device, response, left, accept_consent), timeout_s
                )
            except TimeoutError:
                raise PageLoadError(
                    "timeout",
                    f"The page stopped responding once loaded: reading it took over "
                    f"{timeout_s:g} s (its scripts may keep the browser busy).",
                ) from None
            except Error:
                if opened.events.crashed:
                    raise PageLoadError("crash", CRASH_MESSAGE) from None
                if opened.events.navigations == navigations:
                    raise
                layout = None  # the page moved away while it was read
            if layout is not None and opened.events.navigations == navigations:
                # Observed before a cookie banner was accepted or of a document since left:
                # not the load the speed audits judge.
                if left or layout.consent_state is not None:
                    speed = None
                return dataclasses.replace(layout, speed_run=speed)
            left += [*await _redirect_chain(response), response.url]
            response = await _next_document(opened.events, loads, timeout_s)
        raise PageLoadError(
            "navigation",
            f"The page kept moving itself to other addresses ({' > '.join(left[-3:])}...): "
            "there is no page to audit.",
        )


async def _gather(
    opened: DevicePage,
    url: str,
    device: DeviceInfo,
    response: Response,
    left: list[str],
    accept_consent: bool,
) -> LayoutCapture:
    """Every fact of the page now shown, whose document is `response`."""
    page, recorder = opened.page, opened.recorder
    headers = await response.all_headers()
    check_response(response.status, headers.get("content-type", ""), headers.get("retry-after"))
    body = await response.body()
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(page.evaluate("document.fonts.ready.then(() => 1)"), FONTS_WAIT_S)
    dom = await gather_dom(page)
    consent, consent_state = None, None
    if accept_consent:
        consent, dom, consent_state = await _with_consent(opened.context, page, dom)
    timing = await page.evaluate(NAVIGATION_TIMING_JS)
    screenshot = await page.screenshot(type="png", scale="css", animations="disabled")
    full_screenshot = await _full_page_screenshot(page, dom)
    html = decode_html(body, charset_of(headers.get("content-type", "")))
    snapshot = PageSnapshot(
        url=url,
        final_url=page.url,
        device=device,
        captured_at=datetime.now(UTC).isoformat(timespec="seconds"),
        document=DocumentResponse(
            url=response.url,
            status=response.status,
            headers=headers,
            html=html,
            redirects=[*left, *await _redirect_chain(response)],
        ),
        server_head=parse_head(html),
        dom=dom,
        network=recorder.requests(),
        navigation_timing={k: float(v) for k, v in timing.items() if v is not None},
        screenshot=screenshot,
        full_screenshot=full_screenshot,
        consent=consent,
    )
    return LayoutCapture(snapshot, consent_state)


@dataclass(frozen=True)
class LayoutCapture:
    snapshot: PageSnapshot
    # Cookies and local storage after the consent was given (Playwright's storage state).
    consent_state: dict[str, Any] | None = None
    # The load observed as an unthrottled speed run, when asked for and usable.
    speed_run: SpeedRun | None = None


async def _with_consent(
    context: BrowserContext, page: Page, dom: DomFacts
) -> tuple[ConsentFacts | None, DomFacts, dict[str, Any] | None]:
    """Accept the cookie banner; the page's facts are read again without it, but its overlays
    stay the first-time visitor's (intrusive-overlays judges what a new visitor meets)."""
    click = await accept_consent(page, timeout_s=CONSENT_TIMEOUT_S)
    if click is None:
        return None, dom, None
    after = await gather_dom(page)
    state = await context.storage_state()
    facts = ConsentFacts(manager=click.manager, selector=click.selector, text=click.text)
    return facts, dataclasses.replace(after, overlays=dom.overlays), state


async def _full_page_screenshot(page: Page, dom: DomFacts) -> bytes:
    # As wide as the page, so a page wider than the screen shows what sticks out.
    screen = page.viewport_size["width"] if page.viewport_size else 0
    width = max(1, screen, min(dom.scroll_width, FULL_PAGE_MAX_WIDTH))
    height = max(1, min(dom.scroll_height, FULL_PAGE_MAX_HEIGHT))
    return await page.screenshot(
        type="jpeg",
        quality=FULL_PAGE_JPEG_QUALITY,
        scale="css",
        animations="disabled",
        full_page=True,
        clip={"x": 0, "y": 0, "width": width, "height": height},
    )


async def _navigate(opened: DevicePage, url: str, timeout_s: float, *, blocking: bool) -> Response:
    """Load `url`; a document past MAX_DOCUMENT_BYTES is stopped as it streams in, so a
    hostile page costs neither the timeout nor the memory."""
    recorder = opened.recorder
    loading = asyncio.ensure_future(
        opened.page.goto(url, wait_until="load", timeout=timeout_s * 1000)
    )
    try:
        while not loading.done():
            await asyncio.wait({loading}, timeout=WATCH_EVERY_S)
            document = recorder.document()
            if document is not None and document.size > MAX_DOCUMENT_BYTES:
                raise too_large(document.size)
        response = loading.result()
    except Error as exc:
        document = recorder.document()
        info = classify_navigation_error(str(exc), timeout_s, document)
        # Under --block-external a redirect to another host fails as that host's lookup:
        # say what happened instead.
        moved = document is not None and host_of(document.url) != host_of(url)
        if blocking and moved and info.kind in ("dns", "blocked"):
            info = redirected_off_site(document.url)
        raise PageLoadError(info.kind, info.message) from None
    finally:
        loading.cancel()  # the context closes next, which ends a load still going on
    if response is None:
        raise PageLoadError("navigation", "The browser got no response for this address.")
    return response


async def _next_document(events: PageEvents, loads: int, timeout_s: float) -> Response:
    """The document a page moved itself to, once it loaded."""
    deadline = time.monotonic() + timeout_s
    while events.loads <= loads or events.document is None:
        if events.crashed:
            raise PageLoadError("crash", CRASH_MESSAGE)
        if time.monotonic() > deadline:
            raise PageLoadError(
                "timeout",
                f"The page moved itself to another address, which did not load within "
                f"{timeout_s:g} s.",
            )
        await asyncio.sleep(WATCH_EVERY_S)
    return events.document


async def _redirect_chain(response: Response) -> list[str]:
    chain = []
    request = response.request.redirected_from
    while request is not None:
        chain.append(request.url)
        request = request.redirected_from
    return list(reversed(chain))
