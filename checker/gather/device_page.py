"""A fresh page as one device, ready to load: one context of its own (a cold cache), the
run's host blocking and login, dialogs dismissed, an init script, and the network recorded."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

from playwright.async_api import Browser, BrowserContext, Dialog, Error, Page, Route

from checker.access import Access
from checker.devices import context_options
from checker.gather.network import NetworkRecorder
from checker.snapshot import DeviceInfo


@dataclass(frozen=True)
class DevicePage:
    context: BrowserContext
    page: Page
    recorder: NetworkRecorder


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
        page.on("dialog", _dismiss)
        recorder = NetworkRecorder(access.is_blocked)
        await recorder.attach(context, page)
        yield DevicePage(context, page, recorder)
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


async def _dismiss(dialog: Dialog) -> None:
    # A dialog blocks the page until answered; dismiss it so the load can finish.
    with contextlib.suppress(Error):
        await dialog.dismiss()
