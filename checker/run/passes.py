"""The passes over one page: each device's layout pass, the link crawlers' view once per page,
and the speed pass on the chosen devices (applied or simulated), every one bounded in time."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from playwright.async_api import Browser, Error

from checker.config.settings import Config
from checker.gather.access import Access
from checker.gather.failures import PageLoadError, first_line
from checker.gather.page import capture
from checker.gather.pass_turns import PassTurns
from checker.gather.resources import gather_resources
from checker.gather.social import gather_social
from checker.gather.speed import speed_run
from checker.judge.assemble import DeviceCapture
from checker.model.load_facts import ResourceFacts, SpeedRun
from checker.model.results import ErrorInfo
from checker.model.snapshot import DeviceInfo, GatherFailure, PageSnapshot
from checker.model.throttling import THROTTLES
from checker.run.page_slots import PageSlot
from checker.speed_model import estimate_run

# Beyond the page's own timeout: closing contexts, screenshots, a renderer that hangs.
GUARD_EXTRA_S = 15.0

ProgressCallback = Callable[[str, str], None]
_PLAYWRIGHT_CALL = re.compile(r"^[A-Za-z]+\.[A-Za-z_]+: ")


@dataclass(frozen=True)
class LayoutOutcome:
    """A device's layout pass: its capture, the consent it gave to a cookie banner, and its
    load observed as an unthrottled speed run (on the device that observes the load)."""

    capture: DeviceCapture
    consent_state: dict[str, Any] | None = None
    speed_run: SpeedRun | None = None


async def layout_passes(
    browser: Browser,
    url: str,
    devices: list[DeviceInfo],
    config: Config,
    access: Access,
    on_progress: ProgressCallback | None,
    *,
    share_cpu: bool = False,
    turns: PassTurns | None = None,
    slot: PageSlot | None = None,
) -> list[LayoutOutcome]:
    """Every device's layout pass, in parallel. Where the speed pass would load the page
    unthrottled, one phone's layout load is observed as that run instead of a load of its
    own, and what it measures must not grow with the work beside it. Its requests' times are
    kept as observed (the model keeps a server's time to answer), so the other devices start
    at its load event, once the page's files are in. Its tasks then run beside them: timed by
    the wall clock, one device loading beside it stretched the tasks after load 2-4x, which
    the model multiplies by the CPU slowdown (speed_model_accuracy.py: TBT +137-555% on its
    CPU pages); with `share_cpu` they lose the time other work kept them off the CPU
    (gather/main_thread.py). Without (a browser on another machine, whose threads cannot be
    read), the other devices start once the observation has ended. A large page's
    accessibility passes take `turns` (gather/pass_turns.py). With the page's `slot` and
    `share_cpu`, the observing phone hands the page's turn on once its accessibility pass is
    all the page has left, and runs it beside the next page from that page's load event on
    (run/page_slots.py); its own load's end is told to the page before."""
    observer = observing_device(devices, config)
    start_others = asyncio.Event()
    if observer is None:
        start_others.set()
    page_turns = None if turns is None else turns.for_page()
    # Without `share_cpu` nothing may run beside an observed load's quiet second.
    hands_on = slot is not None and share_cpu and observed_run_suffices(config)
    others_done = asyncio.Event()
    others_left = {device.name for device in devices if device is not observer}

    def observer_loaded() -> None:
        if share_cpu:
            start_others.set()
        if slot is not None:
            slot.load_ended()

    async def hand_on_before_pass(run_stands: bool) -> None:
        # Within the one timeout the pass's guard allows for it: the other devices' passes
        # end about when the observer's read does; the next page's load within its timeout.
        if slot is None or not run_stands or not slot.may_hand_on():
            return
        deadline = time.monotonic() + config.timeout
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(others_done.wait(), config.timeout)
        if others_done.is_set() and not (page_turns is not None and page_turns.large):
            await slot.hand_on(max(0.0, deadline - time.monotonic()))

    async def one(device: DeviceInfo) -> LayoutOutcome:
        observing = device is observer
        if not observing:
            await start_others.wait()
        try:
            return await layout_pass(
                browser, url, device, config, access, on_progress,
                observe_speed=observing,
                share_cpu=share_cpu,
                turns=page_turns,
                on_loaded=observer_loaded if observing else None,
                on_observed=start_others.set if observing else None,
                before_pass=hand_on_before_pass if observing and hands_on else None,
            )  # fmt: skip
        finally:
            if observing:
                start_others.set()
            else:
                others_left.discard(device.name)
                if not others_left:
                    others_done.set()

    if not others_left:
        others_done.set()
    return list(await asyncio.gather(*(one(device) for device in devices)))


async def layout_pass(
    browser: Browser,
    url: str,
    device: DeviceInfo,
    config: Config,
    access: Access,
    on_progress: ProgressCallback | None,
    *,
    observe_speed: bool = False,
    share_cpu: bool = False,
    turns: PassTurns | None = None,
    on_loaded: Callable[[], None] | None = None,
    on_observed: Callable[[], None] | None = None,
    before_pass: Callable[[bool], Awaitable[None]] | None = None,
) -> LayoutOutcome:
    """The layout pass of one device (see capture() for `observe_speed`, `share_cpu`,
    `turns`, `on_loaded`, `on_observed` and `before_pass`)."""
    # Observing the load waits for the page to be quiet, and the accessibility pass runs
    # after the page is read (after waiting for its turn, and for `before_pass`), each
    # bounded by the timeout too.
    accessibility = config.runs_category("accessibility")
    waits_turn = accessibility and turns is not None
    waits_before = accessibility and before_pass is not None
    guard = (
        config.timeout * (1 + observe_speed + accessibility + waits_turn + waits_before)
        + GUARD_EXTRA_S
    )
    try:
        layout = await asyncio.wait_for(
            capture(
                browser,
                url,
                device,
                timeout_s=config.timeout,
                access=access,
                accept_consent=config.accept_consent,
                observe_speed=observe_speed,
                accessibility=accessibility,
                turns=turns,
                share_cpu=share_cpu,
                on_loaded=on_loaded,
                on_observed=on_observed,
                before_pass=before_pass,
            ),
            guard,
        )
        outcome = LayoutOutcome(
            DeviceCapture(device, layout.snapshot), layout.consent_state, layout.speed_run
        )
    except PageLoadError as exc:
        outcome = LayoutOutcome(DeviceCapture(device, None, exc.info))
    except TimeoutError:
        message = f"The page did not respond within {config.timeout:g} s."
        outcome = LayoutOutcome(DeviceCapture(device, None, ErrorInfo("timeout", message)))
    except Exception as exc:  # a crashed renderer or a driver error: this pass only
        error = ErrorInfo("crash", crash_message(exc))
        outcome = LayoutOutcome(DeviceCapture(device, None, error))
    if on_progress is not None:
        on_progress(url, device.name)
    return outcome


def observed_run_suffices(config: Config) -> bool:
    """Whether the observed load is every speed run the page gets: one run, on the first
    phone (the observing device, once it has loaded)."""
    return config.runs == 1 and config.speed_devices == "first"


def observing_device(devices: list[DeviceInfo], config: Config) -> DeviceInfo | None:
    """The device whose layout load stands for its first speed run: the first phone (the
    device the speed pass picks by default), when that run is unthrottled."""
    unthrottled = _simulates(config) or config.throttle == "none"
    if not unthrottled or not measures_speed(config) or not devices:
        return None
    return next((d for d in devices if d.is_mobile), devices[0])


async def with_social_facts(
    outcomes: list[LayoutOutcome],
    config: Config,
    access: Access,
) -> list[LayoutOutcome]:
    """Fetch what link crawlers get, once per page, and give it to every device's snapshot;
    nothing when social is not audited (no other category reads it)."""
    if not config.runs_category("social"):
        return outcomes
    first = next((o.capture.snapshot for o in outcomes if o.capture.snapshot is not None), None)
    if first is None:
        return outcomes
    failure = None
    try:
        social = await asyncio.wait_for(
            gather_social(first.final_url, first.server_head, timeout_s=config.timeout,
                          is_blocked=access.is_blocked, verify_tls=not access.ignore_https_errors,
                          ai_want=config.ai_want),
            config.timeout + GUARD_EXTRA_S,
        )  # fmt: skip
    except TimeoutError:
        social, failure = None, GatherFailure(
            "social", "timeout",
            f"fetching the page as the link crawlers do took over {config.timeout:g} s",
        )  # fmt: skip
    except Exception as exc:  # a gatherer bug loses these facts, never the page
        social, failure = None, GatherFailure("social", "error", first_line(exc))

    def with_social(capture: DeviceCapture) -> DeviceCapture:
        if capture.snapshot is None:
            return capture
        snapshot = dataclasses.replace(capture.snapshot, social=social)
        if failure is not None:
            snapshot = with_failure(snapshot, failure)
        return DeviceCapture(capture.device, snapshot, capture.error)

    return [dataclasses.replace(o, capture=with_social(o.capture)) for o in outcomes]


async def with_speed_runs(
    browser: Browser,
    url: str,
    outcomes: list[LayoutOutcome],
    config: Config,
    access: Access,
    before_load: Callable[[], Awaitable[None]] | None = None,
) -> list[DeviceCapture]:
    """The speed runs on the devices the config names, attached to their snapshots (their
    files are measured by with_measured_resources): the load their layout pass observed when
    it did, else (and for further --runs) loads of their own, one after another so they do
    not slow each other, each once `before_load()` has returned. A device whose layout pass
    accepted a cookie banner starts with that consent, so the banner neither paints the LCP
    nor covers the page."""
    captures = [outcome.capture for outcome in outcomes]
    chosen = _speed_devices(captures, config.speed_devices) if measures_speed(config) else set()
    simulate = _simulates(config)
    result = []
    for outcome in outcomes:
        device_capture, snapshot = outcome.capture, outcome.capture.snapshot
        if device_capture.device.name not in chosen or snapshot is None:
            result.append(device_capture)
            continue
        observed = [] if outcome.speed_run is None else [outcome.speed_run]
        failures: list[GatherFailure] = []
        for _ in range(config.runs - len(observed)):
            if before_load is not None:
                await before_load()
            one_run = speed_run(
                browser,
                url,
                device_capture.device,
                throttle="none" if simulate else config.throttle,
                timeout_s=config.timeout,
                access=_with_state(access, outcome.consent_state),
            )
            try:
                observed.append(await asyncio.wait_for(one_run, config.timeout + GUARD_EXTRA_S))
            except TimeoutError:
                failures.append(GatherFailure("speed", "timeout", _speed_timeout(config)))
            except Error as exc:
                failures.append(GatherFailure("speed", "browser", first_line(exc)))
        runs = [_simulated(run, snapshot, config) for run in observed] if simulate else observed
        if runs:
            snapshot = dataclasses.replace(snapshot, speed_runs=runs)
        elif failures:  # no run at all: fewer runs than asked only widen the median's spread
            snapshot = with_failure(snapshot, failures[0])
        result.append(DeviceCapture(device_capture.device, snapshot, device_capture.error))
    return result


async def with_measured_resources(
    captures: list[DeviceCapture], config: Config, access: Access
) -> list[DeviceCapture]:
    """Each speed run's files fetched again and measured for the savings audits. No browser
    is needed, so the runner does it outside the page's turn, while the next page loads."""
    result = []
    for device_capture in captures:
        snapshot = device_capture.snapshot
        if snapshot is None or not snapshot.speed_runs:
            result.append(device_capture)
            continue
        resources, failure = await _measured_resources(
            snapshot.speed_runs, snapshot, config, access
        )
        snapshot = dataclasses.replace(snapshot, resources=resources)
        if failure is not None:
            snapshot = with_failure(snapshot, failure)
        result.append(DeviceCapture(device_capture.device, snapshot, device_capture.error))
    return result


async def _measured_resources(
    runs: list[SpeedRun],
    snapshot: PageSnapshot,
    config: Config,
    access: Access,
) -> tuple[list[ResourceFacts], GatherFailure | None]:
    """The first run's resources fetched again and measured for the savings audits."""
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
        return await asyncio.wait_for(measuring, config.timeout + GUARD_EXTRA_S), None
    except TimeoutError:
        message = f"fetching the page's files again to measure them took over {config.timeout:g} s"
        return [], GatherFailure("resources", "timeout", message)
    except Exception as exc:  # a gatherer bug loses these facts, never the page
        return [], GatherFailure("resources", "error", first_line(exc))


def with_failure(snapshot: PageSnapshot, failure: GatherFailure) -> PageSnapshot:
    """The snapshot with one more gatherer's failure (each gatherer at most once)."""
    if snapshot.failure_of(failure.gatherer) is not None:
        return snapshot
    return dataclasses.replace(snapshot, gather_failures=[*snapshot.gather_failures, failure])


def _speed_timeout(config: Config) -> str:
    return f"the page's speed run did not end within {config.timeout:g} s"


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


def measures_speed(config: Config) -> bool:
    """Whether any device gets a speed run: not when speed is not audited, or on no device."""
    return config.runs_category("speed") and config.speed_devices != "none"


def _simulates(config: Config) -> bool:
    """Whether the speed runs are unthrottled loads turned into the throttle's estimate."""
    return config.throttle_method == "simulate" and config.throttle != "none"


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
    line = first_line(exc, limit=None)
    if "crash" in line.lower():
        return (
            "The browser tab crashed while auditing this page (often a page that runs out "
            "of memory)."
        )
    if "has been closed" in line or "disconnected" in line.lower():
        return "The browser stopped while auditing this page; it was started again for the others."
    # "Page.goto: net::ERR_..." -> "net::ERR_..."
    detail = _PLAYWRIGHT_CALL.sub("", line, count=1)
    return f"The browser failed while auditing this page: {detail[:200]}"
