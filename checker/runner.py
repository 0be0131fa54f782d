"""A run: targets in, results out. One browser, a context per (page, device), bounded
concurrency, every wait with a timeout; a page that fails never costs the others."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from playwright.async_api import Browser, Error, async_playwright

from audits import all_audits
from checker import devices as device_profiles
from checker.assemble import DeviceCapture, now_iso, page_result, run_result
from checker.browser import launch
from checker.config import Config
from checker.errors import UsageError
from checker.gather.failures import PageLoadError
from checker.gather.page import capture
from checker.gather.resources import gather_resources
from checker.gather.social import gather_social
from checker.gather.speed import speed_run
from checker.results import ErrorInfo, PageResult, RunResult
from checker.snapshot import DeviceInfo, PageSnapshot, ResourceFacts, SpeedRun
from checker.store import load_pages, save_page
from checker.targets import check_url, host_of

# Beyond the page's own timeout: closing contexts, screenshots, a renderer that hangs.
GUARD_EXTRA_S = 15.0

ProgressCallback = Callable[[str, str], None]
PageCallback = Callable[[int, PageResult], None]


def audit_urls(
    urls: list[str],
    config: Config | None = None,
    *,
    on_progress: ProgressCallback | None = None,
    on_page: PageCallback | None = None,
) -> RunResult:
    """Audit every URL on every configured device and return the run's results.

    `on_progress(url, device)` is called as each (page, device) pass ends; `on_page(index,
    result)` as each page's result is complete, in completion order."""
    config = config or Config()
    targets = [check_url(u) for u in urls]
    if config.save_snapshots is not None:
        _prepare_directory(config.save_snapshots)
    return asyncio.run(_run(targets, config, on_progress, on_page))


def _prepare_directory(directory: Path) -> None:
    """Fail before any browser starts when snapshots could not be saved."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"Cannot save snapshots in {directory}: {exc.strerror}.") from None


def rescore_snapshots(directory: Path, config: Config | None = None) -> RunResult:
    """Re-run the audits and scoring on snapshots saved by an earlier run; no browser."""
    config = config or Config()
    started = now_iso()
    specs = all_audits()
    pages = [page_result(url, caps, specs, config.weights) for url, caps in load_pages(directory)]
    return run_result(pages, config.to_report(), started)


async def _run(
    targets: list[str],
    config: Config,
    on_progress: ProgressCallback | None,
    on_page: PageCallback | None,
) -> RunResult:
    started = now_iso()
    specs = all_audits()
    allowed_hosts = {host_of(t) for t in targets}
    is_blocked = _external_blocker(allowed_hosts) if config.block_external else None
    async with async_playwright() as playwright:
        profiles = [device_profiles.resolve(n, playwright.devices) for n in config.devices]
        browser = await launch(
            playwright, config.browser, blocked_except=allowed_hosts if is_blocked else None
        )
        try:
            semaphore = asyncio.Semaphore(config.concurrency)

            async def one_page(index: int, url: str) -> PageResult:
                async with semaphore:
                    captures = await asyncio.gather(
                        *(
                            _capture_device(browser, url, d, config, is_blocked, on_progress)
                            for d in profiles
                        )
                    )
                    captures = await _with_social_facts(list(captures), config, is_blocked)
                    captures = await _with_speed_runs(browser, url, captures, config, is_blocked)
                if config.save_snapshots is not None:
                    save_page(config.save_snapshots, index, url, list(captures))
                result = page_result(url, list(captures), specs, config.weights)
                if on_page is not None:
                    on_page(index, result)
                return result

            pages = await asyncio.gather(*(one_page(i, u) for i, u in enumerate(targets)))
        finally:
            await browser.close()
    return run_result(list(pages), config.to_report(), started)


async def _capture_device(
    browser: Browser,
    url: str,
    device: DeviceInfo,
    config: Config,
    is_blocked: Callable[[str], bool] | None,
    on_progress: ProgressCallback | None,
) -> DeviceCapture:
    try:
        snapshot = await asyncio.wait_for(
            capture(browser, url, device, timeout_s=config.timeout, is_blocked=is_blocked),
            config.timeout + GUARD_EXTRA_S,
        )
        result = DeviceCapture(device, snapshot)
    except PageLoadError as exc:
        result = DeviceCapture(device, None, exc.info)
    except TimeoutError:
        message = f"The page did not respond within {config.timeout:g} s."
        result = DeviceCapture(device, None, ErrorInfo("timeout", message))
    except Exception as exc:  # a crashed renderer or a driver error: this pass only
        result = DeviceCapture(device, None, ErrorInfo("crash", _crash_message(exc)))
    if on_progress is not None:
        on_progress(url, device.name)
    return result


async def _with_social_facts(
    captures: list[DeviceCapture],
    config: Config,
    is_blocked: Callable[[str], bool] | None,
) -> list[DeviceCapture]:
    """Fetch what link crawlers get, once per page, and give it to every device's snapshot."""
    first = next((c.snapshot for c in captures if c.snapshot is not None), None)
    if first is None:
        return captures
    try:
        social = await asyncio.wait_for(
            gather_social(first.final_url, first.server_head, timeout_s=config.timeout,
                          is_blocked=is_blocked),
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


async def _with_speed_runs(
    browser: Browser,
    url: str,
    captures: list[DeviceCapture],
    config: Config,
    is_blocked: Callable[[str], bool] | None,
) -> list[DeviceCapture]:
    """The throttled speed passes, one run after another so they do not slow each other,
    on the devices the config names; attached to those devices' snapshots."""
    chosen = _speed_devices(captures, config.speed_devices)
    result = []
    for device_capture in captures:
        snapshot = device_capture.snapshot
        if device_capture.device.name not in chosen or snapshot is None:
            result.append(device_capture)
            continue
        runs = []
        for _ in range(config.runs):
            one_run = speed_run(
                browser,
                url,
                device_capture.device,
                throttle=config.throttle,
                timeout_s=config.timeout,
                is_blocked=is_blocked,
            )
            try:
                runs.append(await asyncio.wait_for(one_run, config.timeout + GUARD_EXTRA_S))
            except (TimeoutError, Error):
                continue  # the metric audits say what could not be measured
        resources = await _measured_resources(runs, snapshot, config, is_blocked)
        snapshot = dataclasses.replace(snapshot, speed_runs=runs, resources=resources)
        result.append(DeviceCapture(device_capture.device, snapshot, device_capture.error))
    return result


async def _measured_resources(
    runs: list[SpeedRun],
    snapshot: PageSnapshot,
    config: Config,
    is_blocked: Callable[[str], bool] | None,
) -> list[ResourceFacts]:
    """The first run's resources fetched again and measured for the savings audits."""
    if not runs:
        return []
    measuring = gather_resources(
        runs[0],
        snapshot.dom,
        snapshot.device.device_scale_factor,
        timeout_s=config.timeout,
        is_blocked=is_blocked,
        user_agent=snapshot.device.user_agent,
    )
    try:
        return await asyncio.wait_for(measuring, config.timeout + GUARD_EXTRA_S)
    except TimeoutError:
        return []  # the savings audits then find nothing measured


def _speed_devices(captures: list[DeviceCapture], which: str) -> set[str]:
    loaded = [c for c in captures if c.snapshot is not None]
    if which == "none" or not loaded:
        return set()
    if which == "all":
        return {c.device.name for c in loaded}
    first = next((c for c in loaded if c.device.is_mobile), loaded[0])
    return {first.device.name}


def _external_blocker(allowed_hosts: set[str]) -> Callable[[str], bool]:
    def is_blocked(url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https", "ws", "wss"):
            return False  # data:, blob:, about: never leave the browser
        return (parts.hostname or "") not in allowed_hosts

    return is_blocked


def _crash_message(exc: Exception) -> str:
    first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return f"The browser failed while auditing this page: {first_line[:200]}"
