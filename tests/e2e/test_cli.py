"""The `readiness` command through Typer's test runner, with real Chromium."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli.app import app

runner = CliRunner()


def test_audit_writes_both_reports_and_prints_scores(site, tmp_path):
    out = tmp_path / "report"
    result = runner.invoke(
        app,
        [
            "audit",
            site + "mobile-ready.html",
            site + "no-viewport.html",
            "--output",
            str(out),
            "--block-external",
            "--device",
            "iphone-se",
            "--throttle",
            "none",
        ],
    )
    assert result.exit_code == 0, result.output
    assert f"Report: {out / 'report.json'}" in result.output
    assert f"Report: {out / 'report.html'}" in result.output
    data = json.loads((out / "report.json").read_text())
    assert data["schema_version"] == 4  # the report's (4: the accessibility category)
    assert data["complete"] is True
    assert data["tool"]["name"] == "readiness"
    assert data["config"]["devices"] == ["iphone-se"]
    first, second = data["pages"]
    assert first["status"] == "ok" and first["error"] is None
    device = first["devices"][0]
    assert device["device"] == "iphone-se"
    assert device["viewport"] == {"width": 375, "height": 667}
    assert "screenshot" not in device
    assert "full_screenshot" not in device
    viewport = second["devices"][0]["audits"]["viewport"]
    assert set(viewport) >= {"id", "title", "category", "score", "value", "display", "findings"}
    assert viewport["score"] == 0
    assert viewport["findings"][0]["element"]["selector"] == "head"
    assert viewport["findings"][0]["impact"] == "critical"
    layouts = [p["scores"]["layout"] for p in data["pages"]]
    assert data["summary"]["pages"] == 2 and data["summary"]["errors"] == 0
    assert data["summary"]["scores"]["layout"] == round(sum(layouts) / 2)
    assert layouts[0] == 100 and layouts[1] < 50
    # Unthrottled (--throttle none), the tiny local pages are fast: speed was measured on the
    # first mobile device only.
    assert data["summary"]["scores"]["speed"] >= 90
    assert data["pages"][0]["devices"][0]["audits"]["largest-contentful-paint"]["unit"] == "ms"


def test_audit_writes_html_json_md_and_junit_through_the_one_dispatcher(
    site, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)  # no readiness.toml above: the default gate judges md and junit
    out = tmp_path / "report"
    url = site + "no-viewport.html"
    result = runner.invoke(
        app,
        [
            "audit", url, "-o", str(out), "--format", "html,json,md,junit",
            "--block-external", "--device", "iphone-se", "--speed-devices", "none",
        ],
    )  # fmt: skip
    # The page fails the mobile-friendly gate, in the files; audit's exit code is not a gate's.
    assert result.exit_code == 0, result.output
    for name in ("report.json", "report.html", "junit.xml", "summary.md"):
        assert f"Report: {out / name}" in result.output
    data = json.loads((out / "report.json").read_text())
    assert [p["url"] for p in data["pages"]] == [url]
    assert data["config"]["formats"] == ["html", "json", "md", "junit"]
    assert url in (out / "report.html").read_text()
    suite = ET.parse(out / "junit.xml").getroot()
    failed = {c.get("name") for c in suite.iter("testcase") if c.find("failure") is not None}
    assert {"viewport", "category:layout"} <= failed
    summary = (out / "summary.md").read_text()
    assert summary.startswith("## ❌ readiness: failed")
    assert "viewport" in summary and "no-viewport.html" in summary


def test_audit_exits_3_when_no_page_could_be_audited(refused_url, tmp_path):
    result = runner.invoke(
        app, ["audit", refused_url, "--output", str(tmp_path), "--device", "iphone-se", "--quiet"]
    )
    assert result.exit_code == 3
    data = json.loads((tmp_path / "report.json").read_text())
    assert data["pages"][0]["error"]["kind"] == "connection"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["audit", "ftp://example.com/"], "Unsupported URL scheme 'ftp'"),
        (["audit", "http://exa mple.com/"], "Malformed URL"),
        (["audit", "http://127.0.0.1:99999/"], "Malformed URL"),
        (["audit", "http://127.0.0.1/", "--device", "nokia-3310"], "Unknown device 'nokia-3310'"),
        (["audit", "http://127.0.0.1/", "--format", "docx"], "Unknown format 'docx'"),
        (["audit", "http://127.0.0.1/", "--browser", "/no/such/chrome"], "not an executable"),
        (["rescore", "/no/such/dir"], "is not a directory of saved snapshots"),
    ],
)
def test_usage_errors_give_one_line_and_exit_2(args, message):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_audit_takes_its_settings_from_readiness_toml_and_flags_override_them(
    site, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "readiness.toml").write_text(
        f'urls = ["{site}mobile-ready.html"]\n'
        'devices = ["pixel-7"]\n'
        'throttle = "none"\n'
        'speed-devices = "none"\n'
        "block-external = true\n"
        'formats = ["json"]\n'
        'output = "from-config"\n'
    )
    from_file = runner.invoke(app, ["audit"])  # the pages, too, are the file's
    assert from_file.exit_code == 0, from_file.output
    assert "Config: readiness.toml" in from_file.output
    out = tmp_path / "from-config"
    data = json.loads((out / "report.json").read_text())
    assert [p["url"] for p in data["pages"]] == [site + "mobile-ready.html"]
    assert data["config"]["devices"] == ["pixel-7"]
    assert data["config"]["throttle"] == "none"
    assert data["config"]["block_external"] is True
    assert not (out / "report.html").exists()  # formats = ["json"]

    flags = runner.invoke(
        app,
        [
            "audit", site + "no-viewport.html", "--device", "iphone-se", "--throttle", "fast-4g",
            "--format", "json,html", "-o", "from-flags",
        ],
    )  # fmt: skip
    assert flags.exit_code == 0, flags.output
    out = tmp_path / "from-flags"
    data = json.loads((out / "report.json").read_text())
    assert [p["url"] for p in data["pages"]] == [site + "no-viewport.html"]
    assert data["config"]["devices"] == ["iphone-se"]
    assert data["config"]["throttle"] == "fast-4g"
    assert data["config"]["speed_devices"] == "none"  # not overridden: still the file's
    assert (out / "report.html").is_file()


@pytest.mark.parametrize(
    "command",
    [
        ["audit", "http://127.0.0.1:9/"],
        ["ci", "http://127.0.0.1:9/"],
        ["batch", "brands.csv"],
        ["rescore", "snapshots"],
        ["merge", "shard-1"],
    ],
)
def test_a_bad_key_in_readiness_toml_is_one_line_naming_file_and_line_for_every_command(
    tmp_path, monkeypatch, command
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "readiness.toml").write_text('devices = ["iphone-se"]\ncolour = "red"\n')
    (tmp_path / "brands.csv").write_text("name,url\nA,http://127.0.0.1:9/\n")
    before = sorted(tmp_path.rglob("*"))
    result = runner.invoke(app, [*command, "-o", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    (line,) = result.output.strip().splitlines()
    assert line.startswith('Error: readiness.toml, line 2, colour: unknown key "colour"'), line
    assert sorted(tmp_path.rglob("*")) == before


def test_a_config_option_that_names_no_file_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["audit", "http://127.0.0.1:9/", "--config", str(tmp_path)])
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert "--config names" in line and "which is not a file" in line


def test_rescore_refuses_another_schema_version(tmp_path):
    (tmp_path / "0000-page.json").write_text(json.dumps({"schema_version": 99, "captures": []}))
    result = runner.invoke(app, ["rescore", str(tmp_path)])
    assert result.exit_code == 2
    assert "schema version 99" in result.output


def test_devices_lists_every_profile_with_registry_user_agents():
    result = runner.invoke(app, ["devices"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["name", "viewport", "dpr", "mobile", "touch", "user", "agent"]
    rows = {line.split()[0]: line for line in lines[1:-1]}
    assert set(rows) == {"iphone-se*", "pixel-7*", "ipad-mini*", "moto-g-power", "desktop"}
    assert "375x667" in rows["iphone-se*"] and "iPhone" in rows["iphone-se*"]
    assert "412x915" in rows["pixel-7*"] and "2.625" in rows["pixel-7*"]
    assert "412x823" in rows["moto-g-power"] and "moto g power (2022)" in rows["moto-g-power"]
    assert "1350x940" in rows["desktop"] and " no " in rows["desktop"]


def test_version_prints_the_package_version():
    from checker._version import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"readiness {__version__}"


def test_no_browser_found_names_the_install_command_and_exits_2(monkeypatch, tmp_path):
    import checker.gather.browser

    monkeypatch.delenv("READINESS_BROWSER", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no chromium, chromium-browser, google-chrome
    monkeypatch.setattr(checker.gather.browser, "playwright_browser_path", lambda playwright: None)
    result = runner.invoke(app, ["audit", "http://127.0.0.1:8/", "--output", str(tmp_path)])
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert "playwright install chromium" in line
    assert "apt-get install -y chromium" in line


def test_unwritable_snapshot_directory_is_a_usage_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = runner.invoke(
        app, ["audit", "http://127.0.0.1:8/", "--save-snapshots", str(blocker / "snaps")]
    )
    assert result.exit_code == 2
    assert "Cannot save snapshots in" in result.output


def test_a_failure_of_readiness_itself_is_one_line_exit_70_and_keeps_the_data(
    tmp_path, monkeypatch
):
    from checker.report import write

    def broken(rendering):
        raise ValueError("y1 must be greater than or equal to y0")

    monkeypatch.setitem(write.OUTPUTS, "html", write.Output("report.html", broken))
    snapshots = Path(__file__).parents[1] / "fixtures" / "snapshots"
    result = runner.invoke(app, ["rescore", str(snapshots), "-o", str(tmp_path), "-q"])
    assert result.exit_code == 70
    assert "readiness failed (ValueError: y1 must be" in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert (tmp_path / "report.json").is_file()  # written although the HTML failed
    assert not (tmp_path / "report.html").exists()
