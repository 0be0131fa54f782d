"""A run: targets in, results out. One browser, a context per (page, device), bounded
concurrency, every wait with a timeout; a page that fails never costs the others."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Callable
from pathlib import Path

from playwright.async_api import Browser, Playwright

import checker.gather.devices as device_profiles
from checker.config.settings import Config
from checker.gather.main_thread import readable
from checker.gather.pass_turns import PassTurns
from checker.gather.remote import client_version
from checker.judge.assemble import error_page, now_iso, page_result, run_result
from checker.judge.auditing import chosen_audits
from checker.model.errors import UsageError
from checker.model.results import ErrorInfo, PageResult, RunResult
from checker.model.urls import check_url
from checker.run.browsers import RunBrowser
from checker.run.driver import run_with_playwright
from checker.run.page_slots import PageSlots
from checker.run.passes import (
    ProgressCallback,
    crash_message,
    layout_passes,
    with_measured_resources,
    with_social_facts,
    with_speed_runs,
)
from checker.run.slices import Slicing, slice_run
from checker.store.pictures import store_images
from checker.store.run_log import PackedPages, RunLog, RunPlan, pack
from checker.store.snapshots import load_pages, save_page

PageCallback = Callable[[int, PageResult], None]


def audit_urls(
    urls: list[str],
    config: Config | None = None,
    *,
    on_progress: ProgressCallback | None = None,
    on_page: PageCallback | None = None,
    skipped: list[dict[str, str]] | None = None,
    slicing: Slicing | None = None,
) -> RunResult:
    """Audit every URL on every configured device and return the run's results.

    The run is recorded in `config.output_dir` as it goes (run.json, results.jsonl and the
    pages' pictures), so a killed run can be resumed with `resume_run`. With `config.shard`
    (I, N) only the Ith of N slices is audited: `slicing`'s (checker.run.slices, weighed by
    earlier runs' timings), else slices weighed by the settings alone. `on_progress(url,
    device)` is called as each (page, device) pass ends; `on_page(index, result)` as each
    page's result is complete, in completion order. `skipped` are pages a crawl left out, kept
    in the record."""
    config = config or Config()
    targets = [check_url(u) for u in urls]
    if not targets:
        raise UsageError("No page to audit.")
    config.access(targets)  # a bad header, cookie or storage-state file fails before any work
    log = RunLog(config.output_dir)
    log.check_writable()  # before the snapshot folder is made: nothing is written half-way
    if config.save_snapshots is not None:
        _prepare_directory(config.save_snapshots)
    plan = RunPlan(targets, now_iso(), config.to_report(), config.shard, skipped)
    if config.shard is not None:
        slicing = slicing or slice_run(targets, config)
        if (
            sum(len(s) for s in slicing.slices) != len(targets)
            or len(slicing.slices) != (config.shard[1])
        ):
            raise UsageError("The slices given were cut for other targets or another count.")
        chosen = slicing.indices(config.shard[0])
        plan = dataclasses.replace(plan, shard_slice=chosen, balance=slicing.record())
    return _execute(plan, {}, log, config, on_progress, on_page, fresh=True)


def resume_run(
    config: Config,
    *,
    on_progress: ProgressCallback | None = None,
    on_page: PageCallback | None = None,
) -> RunResult:
    """Go on with the run recorded in `config.output_dir`: the pages it finished are kept,
    the others audited. The run's own settings (devices, throttling...) are used; secrets
    (headers, cookies, storage state) are never recorded, so they come from `config`."""
    log = RunLog(config.output_dir)
    plan = log.read_plan()
    recorded = log.recorded()
    config = config.with_recorded(plan.config)
    return _execute(plan, recorded, log, config, on_progress, on_page)


def remaining_pages(output_dir: Path) -> int:
    """How many pages a resumed run in this folder still has to audit."""
    log = RunLog(output_dir)
    plan = log.read_plan()
    recorded = log.recorded()
    return sum(1 for i in plan.indices() if i not in recorded)


def _execute(
    plan: RunPlan,
    recorded: dict[int, bytes],
    log: RunLog,
    config: Config,
    on_progress: ProgressCallback | None,
    on_page: PageCallback | None,
    *,
    fresh: bool = False,
) -> RunResult:
    """Audit the plan's pages not yet `recorded` (their lines in the log). Each finished page
    is kept packed, as its record line (PackedPages), not as objects."""
    todo = [(i, plan.targets[i]) for i in plan.indices() if i not in recorded]
    packed = {index: pack(line) for index, line in recorded.items()}

    def browser_ready(browser: dict[str, str] | None = None) -> None:
        # Only now: a run that cannot start (no browser) leaves the folder as it was. A fresh
        # run records the browser it started (the report's methodology names it); a resumed
        # one keeps what its start recorded.
        nonlocal plan
        if fresh:
            if browser:
                plan = dataclasses.replace(plan, config={**plan.config, "browser": browser})
            log.start(plan)

    def finished(index: int, page: PageResult) -> None:
        page = store_images(page, config.output_dir)
        packed[index] = pack(log.append(index, page))
        if on_page is not None:
            on_page(index, page)

    if not todo:
        browser_ready()
        unrecorded = {}
    else:
        unrecorded = run_with_playwright(
            lambda playwright: _run(
                playwright, todo, plan.targets, config, on_progress, browser_ready, finished
            )
        )
    pages = PackedPages(plan.indices(), packed, unrecorded)
    return run_result(pages, plan.config, plan.started_at)


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
    specs = chosen_audits(config.only_categories)
    pages = [
        store_images(
            page_result(url, caps, specs, config.weights, config.only_categories),
            config.output_dir,
        )
        for url, caps in load_pages(directory)
    ]
    return run_result(pages, config.to_report(), started)


async def _run(
    playwright: Playwright,
    todo: list[tuple[int, str]],
    all_targets: list[str],
    config: Config,
    on_progress: ProgressCallback | None,
    browser_ready: Callable[[dict[str, str]], None],
    finished: Callable[[int, PageResult], None],
) -> dict[int, PageResult]:
    """Audit `todo`, each page handed to `finished` as it ends; the pages that could not
    finish (cut by --max-time, lost with the browser) as error pages, by index."""
    access = config.access(all_targets)
    if config.browser_endpoint is None:  # launched here, with the blocking rules
        access = dataclasses.replace(access, browser_blocks=True)
    profiles = [device_profiles.resolve(n, playwright.devices) for n in config.devices]
    browsers = RunBrowser(playwright, config, access)
    # The browser comes up while the audits are imported (a thread, so the loop is free to
    # start it); no browser is an error of the run, not of each page.
    specs_loading = asyncio.create_task(asyncio.to_thread(chosen_audits, config.only_categories))
    try:
        browser_ready(browser_versions(await browsers.get()))
    finally:
        specs = await specs_loading
    # Observed loads read their renderer's waits for a CPU (gather/main_thread.py), which a
    # browser on another machine does not let us do.
    share_cpu = config.browser_endpoint is None and readable()
    slots = PageSlots(config.concurrency)
    turns = PassTurns()
    measuring = asyncio.Semaphore(config.concurrency)

    async def one_page(index: int, url: str) -> None:
        async with slots.page() as slot:
            started = time.monotonic()
            browser = await browsers.get()
            outcomes = await layout_passes(
                browser, url, profiles, config, access, on_progress,
                share_cpu=share_cpu, turns=turns, slot=slot,
            )  # fmt: skip
            slot.load_ended()  # (said already, unless the first load never began)
            outcomes = await with_social_facts(outcomes, config, access)
            captures = await with_speed_runs(
                browser, url, outcomes, config, access, before_load=slot.take_back
            )
            # At most as many pages measured behind the browser as it loads: measured at the
            # lowest priority, on a busy machine they would otherwise pile up in memory.
            await measuring.acquire()
        # The browser is done with the page: the next one starts while its files are measured
        # (fetched again and re-encoded, at the lowest CPU priority).
        try:
            captures = await with_measured_resources(captures, config, access)
        finally:
            measuring.release()
        if config.save_snapshots is not None:
            save_page(config.save_snapshots, index, url, list(captures))
        result = page_result(url, list(captures), specs, config.weights, config.only_categories)
        seconds = round(time.monotonic() - started, 2)
        finished(index, dataclasses.replace(result, audit_seconds=seconds))

    tasks = {i: asyncio.create_task(one_page(i, url)) for i, url in todo}
    try:
        await asyncio.wait(tasks.values(), timeout=config.max_time)
    finally:
        for task in tasks.values():
            task.cancel()
        await asyncio.gather(*tasks.values(), return_exceptions=True)
        await browsers.close()
    return {
        i: _unfinished(task, url, config)
        for (i, url), task in zip(todo, tasks.values(), strict=True)
        if task.cancelled() or task.exception() is not None
    }


def browser_versions(browser: Browser) -> dict[str, str]:
    """The browser and the Playwright that drove it, as the methodology names them."""
    return {"version": browser.version, "playwright": client_version()}


def _unfinished(task: asyncio.Task[None], url: str, config: Config) -> PageResult:
    if task.cancelled():
        error = ErrorInfo(
            "max-time",
            f"The run reached its --max-time of {config.max_time:g} s before this page was "
            "audited; `readiness audit --resume` audits it.",
        )
    else:
        error = ErrorInfo("crash", crash_message(task.exception()))
    return error_page(url, error, config.only_categories)
