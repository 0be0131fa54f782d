"""The one output dispatcher: format names declared once, every format written atomically
through write_reports, an unknown format refused in one line before anything is written."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from checker.config.settings import Config
from checker.model.errors import UsageError
from checker.model.gate import AssertionOutcome, GateResult
from checker.model.results import PageResult, RunResult
from checker.report.write import FORMATS, OUTPUTS, parse_formats, write_reports
from checker.run.ci import write_outputs

SHOP = "https://shop.example/"


def run_of_one_page(layout: int = 40) -> RunResult:
    page = PageResult(
        url=SHOP,
        final_url=SHOP,
        status="ok",
        error=None,
        scores={"overall": 60, "layout": layout, "speed": None, "social": 80},
        metadata={"title": "Shop"},
        devices=[],
    )
    return RunResult(
        started_at="2024-05-01T10:00:00+00:00",
        config={},
        pages=[page],
        summary={},
        tool={"name": "readiness", "version": "9.8.7"},
    )


def gate_failing_viewport() -> GateResult:
    return GateResult(
        [
            AssertionOutcome(SHOP, "iphone-se", "viewport", "error", False, "pass", "fail (0)"),
            AssertionOutcome(SHOP, None, "page-loads", "error", True, "ok", "ok"),
        ]
    )


def test_the_formats_are_html_json_md_junit_csv_sarif_and_pdf_each_with_its_file() -> None:
    assert set(FORMATS) == {"html", "json", "md", "junit", "csv", "sarif", "pdf"}
    assert {f: OUTPUTS[f].filename for f in FORMATS} == {
        "json": "report.json",
        "html": "report.html",
        "junit": "junit.xml",
        "md": "summary.md",
        "csv": "findings.csv",
        "sarif": "report.sarif",
        "pdf": "report.pdf",
    }
    assert [f for f in FORMATS if OUTPUTS[f].printed] == ["pdf"]


def test_parse_formats_reads_a_comma_list_in_any_case_once_each() -> None:
    assert parse_formats("HTML, json,html") == ("html", "json")
    assert parse_formats(["md", "junit"]) == ("md", "junit")


def test_markdown_is_another_name_for_md() -> None:
    assert parse_formats("json,markdown") == ("json", "md")


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("html,docx", "Unknown format 'docx': choose from json, html, junit, md, csv, sarif, pdf."),
        ("XML", "Unknown format 'XML': choose from json, html, junit, md, csv, sarif, pdf."),
        (" , ", "Give at least one format: json, html, junit, md, csv, sarif, pdf."),
    ],
)
def test_an_unknown_format_is_one_line_naming_it_and_the_choices(given: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_formats(given)
    assert str(caught.value) == message


def test_the_dispatcher_refuses_an_unknown_format_before_writing_anything(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="Unknown format 'docx'"):
        write_reports(run_of_one_page(), tmp_path, ("json", "docx"))
    assert list(tmp_path.iterdir()) == []


def test_the_settings_check_formats_through_the_dispatcher() -> None:
    assert Config(formats=("markdown", "junit")).formats == ("md", "junit")
    with pytest.raises(UsageError, match="Unknown format 'docx'"):
        Config(formats=("docx",))


def test_every_format_is_written_in_order_data_first(tmp_path: Path) -> None:
    run = run_of_one_page()
    written = write_reports(run, tmp_path, ("md", "html", "junit", "json"), gate_failing_viewport())
    assert [p.name for p in written] == ["report.json", "report.html", "junit.xml", "summary.md"]
    assert json.loads((tmp_path / "report.json").read_text())["pages"][0]["url"] == SHOP
    assert (tmp_path / "report.html").read_text().startswith("<!DOCTYPE html>")
    cases = ET.parse(tmp_path / "junit.xml").getroot().iter("testcase")
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    assert failed == ["viewport"]
    summary = (tmp_path / "summary.md").read_text()
    assert summary.startswith("## ❌ readiness: failed") and "viewport" in summary
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # renamed into place


def test_markdown_and_junit_without_a_verdict_are_a_programming_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="verdict"):
        write_reports(run_of_one_page(), tmp_path, ("json", "junit"))
    assert list(tmp_path.iterdir()) == []


def test_a_command_without_a_gate_has_md_and_junit_judged_by_the_default_gate(
    tmp_path: Path,
) -> None:
    # mobile-friendly, the default preset, wants layout >= 80: 40 fails it, in the files.
    config = Config(output_dir=tmp_path, formats=("md", "junit"))
    written = write_outputs(run_of_one_page(layout=40), config).paths
    assert [p.name for p in written] == ["junit.xml", "summary.md"]
    assert "category:layout" in (tmp_path / "summary.md").read_text()
    suite = ET.parse(tmp_path / "junit.xml").getroot()
    assert suite.get("failures") == "1"


def test_html_and_json_alone_need_no_gate(tmp_path: Path) -> None:
    written = write_outputs(run_of_one_page(), Config(output_dir=tmp_path, formats=("json",))).paths
    assert [p.name for p in written] == ["report.json"]
