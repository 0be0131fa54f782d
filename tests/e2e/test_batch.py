"""`readiness batch brands.csv`: every brand's site audited into its own folder, ranked on a
comparison page; a brand whose site is down is marked failed and costs the others nothing."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from checker.cli.app import app
from checker.demo.pages import demo_site_dir
from checker.demo.server import serve_directory

FAST = ["--device", "iphone-se", "--speed-devices", "none", "--block-external", "--timeout", "15"]


@pytest.fixture(scope="module")
def batch_run(refused_url, tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch")
    with serve_directory(demo_site_dir(), fill_origin=True) as base_url:
        brands = folder / "brands.csv"
        brands.write_text(
            "name,url,max_pages\n"
            f"Harbor & Pine,{base_url},2\n"
            f"Closed Shop,{refused_url},\n"
            f'"=HYPERLINK(""http://evil.example"")",{base_url}story.html,1\n'
        )
        result = CliRunner().invoke(app, ["batch", str(brands), "-o", str(folder / "out"), *FAST])
    return result, folder / "out"


def test_a_batch_with_one_brand_down_still_exits_0_and_reports_every_brand(batch_run):
    result, out = batch_run
    assert result.exit_code == 0, result.output
    assert "Closed Shop: failed:" in result.output
    rows = list(csv.DictReader(io.StringIO((out / "comparison.csv").read_text("utf-8-sig"))))
    by_status = {row["status"] for row in rows}
    assert by_status == {"ok", "failed"}
    closed = next(r for r in rows if r["name"] == "Closed Shop")
    assert closed["status"] == "failed" and "refused" in closed["message"]
    assert rows[-1]["name"] == "Closed Shop"  # failed brands rank last


def test_each_brand_gets_its_own_full_report(batch_run):
    _, out = batch_run
    report = json.loads((out / "harbor-pine" / "report.json").read_text())
    assert len(report["pages"]) == 2  # its max_pages
    assert all(p["status"] == "ok" for p in report["pages"])
    assert (out / "harbor-pine" / "report.html").is_file()
    comparison = (out / "comparison.html").read_text()
    assert 'href="harbor-pine/report.html"' in comparison


def test_a_brand_name_cannot_inject_a_spreadsheet_formula(batch_run):
    _, out = batch_run
    text = (out / "comparison.csv").read_text()
    assert "'=HYPERLINK" in text
    assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text


def test_a_batch_where_no_brand_can_be_audited_exits_3(refused_url, tmp_path):
    brands = tmp_path / "brands.csv"
    brands.write_text(f"name,url\nClosed Shop,{refused_url}\n")
    result = CliRunner().invoke(app, ["batch", str(brands), "-o", str(tmp_path / "out"), *FAST])
    assert result.exit_code == 3
    assert (tmp_path / "out" / "comparison.html").is_file()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("brand,site\nA,https://a.example/\n", "needs a header row with name,url"),
        ("name,url\nA,ftp://a.example/\n", "line 2: Unsupported URL scheme"),
        ("name,url,max_pages\nA,https://a.example/,lots\n", "line 2: max_pages must be"),
        ("name,url\n,https://a.example/\n", "line 2: the brand has no name"),
        ("name,url\n", "lists no brand"),
    ],
)
def test_a_bad_brands_file_is_one_line_and_exit_2(tmp_path, content, message):
    brands = tmp_path / "brands.csv"
    brands.write_text(content)
    result = CliRunner().invoke(app, ["batch", str(brands), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()
