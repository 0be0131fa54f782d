"""Sharded runs: each shard audits a fixed slice of the targets, and `readiness merge` joins
them into the run one unsharded audit gives."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from checker import Config, audit_urls
from checker.cli.app import app

PAGES = ("mobile-ready.html", "no-viewport.html", "script-title.html", "external.html")


def _config(output_dir, shard=None) -> Config:
    return Config(
        devices=("iphone-se",),
        block_external=True,
        speed_devices="none",
        timeout=20,
        output_dir=output_dir,
        shard=shard,
    )


@pytest.fixture(scope="module")
def runs(site, tmp_path_factory):
    urls = [site + name for name in PAGES]
    folders = {name: tmp_path_factory.mktemp(name) for name in ("whole", "shard1", "shard2")}
    whole = audit_urls(urls, _config(folders["whole"]))
    first = audit_urls(urls, _config(folders["shard1"], (1, 2)))
    second = audit_urls(urls, _config(folders["shard2"], (2, 2)))
    return urls, folders, whole, first, second


def test_shards_split_the_targets_without_overlap(runs):
    urls, _, _, first, second = runs
    assert [p.url for p in first.pages] == [urls[0], urls[2]]
    assert [p.url for p in second.pages] == [urls[1], urls[3]]


def test_merged_shards_give_the_pages_and_scores_of_one_run(runs, tmp_path):
    _, folders, whole, _, _ = runs
    merged = tmp_path / "merged"
    result = CliRunner().invoke(
        app, ["merge", str(folders["shard2"]), str(folders["shard1"]), "-o", str(merged), "-q"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads((merged / "report.json").read_text())
    assert [(p["url"], p["scores"]) for p in report["pages"]] == [
        (p.url, p.scores) for p in whole.pages
    ]
    assert report["summary"] == whole.summary
    assert report["complete"] is True
    # The pictures travel with the pages: the merged report shows every screenshot.
    for page in report["pages"]:
        for device in page["devices"]:
            assert (merged / device["screenshot_file"]).is_file()
    assert (merged / "report.html").read_text().count("data:image/png") + (
        merged / "report.html"
    ).read_text().count("data:image/jpeg") >= len(PAGES)


def test_merging_one_shard_says_which_pages_are_missing(runs, tmp_path):
    _, folders, _, _, _ = runs
    result = CliRunner().invoke(app, ["merge", str(folders["shard1"]), "-o", str(tmp_path), "-q"])
    assert result.exit_code == 0
    assert "2 pages are in no shard's results" in result.output
    assert json.loads((tmp_path / "report.json").read_text())["complete"] is False


def test_merge_refuses_folders_of_different_runs(runs, site, tmp_path):
    _, folders, _, _, _ = runs
    other = tmp_path / "other"
    audit_urls([site + "mobile-ready.html"], _config(other))
    result = CliRunner().invoke(app, ["merge", str(folders["shard1"]), str(other)])
    assert result.exit_code == 2
    assert "only shards of the same run" in result.output


SCHEDULER_VARIABLES = (
    "JOB_COMPLETION_INDEX",
    "JOB_COMPLETIONS",
    "CI_NODE_INDEX",
    "CI_NODE_TOTAL",
    "READINESS_SHARD_INDEX",
    "READINESS_SHARD_TOTAL",
)


def _auto(urls, folder, environ):
    env = {**dict.fromkeys(SCHEDULER_VARIABLES), **environ}
    args = ["audit", *urls, "--shard", "auto", "-d", "iphone-se", "--block-external",
            "--speed-devices", "none", "--timeout", "20", "--no-history",
            "-o", str(folder)]  # fmt: skip
    return CliRunner().invoke(app, args, env=env)


@pytest.fixture(scope="module")
def auto_runs(runs, tmp_path_factory):
    urls = runs[0]
    k8s = tmp_path_factory.mktemp("k8s-0")
    gitlab = tmp_path_factory.mktemp("gitlab-2")
    first = _auto(urls, k8s, {"JOB_COMPLETION_INDEX": "0", "JOB_COMPLETIONS": "2"})
    second = _auto(urls, gitlab, {"CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "2"})
    return k8s, gitlab, first, second


def test_shard_auto_takes_the_slice_the_scheduler_names(runs, auto_runs):
    _, folders, _, _, _ = runs
    k8s, gitlab, first, second = auto_runs
    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert (
        "Shard 1/2 (a Kubernetes Indexed Job: JOB_COMPLETION_INDEX=0, JOB_COMPLETIONS=2): "
        "2 of 4 pages, every page alike, by the settings."
    ) in first.stderr
    assert "Shard 2/2 (GitLab CI parallel: CI_NODE_INDEX=2, CI_NODE_TOTAL=2)" in second.stderr
    plans = {name: json.loads((folder / "run.json").read_text())
             for name, folder in [("k8s", k8s), ("gitlab", gitlab), ("one", folders["shard1"]),
                                  ("two", folders["shard2"])]}  # fmt: skip
    # The same slices as --shard 1/2 and 2/2, disjoint, every target in one.
    assert plans["k8s"]["shard_slice"] == plans["one"]["shard_slice"] == [0, 2]
    assert plans["gitlab"]["shard_slice"] == plans["two"]["shard_slice"] == [1, 3]
    assert plans["k8s"]["balance"]["basis"] == "the settings"


def test_slices_from_two_schedulers_merge_into_the_whole_run(runs, auto_runs, tmp_path):
    _, _, whole, _, _ = runs
    k8s, gitlab, _, _ = auto_runs
    result = CliRunner().invoke(app, ["merge", str(k8s), str(gitlab), "-o", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["complete"] is True
    assert [(p["url"], p["scores"]) for p in report["pages"]] == [
        (p.url, p.scores) for p in whole.pages
    ]


def test_shard_auto_without_a_scheduler_is_one_line_and_exit_2(site, tmp_path):
    result = _auto([site + "mobile-ready.html"], tmp_path / "out", {})
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith("Error: --shard auto found no slice in the environment")
    assert not (tmp_path / "out").exists()


def test_pages_are_timed_in_their_record_for_the_next_run_to_weigh(runs):
    _, folders, _, _, _ = runs
    lines = (folders["whole"] / "results.jsonl").read_text().splitlines()
    seconds = [json.loads(line)["page"]["audit_seconds"] for line in lines]
    assert len(seconds) == len(PAGES)
    assert all(0 < s < 60 for s in seconds)


def test_a_slice_without_pages_is_no_failure(refused_url, tmp_path):
    targets = [refused_url + "a", refused_url + "b"]
    result = CliRunner().invoke(
        app, ["audit", *targets, "--shard", "3/3", "--no-history", "-q", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert "This slice holds no page: nothing to audit." in result.stderr
    assert json.loads((tmp_path / "run.json").read_text())["shard_slice"] == []
