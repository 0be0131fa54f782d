"""A run's record in its output folder, kept as the run goes so that nothing finished is
ever lost: `run.json` (the targets and settings, written once, atomically) and
`results.jsonl` (one line per finished page, appended and flushed to disk as each page
ends). Reports are built from it; `--resume` continues it; `merge` joins shards' records."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.errors import UsageError
from checker.files import write_atomic
from checker.results import PageResult
from checker.serde import from_data, to_data

RUN_FILE = "run.json"
RESULTS_FILE = "results.jsonl"
LOG_VERSION = 1


@dataclass(frozen=True)
class RunPlan:
    """What a run set out to do: every target in order (all shards'), this run's shard, and
    its settings as report.json records them."""

    targets: list[str]
    started_at: str
    config: dict[str, Any]
    shard: tuple[int, int] | None = None
    # Pages a crawl found but left out, with why: {"url": ..., "reason": ...}.
    skipped: list[dict[str, str]] | None = None

    def indices(self) -> list[int]:
        """The targets this run (or shard) audits."""
        return shard_indices(len(self.targets), self.shard)


def shard_indices(targets: int, shard: tuple[int, int] | None) -> list[int]:
    """The indices of `targets` targets that shard (I, N) audits: target k goes to shard
    k mod N, so every shard gets a fair mix of the site's sections; all without a shard."""
    if shard is None:
        return list(range(targets))
    number, count = shard
    return [k for k in range(targets) if k % count == number - 1]


class RunLog:
    def __init__(self, output_dir: Path) -> None:
        self.output_dir = Path(output_dir)

    @property
    def results_path(self) -> Path:
        return self.output_dir / RESULTS_FILE

    def start(self, plan: RunPlan) -> None:
        """A fresh record: the plan written, any earlier results in this folder dropped."""
        try:
            self.output_dir.mkdir(parents=True, exist_ok=True)
            write_atomic(self.results_path, b"")
            write_atomic(self.output_dir / RUN_FILE, _plan_json(plan))
        except OSError as exc:
            raise UsageError(f"Cannot write in {self.output_dir}: {exc.strerror}.") from None

    def check_writable(self) -> None:
        """Fail before any work when the folder cannot hold the run's record; create
        nothing yet."""
        existing = self.output_dir
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        if not existing.is_dir():
            raise UsageError(f"Cannot write in {self.output_dir}: {existing} is not a folder.")
        if not os.access(existing, os.W_OK | os.X_OK):
            raise UsageError(f"Cannot write in {self.output_dir}: permission denied.")

    def append(self, index: int, page: PageResult) -> None:
        line = json.dumps({"index": index, "page": to_data(page)}, ensure_ascii=False)
        with self.results_path.open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    def read_plan(self) -> RunPlan:
        path = self.output_dir / RUN_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise UsageError(
                f"{self.output_dir} holds no readiness run (no {RUN_FILE}): give the folder "
                "a run wrote its reports to."
            ) from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UsageError(f"{path} cannot be read: {exc}.") from None
        if not isinstance(data, dict) or data.get("log_version") != LOG_VERSION:
            raise UsageError(f"{path} was written by another version of readiness.")
        try:
            shard = data.get("shard")
            return RunPlan(
                targets=[str(t) for t in data["targets"]],
                started_at=str(data["started_at"]),
                config=dict(data["config"]),
                shard=(int(shard[0]), int(shard[1])) if shard else None,
                skipped=data.get("skipped"),
            )
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise UsageError(f"{path} is damaged: {exc!r}.") from None

    def read_results(self) -> dict[int, PageResult]:
        """Finished pages by target index. A last line cut short by a killed run is left
        out (and cut off, so appending goes on from a clean line)."""
        try:
            raw = self.results_path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise UsageError(f"{self.results_path} cannot be read: {exc.strerror}.") from None
        complete, _, torn = raw.rpartition(b"\n")
        if torn:
            with self.results_path.open("r+b") as handle:
                handle.truncate(len(complete) + 1 if complete else 0)
        pages: dict[int, PageResult] = {}
        for number, line in enumerate(complete.split(b"\n"), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                pages[int(record["index"])] = from_data(PageResult, record["page"])
            except (ValueError, KeyError, TypeError) as exc:
                raise UsageError(
                    f"{self.results_path}, line {number}, is damaged: {exc!r}."
                ) from None
        return pages


def _plan_json(plan: RunPlan) -> str:
    return json.dumps(
        {
            "log_version": LOG_VERSION,
            "targets": plan.targets,
            "started_at": plan.started_at,
            "config": plan.config,
            "shard": list(plan.shard) if plan.shard else None,
            "skipped": plan.skipped,
        },
        indent=2,
        ensure_ascii=False,
    )
