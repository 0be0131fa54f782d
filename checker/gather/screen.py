"""What the checks that resize the page share: waiting for the page to lay itself out again,
and proving the device's own screen is back before the next check reads the page."""

from __future__ import annotations

from typing import Any

from playwright.async_api import Error

from checker.gather.device_page import IsolatedWorld

# A resize runs the page's resize handlers and media queries before the next frame; two
# frames let what they change be laid out. Bounded: a page in the background, or one that
# holds its frames, does not hold the check.
_SETTLE_JS = """() => new Promise((done) => {
  const timer = setTimeout(done, 500);
  requestAnimationFrame(() => requestAnimationFrame(() => { clearTimeout(timer); done(); }));
})"""
# What a device's emulation sets: the screen, its scale and orientation, and the width the
# page is laid out at.
_SCREEN_JS = """() => [screen.width, screen.height, devicePixelRatio,
                       screen.orientation ? screen.orientation.type : "",
                       document.documentElement.clientWidth]"""


async def settle(world: IsolatedWorld) -> None:
    """Return once the page has laid itself out at its new size (at most half a second)."""
    await world.evaluate(_SETTLE_JS)


async def screen_state(world: IsolatedWorld) -> list[Any]:
    """The screen as the page sees it, to compare before and after a check."""
    return await world.evaluate(_SCREEN_JS)


async def ensure_restored(world: IsolatedWorld, before: list[Any], check: str) -> None:
    """Raise Error unless the page sees the screen it saw before `check` changed it."""
    await settle(world)
    after = await screen_state(world)
    if after != before:
        raise Error(
            f"the page could not be put back on the phone's screen after the {check} check "
            f"(screen width, height, scale, orientation and layout width {before} became "
            f"{after})"
        )
