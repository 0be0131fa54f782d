"""The report practises what it preaches: report.html, audited by readiness itself on a phone,
is ready for phones (a viewport, legible text, no sideways scroll, tap targets to tap)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli.app import app
from checker.demo.server import serve_directory

runner = CliRunner()

# Pages that give the report what an agency's report has: a site overview, top fixes, pages
# with screenshots marked with findings, failing and passing audits, the share previews.
PAGES = ("layout/tap-targets-fail.html", "social/complete.html", "no-viewport.html")
# The audits of a page ready for phones: all four must pass, whatever the layout score.
READY_FOR_PHONES = ("viewport", "font-size", "content-width", "tap-targets")


def _audit(urls: list[str], output: Path, categories: str, formats: str) -> dict:
    result = runner.invoke(
        app,
        [
            "audit",
            *urls,
            "--device",
            "iphone-se",
            "--only-categories",
            categories,
            "--block-external",
            "--no-history",
            "--output",
            str(output),
            "--format",
            formats,
        ],
    )
    assert result.exit_code in (0, 1), result.output  # 1: the audited pages fail the gate
    return json.loads((output / "report.json").read_text())


@pytest.fixture(scope="module")
def report(site: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report of the test pages on an iPhone SE: the folder holding its report.html."""
    folder = tmp_path_factory.mktemp("report")
    _audit([site + page for page in PAGES], folder, "layout,social", "html,json")
    return folder


@pytest.fixture(scope="module")
def page_files(report: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same run's report as a folder: a front page, and a file for each page."""
    folder = tmp_path_factory.mktemp("page-files")
    result = runner.invoke(
        app,
        ["merge", str(report), "--output", str(folder), "--page-files", "--no-history",
         "--format", "html,json"],
    )  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    return folder


@pytest.fixture(scope="module")
def audited_on_a_phone(
    report: Path, page_files: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict]:
    """readiness's layout audits of its own reports on an iPhone SE, each device's JSON by
    report: the one file, and the folder's front page and a page's file."""
    first_page = sorted(page_files.glob("pages/*/index.html"))[0].relative_to(page_files)
    shown = {}
    for name, folder, paths in (
        ("one file", report, {"one file": "report.html"}),
        ("folder", page_files, {"front page": "report.html", "page file": str(first_page)}),
    ):
        with serve_directory(folder) as base_url:
            urls = [base_url + path for path in paths.values()]
            data = _audit(urls, tmp_path_factory.mktemp("self"), "layout", "json")
        for label, page in zip(paths, data["pages"], strict=True):
            assert page["status"] == "ok", (name, page["error"])
            (device,) = page["devices"]
            shown[label] = device
    return shown


@pytest.fixture(params=["one file", "front page", "page file"])
def report_on_a_phone(request: pytest.FixtureRequest, audited_on_a_phone: dict) -> dict:
    return audited_on_a_phone[request.param]


def _findings(audit: dict) -> str:
    lines = [f"{audit['id']}: {audit.get('display')}"]
    for finding in audit.get("findings") or []:
        lines.append(f"  {finding['element'].get('selector')}: {finding['message']}")
    if audit.get("error"):
        lines.append(f"  error: {audit['error']}")
    return "\n".join(lines)


def test_report_audited_has_what_an_agency_report_has(report):
    html = (report / "report.html").read_text(encoding="utf-8")
    for part in (
        'class="site-overview',  # the site's overview
        'class="top-fixes',
        'src="data:image/',  # screenshots of the pages, marked
        'class="finding',
        'class="pv-card',  # the share previews
    ):
        assert part in html, part


def test_report_scores_90_or_more_for_layout_on_a_phone(report_on_a_phone):
    audits = report_on_a_phone["audits"]
    failing = [a for a in audits.values() if a["score"] is not None and a["score"] < 1]
    assert report_on_a_phone["scores"]["layout"] >= 90, "\n".join(map(_findings, failing))


@pytest.mark.parametrize("audit_id", READY_FOR_PHONES)
def test_report_passes_the_phone_audit(report_on_a_phone, audit_id):
    audit = report_on_a_phone["audits"][audit_id]
    assert audit["score"] == 1, _findings(audit)


def test_report_has_no_text_too_small_to_read(report_on_a_phone):
    # font-size passes while 60% of the text is legible; the report holds itself to all of it.
    audit = report_on_a_phone["audits"]["font-size"]
    assert not audit["findings"], _findings(audit)
