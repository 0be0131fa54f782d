"""The accessibility passes of large pages take turns, run-wide (gather/pass_turns.py); those
of smaller pages never wait, and no pass waits past its bound."""

from __future__ import annotations

import asyncio
import contextlib
import time
from pathlib import Path

from checker.gather.device_page import DevicePage
from checker.gather.pass_turns import COUNT_WAIT_S, LARGE_PAGE_ELEMENTS, PassTurns
from tests.support.device_pages import loaded_pages

# The page's own world tells a smaller story than its document: the count is ours.
LIES_ABOUT_ITS_SIZE = "<script>document.getElementsByTagName = () => ({length: 0});</script>"


# Loaded, then busy for good: no script of ours gets its turn in the page.
BUSY_FOR_GOOD = "<script>setTimeout(() => { for (;;) {} }, 50);</script>"


def _pages(folder: Path) -> None:
    spans = "<span>x</span>" * LARGE_PAGE_ELEMENTS
    (folder / "large.html").write_text(f"<!doctype html>{LIES_ABOUT_ITS_SIZE}<p>{spans}</p>")
    (folder / "busy.html").write_text(f"<!doctype html>{BUSY_FOR_GOOD}<p>{spans}</p>")
    (folder / "small.html").write_text("<!doctype html><title>Small</title><p>Few elements.</p>")


def _with_pages(folder: Path, names: list[str], scenario):
    """`scenario(opened)` with a device page loaded for each of `names`, in one browser."""
    _pages(folder)

    async def run():
        async with loaded_pages(folder, names) as opened:
            return await scenario(opened)

    return asyncio.run(run())


async def _hold(turns: PassTurns, opened: DevicePage, wait_s: float, hold_s: float, log, name):
    async with turns.turn(opened.world, wait_s):
        log.append((f"{name} in", time.monotonic()))
        await asyncio.sleep(hold_s)
        log.append((f"{name} out", time.monotonic()))


async def _holding(turns: PassTurns, opened: DevicePage, hold_s: float, log, name):
    """A pass started on `opened` that holds its turn for `hold_s`, once it is in."""
    task = asyncio.create_task(_hold(turns, opened, 30, hold_s, log, name))
    while not log:
        await asyncio.sleep(0.01)
    return task


def _order(log) -> list[str]:
    return [event for event, _ in sorted(log, key=lambda entry: entry[1])]


def test_a_large_page_waits_for_the_pass_before_it_and_a_small_one_does_not(tmp_path):
    async def scenario(opened: list[DevicePage]) -> list[str]:
        turns, log = PassTurns(at_once=1), []
        first = await _holding(turns, opened[0], 0.6, log, "large 1")
        await asyncio.gather(
            first,
            _hold(turns, opened[1], 30, 0, log, "large 2"),
            _hold(turns, opened[2], 30, 0, log, "small"),
        )
        return _order(log)

    order = _with_pages(tmp_path, ["large.html", "large.html", "small.html"], scenario)
    assert order.index("small in") < order.index("large 1 out")
    assert order.index("large 1 out") < order.index("large 2 in")


def test_each_pages_view_of_the_turns_shares_the_runs_and_says_which_page_was_large(tmp_path):
    async def scenario(opened: list[DevicePage]) -> tuple[list[str], list[bool]]:
        turns, log = PassTurns(at_once=1), []
        pages = [turns.for_page() for _ in opened]
        first = await _holding(pages[0], opened[0], 0.6, log, "large 1")
        await asyncio.gather(
            first,
            _hold(pages[1], opened[1], 30, 0, log, "large 2"),
            _hold(pages[2], opened[2], 30, 0, log, "small"),
        )
        return _order(log), [page.large for page in pages]

    order, large = _with_pages(tmp_path, ["large.html", "large.html", "small.html"], scenario)
    assert order.index("large 1 out") < order.index("large 2 in")
    assert large == [True, True, False]


def test_two_turns_let_two_large_pages_run_at_once(tmp_path):
    async def scenario(opened: list[DevicePage]) -> list[str]:
        turns, log = PassTurns(at_once=2), []
        await asyncio.gather(
            _hold(turns, opened[0], 30, 0.6, log, "large 1"),
            _hold(turns, opened[1], 30, 0.6, log, "large 2"),
        )
        return _order(log)

    order = _with_pages(tmp_path, ["large.html", "large.html"], scenario)
    assert order[:2] == ["large 1 in", "large 2 in"]


def test_a_pass_that_waited_its_bound_runs_beside_the_one_holding_the_turn(tmp_path):
    async def scenario(opened: list[DevicePage]) -> tuple[list[str], float]:
        turns, log = PassTurns(at_once=1), []
        first = await _holding(turns, opened[0], 5, log, "large 1")
        started = time.monotonic()
        await _hold(turns, opened[1], 0.5, 0, log, "large 2")
        waited = time.monotonic() - started
        first.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await first
        return _order(log), waited

    order, waited = _with_pages(tmp_path, ["large.html", "large.html"], scenario)
    assert order == ["large 1 in", "large 2 in", "large 2 out"]
    assert 0.5 <= waited < 3


def test_a_turn_given_up_or_left_is_free_again(tmp_path):
    async def scenario(opened: list[DevicePage]) -> list[str]:
        turns, log = PassTurns(at_once=1), []
        holding = await _holding(turns, opened[0], 0.8, log, "large 1")
        await _hold(turns, opened[1], 0.2, 0, log, "gave up")  # ran beside it, held nothing
        await holding
        started = time.monotonic()
        await _hold(turns, opened[1], 2, 0, log, "large 2")
        assert time.monotonic() - started < 1.5
        return _order(log)

    order = _with_pages(tmp_path, ["large.html", "large.html"], scenario)
    assert order[-2:] == ["large 2 in", "large 2 out"]


def test_a_page_too_busy_to_be_counted_goes_on_without_a_turn(tmp_path):
    async def scenario(opened: list[DevicePage]) -> tuple[list[str], float]:
        turns, log = PassTurns(at_once=1), []
        holding = await _holding(turns, opened[0], COUNT_WAIT_S + 2, log, "large")
        await asyncio.sleep(0.2)  # the busy page's loop has begun
        started = time.monotonic()
        await asyncio.wait_for(_hold(turns, opened[1], 30, 0, log, "busy"), 10)
        waited = time.monotonic() - started
        await holding
        return _order(log), waited

    order, waited = _with_pages(tmp_path, ["large.html", "busy.html"], scenario)
    assert order.index("busy in") < order.index("large out")
    assert COUNT_WAIT_S <= waited < COUNT_WAIT_S + 2
