"""The passes over one page: each device's layout pass, the link crawlers' view once per page,
and the speed pass on the chosen devices (applied or simulated), every one bounded in time."""

from __future__ import annotations

import asyncio
import dataclasses
import re
from collections.abc import Callable
from typing import Any

from playwright.async_api import Browser, Error

from checker.access import Access
from checker.assemble import DeviceCapture
from checker.config import Config
from checker.gather.failures import PageLoadError
from checker.gather.page import capture
from checker.gather.resources import gather_resources
from checker.gather.social import gather_social
from checker.gather.speed import speed_run
from checker.results import ErrorInfo
from checker.snapshot import DeviceInfo, PageSnapshot, ResourceFacts, SpeedRun
from checker.speed_model import estimate_run
from checker.throttling import THROTTLES

# Beyond the page's own timeout: closing contexts, screenshots, a renderer that hangs.
GUARD_EXTRA_S = 15.0

ProgressCallback = Callable[[str, str], None]
_PLAYWRIGHT_CALL = re.compile(r"^[A-Za-z]+\.[A-Za-z_]+: ")


async def layout_pass(
    browser: Browser,
    url: str,
    device: DeviceInfo,
    config: Config,
    access: Access,
    on_progress: ProgressCallback | None,
) -> tuple[DeviceCapture, dict[str, Any] | None]:
    """The layout pass of one device, and the consent it gave to a cookie banner."""
    consent_state = None
    try:
        layout = await asyncio.wait_for(
            capture(
                browser,
                url,
                device,
                timeout_s=config.timeout,
                access=access,
                accept_consent=config.accept_consent,
            ),
            config.timeout + GUARD_EXTRA_S,
        )
        result = DeviceCapture(device, layout.snapshot)
        consent_state = layout.consent_state
    except PageLoadError as exc:
        result = DeviceCapture(device, None, exc.info)
    except TimeoutError:
        message = f"The page did not respond within {config.timeout:g} s."
        result = DeviceCapture(device, None, ErrorInfo("timeout", message))
    except Exception as exc:  # a crashed renderer or a driver error: this pass only
        result = DeviceCapture(device, None, ErrorInfo("crash", crash_message(exc)))
    if on_progress is not None:
        on_progress(url, device.name)
    return result, consent_state


async def with_social_facts(
    captures: list[DeviceCapture],
    config: Config,
    access: Access,
) -> list[DeviceCapture]:
    """Fetch what link crawlers get, once per page, and give it to every device's snapshot."""
    first = next((c.snapshot for c in captures if c.snapshot is not None), None)
    if first is None:
        return captures
    try:
        social = await asyncio.wait_for(
            gather_social(first.final_url, first.server_head, timeout_s=config.timeout,
                          is_blocked=access.is_blocked, verify_tls=not access.ignore_https_errors),
            config.timeout + GUARD_EXTRA_S,
        )  # fmt: skip
    except TimeoutError:
        return captures  # the social audits then say the crawlers' view is missing
    return [
        DeviceCapture(c.device, dataclasses.replace(c.snapshot, social=social), c.error)
        if c.snapshot is not None
        else c
        for c in captures
    ]


async def with_speed_runs(
    browser: Browser,
    url: str,
    captures: list[DeviceCapture],
    config: Config,
    access: Access,
    consents: dict[str, dict[str, Any]],
) -> list[DeviceCapture]:
    """The throttled speed passes, one run after another so they do not slow each other,
    on the devices the config names; attached to those devices' snapshots. A device whose
    layout pass accepted a cookie banner starts with that consent, so the banner neither
    paints the LCP nor covers the page."""
    chosen = _speed_devices(captures, config.speed_devices)
    result = []
    for device_capture in captures:
        snapshot = device_capture.snapshot
        if device_capture.device.name not in chosen or snapshot is None:
            result.append(device_capture)
            continue
        simulate = config.throttle_method == "simulate" and config.throttle != "none"
        runs = []
        for _ in range(config.runs):
            one_run = speed_run(
                browser,
                url,
                device_capture.device,
                throttle="none" if simulate else config.throttle,
                timeout_s=config.timeout,
                access=_with_state(access, consents.get(device_capture.device.name)),
            )
            try:
                observed = await asyncio.wait_for(one_run, config.timeout + GUARD_EXTRA_S)
            except (TimeoutError, Error):
                continue  # the metric audits say what could not be measured
            runs.append(_simulated(observed, snapshot, config) if simulate else observed)
        resources = await _measured_resources(runs, snapshot, config, access)
        snapshot = dataclasses.replace(snapshot, speed_runs=runs, resources=resources)
        result.append(DeviceCapture(device_capture.device, snapshot, device_capture.error))
    return result


async def _measured_resources(
    runs: list[SpeedRun],
    snapshot: PageSnapshot,
    config: Config,
    access: Access,
) -> list[ResourceFacts]:
    """The first run's resources fetched again and measured for the savings audits."""
    if not runs:
        return []
    measuring = gather_resources(
        runs[0],
        snapshot.dom,
        snapshot.device.device_scale_factor,
        timeout_s=config.timeout,
        is_blocked=access.is_blocked,
        user_agent=snapshot.device.user_agent,
        verify_tls=not access.ignore_https_errors,
    )
    try:
        return await asyncio.wait_for(measuring, config.timeout + GUARD_EXTRA_S)
    except TimeoutError:
        return []  # the savings audits then find nothing measured


def _simulated(observed: SpeedRun, snapshot: PageSnapshot, config: Config) -> SpeedRun:
    """The unthrottled run as it would be under the config's throttle (Lighthouse's
    default method: faster, and steady on a busy machine). Never called for "none"."""
    profile = THROTTLES[config.throttle]
    if profile is None:
        return observed
    return estimate_run(
        observed,
        profile,
        render_blocking=snapshot.dom.render_blocking,
        html=snapshot.document.html,
        throttle=config.throttle,
    )


def _with_state(access: Access, state: dict[str, Any] | None) -> Access:
    return access if state is None else dataclasses.replace(access, storage_state=state)


def _speed_devices(captures: list[DeviceCapture], which: str) -> set[str]:
    loaded = [c for c in captures if c.snapshot is not None]
    if which == "none" or not loaded:
        return set()
    if which == "all":
        return {c.device.name for c in loaded}
    first = next((c for c in loaded if c.device.is_mobile), loaded[0])
    return {first.device.name}


def crash_message(exc: Exception) -> str:
    """What a marketer reads when the browser failed under a page: Playwright's wording
    ("Page.evaluate: Target crashed") said plainly."""
    first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    if "crash" in first_line.lower():
        return (
            "The browser tab crashed while auditing this page (often a page that runs out "
            "of memory)."
        )
    if "has been closed" in first_line or "disconnected" in first_line.lower():
        return "The browser stopped while auditing this page; it was started again for the others."
    # "Page.goto: net::ERR_..." -> "net::ERR_..."
    detail = _PLAYWRIGHT_CALL.sub("", first_line, count=1)
    return f"The browser failed while auditing this page: {detail[:200]}"
