"""axe-core's rules that matter on a phone, run in the loaded page on each device.

axe-core comes from axe-playwright-python, which bundles a current release of it (and so
installs with pip, runs offline and is pinned in pyproject.toml). Its own run() evaluates axe
in the page's world, where a page that replaces Array.prototype.map, JSON.stringify or
Element.prototype.matches changes axe's verdicts; we load the same axe-core into our own world
(device_page.IsolatedWorld) instead, where the page's scripts do not reach.
"""

from __future__ import annotations

import contextlib
from functools import cache
from importlib.resources import files
from typing import Any

from playwright.async_api import Error

from checker.gather.device_page import DevicePage
from checker.gather.in_page import collect
from checker.model.axe_facts import AxeFacts
from checker.model.serde import from_data

# The rules run, those the accessibility audits judge (audits/accessibility/), by axe's ids,
# in groups each held to its own time: color-contrast and target-size take seconds on a page
# of thousands of links (over two minutes for target-size on one real page of 3,861), the
# others a few ms. A group past its time is stopped in the page and its rules recorded as
# timed out, which their audits report as errors; the other groups keep their verdicts.
RULE_GROUPS: tuple[tuple[tuple[str, ...], float], ...] = (
    (
        (
            "meta-viewport",
            "meta-viewport-large",
            "link-name",
            "button-name",
            "image-alt",
            "input-image-alt",
            "label",
            "autocomplete-valid",
            "html-has-lang",
            "document-title",
            "scrollable-region-focusable",
            "css-orientation-lock",
        ),
        5.0,
    ),
    (("color-contrast",), 8.0),
    (("target-size",), 6.0),
)
AXE_RULES = tuple(rule for rules, _ in RULE_GROUPS for rule in rules)
# The most the groups may take together (with loading axe), for the pass's own bound.
AXE_TIME_S = sum(limit for _, limit in RULE_GROUPS) + 2.0
# Failing (or undecided) elements kept per rule: enough to fix from; the rest are counted.
MAX_NODES = 50
# Between groups and once axe is done, a renderer whose JavaScript holds more than this is
# collected at once: on a large page axe's garbage (its caches, a stopped group's half-built
# ones) took the renderer from ~200 MB to ~550 MB, three devices' at the same time
# (wikipedia-2's phone: 539-549 MB at its peak, 391-458 MB collected; wikipedia 305 ->
# 236-271). Small pages hold 8-28 MB after a group, never a crawl's peak: they are spared a
# full collection.
GARBAGE_ABOVE_BYTES = 32 * 1024 * 1024
# A style sheet's text given to axe is cut here (a hostile page's 100 MB sheet).
MAX_STYLESHEET_CHARS = 2_000_000

_LOADED_JS = "() => typeof axe === 'object' && typeof axe.run === 'function'"
_SETUP_JS = "() => { axe.setup(document); return 0; }"
_TEARDOWN_JS = "() => { axe.teardown(); return 0; }"
# After a stopped group: axe is told it no longer runs (it would refuse the next group,
# "Axe is already running"), and its caches are read afresh. The stopped rule may have left
# them half built: color-contrast marks the page's grid of boxes built before it builds it,
# and target-size then found no neighbours in it and passed every target (wikipedia's
# 319 crowded links passed on a phone whenever color-contrast was stopped after 1 s).
_RESET_JS = "() => { axe._running = false; axe.teardown(); axe.setup(document); return 0; }"


@cache
def axe_source() -> str:
    """axe-core's script, as the binding ships it."""
    return files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


async def gather_axe(opened: DevicePage) -> AxeFacts:
    world = opened.world
    if not await world.evaluate(_LOADED_JS):
        await world.evaluate(f"() => {{ {axe_source()}\n }}")
    # axe reads style sheets on other hosts again with XMLHttpRequest, which CORS (and
    # --block-external) refuses: its orientation rule then cannot decide. It is given the
    # text the browser received instead; a sheet that never loaded is empty, as it was for
    # the page.
    sheets = await opened.recorder.stylesheet_texts(MAX_STYLESHEET_CHARS)
    version, style_sheets = "", 0
    rules: dict[str, Any] = {}
    timed_out: dict[str, float] = {}
    # The page's tree is read once for every group (a fifth of axe's time on a large page).
    await world.evaluate(_SETUP_JS)
    try:
        for index, (group, limit) in enumerate(RULE_GROUPS):
            if index:  # what the group before left; the last one's goes with the teardown
                await world.collect_garbage(GARBAGE_ABOVE_BYTES)
            arg = {"rules": list(group), "cap": MAX_NODES, "stylesheets": sheets}
            try:
                facts = await collect(world, "axe_run.js", arg, timeout_s=limit)
            except TimeoutError:
                timed_out |= dict.fromkeys(group, limit)
                await world.evaluate(_RESET_JS)
                continue
            version, style_sheets = facts["version"], facts["style_sheets"]
            rules |= facts["rules"]
    finally:
        # Tidying up a page that is gone (the page's guard closed it while this was stopped)
        # has nothing to tidy; its error would outlive the pass as an unretrieved one.
        with contextlib.suppress(Error):
            await world.evaluate(_TEARDOWN_JS)
        await world.collect_garbage(GARBAGE_ABOVE_BYTES)  # axe's caches, let go of
    if not version:  # every group ran out of time: nothing axe said is known, not even its version
        version = await world.evaluate("() => axe.version")
    data = {
        "version": version,
        "rules": rules,
        "style_sheets": style_sheets,
        "timed_out": timed_out,
    }
    return from_data(AxeFacts, data)
