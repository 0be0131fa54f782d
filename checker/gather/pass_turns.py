"""The accessibility passes of large pages take turns, run-wide.

axe-core builds a node of its own for every element and caches every box's styles: on a page
of thousands of elements its pass takes the renderer from ~200 MB to ~450 MB and keeps the
browser busy for seconds (corpus, one phone alone: wikipedia-2's 9,893 elements +254 MB and
13.7 s, archive-of-our-own's 4,293 +216 MB and 16.4 s, pixnet's 2,941 +116 MB; pages under
2,100 elements +60-100 MB in about a second). A page's devices reach their pass at about the
same time, so a heavy page had three such renderers at once, a crawl's peak, and three passes
sharing two cores ran axe's slow rules past their time limits on every device.

On 2 cores, one pass at a time (the whole page, 3 devices, `readiness audit` of the page):
wikipedia-2 peaked at 1,193-1,214 MB against 1,404-1,424, and color-contrast reached a
verdict on two devices of three instead of none, in 43 s against 23-25; archive-of-our-own
949-953 MB against 1,188-1,221, color-contrast decided on every device instead of none, in
49-51 s against 22-23; pixnet and wikipedia 200-250 MB less in +1-3 s. Two at a time held as
much as three (1,393-1,414 MB) and took 35-37 s. Passes of smaller pages never wait.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import os
from collections.abc import AsyncIterator

from playwright.async_api import Error

from checker.gather.device_page import IsolatedWorld

# From here on a page's pass waits for a turn: in the corpus, the passes that added 116 MB
# and more were on pages of 2,781 elements and more, those on 2,049 and fewer 60-100 MB.
LARGE_PAGE_ELEMENTS = 2_500
_ELEMENTS_JS = "() => document.getElementsByTagName('*').length"
# A page whose scripts keep its renderer busy does not answer the count: its pass goes on
# without a turn after this long, to time out check by check with its other facts kept.
COUNT_WAIT_S = 2.0


class PassTurns:
    """How many passes of large pages run at once, in one run: one per two cores (measured on
    two cores only, where one at a time is the figures above)."""

    def __init__(self, at_once: int | None = None) -> None:
        self.at_once = at_once or max(1, (os.cpu_count() or 1) // 2)
        self._turns = asyncio.Semaphore(self.at_once)
        # Whether a pass that took its turn here counted a large page (see for_page()).
        self.large = False

    def for_page(self) -> PassTurns:
        """The run's turns as one page's passes take them, whose `large` says whether any
        of them found the page large."""
        page = copy.copy(self)  # the same turns
        page.large = False
        return page

    @contextlib.asynccontextmanager
    async def turn(self, world: IsolatedWorld, wait_s: float) -> AsyncIterator[None]:
        """Enter once the page in `world` may run its pass: at once on a smaller page, on a
        large one when a turn is free, or after `wait_s` whatever the others do (a pass that
        waited that long runs beside them rather than lose its verdicts)."""
        try:
            # Not stopped past its time: the page's own script is what would be stopped.
            elements = await asyncio.wait_for(world.evaluate(_ELEMENTS_JS), COUNT_WAIT_S)
        except (Error, TimeoutError):
            elements = 0  # gone, or too busy to answer: its checks fail on their own
        if elements < LARGE_PAGE_ELEMENTS:
            yield
            return
        self.large = True
        try:
            # A turn freed as the wait times out is handed back, not lost (Semaphore.acquire).
            await asyncio.wait_for(self._turns.acquire(), wait_s)
        except TimeoutError:
            yield
            return
        try:
            yield
        finally:
            self._turns.release()
