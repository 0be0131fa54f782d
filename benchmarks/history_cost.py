"""What keeping a run in the history costs: the time a run spends writing it (recording the
run, then reading back what its reports show) and the database's size per 100 pages, on
SQLite and on a real PostgreSQL server started for the benchmark.

    .venv/bin/python benchmarks/history_cost.py [--pages 20] [--rounds 5] [--run DIR]

The run is a real one: readiness with its defaults on the local site throughput.py serves
(the demo's pages, then real pages of ../shared/corpus; other hosts blocked), audited once
(or taken from DIR, a finished run's output folder). It is then recorded `rounds` times into
a fresh database of each kind, as that many runs of the site would be; printed per database:
the median and the spread of the time to keep one run (open, record, read back the reports'
view, as `readiness audit` does at its end), and the size per 100 pages after all rounds.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from sites import build_site  # noqa: E402

from checker.demo.server import serve_directory  # noqa: E402
from checker.judge.assemble import run_result  # noqa: E402
from checker.model.results import RunResult  # noqa: E402
from checker.store.history.history import History  # noqa: E402
from checker.store.history.origin import Origin  # noqa: E402
from checker.store.run_log import RunLog  # noqa: E402

READINESS = ROOT / ".venv" / "bin" / "readiness"


def audited_run(pages: int, given: Path | None) -> RunResult:
    """A finished run: read from `given`, else audited now with the defaults."""
    if given is not None:
        return read_run(given)
    with tempfile.TemporaryDirectory(prefix="bench-history-") as work:
        site = build_site(Path(work) / "site", pages)
        with serve_directory(Path(work) / "site", fill_origin=True) as base:
            out = Path(work) / "out"
            command = [str(READINESS), "audit", *site.urls(base), "--block-external",
                       "--no-history", "--quiet", "-o", str(out)]  # fmt: skip
            print(f"Auditing {pages} pages with the defaults...", flush=True)
            subprocess.run(command, check=True, capture_output=True)
            return read_run(out)


def read_run(folder: Path) -> RunResult:
    log = RunLog(folder)
    plan = log.read_plan()
    results = log.read_results()
    return run_result([results[i] for i in sorted(results)], plan.config, plan.started_at)


def keep_once(location: str, run: RunResult, round_number: int) -> float:
    """Seconds to keep one run as a run's end does: open, record, read its reports' view."""
    start = time.perf_counter()
    with History.open(location) as history:
        run_id = history.record(run, "audit", Origin(f"commit{round_number}", "main"))
        history.run_history(run_id)
    return time.perf_counter() - start


def measure(name: str, location: str, run: RunResult, rounds: int, size: Callable[[], int]) -> None:
    History.open(location).close()  # the schema's creation is a first run's, not every run's
    times = [keep_once(location, run, n) for n in range(rounds)]
    pages = len(run.pages) * rounds
    per_100 = size() / pages * 100
    middle = statistics.median(times)
    print(
        f"{name:<11} keep one run of {len(run.pages)} pages: median {middle:.3f} s "
        f"(min {min(times):.3f}, max {max(times):.3f}) | size per 100 pages "
        f"{per_100 / 1e6:.2f} MB ({size() / 1e6:.2f} MB for {pages} pages)"
    )


def sqlite_size(path: Path) -> Callable[[], int]:
    def size() -> int:
        # The write-ahead log is checkpointed into the file when the last connection closes.
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))

    return size


def postgres_size(url: str) -> Callable[[], int]:
    from sqlalchemy import create_engine, text

    def size() -> int:
        engine = create_engine(url)
        with engine.connect() as connection:
            total = connection.execute(text("SELECT pg_database_size(current_database())"))
            value = int(total.scalar() or 0)
        engine.dispose()
        return value

    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--run", type=Path, help="a finished run's output folder to record")
    args = parser.parse_args()
    run = audited_run(args.pages, args.run)
    findings = sum(len(a.findings) for p in run.pages for d in p.devices for a in d.audits.values())
    print(f"The run: {len(run.pages)} pages, {findings} findings over its devices.")
    with tempfile.TemporaryDirectory(prefix="bench-history-db-") as work:
        path = Path(work) / "history.db"
        measure("SQLite", str(path), run, args.rounds, sqlite_size(path))
    from tests.support.postgres import PostgresServer

    with PostgresServer() as server:
        url = server.new_database("bench")
        empty = postgres_size(url)()  # an empty database's own catalog, left out
        measure("PostgreSQL", url, run, args.rounds, lambda: postgres_size(url)() - empty)


if __name__ == "__main__":
    main()
