"""How a sharded crawl's slices balance, by count (the settings alone) and by the history.

throughput.py --crawl's site (build_site with its seed: the demo's and the corpus's 64 pages,
then variants of them) served on 127.0.0.1 is audited whole with the defaults, as `readiness
audit BASE --crawl --max-pages N --block-external --history H` (one page at a time, the
default on 2 cores), which times every page into a fresh history H. The crawl's targets are
then cut into N slices as a shard would cut them:

- by the settings, as a shard without a history does: every page weighs the same, so the
  slices are dealt round robin (target k in slice k mod N + 1), the old `--shard I/N`;
- by the history, as a shard reading H does: each page its own seconds, longest first.

Each slice's seconds are the sum of its pages' audit seconds: in that first run (what the
history-weighed cut expects), and in a second whole run made after the cut (what a later run
of the slices would take: pages vary from run to run, so this is the honest test).

    .venv/bin/python benchmarks/shard_balance.py [--pages 100] [--slices 4] [--json FILE]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sites import build_site  # noqa: E402
from throughput import CRAWL_SEED  # noqa: E402

from checker.config.settings import Config  # noqa: E402
from checker.demo.server import serve_directory  # noqa: E402
from checker.run.history import timed_runs  # noqa: E402
from checker.run.slices import slice_run  # noqa: E402
from checker.store.run_log import shard_indices  # noqa: E402

READINESS = Path(sys.executable).parent / "readiness"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--slices", type=int, default=4)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-shards-")))
        site = build_site(tmp / "site", args.pages, shuffle_seed=CRAWL_SEED)
        base = stack.enter_context(serve_directory(site.directory, fill_origin=True))
        history = tmp / "history.db"
        first, first_wall = whole_run(base, args.pages, history, tmp / "first")
        targets = json.loads((tmp / "first" / "run.json").read_text())["targets"]
        cuts = slice_cuts(targets, history, args.slices)
        second, second_wall = whole_run(base, args.pages, history, tmp / "second")
        load = os.getloadavg()
    figures = {
        "pages": len(targets),
        "walls_s": [first_wall, second_wall],
        "load_at_end": load[0],
        "totals_s": [sum(first), sum(second)],
        "cuts": {
            name: [
                {
                    "pages": len(part),
                    "first_s": round(sum(first[i] for i in part), 1),
                    "second_s": round(sum(second[i] for i in part), 1),
                }
                for part in parts
            ]
            for name, parts in cuts.items()
        },
    }
    print(f"{len(targets)} pages crawled at {base}; whole runs of {first_wall:.0f} s and "
          f"{second_wall:.0f} s (load average {load[0]:.1f} at the end)\n")  # fmt: skip
    print_table(figures, args.slices)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


def whole_run(base: str, pages: int, history: Path, output: Path) -> tuple[list[float], float]:
    """The crawl audited whole, kept in `history`: each target's audit seconds, in order."""
    command = [str(READINESS), "audit", base, "--crawl", "--max-pages", str(pages),
               "--block-external", "--quiet", "--format", "json", "-o", str(output),
               "--history", str(history)]  # fmt: skip
    print(f"whole run: {' '.join(command[1:])}", file=sys.stderr)
    started = time.monotonic()
    subprocess.run(command, check=False)
    wall = time.monotonic() - started
    seconds: dict[int, float] = {}
    for line in (output / "results.jsonl").read_text().splitlines():
        record = json.loads(line)
        seconds[record["index"]] = record["page"]["audit_seconds"] or 0.0
    targets = json.loads((output / "run.json").read_text())["targets"]
    return [seconds.get(i, 0.0) for i in range(len(targets))], wall


def slice_cuts(targets: list[str], history: Path, count: int) -> dict[str, list[list[int]]]:
    config = Config(shard=(1, count))
    by_settings = [list(s) for s in slice_run(targets, config).slices]
    by_count = [shard_indices(len(targets), (n, count)) for n in range(1, count + 1)]
    assert by_settings == by_count, "pages that weigh alike are dealt round robin"
    by_history = slice_run(targets, config, timed_runs(str(history), targets))
    print(f"weighed by {by_history.basis}", file=sys.stderr)
    return {"by the settings": by_settings, "by the history": [list(s) for s in by_history.slices]}


def print_table(figures: dict[str, object], count: int) -> None:
    cuts = figures["cuts"]
    ideal = [total / count for total in figures["totals_s"]]
    print(f"all {figures['pages']} pages: {figures['totals_s'][0]:.0f} s of audits in the first "
          f"run, {figures['totals_s'][1]:.0f} s in the second (an even slice: {ideal[0]:.0f} s, "
          f"{ideal[1]:.0f} s)\n")  # fmt: skip
    header = [f"{name}: pages, s in run 1, s in run 2" for name in cuts]
    print("| slice | " + " | ".join(header) + " |")
    print("|---|" + "---|" * len(cuts))
    for number in range(count):
        cells = [f"{c[number]['pages']}, {c[number]['first_s']:.0f}, {c[number]['second_s']:.0f}"
                 for c in cuts.values()]  # fmt: skip
        print(f"| {number + 1}/{count} | " + " | ".join(cells) + " |")
    cells = []
    for parts in cuts.values():
        first = max(part["first_s"] for part in parts) / ideal[0]
        second = max(part["second_s"] for part in parts) / ideal[1]
        cells.append(f"{first:.2f}, {second:.2f}")
    print("| longest slice / even slice | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
