"""Throttled speed metrics estimated from an unthrottled load, as Lighthouse's default
"simulate" throttling does (its Lantern model), instead of loading the page throttled.

`estimate_run(observed, profile)` takes a run loaded with no throttling and gives the run as it
would be under `profile`: first byte, first and largest contentful paint, load, long tasks
(hence TBT), and the quiet moment; layout shifts, the LCP element and the network log are kept
as observed. Pure: no browser, no I/O. See graph.py (the observed run as a dependency graph),
simulator.py (the network and CPU) and paints.py (the paints and load from simulated graphs).

The run's long tasks are those the unthrottled run saw (50 ms or more), each x the slowdown
and placed where the simulation runs it: a task of 13-50 ms unthrottled, long under the
slowdown, is not seen, so TBT can come out low on pages of many short tasks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from checker.model.dom_facts import RenderBlocking
from checker.model.load_facts import LongTask, SpeedRun
from checker.model.throttling import THROTTLES, Throttle
from checker.speed_model.graph import build_graph
from checker.speed_model.paints import estimate_paints
from checker.speed_model.simulator import Conditions, simulate

__all__ = ["conditions_for", "estimate_run"]

# Lighthouse core/config/constants.js: DevTools throttling adds its latency per request and
# cannot slow the connection's own round trips, so Lighthouse gives DevTools the RTT x 3.75
# and the throughput x 0.9. The THROTTLES profiles are those adjusted values; the model wants
# the network's own (slow-4g: 562.5 ms -> 150 ms RTT, 1474.56 -> 1638.4 Kbps), as Lantern's
# Simulator.createSimulator does for the "devtools" method.
DEVTOOLS_RTT_ADJUSTMENT_FACTOR = 3.75
DEVTOOLS_THROUGHPUT_ADJUSTMENT_FACTOR = 0.9
SIMULATED = "simulated"  # SpeedRun.method of an estimate


def conditions_for(profile: Throttle) -> Conditions:
    """The simulated network and CPU behind one of checker.model.throttling.THROTTLES."""
    kilobits_per_s = profile.down_kbps / DEVTOOLS_THROUGHPUT_ADJUSTMENT_FACTOR
    return Conditions(
        rtt_ms=profile.latency_ms / DEVTOOLS_RTT_ADJUSTMENT_FACTOR,
        bytes_per_ms=kilobits_per_s * 1024 / 8 / 1000,
        cpu_slowdown=profile.cpu_slowdown,
    )


def estimate_run(
    observed: SpeedRun,
    profile: Throttle,
    *,
    render_blocking: Sequence[RenderBlocking] = (),
    html: str | None = None,
    throttle: str | None = None,
) -> SpeedRun:
    """`observed` (an unthrottled run) as it would be under `profile`.

    `render_blocking` (the layout pass's DomFacts.render_blocking) marks what the first paint
    waited for at best; `html` (the document as the server sent it, PageSnapshot.document.html)
    tells how much of a long document the first paint and each request it names wait for;
    `throttle` names the profile in the result (found in THROTTLES when not given)."""
    if observed.throttle != "none":
        raise ValueError(f"estimate_run needs an unthrottled run, not a {observed.throttle} one")
    name = throttle or _profile_name(profile)
    conditions = conditions_for(profile)
    graph = build_graph(observed, html)
    if graph is None:
        return dataclasses.replace(observed, throttle=name, method=SIMULATED)
    timings = simulate(graph, frozenset(range(len(graph.nodes))), conditions)
    paints = estimate_paints(observed, graph, conditions, [b.url for b in render_blocking])
    root = timings.get(0)
    tasks = [
        LongTask(
            round(timings[n.id].start_ms, 1),
            round(timings[n.id].end_ms - timings[n.id].start_ms, 1),
        )
        if n.id in timings
        else LongTask(n.start_ms, conditions.task_ms(n.duration_ms))
        for n in graph.nodes
        if n.kind == "cpu"
    ]
    last_observed = graph.observed_end(range(len(graph.nodes)))
    last_simulated = max((t.end_ms for t in timings.values()), default=0.0)
    return dataclasses.replace(
        observed,
        throttle=name,
        method=SIMULATED,
        ttfb_ms=_round(root.first_byte_ms if root else None),
        fcp_ms=_round(paints.fcp_ms),
        lcp_ms=_round(paints.lcp_ms),
        load_ms=_round(paints.load_ms),
        long_tasks=sorted(tasks, key=lambda t: t.start_ms),
        quiet_at_ms=_round(
            None
            if observed.quiet_at_ms is None
            else last_simulated + max(0.0, observed.quiet_at_ms - last_observed)
        ),
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _profile_name(profile: Throttle) -> str:
    return next((name for name, p in THROTTLES.items() if p == profile), "custom")
