"""`readiness ci`: the gate with real Chromium on pages served from 127.0.0.1."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from checker.cli.app import app

runner = CliRunner()


def _ci(tmp_path, *args: str, env: dict[str, str] | None = None):
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "ci",
            *args,
            "--output",
            str(out),
            "--block-external",
            "--device",
            "iphone-se",
            "--speed-devices",
            "none",
        ],
        env={"GITHUB_ACTIONS": "", "GITHUB_STEP_SUMMARY": "", **(env or {})},
    )
    return result, out


@pytest.fixture(autouse=True)
def _no_config_above(tmp_path, monkeypatch):
    # The gate looks for readiness.toml from the working directory up: start from an empty one.
    monkeypatch.chdir(tmp_path)


def test_gate_passes_a_mobile_friendly_page_and_exits_0(site, tmp_path):
    result, out = _ci(tmp_path, site + "mobile-ready.html")
    assert result.exit_code == 0, result.output
    assert "readiness gate passed: 0 failed" in result.output
    suite = ET.parse(out / "junit.xml").getroot()
    assert suite.tag == "testsuites" and suite.get("failures") == "0"
    names = {case.get("name") for case in suite.iter("testcase")}
    assert {"viewport", "content-width", "font-size", "tap-targets", "page-loads"} <= names
    assert (out / "report.json").exists() and (out / "report.html").exists()


def test_gate_fails_a_page_without_viewport_and_names_it_everywhere(site, tmp_path):
    result, out = _ci(tmp_path, site + "no-viewport.html")
    assert result.exit_code == 1, result.output
    assert "readiness gate FAILED" in result.output
    table = result.output.splitlines()
    assert any("viewport" in line and "no-viewport.html" in line for line in table)
    failures = [
        case.get("name")
        for case in ET.parse(out / "junit.xml").getroot().iter("testcase")
        if case.find("failure") is not None
    ]
    assert "viewport" in failures and "category:layout" in failures
    summary = (out / "summary.md").read_text()
    assert "viewport" in summary and "failed" in summary.lower()


def test_gate_fails_a_budget_overrun_with_the_actual_figure(site, tmp_path):
    (tmp_path / "readiness.toml").write_text(
        f'urls = ["{site}mobile-ready.html"]\n[budgets]\ntotal-bytes = 500\n'
    )
    result, out = _ci(tmp_path)
    assert result.exit_code == 1, result.output
    report = json.loads((out / "report.json").read_text())
    actual = report["pages"][0]["devices"][0]["resources"]["transfer_bytes"]
    assert actual > 500
    line = next(line for line in result.output.splitlines() if "budget:total-bytes" in line)
    assert "<= 500" in line and str(actual) in line


def test_gate_fails_a_regression_against_a_baseline_and_shows_before_and_after(site, tmp_path):
    url = site + "no-viewport.html"
    first, out = _ci(tmp_path, url, "--preset", "none")
    assert first.exit_code == 0, first.output
    baseline = json.loads((out / "report.json").read_text())
    # The baseline claims the page was mobile friendly before this change.
    page = baseline["pages"][0]
    page["scores"]["layout"] = 100
    page["devices"][0]["audits"]["viewport"]["score"] = 1.0
    (tmp_path / "before.json").write_text(json.dumps(baseline))
    result, _ = _ci(tmp_path, url, "--preset", "none", "--baseline", "before.json")
    assert result.exit_code == 1, result.output
    assert "regression:category:layout" in result.output
    assert "regression:audit:viewport" in result.output
    before_after = [line for line in result.output.splitlines() if line.startswith(url)]
    assert any(" layout " in f" {line} " and "100" in line for line in before_after)


def test_gate_takes_formats_and_throttle_from_the_config_file(site, tmp_path):
    (tmp_path / "readiness.toml").write_text(
        f'urls = ["{site}mobile-ready.html"]\nthrottle = "none"\nformats = ["json", "junit"]\n'
    )
    result, out = _ci(tmp_path)
    assert result.exit_code == 0, result.output
    assert json.loads((out / "report.json").read_text())["config"]["throttle"] == "none"
    assert (out / "junit.xml").is_file()
    assert not (out / "report.html").exists() and not (out / "summary.md").exists()


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("urls = [\n", "not valid TOML"),
        ('urls = []\ncolour = "red"\n', "colour"),
        ('urls = []\nruns = "two"\n', "runs"),
        ('urls = []\n[assertions]\n"tap-target" = "error"\n', 'did you mean "tap-targets"'),
    ],
)
def test_gate_rejects_a_malformed_config_with_one_line_naming_the_key(tmp_path, config, message):
    (tmp_path / "readiness.toml").write_text(config)
    result, _ = _ci(tmp_path, "http://127.0.0.1:9/")
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert message in line and "readiness.toml" in line


def test_gate_exits_3_when_no_page_could_be_audited(refused_url, tmp_path):
    result, out = _ci(tmp_path, refused_url)
    assert result.exit_code == 3, result.output
    failures = [
        case.get("name")
        for case in ET.parse(out / "junit.xml").getroot().iter("testcase")
        if case.find("failure") is not None
    ]
    assert failures == ["page-loads"]


def test_gate_speaks_github_actions(site, tmp_path):
    summary = tmp_path / "step-summary.md"
    result, _ = _ci(
        tmp_path, site + "no-viewport.html",
        env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)},
    )  # fmt: skip
    assert result.exit_code == 1
    assert any(line.startswith("::error title=readiness") for line in result.output.splitlines())
    assert "viewport" in summary.read_text()


def test_init_writes_a_starter_config_the_gate_accepts(site, tmp_path):
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 0, result.output
    starter = (tmp_path / "readiness.toml").read_text()
    (tmp_path / "readiness.toml").write_text(
        starter.replace("urls = [", f'urls = [\n    "{site}mobile-ready.html",', 1)
    )
    gate, _ = _ci(tmp_path)
    assert gate.exit_code == 0, gate.output
    again = runner.invoke(app, ["init"])
    assert again.exit_code == 2  # never overwrites
