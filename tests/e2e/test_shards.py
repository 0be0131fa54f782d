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
