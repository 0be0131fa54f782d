"""A fresh page as one device, ready to load: one context of its own (a cold cache), the
run's host blocking and login, dialogs dismissed, pop-ups closed, init scripts, the network
recorded, the page's own navigations and crash watched, and a world of our own to read the
page from."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import (
    Browser,
    BrowserContext,
    CDPSession,
    Dialog,
    Error,
    Page,
    Request,
    Response,
    Route,
)

from checker.gather.access import Access
from checker.gather.devices import context_options
from checker.gather.network import NetworkRecorder
from checker.model.snapshot import DeviceInfo


@dataclass
class PageEvents:
    """What the page did on its own since it was opened, as the browser reported it."""

    # Navigation requests of the main frame (redirect hops included), and its load events:
    # a page that navigates itself after load shows as more requests than the first load had.
    navigations: int = 0
    loads: int = 0
    # The latest response to a main-frame navigation: the document shown, once it loaded.
    document: Response | None = None
    # Whether the main frame fired `load` since that response arrived.
    document_loaded: bool = False
    crashed: bool = False
    popups_closed: int = 0
    dialogs_dismissed: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> None:
        page.on("request", lambda request: self._on_request(page, request))
        page.on("response", lambda response: self._on_response(page, response))
        page.on("load", self._on_load)
        page.on("crash", self._on_crash)

    def _on_request(self, page: Page, request: Request) -> None:
        if _is_main_navigation(page, request):
            self.navigations += 1

    def _on_response(self, page: Page, response: Response) -> None:
        if _is_main_navigation(page, response.request):
            self.document = response
            self.document_loaded = False

    def _on_load(self, _page: Page) -> None:
        self.loads += 1
        self.document_loaded = True

    def _on_crash(self, _page: Page) -> None:
        self.crashed = True


def _is_main_navigation(page: Page, request: Request) -> bool:
    try:
        return request.is_navigation_request() and request.frame == page.main_frame
    except Error:  # a request without a frame (a worker's)
        return False


# The name of our world in every document of the page.
WORLD_NAME = "readiness"


class IsolatedWorld:
    """Where our in-page code runs: the main frame's document, seen from a JavaScript world of
    our own (Chromium's isolated worlds, as extensions' content scripts and Lighthouse's
    gatherers use). The DOM is shared, but globals and prototypes are not: a page that replaces
    Element.prototype.matches, JSON.stringify or Array.prototype.map changes nothing here.
    Playwright's page.evaluate runs in the page's own world, where it does."""

    def __init__(self, session: CDPSession) -> None:
        self._session = session
        self._frame_id: str | None = None

    @classmethod
    async def attach(
        cls, context: BrowserContext, page: Page, init_script: str = ""
    ) -> IsolatedWorld:
        """Our world in `page`; `init_script` then runs in it at the start of every document,
        before any script of the page (so attach before loading)."""
        session = await context.new_cdp_session(page)
        if init_script:
            # Scripts to evaluate on new documents run only while the Page domain is enabled.
            await session.send("Page.enable")
            await session.send(
                "Page.addScriptToEvaluateOnNewDocument",
                {"source": init_script, "worldName": WORLD_NAME},
            )
        return cls(session)

    async def evaluate(
        self, function: str, arg: Any = None, *, timeout_s: float | None = None
    ) -> Any:
        """`function(arg)` run in the document the main frame shows now, with `arg` as JSON;
        its result as a value, a promise awaited. Raises Error when it throws or the document
        went away meanwhile, as page.evaluate does. Past `timeout_s` the script is stopped in
        the page (a long synchronous run would otherwise go on and hold up everything after
        it) and TimeoutError raised. It is stopped too when its caller gives it up first (the
        caller's own time ran out): what the caller awaits next in the page would otherwise
        wait for it to end (an accessibility check's tidying up waited 30 s on a page of
        10,000 links, and the page's guard took every fact of the device with it)."""
        evaluating = self._evaluate(function, arg)
        if timeout_s is None:
            return await evaluating
        try:
            return await asyncio.wait_for(evaluating, timeout_s)
        except (TimeoutError, asyncio.CancelledError):
            await self.stop()
            raise

    async def stop(self) -> None:
        """Stop the script running in the page now (ours, left running past its time)."""
        with contextlib.suppress(Error):
            await self._session.send("Runtime.terminateExecution")
            # With nothing running, the browser stops the next script instead: let it be this.
            await self._evaluate("() => 0", None)

    async def collect_garbage(self, above_bytes: int) -> None:
        """A full garbage collection in the page's renderer when the JavaScript of the page
        and of our world holds more than `above_bytes`."""
        with contextlib.suppress(Error):
            usage = await self._session.send("Runtime.getHeapUsage")
            if usage["usedSize"] > above_bytes:
                await self._session.send("HeapProfiler.collectGarbage")

    async def _evaluate(self, function: str, arg: Any) -> Any:
        reply = await self._session.send(
            "Runtime.evaluate",
            {
                "expression": f"({function})({json.dumps(arg)})",
                "contextId": await self._context_id(),
                "returnByValue": True,
                "awaitPromise": True,
            },
        )
        if "exceptionDetails" in reply:
            raise Error(_exception_text(reply["exceptionDetails"]))
        return reply["result"].get("value")

    async def _context_id(self) -> int:
        """Our world's context in the main frame's current document. The same name gives the
        world the init script ran in, or makes one; asked each time, as documents change."""
        if self._frame_id is not None:
            try:
                return await self._create(self._frame_id)
            except Error:
                pass  # the main frame's id is kept across navigations; if not, look it up
        tree = await self._session.send("Page.getFrameTree")
        self._frame_id = tree["frameTree"]["frame"]["id"]
        return await self._create(self._frame_id)

    async def _create(self, frame_id: str) -> int:
        world = await self._session.send(
            "Page.createIsolatedWorld", {"frameId": frame_id, "worldName": WORLD_NAME}
        )
        return world["executionContextId"]


def _exception_text(details: dict[str, Any]) -> str:
    thrown = details.get("exception") or {}
    return str(thrown.get("description") or details.get("text") or "script error").split("\n")[0]


@dataclass(frozen=True)
class DevicePage:
    context: BrowserContext
    page: Page
    recorder: NetworkRecorder
    events: PageEvents
    world: IsolatedWorld


@contextlib.asynccontextmanager
async def device_page(
    browser: Browser,
    device: DeviceInfo,
    *,
    init_script: str,
    access: Access,
    timeout_s: float | None = None,
    world_script: str = "",
) -> AsyncIterator[DevicePage]:
    """`init_script` runs in the page's own world, `world_script` in ours (see IsolatedWorld),
    both before any script of the page."""
    context = await browser.new_context(
        **context_options(device),
        service_workers="block",
        storage_state=access.storage_state,
        ignore_https_errors=access.ignore_https_errors,
    )
    if timeout_s is not None:
        context.set_default_timeout(timeout_s * 1000)
    try:
        if access.needs_routing:
            await context.route("**/*", _router(access))
        await context.add_init_script(init_script)
        page = await context.new_page()
        events = PageEvents()
        events.watch(page)
        page.on("dialog", lambda dialog: _dismiss(dialog, events))
        context.on("page", lambda popup: _close_popup(popup, page, events))
        recorder = NetworkRecorder(access.is_blocked)
        await recorder.attach(context, page)
        world = await IsolatedWorld.attach(context, page, world_script)
        yield DevicePage(context, page, recorder, events, world)
    finally:
        with contextlib.suppress(Error):
            await context.close()


def _router(access: Access):
    async def handle(route: Route) -> None:
        url = route.request.url
        if access.is_blocked(url):
            await route.abort("blockedbyclient")
        elif access.gets_headers(url):
            await route.continue_(headers={**route.request.headers, **access.headers})
        else:
            await route.continue_()

    return handle


async def _dismiss(dialog: Dialog, events: PageEvents) -> None:
    # A dialog blocks the page until answered; dismiss it so the load can finish.
    events.dialogs_dismissed.append(dialog.type)
    with contextlib.suppress(Error):
        await dialog.dismiss()


async def _close_popup(popup: Page, page: Page, events: PageEvents) -> None:
    # A pop-up is another page: it would load, run and take memory beside the audited one.
    if popup is page:
        return
    with contextlib.suppress(Error):
        await popup.close()
    events.popups_closed += 1
