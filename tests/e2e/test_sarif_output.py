"""`--format sarif` on real runs: `readiness audit` writes a report.sarif that validates against
the SARIF 2.1.0 schema with every result located by the config's `[sarif] locations`, and
`readiness ci` prints one line per site naming it."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from checker.cli.app import app
from tests.support.sarif import github_problems, schema_errors

runner = CliRunner()
FAST = ["--block-external", "--device", "iphone-se", "--speed-devices", "none"]


@pytest.fixture(autouse=True)
def _in_tmp_path(tmp_path, monkeypatch):
    # Commands look for readiness.toml from the working directory up: start from this one.
    monkeypatch.chdir(tmp_path)


def test_audit_format_sarif_is_valid_and_points_each_page_at_its_template(site, tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "bare.html").write_text("<html></html>\n")
    (tmp_path / "readiness.toml").write_text(
        '[sarif.locations]\n"/no-viewport.html" = "templates/bare.html"\n'
    )
    pages = [site + "no-viewport.html", site + "mobile-ready.html"]
    result = runner.invoke(app, ["audit", *pages, "--format", "sarif", "-o", "out", *FAST])
    assert result.exit_code == 0, result.output
    assert "Report: out/report.sarif" in result.output
    log = json.loads((tmp_path / "out" / "report.sarif").read_text(encoding="utf-8"))
    assert schema_errors(log) == []
    assert github_problems(log) == []
    found = log["runs"][0]["results"]
    assert {r["ruleId"] for r in found} >= {"viewport", "content-width", "font-size"}
    where = {
        r["properties"]["url"]: r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in found
    }
    assert where[pages[0]] == "templates/bare.html"
    assert set(where) <= set(pages)
    assert all(r["properties"]["device"] == "iphone-se" for r in found)
    viewport = next(r for r in found if r["ruleId"] == "viewport")
    assert pages[0] in viewport["message"]["text"] and "iphone-se" in viewport["message"]["text"]


def test_ci_prints_one_line_per_site_and_names_report_sarif(site, tmp_path):
    result = runner.invoke(
        app,
        ["ci", site + "no-viewport.html", "--format", "sarif,md", "-o", "out", *FAST],
        env={"GITHUB_ACTIONS": "", "GITHUB_STEP_SUMMARY": ""},
    )
    assert result.exit_code == 1, result.output
    host = site.split("//")[1].rstrip("/")
    (line,) = [line for line in result.output.splitlines() if line.startswith(f"{host}: ")]
    assert line.startswith(f"{host}: FAILED overall ")
    assert "assertions failed · out/report.sarif" in line
    assert result.output.rstrip().splitlines()[-1].startswith("readiness gate FAILED")
    summary = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")
    assert "Code scanning: the findings are in `report.sarif`" in summary
    log = json.loads((tmp_path / "out" / "report.sarif").read_text(encoding="utf-8"))
    assert github_problems(log) == []
    # Results without a [sarif] table point at the README.
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert uris == {"README.md"}
