"""A run's record in its output folder, kept as the run goes so that nothing finished is
ever lost: `run.json` (the targets and settings, written once, atomically) and
`results.jsonl` (one line per finished page, appended and flushed to disk as each page
ends). Reports are built from it; `--resume` continues it; `merge` joins shards' records."""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

from checker.model.errors import UsageError
from checker.model.results import PageResult
from checker.model.serde import from_data, to_data
from checker.store.files import write_atomic

RUN_FILE = "run.json"
RESULTS_FILE = "results.jsonl"
# 2: page results in report schema 3 (findings name one element and carry an impact). A run
# recorded by another version is refused by --resume and merge, not read with parts missing.
LOG_VERSION = 2
PACK_LEVEL = 1  # zlib's fastest: the JSON of a page shrinks ~8x in about a millisecond
# The reports read every page of a run about nine times (report.json once, the HTML report's
# views, its table of contents, its front page's top fixes and sites...), each read making the
# page again from its packed line. Up to this many pages, each is made once and kept (~1 MB
# each); past it they are made at each read, as before: the reports read pages in order, so a
# smaller cache of a larger run would never be hit.
KEEP_MADE_UP_TO = 20


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
    # A shard's slice as it was cut (checker.run.slices): its targets' indices, ascending, and
    # how every slice was weighed ({"basis", "pages", "expected_seconds"}), so a resumed shard
    # keeps its slice and `merge` can tell slices cut alike. None: every Nth target from the
    # Ith (a shard recorded before slices were weighed).
    shard_slice: list[int] | None = None
    balance: dict[str, Any] | None = None

    def indices(self) -> list[int]:
        """The targets this run (or shard) audits."""
        if self.shard is not None and self.shard_slice is not None:
            return list(self.shard_slice)
        return shard_indices(len(self.targets), self.shard)


def shard_indices(targets: int, shard: tuple[int, int] | None) -> list[int]:
    """The indices of `targets` targets that shard (I, N) audits when its slice was not
    weighed: target k goes to shard k mod N; all without a shard."""
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

    def append(self, index: int, page: PageResult) -> bytes:
        """Record a finished page; its line as written (for a PackedPages to keep)."""
        record = {"index": index, "page": to_data(page)}
        line = json.dumps(record, ensure_ascii=False).encode("utf-8")
        with self.results_path.open("ab") as handle:
            handle.write(line + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        return line

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
                shard_slice=_indices(data.get("shard_slice"), len(data["targets"])),
                balance=dict(data["balance"]) if data.get("balance") else None,
            )
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise UsageError(f"{path} is damaged: {exc!r}.") from None

    def read_results(self) -> dict[int, PageResult]:
        """Finished pages by target index, all in memory (see recorded() for a large run)."""
        return {index: page for index, _, page in self._records()}

    def recorded(self) -> dict[int, bytes]:
        """Each finished page's line, by target index."""
        return {index: line for index, line, _ in self._records()}

    def _records(self) -> Iterator[tuple[int, bytes, PageResult]]:
        """Each finished page: its target index, its line, the page read from it (so a
        damaged line fails here, not in a report later). A last line cut short by a killed
        run is left out (and cut off, so appending goes on from a clean line)."""
        try:
            raw = self.results_path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise UsageError(f"{self.results_path} cannot be read: {exc.strerror}.") from None
        complete, _, torn = raw.rpartition(b"\n")
        if torn:
            with self.results_path.open("r+b") as handle:
                handle.truncate(len(complete) + 1 if complete else 0)
        for number, line in enumerate(complete.split(b"\n"), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                index, page = int(record["index"]), from_data(PageResult, record["page"])
            except (ValueError, KeyError, TypeError) as exc:
                raise UsageError(
                    f"{self.results_path}, line {number}, is damaged: {exc!r}."
                ) from None
            yield index, line, page


def pack(line: bytes) -> bytes:
    """A record line as PackedPages keeps it."""
    return zlib.compress(line, PACK_LEVEL)


def _page_of(line: bytes) -> PageResult:
    return from_data(PageResult, json.loads(line)["page"])


class PackedPages(Sequence[PageResult]):
    """A run's pages in target order, each kept as its record line packed and made into
    a PageResult when asked for: as objects a finished page takes ~1 MB, packed ~15 KB, so a
    crawl's memory does not grow with its pages. A run of more than KEEP_MADE_UP_TO pages
    builds a new PageResult at each access (equal, not identical). `unrecorded` are the pages
    that never reached the record (cut by --max-time, lost with the browser): small error
    pages, kept as they are."""

    def __init__(
        self, order: list[int], packed: dict[int, bytes], unrecorded: dict[int, PageResult]
    ) -> None:
        self._packed = dict(packed)  # by target index, what pack() made of each line
        self._unrecorded = dict(unrecorded)
        self._order = [i for i in order if i in self._packed or i in self._unrecorded]
        self._made: dict[int, PageResult] | None = (
            {} if len(self._order) <= KEEP_MADE_UP_TO else None
        )

    def __len__(self) -> int:
        return len(self._order)

    @overload
    def __getitem__(self, position: int) -> PageResult: ...
    @overload
    def __getitem__(self, position: slice) -> list[PageResult]: ...
    def __getitem__(self, position: int | slice) -> PageResult | list[PageResult]:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        index = self._order[position]
        if index in self._unrecorded:
            return self._unrecorded[index]
        if self._made is None:
            return _page_of(zlib.decompress(self._packed[index]))
        if index not in self._made:
            self._made[index] = _page_of(zlib.decompress(self._packed[index]))
        return self._made[index]


def _indices(value: Any, targets: int) -> list[int] | None:
    if value is None:
        return None
    indices = [int(i) for i in value]
    if any(not 0 <= i < targets for i in indices):
        raise ValueError(f"shard_slice names a target out of 0..{targets - 1}")
    return indices


def _plan_json(plan: RunPlan) -> str:
    return json.dumps(
        {
            "log_version": LOG_VERSION,
            "targets": plan.targets,
            "started_at": plan.started_at,
            "config": plan.config,
            "shard": list(plan.shard) if plan.shard else None,
            "skipped": plan.skipped,
            "shard_slice": plan.shard_slice,
            "balance": plan.balance,
        },
        indent=2,
        ensure_ascii=False,
    )
