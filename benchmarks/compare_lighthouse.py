"""How close readiness's speed metrics come to Lighthouse 13's on the same pages.

Both sides load the same local pages unthrottled (readiness `throttle="none"`, Lighthouse
`--throttling-method=provided`) on the same mobile profile (moto g power), in the system
Chromium, with every host but 127.0.0.1 and localhost unresolvable: the bundled demo site and
the speed fixture pages (tests/fixtures/pages/speed/), and a copy of layout-shift.html with a
line of text (Lighthouse gives up on a page that paints no text or image, NO_FCP, so the fixture
alone compares no layout shift). Rounds are interleaved (readiness on
every page, then Lighthouse on every page, then again) so a busy moment of the machine hits
both; each side's value is the median over the rounds. Prints FCP, LCP, TBT, CLS and TTFB side
by side, the difference and whether it meets the goal: FCP and LCP within 15% or 100 ms, CLS
within 0.02, TBT within 50 ms (TTFB has no goal: the two tools time it from different starts).

    .venv/bin/python benchmarks/compare_lighthouse.py [--rounds 3] [--runs 1]

Lighthouse 13 is installed from npm into .cache/lighthouse13 on first use; without npm the
Lighthouse side is skipped with a line saying how to install it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lighthouse_install import chrome_flags, ensure_lighthouse  # noqa: E402

from checker import Config, audit_urls  # noqa: E402
from checker.demo.pages import demo_pages, demo_site_dir  # noqa: E402
from checker.demo.server import serve_directory  # noqa: E402
from checker.gather.browser import find_browser  # noqa: E402

SPEED_FIXTURES = ROOT / "tests" / "fixtures" / "pages" / "speed"
DEVICE = "moto-g-power"  # Lighthouse's default mobile emulation
# Our column name -> the audit id, the same in both tools.
METRICS = {
    "FCP": "first-contentful-paint",
    "LCP": "largest-contentful-paint",
    "TBT": "total-blocking-time",
    "CLS": "cumulative-layout-shift",
    "TTFB": "server-response-time",
}
Values = dict[str, float | None]
# The layout-shift fixture with text painted first, so Lighthouse measures its shift too.
SHIFT_WITH_TEXT = (
    "layout-shift.html",
    '<div id="block">',
    '<p>Text painted first.</p>\n<div id="block">',
)


def _paint_goal(ours: float, theirs: float) -> bool:
    return abs(ours - theirs) <= max(100.0, 0.15 * theirs)


GOALS: dict[str, tuple[str, Callable[[float, float], bool]]] = {
    "FCP": ("15% or 100 ms", _paint_goal),
    "LCP": ("15% or 100 ms", _paint_goal),
    "TBT": ("50 ms", lambda ours, theirs: abs(ours - theirs) <= 50),
    "CLS": ("0.02", lambda ours, theirs: abs(ours - theirs) <= 0.02),
}


def run_lighthouse(binary: Path, url: str, chrome: str) -> Values | str:
    """Lighthouse's five metrics for one load of `url`, or why it failed."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "lh.json"
        result = subprocess.run(
            [str(binary), url, "--quiet", "--only-categories=performance",
             "--throttling-method=provided", "--output=json", f"--output-path={out}",
             f"--chrome-flags={chrome_flags()}"],
            env={"CHROME_PATH": chrome, "PATH": "/usr/bin:/bin", "HOME": tmp}, timeout=240,
            capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode != 0 or not out.exists():
            return (result.stderr.strip().splitlines() or ["failed"])[-1][:200]
        report = json.loads(out.read_text())
    if report.get("runtimeError"):
        return str(report["runtimeError"].get("message", "runtime error"))[:200]
    audits = report["audits"]
    return {name: audits.get(id_, {}).get("numericValue") for name, id_ in METRICS.items()}


def run_readiness(urls: list[str], runs: int) -> list[Values | str]:
    config = Config(
        devices=(DEVICE,),
        throttle="none",
        block_external=True,
        runs=runs,
        concurrency=1,
        output_dir=Path(tempfile.mkdtemp(prefix="readiness-compare-")),
    )
    result = audit_urls(urls, config)
    values: list[Values | str] = []
    for page in result.pages:
        if page.status != "ok" or not page.devices:
            values.append(page.error.message if page.error else "failed")
            continue
        audits = page.devices[0].audits
        values.append({
            name: _number(audits[id_].value) if id_ in audits else None
            for name, id_ in METRICS.items()
        })  # fmt: skip
    return values


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def median(samples: list[Values | str], name: str) -> float | None:
    values = [s[name] for s in samples if isinstance(s, dict) and s.get(name) is not None]
    return float(statistics.median(values)) if values else None  # type: ignore[type-var]


def show(name: str, value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.3f}" if name == "CLS" else f"{value:,.0f} ms"


def show_diff(name: str, diff: float) -> str:
    return f"{diff:+.3f}" if name == "CLS" else f"{diff:+,.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--runs", type=int, default=1, help="readiness --runs per round")
    args = parser.parse_args()

    binary = ensure_lighthouse(13)
    chrome = find_browser(None, None)
    if binary is None:
        print("Lighthouse side skipped: npm is not installed. Install it (apt-get install -y "
              "npm) and run again; Lighthouse 13 then goes into .cache/lighthouse13.")  # fmt: skip
    with contextlib.ExitStack() as stack:
        demo_base = stack.enter_context(serve_directory(demo_site_dir(), fill_origin=True))
        fixture_base = stack.enter_context(serve_directory(SPEED_FIXTURES))
        extra_dir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        source, old, new = SHIFT_WITH_TEXT
        (extra_dir / "layout-shift-text.html").write_text(
            (SPEED_FIXTURES / source).read_text().replace(old, new, 1)
        )
        extra_base = stack.enter_context(serve_directory(extra_dir))
        urls = {url.removeprefix(demo_base) or "index (demo)": url for url in demo_pages(demo_base)}
        for page in sorted(SPEED_FIXTURES.glob("*.html")):
            urls[f"speed/{page.name}"] = fixture_base + page.name
        urls["extra/layout-shift-text.html"] = extra_base + "layout-shift-text.html"
        names = list(urls)
        ours: dict[str, list[Values | str]] = {n: [] for n in names}
        theirs: dict[str, list[Values | str]] = {n: [] for n in names}
        for round_number in range(1, args.rounds + 1):
            print(f"round {round_number}/{args.rounds}: readiness", file=sys.stderr)
            for name, values in zip(names, run_readiness(list(urls.values()), args.runs),
                                    strict=True):  # fmt: skip
                ours[name].append(values)
            if binary is None:
                continue
            for name in names:
                print(f"round {round_number}/{args.rounds}: lighthouse {name}", file=sys.stderr)
                theirs[name].append(run_lighthouse(binary, urls[name], chrome))

    print(f"readiness (throttle none, runs {args.runs}) vs Lighthouse 13 "
          f"(--throttling-method=provided), {DEVICE}, median of {args.rounds} rounds")  # fmt: skip
    print()
    print_table(names, ours, theirs if binary is not None else None)


def print_table(
    names: list[str],
    ours: dict[str, list[Values | str]],
    theirs: dict[str, list[Values | str]] | None,
) -> None:
    """The Markdown table of both metric sets, then the pages a side could not measure."""
    width = max(len("page"), *(len(n) for n in names))
    header = (
        f"| {'page':{width}} | metric | {'readiness':>10} | {'Lighthouse':>10} "
        f"| {'diff':>9} | goal |"
    )
    print(header)
    print("|" + "|".join("-" * len(c) for c in header.split("|")[1:-1]) + "|")
    met = total = 0
    failures: list[str] = []
    for name in names:
        for side, samples in (("readiness", ours[name]), ("Lighthouse", (theirs or {}).get(name))):
            for message in dict.fromkeys(s for s in samples or [] if isinstance(s, str)):
                failures.append(f"- {name}: {side} could not measure it: {message}")
        for metric in METRICS:
            mine = median(ours[name], metric)
            lh = median(theirs[name], metric) if theirs is not None else None
            diff = show_diff(metric, mine - lh) if mine is not None and lh is not None else "—"
            goal = "—"
            if metric in GOALS and mine is not None and lh is not None:
                ok = GOALS[metric][1](mine, lh)
                met, total = met + ok, total + 1
                goal = "yes" if ok else "NO"
            print(f"| {name:{width}} | {metric:6} | {show(metric, mine):>10} | "
                  f"{show(metric, lh):>10} | {diff:>9} | {goal:4} |")  # fmt: skip
    print()
    if failures:
        print("\n".join(failures))
        print()
    goals = ", ".join(f"{m} within {g[0]}" for m, g in GOALS.items())
    print(f"Goals: {goals}; TTFB shown, no goal. Met {met} of {total}.")


if __name__ == "__main__":
    main()
