"""The pull-request pieces: `readiness ci`'s one line per site, the address of the run's
code-scanning alerts, and summary.md naming report.sarif when it is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.model.gate import AssertionOutcome, GateResult
from checker.report.markdown import render_markdown
from checker.report.pr_summary import code_scanning_url, site_lines
from checker.report.write import sarif_mention, write_reports
from tests.support.runs import failed_page, fails, page, run

SHOP = "https://shop.example/"
BLOG = "https://blog.example:8443/"
SCORES = {"overall": 72, "layout": 61, "speed": 93, "social": 80, "accessibility": 76}


def outcome(url: str, level: str = "error", passed: bool = False) -> AssertionOutcome:
    return AssertionOutcome(url, "iphone-se", "viewport", level, passed, "pass", "fail (0)")  # type: ignore[arg-type]


def test_each_site_has_one_line_with_its_verdict_scores_failures_and_the_sarif_file() -> None:
    result = run(
        page(SHOP, {"viewport": fails(("head", "No viewport"))}, scores=SCORES),
        page(SHOP + "cart", {}, scores=SCORES),
        page(BLOG, {}, scores={**SCORES, "overall": 95, "layout": 100}),
    )
    gate = GateResult([outcome(SHOP), outcome(SHOP + "cart"), outcome(SHOP + "cart"),
                       outcome(BLOG, "warn"), outcome(BLOG, passed=True)])  # fmt: skip
    assert site_lines(result, gate, "out/report.sarif") == [
        "shop.example: FAILED overall 72 (layout 61, speed 93, social 80, accessibility 76)"
        " · 3 assertions failed · out/report.sarif",
        "blog.example:8443: passed overall 95 (layout 100, speed 93, social 80,"
        " accessibility 76) · 1 warning · out/report.sarif",
    ]


def test_a_site_line_says_which_pages_could_not_be_audited() -> None:
    result = run(page(SHOP, {}, scores=SCORES), failed_page(SHOP + "down"),
                 failed_page("https://gone.example/"))  # fmt: skip
    gate = GateResult([outcome(SHOP + "down"), outcome("https://gone.example/")])
    lines = site_lines(result, gate)
    assert lines[0].endswith("· 1 assertion failed · 1 of 2 pages not audited")
    assert lines[1] == (
        "gone.example: FAILED: no page could be audited (1 page) · 1 assertion failed"
    )


def test_a_category_without_a_score_reads_n_a() -> None:
    result = run(page(SHOP, {}, scores={"overall": None, "layout": None}))
    (line,) = site_lines(result, GateResult([]))
    assert line.startswith("shop.example: passed overall n/a (layout n/a, speed n/a")


@pytest.mark.parametrize(
    ("ref", "query"),
    [
        ("refs/pull/42/merge", "is%3Aopen%20tool%3Areadiness%20pr%3A42"),
        ("refs/heads/main", "is%3Aopen%20tool%3Areadiness%20branch%3Amain"),
        ("refs/tags/v1", "is%3Aopen%20tool%3Areadiness"),
    ],
)
def test_the_alerts_address_filters_on_this_tool_and_the_pull_request_or_branch(
    ref: str, query: str
) -> None:
    env = {"GITHUB_ACTIONS": "true", "GITHUB_SERVER_URL": "https://github.com",
           "GITHUB_REPOSITORY": "acme/shop", "GITHUB_REF": ref}  # fmt: skip
    url = code_scanning_url(env)
    assert url == f"https://github.com/acme/shop/security/code-scanning?query={query}".replace(
        "%3A", ":"
    )


def test_there_is_no_alerts_address_outside_github_actions() -> None:
    assert code_scanning_url({}) is None
    assert code_scanning_url({"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "a/b",
                              "GITHUB_SERVER_URL": "javascript:alert(1)"}) is None  # fmt: skip


def test_the_markdown_summary_names_report_sarif_and_links_its_alerts() -> None:
    result = run(page(SHOP, {"viewport": fails(("head", "No viewport"))}))
    gate = GateResult([outcome(SHOP)])
    url = "https://github.com/acme/shop/security/code-scanning?query=is:open tool:readiness pr:42"
    linked = render_markdown(result, gate, sarif=sarif_mention(["md", "sarif"], url))
    assert (
        "Code scanning: [the findings as alerts](https://github.com/acme/shop/security/"
        "code-scanning?query=is:open%20tool:readiness%20pr:42), from `report.sarif`"
    ) in linked
    named = render_markdown(result, gate, sarif=sarif_mention(["md", "sarif"]))
    assert "Code scanning: the findings are in `report.sarif`" in named
    assert "report.sarif" not in render_markdown(result, gate, sarif=sarif_mention(["md"]))
    assert "report.sarif" not in render_markdown(result, gate)


def test_summary_md_beside_report_sarif_links_the_alerts_in_a_workflow(tmp_path: Path) -> None:
    result = run(page(SHOP, {"viewport": fails(("head", "No viewport"))}))
    url = "https://github.com/acme/shop/security/code-scanning?query=pr:42"
    write_reports(result, tmp_path, ["md", "sarif"], GateResult([outcome(SHOP)]),
                  code_scanning_url=url)  # fmt: skip
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert f"[the findings as alerts]({url}), from `report.sarif`" in summary
    assert (tmp_path / "report.sarif").is_file()
