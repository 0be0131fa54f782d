"""What a page costs under each setting: the constants a sharded run weighs its pages by when
the history has no timings of them (checker/run/slices.py).

On throughput.py's site (the demo's 4 pages and 6 corpus pages, served on 127.0.0.1), runs
`readiness audit URL... --block-external --no-history --concurrency 1` once per setting and
round (each round starting one setting later, so drift hits every setting alike), and reads
each page's audit seconds from the run's results.jsonl. Each constant is the difference of the
mean page between two settings that differ by that one thing; the defaults' mean page is then
set against the sum the constants predict.

    .venv/bin/python benchmarks/page_cost.py [--pages 10] [--rounds 2] [--json FILE]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sites import build_site  # noqa: E402

from checker.demo.server import serve_directory  # noqa: E402

READINESS = Path(sys.executable).parent / "readiness"
LAYOUT = ["--only-categories", "layout"]
# name -> the flags of that setting (3 devices unless said)
SETTINGS = {
    "1 device, layout": ["-d", "iphone-se", *LAYOUT],
    "layout": LAYOUT,
    "layout, social": ["--only-categories", "layout,social"],
    "layout, accessibility": ["--only-categories", "layout,accessibility"],
    "layout, speed": ["--only-categories", "layout,speed"],
    "layout, speed, 2 runs": ["--only-categories", "layout,speed", "--runs", "2"],
    "layout, speed applied": ["--only-categories", "layout,speed", "--throttle-method", "apply"],
    "defaults": [],
}


def page_seconds(urls: list[str], flags: list[str], output: Path) -> list[float]:
    command = [str(READINESS), "audit", *urls, "--block-external", "--no-history", "-q",
               "--concurrency", "1", "--format", "json", "-o", str(output), *flags]  # fmt: skip
    subprocess.run(command, check=False, capture_output=True)
    lines = (output / "results.jsonl").read_text().splitlines()
    return [json.loads(line)["page"]["audit_seconds"] for line in lines]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    names = list(SETTINGS)
    seconds: dict[str, list[float]] = {name: [] for name in names}
    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-cost-")))
        site = build_site(tmp / "site", args.pages)
        base = stack.enter_context(serve_directory(site.directory, fill_origin=True))
        urls = site.urls(base)
        print(f"{len(urls)} pages: {', '.join(p.source for p in site.pages)}", file=sys.stderr)
        for number in range(args.rounds):
            for name in names[number % len(names) :] + names[: number % len(names)]:
                print(f"round {number + 1}: {name}...", file=sys.stderr)
                output = tmp / f"run-{number}-{names.index(name)}"
                seconds[name] += page_seconds(urls, SETTINGS[name], output)
    means = {name: statistics.fmean(values) for name, values in seconds.items()}
    print(f"{args.rounds} rounds of {len(urls)} pages; load average now {os.getloadavg()[0]:.1f}")
    print("| setting (3 devices unless said) | mean s a page | median | min-max |")
    print("|---|---|---|---|")
    for name, values in seconds.items():
        print(f"| {name} | {means[name]:.2f} | {statistics.median(values):.2f} | "
              f"{min(values):.2f}-{max(values):.2f} |")  # fmt: skip
    constants = derive(means)
    print()
    for name, value in constants.items():
        print(f"{name} = {value:.2f}")
    predicted = (constants["PAGE_S"] + 3 * constants["LAYOUT_DEVICE_S"]
                 + 3 * constants["ACCESSIBILITY_DEVICE_S"] + constants["SOCIAL_S"]
                 + constants["OBSERVED_SPEED_S"])  # fmt: skip
    print(f"defaults: {means['defaults']:.2f} s a page, the constants' sum {predicted:.2f}")
    if args.json:
        args.json.write_text(json.dumps({"pages": urls, "means": means, "constants": constants}))


def derive(means: dict[str, float]) -> dict[str, float]:
    layout_device = (means["layout"] - means["1 device, layout"]) / 2
    return {
        "PAGE_S": means["1 device, layout"] - layout_device,
        "LAYOUT_DEVICE_S": layout_device,
        "ACCESSIBILITY_DEVICE_S": (means["layout, accessibility"] - means["layout"]) / 3,
        "SOCIAL_S": means["layout, social"] - means["layout"],
        "OBSERVED_SPEED_S": means["layout, speed"] - means["layout"],
        "OWN_LOAD_S": means["layout, speed, 2 runs"] - means["layout, speed"],
        "APPLIED_LOAD_S": means["layout, speed applied"] - means["layout"],
    }


if __name__ == "__main__":
    main()
