"""The in-page collectors (the .js files beside this module), each given the helpers of
elements.js and run in our own world, returning its facts as one JSON string."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from checker.gather.device_page import IsolatedWorld


@cache
def _source(name: str) -> str:
    return files("checker.gather").joinpath(name).read_text(encoding="utf-8")


@cache
def collector_script(name: str) -> str:
    """`name` (a .js file of this package: a function of its argument and the helpers, which
    may return a promise) as a function of one argument, whose `caps` bound the lists the
    helpers fill."""
    # One JSON string crosses the protocol instead of thousands of small objects, which
    # Playwright would otherwise validate one by one (seconds on a large page).
    # A collector may return a promise (axe's run does).
    collector, helpers = _source(name), _source("elements.js")
    return (
        f"(arg) => Promise.resolve(({collector})(arg, ({helpers})(arg.caps)))"
        ".then((facts) => JSON.stringify(facts))"
    )


async def collect(
    world: IsolatedWorld, name: str, arg: dict[str, Any], *, timeout_s: float | None = None
) -> Any:
    """The facts the collector `name` returns for the document shown, as plain data; past
    `timeout_s`, the collector is stopped and TimeoutError raised."""
    return json.loads(await world.evaluate(collector_script(name), arg, timeout_s=timeout_s))
