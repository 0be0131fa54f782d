"""`readiness merge` joins slices whole, and refuses shards whose slices overlap (cut by other
weights or another count), naming both."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.judge.assemble import error_page
from checker.model.errors import UsageError
from checker.model.results import ErrorInfo
from checker.run.merge import merge_runs
from checker.store.run_log import RunLog, RunPlan

TARGETS = [f"https://example.com/{n}" for n in range(5)]


def _shard(folder: Path, number: int, count: int, chosen: list[int], basis: str) -> Path:
    balance = {"basis": basis, "pages": [], "expected_seconds": []}
    plan = RunPlan(TARGETS, "2026-12-01T00:00:00+00:00", {"devices": ["iphone-se"]},
                   (number, count), shard_slice=chosen, balance=balance)  # fmt: skip
    log = RunLog(folder)
    log.start(plan)
    for index in chosen:
        page = error_page(TARGETS[index], ErrorInfo("http", "HTTP 404"))
        log.append(index, page)
    return folder


def test_slices_that_cover_every_target_once_merge_whole_and_in_order(tmp_path):
    first = _shard(tmp_path / "a", 1, 2, [0, 3, 4], "the settings")
    second = _shard(tmp_path / "b", 2, 2, [1, 2], "the settings")
    run, missing = merge_runs([second, first], tmp_path / "merged")
    assert missing == 0
    assert [page.url for page in run.pages] == TARGETS
    merged = RunLog(tmp_path / "merged").read_plan()
    assert (merged.shard, merged.shard_slice, merged.balance) == (None, None, None)


def test_shards_whose_slices_overlap_are_refused_naming_both(tmp_path):
    first = _shard(
        tmp_path / "a", 1, 2, [0, 3, 4], "the history's run 7 of example.com, 3 of 5 pages timed"
    )
    second = _shard(tmp_path / "b", 2, 2, [1, 2, 4], "the settings")
    with pytest.raises(UsageError) as error:
        merge_runs([first, second], tmp_path / "merged")
    message = str(error.value)
    assert "both audited https://example.com/4" in message
    assert (
        "shard 1/2, weighed by the history's run 7 of example.com, 3 of 5 pages timed)" in message
    )
    assert "shard 2/2, weighed by the settings" in message
    assert "--no-history" in message
    assert not (tmp_path / "merged").exists()


def test_the_same_folder_given_twice_is_not_an_overlap(tmp_path):
    first = _shard(tmp_path / "a", 1, 2, [0, 3, 4], "the settings")
    _, missing = merge_runs([first, first], tmp_path / "merged")
    assert missing == 2
