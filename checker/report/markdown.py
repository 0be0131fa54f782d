"""summary.md: the gate's verdict in Markdown, for a PR comment or $GITHUB_STEP_SUMMARY.

Sections, most actionable first, so that when a huge run is cut to fit a GitHub comment what
is cut is the least needed: the verdict, with a run history what changed since the last run
(checker/report/history_view.py), the failed assertions, the warnings, the comparison with the
baseline, one line per site (runs of several pages), the scores per page.

Every cell that holds page-derived text (URLs, titles, finding messages) goes through
`md_cell`: one line, Markdown punctuation backslash-escaped (a `|` would split the table row),
`< > &` as entities (GitHub renders raw HTML in comments), @mentions defused (a page title must
not ping anyone), control and bidi-override characters dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from checker.judge.sitewide import SiteSummary, site_summaries
from checker.model.gate import AssertionOutcome, GateResult
from checker.model.history import RunHistory
from checker.model.results import CATEGORIES, Category, PageResult, RunResult
from checker.report.display import LABELS, SCORE_KEYS
from checker.report.history_view import summary_lines

# GitHub refuses a comment body over 65,536 characters; keep clear of it.
MAX_CHARS = 65_000
# A table cell longer than this is cut: a finding message is a sentence, not an essay.
CELL_CHARS = 300

# The audits named on a site's line, most failing first; the HTML report has them all.
SITE_LINE_AUDITS = 3
# Sites listed (a run over many hosts); the rest are counted.
MAX_SITE_LINES = 20

# C0/C1 controls (newlines are turned into spaces before), and the bidi controls that can
# make a cell read differently from what it says.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NEWLINES = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")
# CommonMark's backslash escapes for what could start emphasis, code, links, strikethrough,
# headings or split a table row.
_MARKDOWN = re.compile(r"([\\`*_\[\]|~#!])")
# A GitHub mention is @ followed by a name character; a word joiner in between breaks it.
_MENTION = re.compile(r"@(?=[A-Za-z0-9])")


def render_markdown(
    run: RunResult,
    gate: GateResult,
    baseline_rows: Sequence[Any] | None = None,
    *,
    max_chars: int = MAX_CHARS,
    history: RunHistory | None = None,
    sarif: tuple[str, str | None] | None = None,
) -> str:
    """The summary; `sarif`: the SARIF file written beside it and the address of its alerts
    on GitHub (None outside a workflow), named under the verdict."""
    lines = [
        *_headline(run, gate),
        *_sarif_lines(sarif),
        *summary_lines(history, run, md_cell),
        *_outcome_table("Failed assertions", gate.failed),
        *_outcome_table("Warnings", gate.warnings),
        *_baseline_table(baseline_rows or []),
        *_sites_lines(run),
        *_scores_table(run.pages, ("overall", *run.categories_run)),
    ]
    return _fit("\n".join(lines) + "\n", max_chars)


def md_cell(text: object, limit: int = CELL_CHARS) -> str:
    """Text safe in a Markdown table cell (and anywhere else in a line)."""
    plain = _INVISIBLE.sub("", _NEWLINES.sub(" ", str(text))).strip()
    if len(plain) > limit:
        plain = plain[: limit - 1].rstrip() + "…"
    escaped = _MARKDOWN.sub(r"\\\1", plain)
    escaped = escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MENTION.sub("@\u2060", escaped)


def _headline(run: RunResult, gate: GateResult) -> list[str]:
    checked = len(gate.outcomes) + len(gate.regressions)
    pages = _plural(len(run.pages), "page")
    warnings = _plural(len(gate.warnings), "warning")
    if run.pages and not run.audited_any:
        return ["## ❌ readiness: failed", "", f"No page could be audited ({pages}).", ""]
    if gate.failed:
        failed = _plural(len(gate.failed), "failed assertion")
        return [
            "## ❌ readiness: failed",
            "",
            f"**{failed}** on {pages}, {warnings}, {checked} checked.",
            "",
        ]
    return [
        "## ✅ readiness: passed",
        "",
        f"{_plural(checked, 'assertion')} passed on {pages}, {warnings}.",
        "",
    ]


def _sarif_lines(sarif: tuple[str, str | None] | None) -> list[str]:
    if sarif is None:
        return []
    filename, url = sarif
    if url:
        return [
            f"Code scanning: [the findings as alerts]({_link_target(url)}), from `{filename}` "
            "uploaded by github/codeql-action/upload-sarif.",
            "",
        ]
    return [
        f"Code scanning: the findings are in `{filename}`, for GitHub code scanning "
        "(github/codeql-action/upload-sarif) or any SARIF viewer.",
        "",
    ]


def _link_target(url: str) -> str:
    """A URL as a Markdown link's target: parentheses and spaces, which would end it,
    percent-encoded."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _outcome_table(title: str, outcomes: list[AssertionOutcome]) -> list[str]:
    if not outcomes:
        return []
    rows = [
        (o.page, o.device or "—", o.assertion, o.expected, o.actual, o.message or "—")
        for o in outcomes
    ]
    header = ("Page", "Device", "Assertion", "Expected", "Actual", "Top finding")
    return [f"### {title} ({len(outcomes)})", "", *_table(header, rows), ""]


def _baseline_table(rows: Sequence[Any]) -> list[str]:
    if not rows:
        return []
    cells = [
        (r.page, r.category, _number(r.before), _number(r.after), _delta(r.delta)) for r in rows
    ]
    header = ("Page", "Category", "Before", "After", "Change")
    return ["### Compared with the baseline", "", *_table(header, cells), ""]


def _sites_lines(run: RunResult) -> list[str]:
    if len(run.pages) < 2:
        return []
    sites = site_summaries(run)
    lines = [_site_line(site, run.categories_run) for site in sites[:MAX_SITE_LINES]]
    if len(sites) > MAX_SITE_LINES:
        lines.append(f"- and {_plural(len(sites) - MAX_SITE_LINES, 'more site')}.")
    return ["### Sites", "", *lines, ""]


def _site_line(site: SiteSummary, categories: Sequence[Category] = CATEGORIES) -> str:
    """- **shop.example**: 40 pages (2 not audited), overall 72 (layout 60, speed 90, social 66);
    failing most: tap-targets on 31 of 40 pages, ...; 3 findings repeat across pages."""
    pages = _plural(site.pages, "page")
    if site.errored:
        pages += f" ({site.errored} not audited)"
    scores = site.scores
    shown = ", ".join(f"{key} {_number(scores.get(key))}" for key in categories)
    parts = [f"overall {_number(scores.get('overall'))} ({shown})"]
    failing = [a for a in site.audits if a.failed][:SITE_LINE_AUDITS]
    if failing:
        parts.append(
            "failing most: "
            + ", ".join(
                f"{md_cell(a.id)} on {a.failed} of {_plural(a.applied, 'page')}" for a in failing
            )
        )
    repeated = len(site.repeated) + site.more_repeated
    if repeated:
        verb = "repeats" if repeated == 1 else "repeat"
        parts.append(f"{_plural(repeated, 'finding')} {verb} across pages")
    return f"- **{md_cell(site.site)}**: {pages}, " + "; ".join(parts) + "."


def _scores_table(pages: Sequence[PageResult], keys: Sequence[str] = SCORE_KEYS) -> list[str]:
    """Scores per page: overall and the categories the run audited (a category not run has no
    column, so it never reads as "n/a")."""
    if not pages:
        return []
    rows = [(page.url, _page_note(page), *(_score(page, key) for key in keys)) for page in pages]
    header = ("Page", "Title", *(LABELS[key] for key in keys))
    return ["### Scores", "", *_table(header, rows), ""]


def _score(page: PageResult, key: str) -> str:
    if page.scores.get(key) is None and key in page.incomplete:
        return "incomplete"
    return _number(page.scores.get(key))


def _page_note(page: PageResult) -> str:
    if page.status == "error":
        reason = page.error.message if page.error else "unknown error"
        return f"could not be audited: {reason}"
    title = str(page.metadata.get("title") or "")
    reasons = [page.incomplete[c] for c in SCORE_KEYS[1:] if c in page.incomplete]
    return " ".join([title, *reasons]).strip()


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(md_cell(cell) for cell in row) + " |" for row in rows]
    return lines


def _fit(text: str, max_chars: int) -> str:
    """The text cut at a line boundary, with a note, when it is longer than max_chars."""
    if len(text) <= max_chars:
        return text
    lines = text.splitlines()
    kept: list[str] = []
    size = 0
    budget = max_chars - 200  # room for the note
    for line in lines:
        if size + len(line) + 1 > budget:
            break
        kept.append(line)
        size += len(line) + 1
    left_out = len(lines) - len(kept)
    note = (
        f"> **Truncated** to fit a GitHub comment: {left_out} more lines left out. "
        "The full results are in junit.xml and report.json."
    )
    return "\n".join([*kept, "", note]) + "\n"


def _number(value: object) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _delta(value: object) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, int | float) and value > 0:
        return f"+{_number(value)}"
    return _number(value)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
