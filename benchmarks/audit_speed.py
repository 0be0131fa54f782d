"""How long the audits take on saved snapshots: each audit's median over rounds, and the
tap-targets audit on a crowded page of 5,000 targets (comparing every pair would take tens of
seconds; comparing neighbours only, well under one).

    .venv/bin/python benchmarks/audit_speed.py [--rounds 5]

Audits are pure functions of a snapshot, so no browser runs here: the figures are the judging
stage alone, on this machine, printed with their spread (min and max over the rounds).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from audits import all_audits  # noqa: E402
from checker.model.dom_facts import TapTarget  # noqa: E402
from checker.model.elements import Box, Element  # noqa: E402
from checker.model.snapshot import PageSnapshot  # noqa: E402
from checker.store.snapshots import load_pages  # noqa: E402

SNAPSHOTS = ROOT / "tests" / "fixtures" / "snapshots"
CROWDED_TARGETS = 5000


def crowded_page(snapshot: PageSnapshot) -> PageSnapshot:
    """The snapshot with 5,000 links of 20x20 px, 2 px apart, 15 to a row."""
    targets = []
    for i in range(CROWDED_TARGETS):
        box = Box(16 + (i % 15) * 22, 100 + (i // 15) * 22, 20, 20)
        href = f"https://example.com/t{i}"
        targets.append(
            TapTarget(
                Element(f"#t{i}", box, f'<a id="t{i}" href="{href}">'), "a", None, [box], href=href
            )
        )
    return dataclasses.replace(snapshot, dom=dataclasses.replace(snapshot.dom, tap_targets=targets))


def timed(work: Callable[[], object], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return times


def line(name: str, times: list[float]) -> str:
    ms = [t * 1000 for t in times]
    return f"{name:<34} {statistics.median(ms):9.2f} ms  (min {min(ms):.2f}, max {max(ms):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    snapshots = [
        capture.snapshot
        for _, captures in load_pages(SNAPSHOTS)
        for capture in captures
        if capture.snapshot is not None
    ]
    print(f"{len(snapshots)} saved snapshots, {rounds} rounds; per audit, all snapshots:")
    specs = sorted(all_audits(), key=lambda s: s.id)
    for spec in specs:

        def run_all(spec=spec) -> None:
            for snapshot in snapshots:
                # An audit that cannot measure a saved page still took its time.
                with contextlib.suppress(Exception):
                    spec.run(snapshot)

        print(line(spec.id, timed(run_all, rounds)))
    phone = next(s for s in snapshots if s.device.is_mobile and s.dom is not None)
    crowded = crowded_page(phone)
    tap_targets = next(s for s in specs if s.id == "tap-targets")
    print(f"\ntap-targets on {CROWDED_TARGETS:,} crowded targets:")
    print(line("tap-targets (crowded page)", timed(lambda: tap_targets.run(crowded), rounds)))


if __name__ == "__main__":
    main()
