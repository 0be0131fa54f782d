"""The run's record: a plan written once, one results line per finished page."""

from __future__ import annotations

import dataclasses

import pytest

from checker.judge.assemble import error_page, run_result
from checker.model.errors import UsageError
from checker.model.results import ErrorInfo
from checker.model.serde import to_data
from checker.store.run_log import KEEP_MADE_UP_TO, PackedPages, RunLog, RunPlan, pack

TARGETS = [f"https://example.com/{n}" for n in range(7)]


def _plan(shard=None) -> RunPlan:
    return RunPlan(TARGETS, "2026-11-23T00:00:00+00:00", {"devices": ["iphone-se"]}, shard)


def _page(index: int):
    return error_page(TARGETS[index], ErrorInfo("http", f"HTTP 404 on page {index}"))


def test_shards_take_every_nth_target_and_cover_all_of_them_once():
    slices = [_plan((i, 3)).indices() for i in (1, 2, 3)]
    assert slices == [[0, 3, 6], [1, 4], [2, 5]]
    assert sorted(i for s in slices for i in s) == list(range(len(TARGETS)))


def test_results_read_back_as_they_were_appended(tmp_path):
    log = RunLog(tmp_path)
    log.start(_plan((2, 3)))
    log.append(4, _page(4))
    log.append(1, _page(1))
    assert log.read_plan() == _plan((2, 3))
    assert log.read_results() == {1: _page(1), 4: _page(4)}


def test_a_line_cut_short_by_a_kill_is_dropped_and_appending_goes_on(tmp_path):
    log = RunLog(tmp_path)
    log.start(_plan())
    log.append(0, _page(0))
    with log.results_path.open("a") as handle:
        handle.write('{"index": 1, "page": {"url": "https://exa')
    assert log.read_results() == {0: _page(0)}
    log.append(1, _page(1))
    assert log.read_results() == {0: _page(0), 1: _page(1)}


def test_a_new_run_in_the_same_folder_starts_an_empty_record(tmp_path):
    log = RunLog(tmp_path)
    log.start(_plan())
    log.append(0, _page(0))
    log.start(_plan())
    assert log.read_results() == {}


def test_a_damaged_line_in_the_middle_is_a_clear_error(tmp_path):
    log = RunLog(tmp_path)
    log.start(_plan())
    log.results_path.write_text('{"index": 0}\n{"index": 1, "page": {}}\n')
    with pytest.raises(UsageError, match="line 1, is damaged"):
        log.read_results()


def test_a_folder_that_is_a_file_cannot_hold_a_run(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UsageError, match="is not a folder"):
        RunLog(blocker / "report").check_writable()
    assert not (blocker / "report").exists()


def test_packed_pages_come_back_in_target_order(tmp_path):
    log = RunLog(tmp_path)
    log.start(_plan())
    lines = {index: log.append(index, _page(index)) for index in (5, 0, 3)}
    assert log.recorded() == lines
    cut_by_max_time = error_page(TARGETS[2], ErrorInfo("max-time", "not audited"))

    packed = {index: pack(line) for index, line in lines.items()}
    pages = PackedPages(_plan().indices(), packed, {2: cut_by_max_time})

    assert len(pages) == 4
    assert list(pages) == [_page(0), cut_by_max_time, _page(3), _page(5)]
    assert pages[-1] == _page(5) and pages[1:3] == [cut_by_max_time, _page(3)]
    assert all(len(packed[i]) < len(lines[i]) for i in lines)


def _packed_run(folder, pages: int) -> PackedPages:
    log = RunLog(folder)
    log.start(_plan())
    lines = {}
    for index in range(pages):
        page = error_page(f"https://example.com/{index}", ErrorInfo("http", "HTTP 404"))
        lines[index] = pack(log.append(index, page))
    return PackedPages(list(range(pages)), lines, {})


def test_a_small_run_makes_each_page_once_and_a_large_one_at_each_read(tmp_path):
    small = _packed_run(tmp_path / "small", KEEP_MADE_UP_TO)
    large = _packed_run(tmp_path / "large", KEEP_MADE_UP_TO + 1)
    assert small[3] is small[3] and list(small) == list(small)
    assert large[3] == large[3] and large[3] is not large[3]


def test_a_run_result_over_packed_pages_is_summarised_and_serialised(tmp_path):
    log = RunLog(tmp_path)
    log.start(_plan())
    packed = {index: pack(log.append(index, _page(index))) for index in range(3)}
    run = run_result(PackedPages(_plan().indices(), packed, {}), {}, "now")
    assert run.summary["pages"] == 3 and run.summary["errors"] == 3
    assert [page.url for page in run.pages] == TARGETS[:3]
    assert to_data(run)["pages"] == [to_data(_page(index)) for index in range(3)]


def test_a_run_recorded_by_another_version_is_refused_not_read_with_parts_missing(tmp_path):
    log = RunLog(tmp_path)
    log.start(_plan())
    run_file = tmp_path / "run.json"
    run_file.write_text(run_file.read_text().replace('"log_version": 2', '"log_version": 1'))
    with pytest.raises(UsageError, match="written by another version of readiness"):
        log.read_plan()


def test_a_weighed_slice_is_recorded_and_is_what_a_resumed_shard_audits(tmp_path):
    balance = {"basis": "the settings", "pages": [3, 2, 2], "expected_seconds": [30.0, 20, 20]}
    plan = dataclasses.replace(_plan((2, 3)), shard_slice=[0, 5], balance=balance)
    log = RunLog(tmp_path)
    log.start(plan)
    assert log.read_plan() == plan
    assert log.read_plan().indices() == [0, 5]


def test_a_slice_naming_a_target_the_run_does_not_have_is_damage(tmp_path):
    log = RunLog(tmp_path)
    log.start(dataclasses.replace(_plan((1, 2)), shard_slice=[0, 7]))
    with pytest.raises(UsageError, match="is damaged"):
        log.read_plan()
