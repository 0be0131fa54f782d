"""findings.csv: one row per finding of every failing audit, for a spreadsheet: a BOM for
Excel, formula-looking cells inert, an audit failing as a whole on a row of its own."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from checker.model.gate import GateResult
from checker.report.findings_csv import COLUMNS, render_findings_csv
from checker.report.write import write_reports
from tests.support.runs import Check, fails, page, run

SHOP = "https://shop.example/"


def rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_each_finding_of_a_failing_audit_is_a_row_with_its_fix_and_link() -> None:
    sheet = rows(render_findings_csv(run(page(
        SHOP,
        {"tap-targets": fails(("a.buy", "Too small: 20 px"), ("a.menu", "Too small: 30 px")),
         "viewport": Check(1.0), "image-sizing": Check(0.95, [("img", "Saves 2 KB")])},
        devices=("iphone-se",),
    ))))  # fmt: skip
    assert [(r["device"], r["audit"], r["selector"], r["message"]) for r in sheet] == [
        ("iphone-se", "tap-targets", "a.buy", "Too small: 20 px"),
        ("iphone-se", "tap-targets", "a.menu", "Too small: 30 px"),
    ]
    assert list(sheet[0]) == list(COLUMNS)
    assert (sheet[0]["url"], sheet[0]["category"], sheet[0]["impact"]) == (
        SHOP, "layout", "serious",
    )  # fmt: skip


def test_an_audit_that_fails_as_a_whole_is_a_row_without_a_selector() -> None:
    sheet = rows(render_findings_csv(run(page(SHOP, {"font-size": Check(0.0)},
                                              devices=("pixel-7",)))))  # fmt: skip
    assert [(r["audit"], r["selector"]) for r in sheet] == [("font-size", "")]


def test_checks_that_could_not_run_are_not_findings() -> None:
    sheet = rows(render_findings_csv(run(page(SHOP, {"share-image": Check(error=True)}))))
    assert sheet == []


def test_a_cell_a_spreadsheet_would_run_is_made_inert() -> None:
    hostile = '=HYPERLINK("http://evil.example","click")'
    sheet = rows(render_findings_csv(run(page(
        SHOP, {"link-name": fails((hostile, "@SUM(A1:A9)"))}, devices=("iphone-se",)
    ))))  # fmt: skip
    assert (sheet[0]["selector"], sheet[0]["message"]) == ("'" + hostile, "'@SUM(A1:A9)")


def test_format_csv_writes_findings_csv(tmp_path: Path) -> None:
    (path,) = write_reports(run(page(SHOP, {"viewport": fails(("head", "No viewport"))})),
                            tmp_path, ("csv",), GateResult([]))  # fmt: skip
    assert path.name == "findings.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert len(rows(path.read_text(encoding="utf-8"))) == 2  # one per device
