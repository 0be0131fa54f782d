"""A script of ours with a time limit is stopped in the page when its time runs out, and when
its caller gives it up first: what runs in the page next must not wait for it to end."""

from __future__ import annotations

import asyncio
import contextlib
import time

from checker.gather.device_page import IsolatedWorld
from tests.support.device_pages import loaded_pages

PAGE = '<!doctype html><html lang="en"><title>Busy</title><p>Text.</p>'
# Keeps the renderer's main thread for 20 s, as an axe rule did on a page of 10,000 links.
BUSY_JS = "() => { const end = Date.now() + 20000; while (Date.now() < end) {} return 1; }"


def _next_script_seconds(tmp_path, run_busy) -> float:
    """How long a one-line script takes in the page once `run_busy(world)` has given up the
    busy script."""
    (tmp_path / "busy.html").write_text(PAGE)

    async def run() -> float:
        async with loaded_pages(tmp_path, ["busy.html"]) as [opened]:
            with contextlib.suppress(TimeoutError):
                await run_busy(opened.world)
            started = time.monotonic()
            assert await opened.world.evaluate("() => 2") == 2
            return time.monotonic() - started

    return asyncio.run(run())


def test_a_script_past_its_own_time_is_stopped(tmp_path):
    async def own_time(world: IsolatedWorld) -> None:
        await world.evaluate(BUSY_JS, timeout_s=0.5)

    assert _next_script_seconds(tmp_path, own_time) < 3


def test_a_script_its_caller_gave_up_is_stopped(tmp_path):
    async def callers_time(world: IsolatedWorld) -> None:
        # The caller's time (an accessibility check's) runs out before the script's own.
        await asyncio.wait_for(world.evaluate(BUSY_JS, timeout_s=10), 0.5)

    assert _next_script_seconds(tmp_path, callers_time) < 3
