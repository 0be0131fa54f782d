"""The speed pass: a cold load under a throttled network and CPU, applied through the
DevTools protocol, observed past the load event until the page has been quiet."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import time
from collections.abc import AsyncIterator
from functools import cache
from importlib.resources import files

from playwright.async_api import Browser, Error

from checker.gather.access import Access
from checker.gather.device_page import DevicePage, IsolatedWorld, device_page
from checker.gather.main_thread import (
    RendererSampler,
    ThreadSample,
    page_renderer,
    without_run_queue_time,
)
from checker.gather.network import NetworkRecorder
from checker.model.elements import Box, Element
from checker.model.load_facts import LayoutShift, LongTask, NetworkRequest, SpeedRun
from checker.model.snapshot import DeviceInfo
from checker.model.throttling import THROTTLES

# Network and main thread quiet this long ends the observation. An unthrottled load observed
# for the model: Lighthouse's own thresholds for its simulated runs (1 s, constants.js
# defaultSettings). A throttled load: Lighthouse waits 5.25 s; 2 s catches the shifts and long
# tasks right after load at less cost.
UNTHROTTLED_QUIET_S = 1.0
THROTTLED_QUIET_S = 2.0
MIN_POLL_S = 0.05

# Both run in our world, where speed_observers.js records (see IsolatedWorld).
COLLECT_JS = """() => {
  const s = window.__readinessSpeed || {paints: {}, lcp: null, shifts: [], longTasks: []};
  const nav = performance.getEntriesByType("navigation")[0];
  return JSON.stringify({
    load: nav && nav.loadEventEnd > 0 ? nav.loadEventEnd : null,
    fcp: s.paints["first-contentful-paint"] ?? null,
    lcp: s.lcp,
    shifts: s.shifts,
    longTasks: s.longTasks,
  });
}"""
LAST_TASK_END_JS = """() => {
  const s = window.__readinessSpeed;
  if (!s || !s.longTasks.length) return 0;
  const t = s.longTasks[s.longTasks.length - 1];
  return performance.now() - (t.start + t.duration);
}"""


@cache
def observers_script() -> str:
    """The init script, for our world, that records paints, LCP, layout shifts and long
    tasks."""
    return files("checker.gather").joinpath("speed_observers.js").read_text(encoding="utf-8")


async def speed_run(
    browser: Browser,
    url: str,
    device: DeviceInfo,
    *,
    throttle: str,
    timeout_s: float,
    access: Access,
) -> SpeedRun:
    """One cold load of `url`; a load that reaches the timeout keeps what it observed."""
    deadline = time.monotonic() + timeout_s
    async with device_page(
        browser, device, init_script="", world_script=observers_script(), access=access
    ) as opened:
        page = opened.page
        session = await opened.context.new_cdp_session(page)
        await session.send("Network.enable")
        await session.send("Network.setCacheDisabled", {"cacheDisabled": True})
        profile = THROTTLES[throttle]
        if profile is not None:
            await session.send("Network.emulateNetworkConditions", {
                "offline": False,
                "latency": profile.latency_ms,
                "downloadThroughput": profile.down_kbps * 1024 / 8,
                "uploadThroughput": profile.up_kbps * 1024 / 8,
            })  # fmt: skip
            await session.send("Emulation.setCPUThrottlingRate", {"rate": profile.cpu_slowdown})
        loaded = True
        try:
            await page.goto(url, wait_until="load", timeout=timeout_s * 1000)
        except Error:
            loaded = False
        return await observe_load(opened, throttle=throttle, loaded=loaded, deadline=deadline)


async def observe_load(
    opened: DevicePage,
    *,
    throttle: str,
    loaded: bool,
    deadline: float,
) -> SpeedRun:
    """The speed run of a load just made in `opened` (whose world script was
    `observers_script()`), once the page has been quiet or at `deadline` (time.monotonic)."""
    world, recorder = opened.world, opened.recorder
    quiet_s = UNTHROTTLED_QUIET_S if throttle == "none" else THROTTLED_QUIET_S
    quiet_at = await _wait_quiet(world, recorder, deadline, quiet_s) if loaded else None
    try:
        data = json.loads(await world.evaluate(COLLECT_JS))
    except Error:
        data = {}
    return _speed_run(data, throttle, quiet_at, quiet_at is None, recorder)


class CpuTimedObservation:
    """A load observed while our browser's renderers are sampled, whose long tasks are then
    timed without the time other work kept them off the CPU (see main_thread.py), so other
    work may run beside it from its load event on."""

    def __init__(self, opened: DevicePage, sampled: bool) -> None:
        self._opened = opened
        self._sampler = RendererSampler() if sampled else None
        self._samples: dict[int, list[ThreadSample]] = {}

    async def _start(self) -> None:
        if self._sampler is not None:
            await asyncio.to_thread(self._sampler.start)

    async def _stop(self) -> None:
        if self._sampler is not None:
            self._samples = await asyncio.to_thread(self._sampler.stop)

    def applied_to(self, run: SpeedRun | None) -> SpeedRun | None:
        """The run with its long tasks less their time waiting for a CPU."""
        origin_s = self._opened.recorder.origin_s
        if run is None or not self._samples or origin_s is None:
            return run
        renderer = page_renderer(self._samples, run.long_tasks, origin_s)
        if renderer is None:
            return run
        tasks = without_run_queue_time(run.long_tasks, origin_s, self._samples[renderer])
        return dataclasses.replace(run, long_tasks=tasks)


@contextlib.asynccontextmanager
async def cpu_timed_observation(
    opened: DevicePage, sampled: bool
) -> AsyncIterator[CpuTimedObservation]:
    """Sample our browser's renderers while the block loads and observes the page; without
    `sampled` (a browser whose threads cannot be read), the tasks keep their wall times."""
    observation = CpuTimedObservation(opened, sampled)
    await observation._start()
    try:
        yield observation
    finally:
        await observation._stop()


async def _wait_quiet(
    world: IsolatedWorld, recorder: NetworkRecorder, deadline: float, quiet_s: float
) -> float | None:
    """Wait until no request was in flight and no long task ended for `quiet_s`; the page's
    clock (ms since navigation start) at that moment, or None at the deadline."""
    while time.monotonic() < deadline:
        try:
            since_task_ms, now_ms = await world.evaluate(
                f"() => [({LAST_TASK_END_JS})(), performance.now()]"
            )
        except Error:
            return None
        # No long task yet counts as quiet since the navigation began.
        quiet_for_s = min(recorder.idle_for_s(), since_task_ms / 1000 if since_task_ms else quiet_s)
        if quiet_for_s >= quiet_s:
            return now_ms
        # Quiet cannot come before the window that began at the last activity ends (a request
        # or task going on now only moves it later): sleeping that long checks no more often
        # than needed and finds the moment without a poll's lag.
        wait_s = max(quiet_s - quiet_for_s, MIN_POLL_S)
        await asyncio.sleep(min(wait_s, max(deadline - time.monotonic(), 0.0)))
    return None


def _speed_run(
    data: dict, throttle: str, quiet_at: float | None, timed_out: bool, recorder: NetworkRecorder
) -> SpeedRun:
    lcp = data.get("lcp") or {}
    network = recorder.requests()
    return SpeedRun(
        throttle=throttle,
        ttfb_ms=_time_to_first_byte(network),
        fcp_ms=_ms(data.get("fcp")),
        lcp_ms=_ms(lcp.get("time")),
        lcp_element=_source(lcp.get("element")),
        layout_shifts=_layout_shifts(data.get("shifts") or []),
        long_tasks=[
            LongTask(round(t["start"], 1), round(t["duration"], 1))
            for t in data.get("longTasks") or []
        ],
        load_ms=_ms(data.get("load")),
        quiet_at_ms=_ms(quiet_at),
        timed_out=timed_out,
        network=network,
    )


def _time_to_first_byte(network: list[NetworkRequest]) -> float | None:
    """From the main document's request to its response headers, in the DevTools network
    log: with throttling applied by DevTools, navigation timing's responseStart does not
    include the added latency (82 ms against 574 ms measured on the demo), the log does."""
    document = next((r for r in network if r.resource_type == "document"), None)
    if document is None or document.response_ms is None:
        return None
    return round(document.response_ms - document.start_ms, 1)


def _layout_shifts(shifts: list[dict]) -> list[LayoutShift]:
    # had_recent_input is kept as Chrome reports it; the CLS audit applies Lighthouse's
    # exception for the flags Chrome sets after the emulated screen is set.
    return [
        LayoutShift(
            time_ms=round(shift["time"], 1),
            value=shift["value"],
            had_recent_input=bool(shift["recent"]),
            sources=[src for src in map(_source, shift.get("sources") or []) if src],
        )
        for shift in shifts
    ]


def _ms(value: float | None) -> float | None:
    return None if value is None or value <= 0 else round(float(value), 1)


def _source(element: dict | None) -> Element | None:
    if not element:
        return None
    box = element.get("box")
    return Element(
        selector=element["selector"],
        box=Box(**box) if box else None,
        snippet=element.get("snippet", ""),
    )
