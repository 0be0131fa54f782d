"""The accessibility pass: once a device's layout is read, axe-core and our own checks of what
axe cannot see run in the same loaded page (no load of their own), one after another, each
bounded in time and on its own: one that fails or times out is that gatherer's failure, and
the page keeps every other fact."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from playwright.async_api import Error

from checker.gather.axe import AXE_TIME_S, gather_axe
from checker.gather.device_page import DevicePage
from checker.gather.failures import first_line
from checker.gather.orientation import gather_orientation
from checker.gather.pass_turns import PassTurns
from checker.gather.reflow import gather_reflow
from checker.gather.text_fit import gather_text_spacing, gather_zoom_text
from checker.model.snapshot import GatherFailure, PageSnapshot

# axe holds each group of its rules to a time of its own (gather/axe.py). Our own checks lay
# the page out again with their change: text spacing and text size 1-2 s for a 10,000-element
# article on a busy 2-core machine; reflow and orientation, three layouts each (at the new
# size, and back), about a second on a 30,000 px page. Each is also held to what is left of
# the page's timeout.
CHECK_TIMEOUT_S = {
    "axe": AXE_TIME_S,
    "text_spacing": 10.0,
    "zoom_text": 10.0,
    "reflow": 10.0,
    "orientation": 10.0,
}
DEFAULT_CHECK_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class AccessibilityCheck:
    """One gatherer of the pass: its name (in GATHERERS, and the snapshot field it fills) and
    the coroutine reading it from the loaded page."""

    gatherer: str
    gather: Callable[[DevicePage], Awaitable[Any]]
    # Whether its script may be stopped in the page past its time: not for one that changes
    # the page and puts it back in the same script, which would leave the page changed for
    # the checks after it (they wait for it to end instead).
    stoppable: bool = True


# In this order: those that read the page as it is before those that change it (styles,
# then the viewport's size), each restoring what it changed.
CHECKS: tuple[AccessibilityCheck, ...] = (
    AccessibilityCheck("axe", gather_axe),
    AccessibilityCheck("text_spacing", gather_text_spacing, stoppable=False),
    AccessibilityCheck("zoom_text", gather_zoom_text, stoppable=False),
    AccessibilityCheck("reflow", gather_reflow),
    AccessibilityCheck("orientation", gather_orientation),
)


async def with_accessibility(
    opened: DevicePage, snapshot: PageSnapshot, timeout_s: float, turns: PassTurns | None = None
) -> PageSnapshot:
    """The snapshot with every check's facts, or its failure, and how long each took. The
    whole pass takes at most `timeout_s`; a check left no time is a failure too. With `turns`,
    a large page's pass waits for its turn first (at most `timeout_s` too)."""
    if turns is None:
        return await _with_checks(opened, snapshot, timeout_s)
    async with turns.turn(opened.world, timeout_s):
        return await _with_checks(opened, snapshot, timeout_s)


async def _with_checks(
    opened: DevicePage, snapshot: PageSnapshot, timeout_s: float
) -> PageSnapshot:
    facts: dict[str, Any] = {}
    failures: list[GatherFailure] = []
    took_ms: dict[str, float] = {}
    deadline = time.monotonic() + timeout_s
    for check in CHECKS:
        limit = min(CHECK_TIMEOUT_S.get(check.gatherer, DEFAULT_CHECK_TIMEOUT_S), timeout_s)
        limit = min(limit, deadline - time.monotonic())
        if limit <= 0:
            message = f"The checks before it used the page's {timeout_s:g} s."
            failures.append(GatherFailure(check.gatherer, "timeout", message))
            took_ms[check.gatherer] = 0.0
            continue
        started = time.perf_counter()
        try:
            facts[check.gatherer] = await asyncio.wait_for(check.gather(opened), limit)
        except TimeoutError:
            if check.stoppable:  # a script still running would hold up the next check
                await opened.world.stop()
            message = f"The page kept the browser busy for over {limit:g} s."
            failures.append(GatherFailure(check.gatherer, "timeout", message))
        except Error as exc:
            kind = "crash" if opened.events.crashed else "browser"
            failures.append(GatherFailure(check.gatherer, kind, first_line(exc)))
        except Exception as exc:  # a gatherer's bug loses its facts, never the page
            failures.append(GatherFailure(check.gatherer, "error", first_line(exc)))
        took_ms[check.gatherer] = round((time.perf_counter() - started) * 1000, 1)
        if opened.events.crashed:
            break
    failures += [
        GatherFailure(c.gatherer, "crash", "The browser tab crashed during the checks before it.")
        for c in CHECKS
        if c.gatherer not in took_ms
    ]
    return dataclasses.replace(
        snapshot,
        **facts,
        accessibility_ms=took_ms,
        gather_failures=[*snapshot.gather_failures, *failures],
    )
