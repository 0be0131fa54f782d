"""--shard auto: the slice each scheduler's environment names, and one clear line when it
names none or names it inconsistently."""

from __future__ import annotations

import pytest

from checker.model.errors import UsageError
from checker.run.schedulers import NONE_FOUND, Shard, choose_shard, shard_from_environment


def test_a_kubernetes_indexed_job_is_0_based_with_the_count_the_manifest_sets():
    found = shard_from_environment({"JOB_COMPLETION_INDEX": "0", "JOB_COMPLETIONS": "4"})
    assert found.pair == (1, 4)
    last = shard_from_environment({"JOB_COMPLETION_INDEX": "3", "JOB_COMPLETIONS": "4"})
    assert last.pair == (4, 4)
    assert last.source == "a Kubernetes Indexed Job: JOB_COMPLETION_INDEX=3, JOB_COMPLETIONS=4"


def test_a_kubernetes_indexed_job_takes_its_count_from_shard_count():
    found = shard_from_environment({"JOB_COMPLETION_INDEX": "2"}, count=5)
    assert found.pair == (3, 5)
    assert "--shard-count 5" in found.source


def test_a_kubernetes_index_without_a_count_says_where_to_set_it():
    with pytest.raises(UsageError, match="set JOB_COMPLETIONS in the manifest") as error:
        shard_from_environment({"JOB_COMPLETION_INDEX": "2"})
    assert "--shard-count N" in str(error.value)


def test_gitlab_parallel_is_1_based():
    first = shard_from_environment({"CI_NODE_INDEX": "1", "CI_NODE_TOTAL": "3"})
    last = shard_from_environment({"CI_NODE_INDEX": "3", "CI_NODE_TOTAL": "3"})
    assert (first.pair, last.pair) == ((1, 3), (3, 3))
    assert first.source == "GitLab CI parallel: CI_NODE_INDEX=1, CI_NODE_TOTAL=3"


def test_a_gitlab_job_without_parallel_is_the_whole_run():
    assert shard_from_environment({"CI_NODE_TOTAL": "1", "GITLAB_CI": "true"}).pair == (1, 1)


def test_a_github_matrix_passes_the_0_based_job_index_and_the_job_total():
    found = shard_from_environment({"READINESS_SHARD_INDEX": "1", "READINESS_SHARD_TOTAL": "4"})
    assert found.pair == (2, 4)


def test_kubernetes_and_gitlab_name_the_same_slices_for_the_same_job():
    for index in range(4):
        k8s = shard_from_environment({"JOB_COMPLETION_INDEX": str(index), "JOB_COMPLETIONS": "4"})
        gitlab = shard_from_environment({"CI_NODE_INDEX": str(index + 1), "CI_NODE_TOTAL": "4"})
        assert k8s.pair == gitlab.pair == (index + 1, 4)


def test_no_scheduler_is_one_line_naming_what_it_reads():
    with pytest.raises(UsageError) as error:
        shard_from_environment({"HOME": "/root", "CI": "true"})
    assert str(error.value) == NONE_FOUND
    assert "\n" not in NONE_FOUND
    for name in ("JOB_COMPLETION_INDEX", "CI_NODE_INDEX", "READINESS_SHARD_INDEX", "--shard I/N"):
        assert name in NONE_FOUND


@pytest.mark.parametrize(
    ("environ", "count", "message"),
    [
        ({"JOB_COMPLETION_INDEX": "4", "JOB_COMPLETIONS": "4"}, None, "must be from 0 to 3"),
        ({"JOB_COMPLETION_INDEX": "-1", "JOB_COMPLETIONS": "4"}, None, "must be from 0 to 3"),
        ({"JOB_COMPLETION_INDEX": "one", "JOB_COMPLETIONS": "4"}, None, "not a whole number"),
        ({"JOB_COMPLETIONS": "4"}, None, "is the Job's completionMode Indexed"),
        ({"JOB_COMPLETION_INDEX": "1", "JOB_COMPLETIONS": "4"}, 3, "but --shard-count 3"),
        ({"JOB_COMPLETION_INDEX": "0", "JOB_COMPLETIONS": "0"}, None, "at least one slice"),
        ({"CI_NODE_INDEX": "0", "CI_NODE_TOTAL": "3"}, None, "must be from 1 to 3"),
        ({"CI_NODE_INDEX": "2"}, None, "no CI_NODE_TOTAL"),
        ({"CI_NODE_TOTAL": "3"}, None, "no CI_NODE_INDEX"),
        ({"CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "3"}, 4, "but --shard-count 4"),
        ({"READINESS_SHARD_INDEX": "4", "READINESS_SHARD_TOTAL": "4"}, None, "from 0 to 3"),
        ({"READINESS_SHARD_INDEX": "1"}, None, "READINESS_SHARD_TOTAL is not set"),
        ({}, 0, "at least one slice"),
        (
            {"JOB_COMPLETION_INDEX": "0", "JOB_COMPLETIONS": "2", "CI_NODE_INDEX": "2",
             "CI_NODE_TOTAL": "2"},
            None,
            "names two slices, 1/2",
        ),
    ],
)  # fmt: skip
def test_an_inconsistent_environment_is_one_line(environ, count, message):
    with pytest.raises(UsageError, match=message) as error:
        shard_from_environment(environ, count)
    assert "\n" not in str(error.value)


def test_two_schedulers_that_agree_are_one_slice():
    environ = {"JOB_COMPLETION_INDEX": "1", "JOB_COMPLETIONS": "2", "READINESS_SHARD_INDEX": "1",
               "READINESS_SHARD_TOTAL": "2"}  # fmt: skip
    assert shard_from_environment(environ).pair == (2, 2)


def test_the_options_choose_between_an_explicit_slice_auto_and_none():
    environ = {"CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "3"}
    assert choose_shard(None, None, environ) is None
    assert choose_shard("2/5", None, environ) == Shard(2, 5)
    assert choose_shard("auto", None, environ).pair == (2, 3)
    assert choose_shard("AUTO", 3, environ).pair == (2, 3)
    with pytest.raises(UsageError, match="--shard-count goes with --shard auto"):
        choose_shard("2/5", 5, environ)
    with pytest.raises(UsageError, match="--shard-count goes with --shard auto"):
        choose_shard(None, 5, environ)
