"""One page on one device: load it, gather every fact once, close the context."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from playwright.async_api import Browser, BrowserContext, Error, Page, Response
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from checker.gather.access import Access
from checker.gather.accessibility import with_accessibility
from checker.gather.consent import accept_consent
from checker.gather.device_page import DevicePage, IsolatedWorld, PageEvents, device_page
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
from checker.gather.fetch import fetch_async
from checker.gather.htmlhead import charset_of, decode_html, parse_head
from checker.gather.pass_turns import PassTurns
from checker.gather.speed import cpu_timed_observation, observe_load, observers_script
from checker.model.dom_facts import ConsentFacts, DomFacts
from checker.model.elements import Element
from checker.model.load_facts import DocumentResponse, SpeedRun
from checker.model.snapshot import DeviceInfo, GatherFailure, PageSnapshot
from checker.model.urls import host_of

# Fonts decide text sizes and line boxes; give them a moment, not the whole timeout.
FONTS_WAIT_S = 2.0
# The full-page screenshot stops here (CSS px): about six phone screens, enough to show where
# findings are without megabytes per device on endless pages.
FULL_PAGE_MAX_HEIGHT = 4000
FULL_PAGE_MAX_WIDTH = 2000
FULL_PAGE_JPEG_QUALITY = 70
# The first screen is encoded by the browser, at one pixel per CSS px (a phone's is the size
# the report shows), as a JPEG good enough to be drawn on and encoded once more: a PNG cost
# the browser more to encode and the report more to decode.
FIRST_SCREEN_JPEG_QUALITY = 90
# Finding the banner waits up to 1.5 s for a late consent script (see consent.py); the click
# and the banner leaving take the rest.
CONSENT_TIMEOUT_S = 3.0
# A page that moves itself to another address once loaded (a script, a meta refresh) is
# audited where it ends up, after at most this many moves.
MAX_SELF_NAVIGATIONS = 3
# How often a loading document's size is checked against MAX_DOCUMENT_BYTES, and a page's own
# navigation against its load.
WATCH_EVERY_S = 0.05
# Each screenshot takes 0.08-0.8 s; one that takes longer than this (or a quarter of the
# page's timeout) is given up, and the page keeps its other facts.
SCREENSHOT_TIMEOUT_S = 10.0
# Fetching the document again when the browser let go of its body: at most this long (or half
# the page's timeout).
REFETCH_TIMEOUT_S = 10.0

FONTS_READY_JS = "() => document.fonts.ready.then(() => 1)"

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
    accessibility: bool = True,
    turns: PassTurns | None = None,
    share_cpu: bool = False,
    on_loaded: Callable[[], None] | None = None,
    on_observed: Callable[[], None] | None = None,
    before_pass: Callable[[bool], Awaitable[None]] | None = None,
) -> LayoutCapture:
    """Load `url` as `device` and return its snapshot; PageLoadError when it cannot be
    audited. With `accept_consent`, the cookie banner's accept button is clicked once the
    first-time visitor's overlays are read, and the consent given is returned for the speed
    pass to start from. With `observe_speed`, the load is also observed as an unthrottled
    speed run until the page is quiet, before anything is read from the page (which would
    count as the page's own work); with `share_cpu` (see main_thread.py), its long tasks are
    timed without the time other work kept them off the CPU, so that work may run beside it
    from its load event on. With `accessibility`, the accessibility pass runs in the loaded
    page once everything else is read (it may change the page's styles and size), a large
    page's in its turn of `turns`.
    `on_loaded()` is called once the load ended, loaded or not, `on_observed()` once its
    observation did too; `before_pass(observed)` is awaited once the page is read, before its
    accessibility pass, with whether its load stands as the observed speed run."""
    deadline = time.monotonic() + timeout_s
    async with device_page(
        browser, device,
        init_script=click_listener_script(),
        world_script=observers_script() if observe_speed else "",
        access=access, timeout_s=timeout_s,
    ) as opened:  # fmt: skip
        try:
            sampled = observe_speed and share_cpu
            async with cpu_timed_observation(opened, sampled) as observation:
                try:
                    response = await _navigate(
                        opened, url, timeout_s, blocking=access.block_external
                    )
                finally:
                    if on_loaded is not None:
                        on_loaded()
                speed = None
                if observe_speed:
                    speed = await observe_load(
                        opened, throttle="none", loaded=True, deadline=deadline
                    )
            speed = observation.applied_to(speed)
        finally:
            if on_observed is not None:
                on_observed()
        left: list[str] = []  # the addresses the page moved away from by itself
        for _ in range(MAX_SELF_NAVIGATIONS + 1):
            shown = opened.events.document
            if shown is not None and shown is not response and opened.events.document_loaded:
                # The page moved itself before its load ended (location.reload() or .replace()
                # in a script): the document shown, and the one to read, is the latest.
                left += [*await _redirect_chain(response), response.url]
                response = shown
            navigations, loads = opened.events.navigations, opened.events.loads
            try:
                layout = await asyncio.wait_for(
                    _gather(opened, url, device, response, left, accept_consent, access, timeout_s),
                    timeout_s,
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
                if accessibility:
                    if before_pass is not None:
                        await before_pass(speed is not None)
                    snapshot = await with_accessibility(opened, layout.snapshot, timeout_s, turns)
                    layout = dataclasses.replace(layout, snapshot=snapshot)
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
    access: Access,
    timeout_s: float,
) -> LayoutCapture:
    """Every fact of the page now shown, whose document is `response`. What is read in the
    page is read from our world (IsolatedWorld), where the page's own scripts do not reach."""
    page, recorder, world = opened.page, opened.recorder, opened.world
    headers = await response.all_headers()
    check_response(response.status, headers.get("content-type", ""), headers.get("retry-after"))
    html, document_failure = await _document_html(
        opened.events, response, headers, device, access, timeout_s
    )
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(world.evaluate(FONTS_READY_JS), FONTS_WAIT_S)
    dom = await gather_dom(world)
    consent, consent_state = None, None
    if accept_consent:
        consent, dom, consent_state = await _with_consent(opened.context, page, world, dom)
    timing = await world.evaluate(NAVIGATION_TIMING_JS)
    screenshot, full_screenshot, screenshot_failure = await _screenshots(
        opened, dom, min(SCREENSHOT_TIMEOUT_S, timeout_s / 4)
    )
    failures = [f for f in (document_failure, screenshot_failure) if f is not None]
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
        gather_failures=failures,
    )
    return LayoutCapture(snapshot, consent_state)


async def _document_html(
    events: PageEvents,
    response: Response,
    headers: dict[str, str],
    device: DeviceInfo,
    access: Access,
    timeout_s: float,
) -> tuple[str, GatherFailure | None]:
    """The HTML the server sent for the document shown. The browser may have let go of it
    already: a page that reloads or replaces itself, or a document replaced while loading,
    ends as "No resource with given identifier found" (about 3% of real pages). It is then
    fetched again outside the page, as this device; failing that, it is a missing fact."""
    try:
        body = await response.body()
        return decode_html(body, charset_of(headers.get("content-type", ""))), None
    except Error:
        if events.crashed:
            raise  # capture() says the tab crashed
    lost = (
        "The browser let go of the HTML the server sent for this page before it could be "
        "read (the page reloaded or replaced itself while loading)"
    )
    if access.storage_state is not None or access.gets_headers(response.url):
        # A second fetch would not be logged in, and could read another page than this.
        return "", GatherFailure(
            "document",
            "unreadable",
            f"{lost}, and it is not fetched again without the run's login: the checks of "
            "the server's HTML have no verdict on this device.",
        )
    fetched = await fetch_async(
        response.url,
        device.user_agent,
        max_bytes=MAX_DOCUMENT_BYTES,
        timeout_s=min(REFETCH_TIMEOUT_S, timeout_s / 2),
        is_blocked=access.is_blocked,
        follow_redirects=False,  # another address answering is not this document
        verify_tls=not access.ignore_https_errors,
    )
    status = fetched.status
    if fetched.error is None and status is not None and 200 <= status < 300:
        content_type = fetched.headers.get("content-type") or headers.get("content-type", "")
        return decode_html(fetched.body, charset_of(content_type)), None
    reason = fetched.error or f"the server answered HTTP {status}"
    return "", GatherFailure(
        "document",
        "unreadable",
        f"{lost}, and fetching it again failed ({reason}): the checks of the server's HTML "
        "have no verdict on this device.",
    )


@dataclass(frozen=True)
class LayoutCapture:
    snapshot: PageSnapshot
    # Cookies and local storage after the consent was given (Playwright's storage state).
    consent_state: dict[str, Any] | None = None
    # The load observed as an unthrottled speed run, when asked for and usable.
    speed_run: SpeedRun | None = None


async def _with_consent(
    context: BrowserContext, page: Page, world: IsolatedWorld, dom: DomFacts
) -> tuple[ConsentFacts | None, DomFacts, dict[str, Any] | None]:
    """Accept the cookie banner; the page's facts are read again without it, but its overlays
    stay the first-time visitor's (intrusive-overlays judges what a new visitor meets)."""
    click = await accept_consent(page, timeout_s=CONSENT_TIMEOUT_S, world=world)
    if click is None:
        return None, dom, None
    after = await gather_dom(world)
    state = await context.storage_state()
    facts = ConsentFacts(click.manager, Element(click.selector, label=click.text))
    return facts, dataclasses.replace(after, overlays=dom.overlays), state


async def _screenshots(
    opened: DevicePage, dom: DomFacts, timeout_s: float
) -> tuple[bytes | None, bytes | None, GatherFailure | None]:
    """The first screen and the full page. One the browser cannot take (a page that keeps it
    busy, a surface too large) is a missing picture, not a lost page."""
    first = None
    try:
        first = await opened.page.screenshot(
            type="jpeg",
            quality=FIRST_SCREEN_JPEG_QUALITY,
            scale="css",
            animations="disabled",
            timeout=timeout_s * 1000,
        )
        return first, await _full_page_screenshot(opened.page, dom, timeout_s), None
    except Error as exc:
        if opened.events.crashed:
            raise  # capture() says the tab crashed
        if isinstance(exc, PlaywrightTimeoutError):
            kind, why = "timeout", f"it took over {timeout_s:g} s"
        else:
            kind, why = "browser", exc.message.strip().splitlines()[0][:200]
        which = "full-page screenshot" if first is not None else "screenshots"
        return (
            first,
            None,
            GatherFailure(
                "screenshot",
                kind,
                f"The browser could not take this page's {which} ({why}): the report shows no "
                "picture of it for this device.",
            ),
        )


async def _full_page_screenshot(page: Page, dom: DomFacts, timeout_s: float) -> bytes:
    # As wide as the page, so a page wider than the screen shows what sticks out.
    screen = page.viewport_size["width"] if page.viewport_size else 0
    width = max(1, screen, min(dom.scroll_width, FULL_PAGE_MAX_WIDTH))
    height = max(1, min(dom.scroll_height, FULL_PAGE_MAX_HEIGHT))
    return await page.screenshot(
        timeout=timeout_s * 1000,
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
