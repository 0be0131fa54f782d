"""Shards joined into one run: the records of `readiness audit --shard I/N` runs (each in its
own output folder, from a CI matrix or an indexed Job) merged into one record and report."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from checker.judge.assemble import run_result
from checker.model.errors import UsageError
from checker.model.results import PageResult, RunResult
from checker.store.files import write_atomic
from checker.store.run_log import RunLog, RunPlan


def merge_runs(sources: list[Path], output_dir: Path) -> tuple[RunResult, int]:
    """One run from the shards' folders, recorded in `output_dir` (pictures copied there),
    and how many of its pages no shard finished (left out; the run is then incomplete)."""
    if not sources:
        raise UsageError("Give the output folders of the shards to merge.")
    logs = [RunLog(source) for source in sources]
    plans = [log.read_plan() for log in logs]
    first = plans[0]
    for source, plan in zip(sources, plans, strict=True):
        if plan.targets != first.targets:
            raise UsageError(
                f"{source} audited other pages than {sources[0]}: only shards of the same "
                "run (the same targets) can be merged."
            )
    _check_disjoint(sources, plans)
    pages: dict[int, PageResult] = {}
    for log in logs:
        for index, page in sorted(log.read_results().items()):
            _copy_pictures(page, log.output_dir, Path(output_dir))
            pages[index] = page
    merged = dataclasses.replace(
        first, shard=None, config={**first.config, "shard": None}, shard_slice=None, balance=None
    )
    _record(merged, pages, Path(output_dir))
    ordered = [pages[i] for i in sorted(pages)]
    missing = len(first.targets) - len(pages)
    return run_result(ordered, merged.config, first.started_at, complete=not missing), missing


def _check_disjoint(sources: list[Path], plans: list[RunPlan]) -> None:
    """Two shards that set out to audit the same page were cut from different slices (their
    histories timed the pages differently, or their counts differ): refuse, naming both."""
    owner: dict[int, tuple[Path, RunPlan]] = {}
    for source, plan in zip(sources, plans, strict=True):
        if plan.shard is None:
            continue
        for index in plan.indices():
            if index not in owner:
                owner[index] = (source, plan)
                continue
            other, earlier = owner[index]
            if other.resolve() == source.resolve():
                continue
            raise UsageError(
                f"{other} ({_slice_name(earlier)}) and {source} ({_slice_name(plan)}) both "
                f"audited {plan.targets[index]}: their slices were cut differently. Run every "
                "shard with the same count and the same history (or all with --no-history)."
            )


def _slice_name(plan: RunPlan) -> str:
    assert plan.shard is not None
    basis = (plan.balance or {}).get("basis") or "every Nth target"
    return f"shard {plan.shard[0]}/{plan.shard[1]}, weighed by {basis}"


def _record(plan: RunPlan, pages: dict[int, PageResult], output_dir: Path) -> None:
    log = RunLog(output_dir)
    log.start(plan)
    for index in sorted(pages):
        log.append(index, pages[index])


def _copy_pictures(page: PageResult, source: Path, target: Path) -> None:
    if source.resolve() == target.resolve():
        return
    names = [n for d in page.devices for n in (d.screenshot_file, d.full_screenshot_file) if n]
    names += page.share_thumbnail_files.values()
    for name in names:
        origin = (source / name).resolve()
        if not origin.is_relative_to(source.resolve()) or not origin.is_file():
            continue  # a damaged or hostile record: the report shows no picture
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        with origin.open("rb") as handle:
            write_atomic(destination, handle.read())
