"""What the accessibility pass adds: readiness with its defaults against the same run without
the accessibility category (`--only-categories layout,speed,social`), on one local site, and
how long each gatherer of the pass takes per page and device.

    .venv/bin/python benchmarks/accessibility_cost.py [--rounds 3] [--pages 10] [--json FILE]

The site is the one throughput.py serves (the demo's pages, then varied real pages from
../shared/corpus/pages; other hosts blocked). Rounds alternate which side goes first, so the
machine's drift hits both alike. Printed: wall seconds per page (median of rounds, with min
and max), CPU seconds per page over the process tree, and what the pass adds as a share of the
run without it (the issue's target: under 25%); then, from the snapshots each run with the
pass saved, each gatherer's time per page and device (median, 90th percentile, max) over every
page, device and round.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sites import build_site  # noqa: E402

from checker.demo.server import serve_directory  # noqa: E402

READINESS = ROOT / ".venv" / "bin" / "readiness"
SIDES = {
    "with accessibility": [],
    "without": ["--only-categories", "layout,speed,social"],
}
TARGET_SHARE = 0.25


def run_side(urls: list[str], flags: list[str], snapshots: Path | None) -> dict[str, float]:
    """One readiness run: wall seconds, and CPU seconds the machine spent meanwhile (from
    /proc/stat: Chromium's renderers come and go too fast to sample, and are not all reaped
    by the process tree; run on an otherwise idle machine)."""
    with tempfile.TemporaryDirectory(prefix="bench-a11y-") as out:
        command = [str(READINESS), "audit", *urls, "--block-external", "--quiet", "-o", out]
        if snapshots is not None:
            command += ["--save-snapshots", str(snapshots)]
        before = busy_cpu_s()
        start = time.perf_counter()
        done = subprocess.run([*command, *flags], capture_output=True, text=True, check=False)
        wall = time.perf_counter() - start
        cpu = busy_cpu_s() - before
        if done.returncode != 0:
            raise SystemExit(f"readiness failed: {done.stderr[-400:]}")
        pages = json.loads((Path(out) / "report.json").read_text())["pages"]
        broken = [p["url"] for p in pages if p["status"] != "ok"]
        if broken:
            raise SystemExit(f"pages not audited: {broken}")
    return {"wall": wall, "cpu": cpu}


def busy_cpu_s() -> float:
    """CPU seconds the machine has spent busy since boot, over all cores."""
    with open("/proc/stat") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def per_page_figures(runs: list[dict[str, float]], pages: int) -> dict[str, float]:
    walls = [run["wall"] / pages for run in runs]
    return {
        "wall": statistics.median(walls),
        "wall_min": min(walls),
        "wall_max": max(walls),
        "cpu": statistics.median(run["cpu"] / pages for run in runs),
    }


def gatherer_times(snapshots: Path) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {}
    for path in snapshots.glob("*.json"):
        for capture in json.loads(path.read_text())["captures"]:
            snapshot = capture.get("snapshot") or {}
            for name, ms in (snapshot.get("accessibility_ms") or {}).items():
                times.setdefault(name, []).append(ms)
    return times


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    measured: dict[str, list[dict[str, float]]] = {side: [] for side in SIDES}
    gathered: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-a11y-site-") as tmp:
        site = build_site(Path(tmp) / "site", args.pages)
        with serve_directory(Path(tmp) / "site", fill_origin=True) as base:
            urls = site.urls(base)
            for round_index in range(args.rounds):
                order = list(SIDES) if round_index % 2 == 0 else list(reversed(SIDES))
                for side in order:
                    snapshots = Path(tmp) / f"snapshots-{round_index}" if not SIDES[side] else None
                    figures = run_side(urls, SIDES[side], snapshots)
                    measured[side].append(figures)
                    if snapshots is not None:
                        for name, ms in gatherer_times(snapshots).items():
                            gathered.setdefault(name, []).extend(ms)
                    print(f"round {round_index + 1}: {side:<19} {figures['wall']:6.1f} s wall, "
                          f"{figures['cpu']:6.1f} CPU-s")  # fmt: skip
    pages = len(urls)
    print(f"\n{pages} pages, 3 devices, defaults; {args.rounds} rounds, medians (min-max):")
    per_page = {side: per_page_figures(runs, pages) for side, runs in measured.items()}
    for side, figures in per_page.items():
        print(
            f"  {side:<19} {figures['wall']:5.2f} s/page "
            f"({figures['wall_min']:.2f}-{figures['wall_max']:.2f}), "
            f"{figures['cpu']:5.2f} CPU-s/page"
        )
    with_pass, without = per_page["with accessibility"], per_page["without"]
    added = with_pass["wall"] - without["wall"]
    share = added / without["wall"]
    cpu_share = (with_pass["cpu"] - without["cpu"]) / without["cpu"]
    verdict = "met" if share < TARGET_SHARE else "NOT met"
    print(
        f"  the pass adds {added:+.2f} s/page: {share:+.0%} wall, {cpu_share:+.0%} CPU "
        f"(target under {TARGET_SHARE:.0%}: {verdict})"
    )
    print("\nper page and device, over every page, device and round (ms):")
    gatherers = {}
    for name, values in sorted(gathered.items()):
        gatherers[name] = {
            "median": statistics.median(values),
            "p90": percentile(values, 0.9),
            "max": max(values),
        }
        figures = gatherers[name]
        print(
            f"  {name:<14} median {figures['median']:7.1f}  p90 {figures['p90']:7.1f}  "
            f"max {figures['max']:7.1f}  (n={len(values)})"
        )
    summary = {
        "pages": pages,
        "rounds": args.rounds,
        "per_page": per_page,
        "added_share_wall": share,
        "added_share_cpu": cpu_share,
        "gatherers_ms": gatherers,
    }
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
