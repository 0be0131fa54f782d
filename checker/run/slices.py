"""The slices of a sharded run: every target in exactly one slice, the slices' expected seconds
as even as a greedy longest-first assignment makes them, and the same slices on every machine
given the same targets, settings and timings, so a rerun of one slice redoes the same pages
and `readiness merge` joins the slices whole.

A page weighs what its audit took in its site's last timed run in the history (scaled when the
settings changed since), else what the settings make the run do to it: its devices' layout and
accessibility passes, its social fetch, its speed runs. With every page weighing the same, the
assignment is round robin: target k in slice k mod N + 1."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from checker.config.settings import Config
from checker.model.errors import UsageError
from checker.model.history import TimedRun
from checker.model.urls import host_port_label, page_key

# A page's seconds on this machine (2 cores, Debian's Chromium 156, one page at a time) by what
# the run does to it, from `benchmarks/page_cost.py --rounds 2`: the mean page of throughput.py's
# 10 pages (the demo's 4, 6 corpus pages) under each setting, each figure the difference of
# two settings that differ by that one thing. Measured under the load of other work (load
# average 10-15), so each is high and their sum (18.7 s for the defaults) overstates the
# defaults' 14.5 s, passes overlapping; they weigh pages against each other, and a timed run
# in the history takes their place.
PAGE_S = 0.6  # whatever the settings: its contexts, its result, its record
LAYOUT_DEVICE_S = 1.7  # each device's layout pass: load, facts, screenshots
ACCESSIBILITY_DEVICE_S = 3.0  # each device's axe-core run and the four checks axe cannot make
SOCIAL_S = 1.1  # the page fetched as the link crawlers fetch it, its share image measured
OBSERVED_SPEED_S = 3.0  # the first phone's load watched until quiet (simulated speed)
OWN_LOAD_S = 1.1  # a speed run of its own at full speed (more --runs, --speed-devices all)
APPLIED_LOAD_S = 6.5  # a speed run under DevTools' slow-4g (--throttle-method apply)

Settings = Mapping[str, Any]  # shaped as report.json's config (Config.to_report)
SETTINGS_BASIS = "the settings"  # no timings: every page of a run weighs the same


@dataclass(frozen=True)
class Slicing:
    """The slices of one sharded run: slice I's target indices (ascending) at slices[I - 1],
    each target's expected seconds, and what those came from, in words."""

    slices: tuple[tuple[int, ...], ...]
    seconds: tuple[float, ...]
    basis: str

    def indices(self, number: int) -> list[int]:
        return list(self.slices[number - 1])

    def expected(self, number: int) -> float:
        return sum(self.seconds[i] for i in self.slices[number - 1])

    def record(self) -> dict[str, Any]:
        """What run.json keeps of every slice, so `merge` can tell slices cut alike."""
        return {
            "basis": self.basis,
            "pages": [len(s) for s in self.slices],
            "expected_seconds": [round(self.expected(n + 1), 1) for n in range(len(self.slices))],
        }


def slice_run(targets: Sequence[str], config: Config, timed: Sequence[TimedRun] = ()) -> Slicing:
    """The slices of `targets` for `config.shard`'s count, weighed by `timed` (each site's last
    timed run, checker.store.history) where it times a page, else by the settings."""
    if config.shard is None:
        raise UsageError("Only a sharded run (--shard) is cut into slices.")
    seconds, basis = expected_seconds(targets, config.to_report(), timed)
    return Slicing(balance(seconds, config.shard[1]), tuple(seconds), basis)


def expected_seconds(
    targets: Sequence[str], settings: Settings, timed: Sequence[TimedRun] = ()
) -> tuple[list[float], str]:
    """Each target's expected seconds, and their basis in words. A page of a site with a timed
    run weighs what it took then, times how much more (or less) the settings do now; a page
    that run did not time, the median page of that run, likewise scaled."""
    estimate = settings_seconds(settings)
    by_site = {run.site: run for run in timed if run.seconds}
    medians = {site: statistics.median(run.seconds.values()) for site, run in by_site.items()}
    used: dict[str, TimedRun] = {}
    seconds = []
    timed_pages = 0
    for url in targets:
        run = by_site.get(host_port_label(url))
        if run is None:
            seconds.append(estimate)
            continue
        used[run.site] = run
        scale = estimate / settings_seconds(run.settings)
        measured = run.seconds.get(page_key(url))
        timed_pages += measured is not None
        seconds.append(round((measured if measured is not None else medians[run.site]) * scale, 2))
    if not used:
        return seconds, SETTINGS_BASIS
    runs = ", ".join(f"{run.run.id} of {site}" for site, run in sorted(used.items()))
    which = "run" if len(used) == 1 else "runs"
    return seconds, f"the history's {which} {runs}, {timed_pages} of {len(targets)} pages timed"


def settings_seconds(settings: Settings) -> float:
    """A page's seconds on this machine from what the settings make the run do to it."""
    devices = len(settings.get("devices") or ()) or 1
    categories = set(settings.get("only_categories") or ("layout", "speed", "social",
                                                          "accessibility"))  # fmt: skip
    seconds = PAGE_S + devices * LAYOUT_DEVICE_S
    if "accessibility" in categories:
        seconds += devices * ACCESSIBILITY_DEVICE_S
    if "social" in categories:
        seconds += SOCIAL_S
    if "speed" in categories:
        seconds += _speed_seconds(settings, devices)
    return round(seconds, 2)


def _speed_seconds(settings: Settings, devices: int) -> float:
    which = settings.get("speed_devices") or "first"
    if which == "none":
        return 0.0
    runs = int(settings.get("runs") or 1)
    loads = runs * (devices if which == "all" else 1)
    throttle = settings.get("throttle") or "slow-4g"
    if settings.get("throttle_method") == "apply" and throttle != "none":
        return loads * APPLIED_LOAD_S
    # Unthrottled: the first phone's first run is its layout load, watched (passes.py).
    return OBSERVED_SPEED_S + (loads - 1) * OWN_LOAD_S


def balance(seconds: Sequence[float], count: int) -> tuple[tuple[int, ...], ...]:
    """Indices of `seconds` in `count` slices by greedy longest-first (LPT: each page, heaviest
    first, to the slice with the fewest seconds so far): at most 4/3 of the best possible
    longest slice. Ties go to the lower index and the lower slice, and seconds are compared in
    whole hundredths, so every machine cuts the same slices."""
    if count < 1:
        raise UsageError("A run is cut into at least one slice.")
    weights = [round(s * 100) for s in seconds]
    order = sorted(range(len(weights)), key=lambda k: (-weights[k], k))
    loads = [0] * count
    slices: list[list[int]] = [[] for _ in range(count)]
    for k in order:
        lightest = min(range(count), key=lambda j: (loads[j], j))
        loads[lightest] += weights[k]
        slices[lightest].append(k)
    return tuple(tuple(sorted(s)) for s in slices)
