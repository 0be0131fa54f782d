"""A large page's renderer is collected after axe's groups (gather/axe.py), so three devices'
renderers do not each hold hundreds of MB of axe's garbage at the same moment."""

from __future__ import annotations

import asyncio
from pathlib import Path

from checker.gather.axe import GARBAGE_ABOVE_BYTES, gather_axe
from checker.gather.device_page import DevicePage
from tests.support.device_pages import loaded_pages

MB = 1024 * 1024
PAGE = '<!doctype html><html lang="en"><title>Garbage</title><p>Left behind.</p>'
# ~100 MB of arrays a script of the page builds and lets go of: garbage until V8 collects it.
# Chromium collects once after a load, which may take garbage made before it: made again
# until it stays.
LEAVE_GARBAGE_JS = """() => {
  let junk = [];
  for (let i = 0; i < 800; i++) junk.push(new Array(16384).fill(i + 0.5));
  junk = null;
  return 0;
}"""


async def _used_bytes(opened: DevicePage) -> int:
    session = await opened.context.new_cdp_session(opened.page)
    return (await session.send("Runtime.getHeapUsage"))["usedSize"]


def _in_loaded_page(folder: Path, check):
    (folder / "garbage.html").write_text(PAGE)

    async def run():
        async with loaded_pages(folder, ["garbage.html"]) as [opened]:
            for _ in range(20):
                await opened.page.evaluate(LEAVE_GARBAGE_JS)
                if await _used_bytes(opened) > 64 * MB:
                    break
                await asyncio.sleep(0.2)
            return await check(opened)

    return asyncio.run(run())


def test_a_renderer_holding_more_than_the_limit_is_collected_and_a_small_one_is_not(tmp_path):
    async def check(opened: DevicePage) -> tuple[int, int, int]:
        before = await _used_bytes(opened)
        await opened.world.collect_garbage(above_bytes=1024 * MB)  # holds less: left alone
        left_alone = await _used_bytes(opened)
        await opened.world.collect_garbage(above_bytes=GARBAGE_ABOVE_BYTES)
        return before, left_alone, await _used_bytes(opened)

    before, left_alone, collected = _in_loaded_page(tmp_path, check)
    assert before > GARBAGE_ABOVE_BYTES and left_alone > GARBAGE_ABOVE_BYTES
    assert collected < 16 * MB < before


def test_axe_leaves_the_renderer_collected(tmp_path):
    async def check(opened: DevicePage) -> tuple[int, int]:
        before = await _used_bytes(opened)
        facts = await gather_axe(opened)
        assert facts.rules and not facts.timed_out
        return before, await _used_bytes(opened)

    before, after = _in_loaded_page(tmp_path, check)
    assert before > GARBAGE_ABOVE_BYTES
    assert after < 16 * MB
