"""`readiness audit URL --crawl`: a site's pages found from its sitemap and links, then
audited as one run."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from checker.cli.app import app
from checker.demo.pages import demo_site_dir
from checker.demo.server import serve_directory

FAST = ["--device", "iphone-se", "--speed-devices", "none", "--block-external", "--timeout", "20"]


@pytest.fixture(scope="module")
def demo_base():
    with serve_directory(demo_site_dir(), fill_origin=True) as base_url:
        yield base_url


def test_crawl_audits_the_sites_pages_once_each(demo_base, tmp_path):
    result = CliRunner().invoke(
        app, ["audit", demo_base, "--crawl", "-o", str(tmp_path), "--format", "json", *FAST]
    )
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "report.json").read_text())
    # The start page, the sitemap's pages (its /index.html is the start page: audited once),
    # then the pages only links lead to (the shop's pagination).
    assert [p["url"] for p in report["pages"]] == [
        demo_base,
        demo_base + "shop.html",
        demo_base + "story.html",
        demo_base + "wholesale.html",
        demo_base + "shop.html?page=2",
        demo_base + "shop.html?page=3",
    ]
    assert all(p["status"] == "ok" for p in report["pages"])
    assert "Crawl: 6 pages to audit" in result.output
    skipped = json.loads((tmp_path / "run.json").read_text())["skipped"]
    assert {s["reason"] for s in skipped} == {"another site"}  # the social profiles' links


def test_crawl_stops_at_max_pages_and_records_what_it_left_out(demo_base, tmp_path):
    options = ["--crawl", "--max-pages", "2", "-o", str(tmp_path), "-f", "json", *FAST]
    result = CliRunner().invoke(app, ["audit", demo_base, *options])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "report.json").read_text())
    assert len(report["pages"]) == 2
    recorded = json.loads((tmp_path / "run.json").read_text())
    beyond = {s["url"] for s in recorded["skipped"] if s["reason"] == "beyond --max-pages"}
    assert demo_base + "wholesale.html" in beyond


def test_crawl_options_are_checked_before_any_work(demo_base, tmp_path):
    result = CliRunner().invoke(
        app, ["audit", demo_base, "--crawl", "--max-pages", "0", "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 2
    assert "--max-pages must be 1 or more" in result.output
    assert not (tmp_path / "out").exists()
