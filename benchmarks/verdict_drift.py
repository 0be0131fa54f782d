"""Does a change move what readiness reports? This checkout against another, on one site.

A change meant to make runs faster must leave every verdict where it was. On a local site
served on 127.0.0.1 (`--site five`: issue 22's five pages; `--site mixed`: the demo and
corpus pages of sites.py, `--pages` of them), `readiness audit` with its defaults runs from
this checkout and from `--baseline DIR` (a checkout of another commit, as `git worktree add
DIR REV` makes it; run as throughput.py runs its baseline), in interleaved rounds. Then:

- per page, each simulated speed metric of the observing phone (FCP, LCP, TTFB, TBT, CLS):
  the median and range over the rounds, on each side, and per metric the median change of
  this checkout's medians against the baseline's (0% when nothing drifted; a metric's own
  spread from run to run shows in the ranges);
- every other audit of every device: the scores it got over the rounds on each side, listed
  where the two sides differ (an audit that flips within a side is noisy on both).

    .venv/bin/python benchmarks/verdict_drift.py --baseline DIR [--rounds 4] [--site five]
        [--pages 10]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import throughput
from five_pages import build_five_pages
from sites import build_site

from checker.demo.server import serve_directory

METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "time-to-first-byte",
    "total-blocking-time",
    "cumulative-layout-shift",
)
SIDES = ("baseline", "this checkout")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--site", choices=("five", "mixed"), default="five")
    parser.add_argument("--pages", type=int, default=10)
    args = parser.parse_args()
    throughput.BASELINE_CHECKOUT.append(args.baseline)
    metrics: dict[tuple, list[float]] = defaultdict(list)
    scores: dict[tuple, list[str]] = defaultdict(list)
    seconds: dict[str, list[float]] = defaultdict(list)
    with tempfile.TemporaryDirectory(prefix="bench-drift-") as tmp:
        folder = Path(tmp)
        site = (
            build_five_pages(folder / "site")
            if args.site == "five"
            else build_site(folder / "site", args.pages)
        )
        with serve_directory(site.directory, fill_origin=True) as base_url:
            urls = site.urls(base_url)
            for round_index in range(args.rounds):
                order = SIDES if round_index % 2 == 0 else SIDES[::-1]
                for side in order:
                    output = folder / f"{side}-{round_index}"
                    baseline = side == "baseline"
                    command = throughput.readiness_args(urls, [], output, baseline=baseline)
                    started = time.monotonic()
                    throughput.run_measured(
                        [command], env=throughput.baseline_env() if baseline else None
                    )
                    seconds[side].append(time.monotonic() - started)
                    _read(output, side, metrics, scores)
                    print(f"round {round_index + 1}, {side}: {seconds[side][-1]:.1f} s", flush=True)
    for side in SIDES:
        print(f"{side}: median {statistics.median(seconds[side]):.2f} s a run")
    _print_metrics(metrics, len(site.pages))
    _print_scores(scores)


def _read(output: Path, side: str, metrics: dict, scores: dict) -> None:
    for index, page in enumerate(throughput.report_pages(output)):
        for device in page["devices"]:
            for audit_id, audit in (device.get("audits") or {}).items():
                key = (side, index, device["device"], audit_id)
                if audit_id in METRICS:
                    if audit.get("value") is not None:
                        metrics[key].append(float(audit["value"]))
                else:
                    verdict = "error" if audit.get("error") else audit.get("score")
                    scores[key].append(str(verdict))


def _print_metrics(metrics: dict, page_count: int) -> None:
    print("\nsimulated metrics of the observing phone: median [min-max] over the rounds")
    changes: dict[str, list[float]] = defaultdict(list)
    for index in range(page_count):
        for audit_id in METRICS:
            keys = [k for k in metrics if k[1] == index and k[3] == audit_id]
            devices = sorted({k[2] for k in keys})
            for device in devices:
                old = metrics.get(("baseline", index, device, audit_id), [])
                new = metrics.get(("this checkout", index, device, audit_id), [])
                if not old or not new:
                    continue
                print(
                    f"  page {index + 1} {device:10s} {audit_id:25s} "
                    f"{_spread(old):>24s}  ->  {_spread(new):>24s}"
                )
                if statistics.median(old):
                    change = statistics.median(new) / statistics.median(old) - 1
                    changes[audit_id].append(100 * change)
    print("\nmedian change of the pages' medians, this checkout against the baseline")
    for audit_id, values in changes.items():
        print(
            f"  {audit_id:25s} {statistics.median(values):+5.1f}% "
            f"({len(values)} pages, {min(values):+.1f}% to {max(values):+.1f}%)"
        )


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} [{min(values):.0f}-{max(values):.0f}]"


def _print_scores(scores: dict) -> None:
    def counted(side: str, key: tuple) -> dict[str, int]:
        return dict(Counter(scores.get((side, *key), [])))

    keys = sorted({key[1:] for key in scores})
    differing = [key for key in keys if counted(SIDES[0], key) != counted(SIDES[1], key)]
    print(f"\nother audits: {len(differing)} of {len(keys)} (page, device, audit) scored apart")
    for key in differing:
        index, device, audit_id = key
        print(
            f"  page {index + 1} {device} {audit_id}: "
            f"{counted(SIDES[0], key)} -> {counted(SIDES[1], key)}"
        )


if __name__ == "__main__":
    main()
