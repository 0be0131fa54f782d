"""summary.md: the verdict, what failed, the scores, and page text that cannot break the tables."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from checker.model.gate import AssertionOutcome, GateResult
from checker.model.results import ErrorInfo, PageResult, RunResult
from checker.report.markdown import CELL_CHARS, MAX_CHARS, md_cell, render_markdown

SHOP = "https://shop.example/"
MISSING = "https://shop.example/missing"
HOSTILE = (
    "<script>alert(1)</script> a|b `code` ]]> @octocat\n## Heading\r\n[x](javascript:1)\x1b\u202e"
)

# A "|" not preceded by a backslash: a cell boundary.
CELL_BOUNDARY = re.compile(r"(?<!\\)\|")


@dataclass(frozen=True)
class Row:
    page: str
    category: str
    before: int | None
    after: int | None
    delta: int | None


def outcome(assertion: str, device: str | None = "pixel-7", **kwargs: object) -> AssertionOutcome:
    values: dict[str, object] = {
        "page": SHOP,
        "device": device,
        "assertion": assertion,
        "level": "error",
        "passed": True,
        "expected": "pass",
        "actual": "pass",
    }
    values.update(kwargs)
    return AssertionOutcome(**values)  # type: ignore[arg-type]


def page(url: str = SHOP, title: str = HOSTILE, **kwargs: object) -> PageResult:
    values: dict[str, object] = {
        "url": url,
        "final_url": url,
        "status": "ok",
        "error": None,
        "scores": {"overall": 47, "layout": 40, "speed": None, "social": 80},
        "metadata": {"title": title},
        "devices": [],
    }
    values.update(kwargs)
    return PageResult(**values)  # type: ignore[arg-type]


def broken_page() -> PageResult:
    return page(
        MISSING,
        title="",
        status="error",
        error=ErrorInfo("http-error", "The server answered 404 Not Found."),
        scores={"overall": None, "layout": None, "speed": None, "social": None},
    )


def run_of(*pages: PageResult) -> RunResult:
    return RunResult(
        started_at="2024-05-01T10:00:00+00:00",
        config={},
        pages=list(pages),
        summary={},
        tool={"name": "readiness", "version": "9.8.7"},
    )


def failing_gate() -> GateResult:
    return GateResult(
        outcomes=[
            outcome("viewport"),
            outcome("tap-targets", passed=False, actual="fail (40)", message=HOSTILE),
            outcome("category:layout", device=None, passed=False, expected=">= 80", actual="40"),
            outcome(
                "share-image", level="warn", passed=False, actual="fail (0)", message="No image."
            ),
            outcome(
                "page-loads",
                device=None,
                page=MISSING,
                passed=False,
                expected="loads",
                actual="http-error",
                message="The server answered 404 Not Found.",
            ),
        ]
    )


@pytest.fixture(scope="module")
def summary() -> str:
    return render_markdown(run_of(page(), broken_page()), failing_gate())


def section(markdown: str, heading: str) -> str:
    start = markdown.index(f"### {heading}")
    end = markdown.find("\n### ", start + 1)
    return markdown[start : end if end != -1 else len(markdown)]


def table_rows(text: str) -> list[list[str]]:
    """The cells of each table line, split at unescaped pipes."""
    return [
        [cell.strip() for cell in CELL_BOUNDARY.split(line)[1:-1]]
        for line in text.splitlines()
        if line.startswith("|")
    ]


def test_markdown_headline_says_failed_with_counts(summary: str) -> None:
    assert summary.startswith("## ❌ readiness: failed\n")
    assert "**3 failed assertions** on 2 pages, 1 warning, 5 checked." in summary


def test_markdown_headline_says_passed_when_only_warnings_fail() -> None:
    gate = GateResult([outcome("viewport"), outcome("share-image", level="warn", passed=False)])
    text = render_markdown(run_of(page(title="Shop")), gate)
    assert text.startswith("## ✅ readiness: passed\n")
    assert "2 assertions passed on 1 page, 1 warning." in text
    assert "### Failed assertions" not in text
    assert "### Warnings (1)" in text


def test_markdown_headline_says_when_no_page_could_be_audited() -> None:
    gate = GateResult([outcome("page-loads", page=MISSING, device=None, passed=False)])
    text = render_markdown(run_of(broken_page()), gate)
    assert text.startswith("## ❌ readiness: failed\n\nNo page could be audited (1 page).")


def test_markdown_lists_failed_assertions_with_expected_actual_and_finding(summary: str) -> None:
    rows = table_rows(section(summary, "Failed assertions (3)"))
    assert rows[0] == ["Page", "Device", "Assertion", "Expected", "Actual", "Top finding"]
    assert rows[2][:5] == [SHOP, "pixel-7", "tap-targets", "pass", "fail (40)"]
    assert rows[3] == [SHOP, "—", "category:layout", "&gt;= 80", "40", "—"]
    assert rows[4] == [
        MISSING,
        "—",
        "page-loads",
        "loads",
        "http-error",
        "The server answered 404 Not Found.",
    ]


def test_markdown_lists_warnings_apart_from_failures(summary: str) -> None:
    warnings = table_rows(section(summary, "Warnings (1)"))
    assert warnings[2] == [SHOP, "pixel-7", "share-image", "pass", "fail (0)", "No image."]
    assert "share-image" not in section(summary, "Failed assertions")


def test_markdown_shows_scores_per_page_with_na(summary: str) -> None:
    rows = table_rows(section(summary, "Scores"))
    assert rows[0] == ["Page", "Title", "Overall", "Layout", "Speed", "Social", "Accessibility"]
    assert rows[2][0] == SHOP and rows[2][2:] == ["47", "40", "n/a", "80", "n/a"]
    assert rows[3] == [
        MISSING,
        "could not be audited: The server answered 404 Not Found.",
        "n/a",
        "n/a",
        "n/a",
        "n/a",
        "n/a",
    ]


def test_markdown_hostile_text_keeps_every_table_row_whole(summary: str) -> None:
    header_cells = 0
    for line in summary.splitlines():
        if not line.startswith("|"):
            header_cells = 0  # the next table's header comes
        elif not header_cells:
            header_cells = len(CELL_BOUNDARY.findall(line)) - 1
        else:
            assert len(CELL_BOUNDARY.findall(line)) == header_cells + 1, line


def test_markdown_hostile_text_cannot_inject_html_or_markdown(summary: str) -> None:
    assert "<script>" not in summary
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in summary
    assert "a\\|b" in summary
    assert "\\`code\\`" in summary
    assert "\\]\\]&gt;" in summary
    assert "\\[x\\](javascript:1)" in summary
    assert "\n## Heading" not in summary and "\\#\\# Heading" in summary
    assert "@octocat" not in summary and "@\u2060octocat" in summary
    assert "\x1b" not in summary and "\u202e" not in summary and "\r" not in summary


def test_md_cell_escapes_in_an_order_that_keeps_entities_intact() -> None:
    assert md_cell("a & <b> \\ *c* _d_ ~e~") == "a &amp; &lt;b&gt; \\\\ \\*c\\* \\_d\\_ \\~e\\~"


def test_md_cell_cuts_long_text() -> None:
    cell = md_cell("x" * 5000)
    assert len(cell) == CELL_CHARS
    assert cell.endswith("…")


def test_markdown_before_after_table_from_baseline_rows() -> None:
    rows = [
        Row(SHOP, "layout", 90, 80, -10),
        Row(SHOP, "social", 70, 73, 3),
        Row("https://x.example/|<b>", "speed", None, 50, None),
    ]
    text = render_markdown(run_of(page(title="Shop")), GateResult([]), rows)
    table = table_rows(section(text, "Compared with the baseline"))
    assert table[0] == ["Page", "Category", "Before", "After", "Change"]
    assert table[2:] == [
        [SHOP, "layout", "90", "80", "-10"],
        [SHOP, "social", "70", "73", "+3"],
        ["https://x.example/\\|&lt;b&gt;", "speed", "n/a", "50", "n/a"],
    ]


def test_markdown_leaves_out_the_baseline_table_without_rows(summary: str) -> None:
    assert "### Compared with the baseline" not in summary


def test_markdown_stays_under_the_github_comment_limit_and_says_it_was_cut() -> None:
    failures = [
        outcome(f"audit-{i}", passed=False, actual="fail", message="y" * 400) for i in range(2000)
    ]
    text = render_markdown(run_of(page(title="Shop")), GateResult(failures))
    assert len(text) <= MAX_CHARS < 65_536
    assert text.rstrip().endswith("The full results are in junit.xml and report.json.")
    assert "**Truncated** to fit a GitHub comment" in text
    body = text[: text.index("> **Truncated**")]
    for line in body.splitlines():
        if line.startswith("|"):
            assert len(CELL_BOUNDARY.findall(line)) == 7  # no row cut in half


def test_markdown_cut_keeps_the_most_actionable_sections_first() -> None:
    failures = [outcome(f"audit-{i}", passed=False, message="y" * 200) for i in range(50)]
    text = render_markdown(run_of(page(title="Shop")), GateResult(failures), max_chars=3000)
    assert len(text) <= 3000
    assert text.startswith("## ❌ readiness: failed")
    assert "### Failed assertions (50)" in text
    assert "### Scores" not in text


def test_markdown_is_not_cut_when_it_fits(summary: str) -> None:
    assert "Truncated" not in summary
