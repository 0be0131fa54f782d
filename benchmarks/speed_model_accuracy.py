"""How close the simulated slow-4g metrics (checker.speed_model) come to the applied ones.

For each page served on 127.0.0.1 (the speed fixture pages, the bundled demo site, pages of
../shared/corpus/pages and two generated pages of real CPU work), with every other host
blocked: the APPLIED slow-4g pass (`speed_run(throttle="slow-4g")`: DevTools network and CPU
throttling) and an unthrottled load turned into a slow-4g estimate by `estimate_run` (given
the page's render-blocking list and HTML, which a real run has from its layout pass:
gathered once per page, not timed), interleaved, several runs each. The unthrottled load is
the one an audit observes: the first phone's layout load, its long tasks less the time other
work kept them off the CPU, the other devices' layout passes starting at its load event in
the same browser (`--own-load`: a load of its own, as readiness did before). Per page and
metric (FCP, LCP, TBT, TTFB): the median estimate against the median applied value, the
error in ms and %; then per metric the median absolute % error, and the wall time of each
method (a pass for "apply"; the 3 devices' layout window plus the estimate for "simulate").

    .venv/bin/python benchmarks/speed_model_accuracy.py [--runs 3] [--corpus 20]
        [--save runs.json] [--load runs.json] [--own-load]

--save keeps the observed runs as JSON; --load estimates again from saved runs without a
browser (to tune the model: the estimate is pure and takes milliseconds).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.async_api import Browser, async_playwright  # noqa: E402

from audits.speed.total_blocking_time import total_blocking_time  # noqa: E402
from checker.config.settings import Config  # noqa: E402
from checker.demo.pages import demo_pages, demo_site_dir  # noqa: E402
from checker.demo.server import serve_directory  # noqa: E402
from checker.gather.access import Access  # noqa: E402
from checker.gather.browser import launch  # noqa: E402
from checker.gather.device_page import device_page  # noqa: E402
from checker.gather.devices import resolve  # noqa: E402
from checker.gather.dom import gather_dom  # noqa: E402
from checker.gather.speed import speed_run  # noqa: E402
from checker.model.dom_facts import RenderBlocking  # noqa: E402
from checker.model.load_facts import SpeedRun  # noqa: E402
from checker.model.serde import from_data, to_data  # noqa: E402
from checker.model.snapshot import DeviceInfo  # noqa: E402
from checker.model.throttling import THROTTLES  # noqa: E402
from checker.run.passes import layout_passes  # noqa: E402
from checker.speed_model import estimate_run  # noqa: E402

SPEED_FIXTURES = ROOT / "tests" / "fixtures" / "pages" / "speed"
CORPUS = ROOT.parent / "shared" / "corpus" / "pages"
DEVICE = "moto-g-power"  # Lighthouse's default mobile emulation
OTHER_LAYOUT_DEVICES = ("pixel-7", "ipad-mini")  # loaded beside it, as a default run does
THROTTLE = "slow-4g"
TIMEOUT_S = 60.0
HOST = "127.0.0.1"
SMALL_TBT_MS = 200  # up to this applied TBT, the error is judged in ms (goal: 50 ms)
METRICS: dict[str, Callable[[SpeedRun], float | None]] = {
    "FCP": lambda run: run.fcp_ms,
    "LCP": lambda run: run.lcp_ms,
    "TBT": total_blocking_time,
    "TTFB": lambda run: run.ttfb_ms,
}
# Pages of real main-thread work (a counted loop, which CPU throttling slows, unlike a loop
# that waits on the clock as busy-loop.html does): tasks of about 30 and 80 ms after load, and
# one while the body is parsed, before the first paint.
CPU_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Counted CPU work</title>
<script>
function work(n) { let x = 0; for (let i = 0; i < n; i++) { x += Math.sqrt(i) % 7; } return x; }
</script></head>
<body><h1>CPU work</h1><p>Text painted before the tasks after load.</p>
<script>work(__PARSE__);</script>
<p>More text after a parser-blocking task.</p>
<script>addEventListener("load", () => {
  setTimeout(() => work(__SHORT__), 0);
  setTimeout(() => work(__LONG__), 100);
});</script>
</body></html>
"""
CPU_PAGES = {
    "cpu-small.html": {"__PARSE__": "2000000", "__SHORT__": "3000000", "__LONG__": "8000000"},
    "cpu-large.html": {"__PARSE__": "6000000", "__SHORT__": "6000000", "__LONG__": "20000000"},
}


def _script_text(size: int = 200_000) -> bytes:
    """Deterministic JavaScript of about `size` bytes (as tests/e2e/test_speed_diagnostics.py
    writes uncompressed-script.js)."""
    rng = random.Random(2024)
    names = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(8)) for _ in range(400)
    ]
    lines, total = [], 0
    while total < size:
        a, b, c = rng.sample(names, 3)
        line = f"function {a}({b}, {c}) {{ return {c}.map((x) => x * {rng.randint(2, 99)}); }}\n"
        lines.append(line)
        total += len(line)
    return "".join(lines).encode()


def _pages(stack: contextlib.ExitStack, corpus_count: int) -> dict[str, str]:
    """Page name -> URL, every page served by a server of this process on 127.0.0.1."""
    work = Path(stack.enter_context(tempfile.TemporaryDirectory()))
    shutil.copytree(SPEED_FIXTURES, work / "speed")
    (work / "speed" / "uncompressed-script.js").write_bytes(_script_text())
    for name, values in CPU_PAGES.items():
        text = CPU_PAGE
        for key, value in values.items():
            text = text.replace(key, value)
        (work / "speed" / name).write_text(text)
    speed_base = stack.enter_context(serve_directory(work / "speed"))
    demo_base = stack.enter_context(serve_directory(demo_site_dir(), fill_origin=True))
    corpus_base = stack.enter_context(serve_directory(CORPUS))
    pages = {
        f"speed/{p.name}": speed_base + p.name for p in sorted((work / "speed").glob("*.html"))
    }
    for url in demo_pages(demo_base):
        pages[f"demo/{url.removeprefix(demo_base) or 'index'}"] = url
    corpus = sorted(p.name for p in CORPUS.iterdir() if (p / "index.html").is_file())
    step = max(1, len(corpus) // max(1, corpus_count))
    for name in corpus[::step][:corpus_count]:
        pages[f"corpus/{name}"] = f"{corpus_base}{name}/index.html"
    return pages


async def _layout_facts(
    browser: Browser, url: str, device: DeviceInfo, access: Access
) -> tuple[list[RenderBlocking], str]:
    """The page's render-blocking resources and its HTML as the server sent it, which a real
    run has from its layout pass (so not timed here)."""
    async with device_page(browser, device, init_script="", access=access) as opened:
        response = await opened.page.goto(url, wait_until="load", timeout=TIMEOUT_S * 1000)
        html = await response.text() if response is not None else ""
        return (await gather_dom(opened.page)).render_blocking, html


async def _timed_run(browser: Browser, url: str, device: DeviceInfo, throttle: str, access: Access):
    started = time.perf_counter()
    run = await speed_run(
        browser, url, device, throttle=throttle, timeout_s=TIMEOUT_S, access=access
    )
    return {"run": to_data(run), "wall_s": time.perf_counter() - started}


async def _observed_in_layout(
    browser: Browser,
    url: str,
    devices: list[DeviceInfo],
    access: Access,
):
    """The unthrottled run as an audit gets it: the first phone's layout load observed (its
    renderer sampled), the other devices' layout passes starting at its load event in the
    same browser (wall time: the whole window)."""
    config = Config(devices=tuple(d.name for d in devices), throttle=THROTTLE, timeout=TIMEOUT_S)
    started = time.perf_counter()
    outcomes = await layout_passes(browser, url, devices, config, access, None, share_cpu=True)
    run = outcomes[0].speed_run
    if run is None:
        raise RuntimeError(f"{url}: the layout pass observed no speed run")
    return {"run": to_data(run), "wall_s": time.perf_counter() - started}


async def collect(pages: dict[str, str], runs: int, own_load: bool) -> dict[str, dict]:
    """Per page: its render-blocking list, then `runs` applied and unthrottled runs, the two
    methods interleaved so a busy moment of the machine hits both. The unthrottled run is the
    layout pass's load as the audit observes it, or with `own_load` a load of its own."""
    device = resolve(DEVICE, {})
    # Both browsers are launched with only HOST resolvable, as a run's are: no routing.
    access = Access(block_external=True, site_hosts=frozenset({HOST}), browser_blocks=True)
    collected: dict[str, dict] = {}
    async with async_playwright() as playwright:
        others = [resolve(name, playwright.devices) for name in OTHER_LAYOUT_DEVICES]
        layout_devices = [device, *others]
        browser = await launch(playwright, None, blocked_except={HOST})
        try:
            for index, (name, url) in enumerate(pages.items(), 1):
                print(f"[{index}/{len(pages)}] {name}", file=sys.stderr)
                blocking, html = await _layout_facts(browser, url, device, access)
                entry = {
                    "url": url,
                    "render_blocking": to_data(blocking),
                    "html": html,
                    "apply": [],
                    "none": [],
                }
                for _ in range(runs):
                    entry["apply"].append(await _timed_run(browser, url, device, THROTTLE, access))
                    if own_load:
                        unthrottled = _timed_run(browser, url, device, "none", access)
                    else:
                        unthrottled = _observed_in_layout(browser, url, layout_devices, access)
                    entry["none"].append(await unthrottled)
                collected[name] = entry
        finally:
            await browser.close()
    return collected


def _median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return float(statistics.median(present)) if present else None


def report(collected: dict[str, dict]) -> None:
    profile = THROTTLES[THROTTLE]
    assert profile is not None
    runs = max(len(e["apply"]) for e in collected.values())
    print(f"Estimated {THROTTLE} (simulated from an unthrottled run) vs applied {THROTTLE}, "
          f"{DEVICE}, median of {runs} runs each")  # fmt: skip
    print()
    width = max(len("page"), *(len(n) for n in collected))
    columns = f"| {'page':{width}} | metric | {'applied':>8} | {'estimate':>8} |"
    header = f"{columns} {'error':>7} | {'%':>5} |"
    print(header)
    print("|" + "|".join("-" * len(c) for c in header.split("|")[1:-1]) + "|")
    percent: dict[str, list[float]] = {m: [] for m in METRICS}
    signed: dict[str, list[float]] = {m: [] for m in METRICS}
    spread: dict[str, list[float]] = {m: [] for m in METRICS}
    estimate_spread: dict[str, list[float]] = {m: [] for m in METRICS}
    small_tbt: list[float] = []
    wall: dict[str, list[float]] = {"apply": [], "simulate": [], "estimate only": []}
    for name, entry in collected.items():
        blocking = [from_data(RenderBlocking, b) for b in entry["render_blocking"]]
        applied = [from_data(SpeedRun, r["run"]) for r in entry["apply"]]
        estimates = []
        for raw in entry["none"]:
            observed = from_data(SpeedRun, raw["run"])
            started = time.perf_counter()
            estimates.append(
                estimate_run(observed, profile, render_blocking=blocking, html=entry.get("html"))
            )
            spent = time.perf_counter() - started
            wall["estimate only"].append(spent)
            wall["simulate"].append(raw["wall_s"] + spent)
        wall["apply"].extend(r["wall_s"] for r in entry["apply"])
        for metric, read in METRICS.items():
            values = [read(r) for r in applied]
            guesses = [read(r) for r in estimates]
            truth, guess = _median(values), _median(guesses)
            if truth is None or guess is None:
                print(f"| {name:{width}} | {metric:6} | {_ms(truth):>8} | {_ms(guess):>8} | "
                      f"{'—':>7} | {'—':>5} |")  # fmt: skip
                continue
            diff = guess - truth
            pct = 100 * diff / truth if truth > 0 else None
            if metric == "TBT" and truth <= SMALL_TBT_MS:
                small_tbt.append(abs(diff))
            elif pct is not None:
                percent[metric].append(abs(pct))
                signed[metric].append(pct)
                spread[metric].extend(
                    abs(100 * (v - truth) / truth) for v in values if v is not None
                )
                estimate_spread[metric].extend(
                    abs(100 * (g - guess) / guess) for g in guesses if g is not None and guess
                )
            shown = "—" if pct is None else f"{pct:+.0f}%"
            print(f"| {name:{width}} | {metric:6} | {_ms(truth):>8} | {_ms(guess):>8} | "
                  f"{diff:+7,.0f} | {shown:>5} |")  # fmt: skip
    print()
    for metric, values in percent.items():
        if values:
            where = f" (pages where applied TBT > {SMALL_TBT_MS} ms)" if metric == "TBT" else ""
            print(f"{metric}: median absolute error {statistics.median(values):.1f}% (median "
                  f"signed {statistics.median(signed[metric]):+.1f}%), p75 "
                  f"{_percentile(values, 75):.1f}%, over {len(values)} pages{where}; applied "
                  f"runs vary {statistics.median(spread[metric]):.1f}% from their median, "
                  f"estimates {statistics.median(estimate_spread[metric]):.1f}%")  # fmt: skip
    if small_tbt:
        within = sum(1 for e in small_tbt if e <= 50)
        print(f"TBT where applied <= {SMALL_TBT_MS} ms: median absolute error "
              f"{statistics.median(small_tbt):.0f} ms, within 50 ms on {within} of "
              f"{len(small_tbt)} pages")  # fmt: skip
    print()
    for method, values in wall.items():
        print(f"wall time, {method}: median {statistics.median(values) * 1000:,.1f} ms a run, "
              f"total {sum(values):,.1f} s over {len(values)} runs")  # fmt: skip


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per method and page (3)")
    parser.add_argument("--corpus", type=int, default=20, help="corpus pages (default 20)")
    parser.add_argument("--save", type=Path, help="write the observed runs to this JSON file")
    parser.add_argument("--load", type=Path, help="estimate from runs saved with --save")
    parser.add_argument(
        "--own-load",
        action="store_true",
        help="observe the unthrottled run in a load of its own, not in the layout pass",
    )
    args = parser.parse_args()
    if args.load:
        collected = json.loads(args.load.read_text())
    else:
        with contextlib.ExitStack() as stack:
            collected = asyncio.run(collect(_pages(stack, args.corpus), args.runs, args.own_load))
        if args.save:
            args.save.write_text(json.dumps(collected))
    report(collected)


if __name__ == "__main__":
    main()
