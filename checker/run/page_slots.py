"""Pages take turns in the browser, and a page may hand its turn on before its end.

Each page's first phone observes its load: a quiet second after it, then its own layout read
and accessibility pass, which it ran alone once the other devices were done, one core of two
idle (the five-page site: about 0.4 s a page). Once that pass is all a page has left, it
hands its turn to the next page and runs the pass after the next page's first load has
ended, beside that page's quiet second: a load observed for speed still has the browser to
itself up to its load event, as its own page's other devices leave it until then. A page
that hands its turn on holds a place among the finishing pages, as many as may load at once,
so a slow pass never lets pages pile up in the browser; one that must load again (a speed
run of its own) takes a turn back first.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import AsyncIterator


class PageSlots:
    """`at_once` pages in the browser, and up to as many more finishing their last pass."""

    def __init__(self, at_once: int) -> None:
        self._turns = asyncio.Semaphore(at_once)
        self._finishing_left = at_once
        self._waiting = 0
        # Pages that handed their turn on, each waiting for the first load of the page that
        # takes it.
        self._handed_on: deque[asyncio.Event] = deque()

    @contextlib.asynccontextmanager
    async def page(self) -> AsyncIterator[PageSlot]:
        """A page's time in the browser, from its turn to its end."""
        self._waiting += 1
        try:
            await self._turns.acquire()
        finally:
            self._waiting -= 1
        slot = PageSlot(self, self._handed_on.popleft() if self._handed_on else None)
        try:
            yield slot
        finally:
            slot.leave()


class PageSlot:
    """One page's turn: held, handed on (the page finishing its last pass), or left."""

    def __init__(self, slots: PageSlots, page_before: asyncio.Event | None) -> None:
        self._slots = slots
        self._page_before = page_before  # set once this page's first load has ended
        self._state = "turn"

    def may_hand_on(self) -> bool:
        """Whether a page waits for this turn and a place among the finishing pages is free."""
        slots = self._slots
        return self._state == "turn" and slots._waiting > 0 and slots._finishing_left > 0

    async def hand_on(self, wait_s: float) -> None:
        """Hand the turn to the next page (when may_hand_on()) and return once that page's
        first load has ended, or after `wait_s`."""
        if not self.may_hand_on():
            return
        slots, next_loaded = self._slots, asyncio.Event()
        slots._finishing_left -= 1
        slots._handed_on.append(next_loaded)
        slots._turns.release()
        self._state = "finishing"
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(next_loaded.wait(), wait_s)

    def load_ended(self) -> None:
        """This page's first load has ended (loaded or not): a page that handed its turn to
        this one goes on with its pass."""
        if self._page_before is not None:
            self._page_before.set()
            self._page_before = None

    async def take_back(self) -> None:
        """Hold a turn again (after handing it on), before another load of this page."""
        if self._state != "finishing":
            return
        await self._slots._turns.acquire()
        self._slots._finishing_left += 1
        self._state = "turn"

    def leave(self) -> None:
        self.load_ended()
        if self._state == "turn":
            self._slots._turns.release()
        elif self._state == "finishing":
            self._slots._finishing_left += 1
        self._state = "left"
