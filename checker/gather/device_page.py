"""A fresh page as one device, ready to load: one context of its own (a cold cache), the
run's host blocking and login, dialogs dismissed, pop-ups closed, an init script, the network
recorded, and the page's own navigations and crash watched."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from playwright.async_api import (
    Browser,
    BrowserContext,
    Dialog,
    Error,
    Page,
    Request,
    Response,
    Route,
)

from checker.access import Access
from checker.devices import context_options
from checker.gather.network import NetworkRecorder
from checker.snapshot import DeviceInfo


@dataclass
class PageEvents:
    """What the page did on its own since it was opened, as the browser reported it."""

    # Navigation requests of the main frame (redirect hops included), and its load events:
    # a page that navigates itself after load shows as more requests than the first load had.
    navigations: int = 0
    loads: int = 0
    # The latest response to a main-frame navigation: the document shown, once it loaded.
    document: Response | None = None
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

    def _on_load(self, _page: Page) -> None:
        self.loads += 1

    def _on_crash(self, _page: Page) -> None:
        self.crashed = True


def _is_main_navigation(page: Page, request: Request) -> bool:
    try:
        return request.is_navigation_request() and request.frame == page.main_frame
    except Error:  # a request without a frame (a worker's)
        return False


@dataclass(frozen=True)
class DevicePage:
    context: BrowserContext
    page: Page
    recorder: NetworkRecorder
    events: PageEvents


@contextlib.asynccontextmanager
async def device_page(
    browser: Browser,
    device: DeviceInfo,
    *,
    init_script: str,
    access: Access,
    timeout_s: float | None = None,
) -> AsyncIterator[DevicePage]:
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
        yield DevicePage(context, page, recorder, events)
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
