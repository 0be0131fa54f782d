"""Pages per minute and peak memory: readiness against Lighthouse 13 and the floor.

On a local site served on 127.0.0.1 by this script (`--site five`, the default: issue 22's five
pages written by five_pages.py, a home page, an article with social tags, a non-mobile page, a
heavy page and a minimal page; `--site mixed`: the bundled demo plus real pages from
../shared/corpus/pages, built by sites.py), interleaved rounds of:

- readiness: `readiness audit URL... --block-external` as a CLI process, with its defaults
  (3 devices, layout + speed + social + accessibility, slow-4g throttling); the same on the
  site's last page alone (the minimal page: what a one-URL CI gate waits); again with
  `--speed-devices none`
  (no speed pass: the run to hold against the floor), with `--throttle none`, and, where
  readiness simulates throttling by default, with `--throttle-method apply` (real slow-4g);
- Lighthouse 13 (`lighthouse URL`, its default mobile run, Debian's Chromium, every host but
  127.0.0.1 unresolvable), one process per page, when it is installed in .cache/lighthouse13;
- the floor: bare Playwright in one browser, each page once per device (the same 3 devices,
  as many pages at once as readiness's default concurrency, devices in parallel), one
  viewport screenshot, nothing else: the least evidence a checker must show.

Each round starts one side later than the last, so machine drift hits every side alike. For
each side: wall time (median, min, max over rounds), pages per minute, CPU seconds per page
and per device and page, peak memory summed over the side's process tree (Python,
Playwright's driver, the browser; Lighthouse's node and Chrome). Memory is printed as PSS
(proportional set size: a shared page is split among the processes sharing it, so the sum is
what the tree costs the machine), sampled every second, and RSS (which counts a shared page
once per process, so its sum overstates), sampled every 100 ms. Then the ratios and one
verdict line per target.

    .venv/bin/python benchmarks/throughput.py [--rounds 3] [--site five|mixed] [--pages 10]
        [--skip-lighthouse] [--only readiness|baseline|floor|lighthouse]... [--fast]
        [--baseline DIR] [--json FILE]
    .venv/bin/python benchmarks/throughput.py --crawl [--pages 100] [--rounds 1] [--json FILE]

`--crawl` generates a site of `--pages` pages (default 100) linked to each other with a
sitemap.xml, runs `readiness audit BASE --crawl --max-pages N --block-external` at the default
concurrency (on a readiness without --crawl: `--urls FILE`, else the URLs as arguments), and
prints pages per minute, peak memory and the trend of memory over the run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import psutil
from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from five_pages import build_five_pages  # noqa: E402
from lighthouse_install import chrome_flags  # noqa: E402
from sites import Site, build_site  # noqa: E402

from checker.config.settings import default_concurrency  # noqa: E402
from checker.demo.server import serve_directory  # noqa: E402
from checker.gather.browser import (  # noqa: E402
    LAUNCH_ARGS,
    find_browser,
    host_resolver_rules,
    playwright_browser_path,
)
from checker.gather.chromium_features import disable_features_args  # noqa: E402
from checker.gather.devices import DEFAULT_DEVICES, context_options, resolve  # noqa: E402
from checker.model.snapshot import DeviceInfo  # noqa: E402

READINESS = Path(sys.executable).parent / "readiness"
RESULTS_RECORD = "results.jsonl"  # readiness's record of its run: a line per finished page
LIGHTHOUSE = ROOT / ".cache" / "lighthouse13" / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_HINT = (
    "npm install --silent --no-audit --no-fund --prefix .cache/lighthouse13 lighthouse@13 "
    "(or run benchmarks/compare_lighthouse.py once, which installs it)"
)
SAMPLE_S = 0.1
# PSS and USS come from /proc/PID/smaps: ~25 ms for Chromium's 14 processes against 0.1 ms for
# RSS (smaps_rollup is slower still: it walks Chromium's huge reserved address ranges). Once a
# second keeps the sampler near 3% of a core.
PSS_EVERY = 10
PAGE_TIMEOUT_S = 30.0  # readiness's default --timeout, for the floor's loads
LIGHTHOUSE_TIMEOUT_S = 240.0
MB = 1024 * 1024
# The targets.
LIGHTHOUSE_RATIO_TARGET = 5.0  # readiness's pages per minute at least 5x Lighthouse's
FLOOR_RATIO_TARGET = 2.0  # readiness (no speed pass) at most 2x the floor's time
ONE_URL_TARGET_S = 4.0  # readiness on the minimal page alone, start to finish
CRAWL_MEMORY_TARGET_MB = 1536.0  # peak below 1.5 GB on the 100-page crawl
# "Flat over time": the memory left between pages may grow at most this much per page (100 MB
# over a 100-page crawl, under 7% of the memory target); more is growth to chase. Peaks follow
# the page being loaded, so they judge the pages more than the tool.
FLAT_MB_PER_PAGE = 1.0
# The trends leave out the start (driver and browser coming up) and are fitted to the highest
# and lowest memory of each page, since memory saw-tooths as contexts open and close; without
# readiness's record of finished pages, windows this long stand for the pages.
TREND_SKIP_FRACTION = 0.1
TREND_WINDOW_S = 5.0
CRAWL_SEED = 9  # the crawl's page order: heavy and light pages mixed, the same every run

SIDES = {
    "readiness": "readiness (defaults)",
    "readiness-no-speed": "readiness --speed-devices none",
    "readiness-unthrottled": "readiness --throttle none",
    "readiness-applied": "readiness --throttle-method apply",
    "readiness-one-url": "readiness, one URL (defaults)",
    "baseline": "baseline readiness (defaults)",
    "baseline-one-url": "baseline readiness, one URL",
    "floor": "floor (Playwright, 1 screenshot)",
    "lighthouse": "Lighthouse 13 (default mobile)",
}
GROUPS = {
    "readiness": (
        "readiness",
        "readiness-one-url",
        "readiness-no-speed",
        "readiness-unthrottled",
        "readiness-applied",
    ),
    "baseline": ("baseline", "baseline-one-url"),
    "floor": ("floor",),
    "lighthouse": ("lighthouse",),
}
# --baseline DIR: a checkout of another readiness (an earlier commit, as `git worktree add DIR
# REV` makes it), run by the same Python with DIR first on its path, its package's modules
# taking the place of this checkout's. -P keeps the working directory off the path: from this
# checkout, `python -c` would otherwise import this checkout's package as the baseline. The
# baseline stops unless its package is the one in DIR.
BASELINE_CHECKOUT: list[Path] = []
BASELINE_MAIN = (
    "import os, sys; import checker; "
    "where = os.path.dirname(os.path.dirname(os.path.abspath(checker.__file__))); "
    "sys.exit(f'baseline imported {where}') if where != os.environ['PYTHONPATH'] else None; "
    "sys.argv[0] = 'readiness'; from checker.cli.app import main; main()"
)
# Left out by --fast: variants that explain the speed pass rather than judge the targets.
SLOW_VARIANTS = ("readiness-unthrottled", "readiness-applied", "readiness-no-speed")
READINESS_FLAGS = {
    "readiness": [],
    "readiness-one-url": [],
    "baseline": [],
    "baseline-one-url": [],
    "readiness-no-speed": ["--speed-devices", "none"],
    "readiness-unthrottled": ["--throttle", "none"],
    # Throttling applied for real (slow-4g loads), where readiness simulates it by default.
    "readiness-applied": ["--throttle-method", "apply"],
}


@dataclass(frozen=True)
class Sample:
    t: float  # seconds since the side started
    rss: int  # summed over the tree
    root_rss: int  # the side's first process alone (readiness's Python)
    processes: int
    pss: int | None = None  # every PSS_EVERY samples only
    uss: int | None = None
    pages_done: int | None = None  # readiness's pages recorded so far, with PSS
    # PSS by kind of process (process_kind), with PSS; renderers also counted.
    kinds: dict[str, int] = field(default_factory=dict)
    renderers: int = 0


@dataclass(frozen=True)
class Measurement:
    seconds: float
    pages: int  # attempted
    pages_ok: int
    devices: int
    cpu_s: float
    samples: list[Sample]
    failures: list[str] = field(default_factory=list)
    cpu_s_by_kind: dict[str, float] = field(default_factory=dict)  # process_kind's kinds

    @classmethod
    def taken(
        cls,
        seconds: float,
        sampler: TreeSampler,
        *,
        pages: int,
        ok: int,
        failures: list[str],
        devices: int = len(DEFAULT_DEVICES),
    ) -> Measurement:
        return cls(
            seconds, pages, ok, devices, sampler.cpu_s, sampler.samples, failures,
            sampler.cpu_s_by_kind(),
        )  # fmt: skip

    @property
    def peak_rss_mb(self) -> float:
        return max((s.rss for s in self.samples), default=0) / MB

    @property
    def peak_pss_mb(self) -> float:
        return max((s.pss for s in self.samples if s.pss is not None), default=0) / MB

    @property
    def peak_uss_mb(self) -> float:
        return max((s.uss for s in self.samples if s.uss is not None), default=0) / MB

    def summary(self) -> dict[str, object]:
        return {
            "seconds": round(self.seconds, 2),
            "pages": self.pages,
            "pages_ok": self.pages_ok,
            "cpu_s": round(self.cpu_s, 1),
            "peak_pss_mb": round(self.peak_pss_mb, 1),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "peak_uss_mb": round(self.peak_uss_mb, 1),
            "failures": self.failures,
            "cpu_s_by_kind": {kind: round(s, 2) for kind, s in self.cpu_s_by_kind.items()},
        }


class TreeSampler:
    """Memory and CPU of a process and all its descendants, polled on a thread: RSS and CPU
    every SAMPLE_S, PSS and USS every PSS_EVERY samples."""

    def __init__(self, started: float, progress: Callable[[], int] | None = None) -> None:
        self._started = started
        self._progress = progress
        self._root: psutil.Process | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._count = 0
        self.samples: list[Sample] = []
        # Last CPU seconds seen per process (pid and start time, as pids are reused).
        self._cpu: dict[tuple[int, float], float] = {}
        self._kinds: dict[tuple[int, float], str] = {}

    def watch(self, pid: int | None) -> None:
        with self._lock:
            self._root = psutil.Process(pid) if pid is not None else None

    @property
    def cpu_s(self) -> float:
        return sum(self._cpu.values())

    def cpu_s_by_kind(self) -> dict[str, float]:
        by_kind: dict[str, float] = {}
        for key, seconds in self._cpu.items():
            kind = self._kinds.get(key, "other")
            by_kind[kind] = by_kind.get(kind, 0.0) + seconds
        return by_kind

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.is_set():
            with self._lock:
                root = self._root
            if root is not None:
                self._sample(root, full=self._count % PSS_EVERY == 0)
                self._count += 1
            self._stop.wait(SAMPLE_S)

    def _sample(self, root: psutil.Process, *, full: bool) -> None:
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.Error:
            return
        rss = root_rss = pss = uss = count = renderers = 0
        kinds: dict[str, int] = {}
        for process in tree:
            try:
                with process.oneshot():
                    times = process.cpu_times()
                    key = (process.pid, process.create_time())
                    memory = process.memory_full_info() if full else process.memory_info()
                    if key not in self._kinds:
                        self._kinds[key] = process_kind(process, root)
            except psutil.Error:
                continue  # it ended between the listing and now
            self._cpu[key] = times.user + times.system
            rss, count = rss + memory.rss, count + 1
            root_rss = root_rss or (memory.rss if process is root else 0)
            if full:
                pss, uss = pss + memory.pss, uss + memory.uss
                kind = self._kinds[key]
                kinds[kind] = kinds.get(kind, 0) + memory.pss
                renderers += kind == "renderers"
        if count:
            t = time.monotonic() - self._started
            if not full:
                self.samples.append(Sample(t, rss, root_rss, count))
                return
            done = self._progress() if self._progress is not None else None
            sample = Sample(t, rss, root_rss, count, pss, uss, done, kinds, renderers)
            self.samples.append(sample)


def process_kind(process: psutil.Process, root: psutil.Process) -> str:
    """What a process of the tree is, for the memory breakdown: the side's own process, the
    Playwright driver (Node.js), or which of Chromium's processes (by its --type switch)."""
    if process.pid == root.pid:
        program = (process.cmdline() or [process.name()])[0]
        return "Python" if "python" in Path(program).name else Path(program).name
    if process.name().startswith("node"):
        return "driver (Node.js)"
    switches = [a for a in process.cmdline() if a.startswith("--type=")]
    if not switches:
        return "browser" if "chrom" in process.name().lower() else process.name()
    kind = switches[0].removeprefix("--type=")
    if kind == "renderer":
        return "renderers"
    if kind == "gpu-process":
        return "GPU"
    if kind == "zygote":
        return "zygotes"
    return "utility (network, storage...)" if kind == "utility" else kind


@dataclass(frozen=True)
class Finished:
    returncode: int
    stdout: str
    stderr: str


def run_measured(
    commands: list[list[str]],
    env: dict[str, str] | None = None,
    timeout_s: float | None = None,
    progress: Callable[[], int] | None = None,
) -> tuple[list[Finished], float, TreeSampler]:
    """Run the commands one after another, sampling each one's process tree (and
    `progress`, pages done so far, with each PSS sample)."""
    started = time.monotonic()
    finished = []
    with TreeSampler(started, progress) as sampler, tempfile.TemporaryDirectory() as tmp:
        for command in commands:
            out, err = Path(tmp) / "out", Path(tmp) / "err"
            with out.open("w") as stdout, err.open("w") as stderr:
                process = subprocess.Popen(command, stdout=stdout, stderr=stderr, env=env)
                sampler.watch(process.pid)
                try:
                    returncode = process.wait(timeout=timeout_s)
                except subprocess.TimeoutExpired:
                    returncode = kill_tree(process)
                    print(f"timed out after {timeout_s:g} s", file=stderr)
                except KeyboardInterrupt:
                    kill_tree(process)
                    raise
                finally:
                    sampler.watch(None)
            finished.append(Finished(returncode, out.read_text(), err.read_text()))
        seconds = time.monotonic() - started
    return finished, seconds, sampler


class LineCounter:
    """Lines in a file that grows (readiness's results.jsonl, a line per finished page),
    reading only what was added since the last call."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._offset = 0
        self._lines = 0

    def __call__(self) -> int:
        with contextlib.suppress(OSError), self._path.open("rb") as handle:
            handle.seek(self._offset)
            added = handle.read()
            self._offset += len(added)
            self._lines += added.count(b"\n")
        return self._lines


def kill_tree(process: subprocess.Popen[bytes]) -> int:
    """Kill a process this script started and every process under it."""
    with contextlib.suppress(psutil.Error):
        for child in psutil.Process(process.pid).children(recursive=True):
            with contextlib.suppress(psutil.Error):
                child.kill()
    process.kill()
    return process.wait()


def last_line(text: str) -> str:
    return (text.strip().splitlines() or ["no output"])[-1][:200]


# --- the sides --------------------------------------------------------------------------


def readiness_args(
    urls: list[str], flags: list[str], output: Path, *, baseline: bool = False
) -> list[str]:
    common = ["--block-external", "--quiet", "-o", str(output)]
    # The baseline's checker package comes first on PYTHONPATH (baseline_env).
    program = [sys.executable, "-P", "-c", BASELINE_MAIN] if baseline else [str(READINESS)]
    return [*program, "audit", *urls, *common, *flags]


def baseline_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(BASELINE_CHECKOUT[0].resolve())}


def measure_readiness(
    command: list[str],
    output: Path,
    expected_pages: int,
    env: dict[str, str] | None = None,
) -> Measurement:
    """Run readiness; its pages and their errors come from the report.json it wrote."""
    progress = LineCounter(output / RESULTS_RECORD)
    [done], seconds, sampler = run_measured([command], env=env, progress=progress)
    failures = [] if done.returncode == 0 else [f"exit {done.returncode}: {last_line(done.stderr)}"]
    pages = report_pages(output)
    failures += [f"{p['url']}: {p['error']['message']}" for p in pages if p["status"] != "ok"]
    ok = sum(p["status"] == "ok" for p in pages)
    return Measurement.taken(
        seconds, sampler, pages=len(pages) or expected_pages, ok=ok, failures=failures
    )


def report_pages(output: Path) -> list[dict]:
    """The pages of report.json; of the run's record (results.jsonl) when readiness failed
    before writing its reports."""
    report, record = output / "report.json", output / RESULTS_RECORD
    if report.is_file():
        return json.loads(report.read_text())["pages"]
    if record.is_file():
        lines = record.read_text().splitlines()
        return [json.loads(line)["page"] for line in lines if line.strip()]
    return []


def run_readiness(side: str, urls: list[str]) -> Measurement:
    if side.endswith("one-url"):
        urls = urls[-1:]  # the site's last page: the five-page site's minimal one
    baseline = side.startswith("baseline")
    with tempfile.TemporaryDirectory(prefix="bench-readiness-") as tmp:
        command = readiness_args(urls, READINESS_FLAGS[side], Path(tmp), baseline=baseline)
        env = baseline_env() if baseline else None
        return measure_readiness(command, Path(tmp), len(urls), env)


def run_floor(urls: list[str]) -> Measurement:
    with tempfile.TemporaryDirectory(prefix="bench-floor-") as tmp:
        job = Path(tmp) / "job.json"
        settings = {"devices": list(DEFAULT_DEVICES), "concurrency": default_concurrency()}
        job.write_text(json.dumps({"urls": urls, **settings}))
        worker = [sys.executable, str(Path(__file__).resolve()), "--floor-worker", str(job)]
        [done], seconds, sampler = run_measured([worker])
    try:
        outcome = json.loads(done.stdout)
    except json.JSONDecodeError:
        outcome = {"ok": 0, "failures": [f"exit {done.returncode}: {last_line(done.stderr)}"]}
    return Measurement.taken(
        seconds, sampler, pages=len(urls), ok=outcome["ok"], failures=outcome["failures"]
    )


def run_lighthouse(urls: list[str]) -> Measurement:
    chrome = find_browser(None, None)
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp:
        outputs = [Path(tmp) / f"lh-{i}.json" for i in range(len(urls))]
        flags = ["--quiet", "--output=json", f"--chrome-flags={chrome_flags()}"]
        commands = [
            [str(LIGHTHOUSE), url, *flags, f"--output-path={out}"]
            for url, out in zip(urls, outputs, strict=True)
        ]
        env = {"CHROME_PATH": chrome, "PATH": "/usr/bin:/bin", "HOME": tmp}
        done, seconds, sampler = run_measured(commands, env, LIGHTHOUSE_TIMEOUT_S)
        errors = [
            (url, _lighthouse_error(out, finished))
            for url, out, finished in zip(urls, outputs, done, strict=True)
        ]
    failures = [f"{url}: {error}" for url, error in errors if error]
    ok = len(urls) - len(failures)
    return Measurement.taken(seconds, sampler, pages=len(urls), ok=ok, failures=failures, devices=1)


def _lighthouse_error(out: Path, finished: Finished) -> str | None:
    if finished.returncode != 0 or not out.exists():
        return last_line(finished.stderr)
    runtime_error = json.loads(out.read_text()).get("runtimeError")
    return str(runtime_error.get("message", "runtime error"))[:200] if runtime_error else None


RUNNERS: dict[str, Callable[[list[str]], Measurement]] = {
    **{side: functools.partial(run_readiness, side) for side in READINESS_FLAGS},
    "floor": run_floor,
    "lighthouse": run_lighthouse,
}


# --- the floor, run in a process of its own so its tree is measured alone ----------------


def floor_worker(job_file: Path) -> None:
    job = json.loads(job_file.read_text())
    ok, failures = asyncio.run(floor(job["urls"], job["devices"], job["concurrency"]))
    print(json.dumps({"ok": ok, "failures": failures}))


async def floor(
    urls: list[str], device_names: list[str], concurrency: int
) -> tuple[int, list[str]]:
    """Each page once per device, one viewport screenshot each, other hosts unresolvable as
    readiness makes them; a page loaded on every device counts as ok."""
    allowed = {urlsplit(u).hostname or "" for u in urls}

    async with async_playwright() as playwright:
        profiles = [resolve(name, playwright.devices) for name in device_names]
        browser = await playwright.chromium.launch(
            executable_path=find_browser(None, playwright_browser_path(playwright)),
            args=[
                *LAUNCH_ARGS,
                f"--host-resolver-rules={host_resolver_rules(allowed)}",
                *disable_features_args(),  # as readiness launches it
            ],
        )
        semaphore = asyncio.Semaphore(concurrency)

        async def one_device(url: str, device: DeviceInfo) -> None:
            context = await browser.new_context(**context_options(device))
            try:
                page = await context.new_page()
                await page.goto(url, wait_until="load", timeout=PAGE_TIMEOUT_S * 1000)
                await page.screenshot(type="png", scale="css")
            finally:
                await context.close()

        async def one_page(url: str) -> str | None:
            async with semaphore:
                outcomes = await asyncio.gather(
                    *(one_device(url, d) for d in profiles), return_exceptions=True
                )
            errors = [o for o in outcomes if isinstance(o, BaseException)]
            return f"{url}: {str(errors[0]).splitlines()[0][:200]}" if errors else None

        results = await asyncio.gather(*(one_page(u) for u in urls))
        await browser.close()
    failures = [r for r in results if r]
    return len(urls) - len(failures), failures


# --- the comparison -----------------------------------------------------------------------


def compare(args: argparse.Namespace) -> dict[str, object]:
    sides = chosen_sides(args)
    with contextlib.ExitStack() as stack:
        site_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-site-")))
        site = chosen_site(args, site_dir / "site")
        base = stack.enter_context(serve_directory(site.directory, fill_origin=True))
        urls = site.urls(base)
        sources = ", ".join(p.source for p in site.pages)
        print_header(args, f"{len(urls)} pages served at {base}: {sources}")
        results: dict[str, list[Measurement]] = {side: [] for side in sides}
        for number in range(args.rounds):
            for side in sides[number % len(sides) :] + sides[: number % len(sides)]:
                print(f"round {number + 1}/{args.rounds}: {SIDES[side]}", file=sys.stderr)
                results[side].append(RUNNERS[side](urls))
    figures = {side: side_figures(ms) for side, ms in results.items()}
    print_comparison(results, figures)
    verdicts = comparison_verdicts(figures)
    print()
    print("\n".join(verdicts))
    rounds = {side: [m.summary() for m in ms] for side, ms in results.items()}
    return {
        "pages": urls,
        "sources": [p.source for p in site.pages],
        "sides": {side: {**figures[side], "rounds": rounds[side]} for side in results},
        "verdicts": verdicts,
    }


def chosen_site(args: argparse.Namespace, directory: Path) -> Site:
    if args.site == "five":
        return build_five_pages(directory)
    return build_site(directory, args.pages)


def chosen_sides(args: argparse.Namespace) -> list[str]:
    groups = args.only or [g for g in GROUPS if g != "baseline" or args.baseline]
    sides = list(dict.fromkeys(side for group in groups for side in GROUPS[group]))
    if not args.baseline and any(side.startswith("baseline") for side in sides):
        raise SystemExit("--only baseline needs --baseline DIR")
    if args.fast:
        sides = [side for side in sides if side not in SLOW_VARIANTS]
    if "readiness-applied" in sides and not has_option("--throttle-method"):
        sides.remove("readiness-applied")  # before --throttle-method, applying was the default
    if "lighthouse" in sides and args.skip_lighthouse:
        sides.remove("lighthouse")
        print("Lighthouse side skipped (--skip-lighthouse).")
    elif "lighthouse" in sides and not LIGHTHOUSE.exists():
        sides.remove("lighthouse")
        where = LIGHTHOUSE.parents[2].relative_to(ROOT)
        print(
            f"Lighthouse side skipped: Lighthouse 13 is not in {where}. To install it: "
            f"{LIGHTHOUSE_HINT}"
        )
    return sides


def side_figures(measurements: list[Measurement]) -> dict[str, float]:
    median_s = statistics.median(m.seconds for m in measurements)
    pages = measurements[0].pages
    return {
        "median_s": median_s,
        "min_s": min(m.seconds for m in measurements),
        "max_s": max(m.seconds for m in measurements),
        "pages": pages,
        "pages_ok": min(m.pages_ok for m in measurements),
        "devices": measurements[0].devices,
        "pages_per_min": 60 * pages / median_s,
        "cpu_s_per_page": statistics.median(m.cpu_s for m in measurements) / pages,
        "cpu_s_per_device_page": (
            statistics.median(m.cpu_s for m in measurements) / pages / measurements[0].devices
        ),
        "peak_pss_mb": max(m.peak_pss_mb for m in measurements),
        "peak_rss_mb": max(m.peak_rss_mb for m in measurements),
        "peak_uss_mb": max(m.peak_uss_mb for m in measurements),
    }


def print_comparison(
    results: dict[str, list[Measurement]], figures: dict[str, dict[str, float]]
) -> None:
    header = "side|ok/pages|devices|median s|min s|max s|pages/min|CPU s/page|CPU s/device+page|"
    header += "peak PSS MB|"
    rows = [(header + "peak RSS MB").split("|")]
    for side, f in figures.items():
        rows.append([
            SIDES[side], f"{f['pages_ok']:.0f}/{f['pages']:.0f}", f"{f['devices']:.0f}",
            f"{f['median_s']:.1f}", f"{f['min_s']:.1f}", f"{f['max_s']:.1f}",
            f"{f['pages_per_min']:.1f}", f"{f['cpu_s_per_page']:.2f}",
            f"{f['cpu_s_per_device_page']:.2f}", f"{f['peak_pss_mb']:,.0f}",
            f"{f['peak_rss_mb']:,.0f}",
        ])  # fmt: skip
    print()
    print_table(rows)
    print(
        "(wall seconds for all the pages; pages/min from the median; CPU summed over the "
        "process tree; memory: the highest peak of any round, summed over the tree)"
    )
    for side, measurements in results.items():
        for message in dict.fromkeys(f for m in measurements for f in m.failures):
            print(f"- {SIDES[side]}: {message}")


def comparison_verdicts(figures: dict[str, dict[str, float]]) -> list[str]:
    lines = []
    readiness, lighthouse = figures.get("readiness"), figures.get("lighthouse")
    no_speed, floor = figures.get("readiness-no-speed"), figures.get("floor")
    if readiness and lighthouse:
        ratio = readiness["pages_per_min"] / lighthouse["pages_per_min"]
        lines.append(
            verdict(
                ratio >= LIGHTHOUSE_RATIO_TARGET,
                f"readiness/Lighthouse pages per minute {ratio:.2f}x, 3 devices to Lighthouse's 1 "
                f"(target: at least {LIGHTHOUSE_RATIO_TARGET:g}x)",
            )
        )
    if no_speed and floor:
        ratio = no_speed["median_s"] / floor["median_s"]
        lines.append(
            verdict(
                ratio <= FLOOR_RATIO_TARGET,
                f"readiness --speed-devices none / floor time {ratio:.2f}x, same pages and devices "
                f"(target: at most {FLOOR_RATIO_TARGET:g}x)",
            )
        )
    one_url = figures.get("readiness-one-url")
    if one_url:
        lines.append(
            verdict(
                one_url["median_s"] < ONE_URL_TARGET_S,
                f"a one-URL run of the site's last page took {one_url['median_s']:.1f} s "
                f"(target: under {ONE_URL_TARGET_S:g} s)",
            )
        )
    for ours, theirs in (("readiness", "baseline"), ("readiness-one-url", "baseline-one-url")):
        if ours in figures and theirs in figures:
            now, then = figures[ours], figures[theirs]
            time_ratio = now["median_s"] / then["median_s"]
            cpu_ratio = now["cpu_s_per_page"] / then["cpu_s_per_page"]
            memory_ratio = now["peak_pss_mb"] / then["peak_pss_mb"]
            lines.append(
                f"info: {SIDES[ours]} / {SIDES[theirs]}: time {time_ratio:.2f}x, "
                f"CPU {cpu_ratio:.2f}x, peak memory {memory_ratio:.2f}x"
            )
    if readiness and floor:
        ratio = readiness["median_s"] / floor["median_s"]
        lines.append(f"info: readiness (defaults) / floor time {ratio:.2f}x")
    # CPU time moves less than wall time when other work shares the machine.
    for ours, theirs in (("readiness", "lighthouse"), ("readiness-no-speed", "floor")):
        if ours in figures and theirs in figures:
            ratio = figures[ours]["cpu_s_per_page"] / figures[theirs]["cpu_s_per_page"]
            lines.append(
                f"info: CPU seconds a page, {SIDES[ours]} / {SIDES[theirs]}: {ratio:.2f}x "
                "(steadier than wall time on a busy machine)"
            )
    for side in ("readiness", "readiness-unthrottled", "readiness-applied"):
        speed = figures.get(side)
        if speed and no_speed:
            extra = (speed["median_s"] - no_speed["median_s"]) / speed["pages"]
            lines.append(
                f"info: the speed pass of {SIDES[side]} adds {extra:.1f} s a page "
                "(against --speed-devices none)"
            )
    return lines


def verdict(met: bool, text: str) -> str:
    return f"{'MET' if met else 'NOT MET'}: {text}"


# --- the crawl ----------------------------------------------------------------------------


def crawl(args: argparse.Namespace) -> dict[str, object]:
    with contextlib.ExitStack() as stack:
        site_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-site-")))
        site = build_site(site_dir / "site", args.pages, shuffle_seed=CRAWL_SEED)
        base = stack.enter_context(serve_directory(site.directory, fill_origin=True))
        mode = crawl_mode()
        what = f"readiness on a {args.pages}-page site served at {base}, pages given by {mode}"
        print_header(args, f"{what}, concurrency {default_concurrency()} (the default)")
        rounds = []
        for number in range(args.rounds):
            print(f"round {number + 1}/{args.rounds}: readiness crawl", file=sys.stderr)
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-crawl-")))
            command = crawl_command(mode, base, site.urls(base), tmp, args.pages)
            rounds.append(measure_readiness(command, tmp / "report", args.pages))
    return print_crawl(rounds, mode)


def crawl_mode() -> str:
    """--crawl when this readiness has it, else --urls, else the URLs as arguments."""
    return next((o for o in ("--crawl", "--urls") if has_option(o)), "arguments")


@functools.cache
def audit_help() -> str:
    environ = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    command = [str(READINESS), "audit", "--help"]
    return subprocess.run(command, capture_output=True, text=True, env=environ).stdout


def has_option(option: str) -> bool:
    """Whether this checkout's `readiness audit` has the option (the CLI grows as we go)."""
    return f"{option} " in audit_help()


def crawl_command(mode: str, base: str, urls: list[str], tmp: Path, pages: int) -> list[str]:
    """The crawl's command line; the reports go to tmp/report."""
    output = tmp / "report"
    if mode == "--crawl":
        return readiness_args([base], ["--crawl", "--max-pages", str(pages)], output)
    if mode == "--urls":
        listing = tmp / "urls.txt"
        listing.write_text("\n".join(urls) + "\n")
        return readiness_args([], ["--urls", str(listing)], output)
    return readiness_args(urls, [], output)


def print_crawl(rounds: list[Measurement], mode: str) -> dict[str, object]:
    header = "round|pages ok|seconds|auditing s|reports s|pages/min|CPU s/page|"
    header += "peak PSS MB auditing|reports|trend MB/page: PSS peaks|PSS lows|Python RSS"
    rows = [header.split("|")]
    summaries = []
    for number, m in enumerate(rounds, 1):
        f = crawl_figures(m)
        rows.append([
            str(number), f"{m.pages_ok}/{m.pages}", f"{m.seconds:.1f}", f"{f['audit_s']:.1f}",
            f"{f['report_s']:.1f}", f"{f['pages_per_min']:.1f}", f"{m.cpu_s / m.pages:.2f}",
            f"{f['audit_peak_pss_mb']:,.0f}", megabytes(f["report_peak_pss_mb"]),
            f"{f['pss_peaks_mb_per_page']:+.2f}", f"{f['pss_lows_mb_per_page']:+.2f}",
            f"{f['python_rss_mb_per_page']:+.2f}",
        ])  # fmt: skip
        series = [
            [round(s.t, 2), s.rss // MB, s.root_rss // MB, s.pss and s.pss // MB, s.pages_done]
            for s in m.samples
        ]
        summaries.append({**m.summary(), **f, "series_t_rss_pyrss_pss_pages": series})
    print()
    print_table(rows)
    print(
        "(auditing: until readiness recorded its last page; reports: writing them after that. "
        "Trends: least-squares slope of the highest (peaks) or lowest (lows: what stays "
        "between pages) memory while each page was audited, against the pages done, the "
        f"first {TREND_SKIP_FRACTION:.0%} of the auditing left out)"
    )
    for message in dict.fromkeys(f for m in rounds for f in m.failures):
        print(f"- {message}")
    print_memory_shape(rounds[-1])
    print_cpu_by_kind(rounds[-1])
    worst_peak = max(m.peak_pss_mb for m in rounds)
    worst_trend = max(float(s["pss_lows_mb_per_page"]) for s in summaries)  # type: ignore[arg-type]
    verdicts = [
        verdict(
            worst_peak < CRAWL_MEMORY_TARGET_MB,
            f"peak memory {worst_peak:,.0f} MB, PSS over the process tree "
            f"(target: below {CRAWL_MEMORY_TARGET_MB:,.0f} MB)",
        ),
        verdict(
            worst_trend <= FLAT_MB_PER_PAGE,
            f"memory left between pages grows {worst_trend:+.2f} MB a page while auditing "
            f"(flat: at most {FLAT_MB_PER_PAGE:g} MB a page)",
        ),
    ]
    print()
    print("\n".join(verdicts))
    return {"mode": mode, "rounds": summaries, "verdicts": verdicts}


def megabytes(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def crawl_figures(m: Measurement) -> dict[str, float | None]:
    """Throughput, and memory while auditing (until the last page is recorded) apart from
    memory while writing the reports."""
    full = [s for s in m.samples if s.pss is not None]
    final = max((s.pages_done or 0 for s in full), default=0)
    audit_s = next((s.t for s in full if final and s.pages_done == final), m.seconds)
    auditing = [s for s in full if s.t <= audit_s]
    reporting = [s.pss or 0 for s in full if s.t > audit_s]
    ppm = 60 * m.pages / m.seconds
    return {
        "pages_per_min": ppm,
        "audit_s": audit_s,
        "report_s": m.seconds - audit_s,
        "audit_peak_pss_mb": max((s.pss or 0 for s in auditing), default=0) / MB,
        # None when the reports took less than a PSS sample's interval.
        "report_peak_pss_mb": max(reporting) / MB if reporting else None,
        "pss_peaks_mb_per_page": memory_trend(auditing, lambda s: s.pss or 0, ppm, max),
        "pss_lows_mb_per_page": memory_trend(auditing, lambda s: s.pss or 0, ppm, min),
        "python_rss_mb_per_page": memory_trend(auditing, lambda s: s.root_rss, ppm, max),
    }


def memory_trend(
    samples: list[Sample],
    value: Callable[[Sample], int],
    ppm: float,
    pick: Callable[[Iterable[int]], int],
) -> float:
    """MB per page: the slope of the highest or lowest value (`pick`) while each page was
    being audited against the pages done by then. Without readiness's record of its pages,
    windows of TREND_WINDOW_S stand for the pages and the pages per minute dates them."""
    if not samples:
        return 0.0
    start = samples[-1].t * TREND_SKIP_FRACTION
    groups: dict[float, list[int]] = {}
    for s in samples:
        if s.t < start:
            continue
        if s.pages_done is not None:
            key = float(s.pages_done)
        else:
            window = (s.t - start) // TREND_WINDOW_S
            key = (start + (window + 0.5) * TREND_WINDOW_S) / 60 * ppm
        groups.setdefault(key, []).append(value(s))
    if len(groups) < 2:
        return 0.0
    picked = [pick(values) / MB for values in groups.values()]
    return statistics.linear_regression(list(groups), picked).slope


def print_memory_shape(m: Measurement) -> None:
    """Memory over the run in ten steps, to show the shape the trend sums up."""
    if not m.samples:
        return
    end = m.samples[-1].t
    tenths: list[list[Sample]] = [[] for _ in range(10)]
    for s in m.samples:
        tenths[min(9, int(10 * s.t / end))].append(s)

    def peaks(value: Callable[[Sample], int | None]) -> str:
        return " ".join(
            f"{max((value(s) or 0 for s in part), default=0) / MB:,.0f}" for part in tenths
        )

    print("Peak per tenth of the run (MB), last round:")
    print(f"  PSS, whole tree:     {peaks(lambda s: s.pss)}")
    print(f"  RSS, Python process: {peaks(lambda s: s.root_rss)}")
    print_peak_breakdown(m)


def print_cpu_by_kind(m: Measurement) -> None:
    if not m.cpu_s_by_kind:
        return
    kinds = sorted(m.cpu_s_by_kind.items(), key=lambda item: -item[1])
    print("CPU s by kind of process, last round: " + ", ".join(f"{k} {v:,.1f}" for k, v in kinds))


def print_peak_breakdown(m: Measurement, count: int = 3) -> None:
    """The highest PSS samples by kind of process: where a peak's memory is."""
    full = sorted((s for s in m.samples if s.pss is not None), key=lambda s: -(s.pss or 0))
    if not full or not full[0].kinds:
        return
    print(f"The {min(count, len(full))} highest PSS samples by kind of process (MB):")
    for s in full[:count]:
        parts = [
            f"{kind} {size / MB:,.0f}" + (f" ({s.renderers})" if kind == "renderers" else "")
            for kind, size in sorted(s.kinds.items(), key=lambda item: -item[1])
        ]
        print(f"  {(s.pss or 0) / MB:,.0f} at {s.t:.0f} s: " + ", ".join(parts))


# --- printing -----------------------------------------------------------------------------


def print_header(args: argparse.Namespace, what: str) -> None:
    cpu = platform.machine()
    with contextlib.suppress(OSError):
        models = [
            line
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = models[0].split(":", 1)[1].strip() if models else cpu
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    memory = psutil.virtual_memory().total / MB / 1024
    print(
        f"{os.cpu_count()} cores ({cpu}), {memory:.1f} GB; load average {load} at the start "
        f"(other work on the machine counts); {args.rounds} round(s), interleaved"
    )
    print(what)


def print_table(rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        print("  ".join(cells))
        if index == 0:
            print("  ".join("-" * width for width in widths))


@contextlib.contextmanager
def json_output(path: Path | None, settings: dict[str, object]) -> Iterator[dict[str, object]]:
    figures: dict[str, object] = {"settings": settings}
    yield figures
    if path is not None:
        path.write_text(json.dumps(figures, indent=1) + "\n")
        print(f"Figures: {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, help="interleaved rounds (default 3; 1 with --crawl)")
    parser.add_argument(
        "--pages", type=int, help="pages in the site (default 10; 100 with --crawl)"
    )
    parser.add_argument(
        "--site",
        choices=("five", "mixed"),
        default="five",
        help="five: issue 22's five written pages (default); mixed: the demo and corpus pages "
        "(--pages of them)",
    )
    parser.add_argument("--crawl", action="store_true", help="readiness alone on a generated site")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument(
        "--only",
        action="append",
        choices=list(GROUPS),
        help="only this side (repeatable); readiness runs its 3 variants",
    )
    parser.add_argument(
        "--fast",
        action="store_true",
        help="without the --throttle none and apply variants and --speed-devices none",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="a checkout of another readiness (git worktree add DIR REV), run beside this one",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--floor-worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor_worker:
        floor_worker(args.floor_worker)
        return
    if args.baseline:
        BASELINE_CHECKOUT[:] = [args.baseline.resolve()]
    args.rounds = args.rounds or (1 if args.crawl else 3)
    args.pages = args.pages or (100 if args.crawl else 5 if args.site == "five" else 10)
    if args.rounds < 1 or args.pages < 1:
        parser.error("--rounds and --pages must be at least 1")
    settings = {
        "rounds": args.rounds,
        "pages": args.pages,
        "site": "generated" if args.crawl else args.site,
        "crawl": args.crawl,
        "cores": os.cpu_count(),
        "concurrency": default_concurrency(),
        "devices": list(DEFAULT_DEVICES),
        "load_average_at_start": os.getloadavg(),
    }
    with json_output(args.json, settings) as figures:
        figures.update(crawl(args) if args.crawl else compare(args))
        figures["load_average_at_end"] = os.getloadavg()
    print(f"Load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
