"""Comparing a run with a previous run's report.json: what got worse, and the table of scores.

The baseline stays plain data (the report.json as parsed): it may come from an older readiness,
and comparing only needs URLs, device names, category scores and audit scores.
- A page's category score that dropped by more than `max_drop` points is a regression.
- An audit that passed before and fails now, on the same page and device, is a regression.
- Pages new or gone, and audits that now cannot apply or could not run, are not: they are
  shown in the table (pages) or by the gate's own assertions (`page-loads`).
- With the history's `Variation` (`--baseline history`), noisy measurements must move past
  what the last runs show as normal before they count: a speed metric that now fails is a
  regression only above the median of its earlier values plus their spread, and the speed
  score may drop by that score's spread; a move within the noise is a warning. Deterministic
  audits (tags, layout) and the other categories compare exactly, as with a file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Any, Literal

from checker.judge.assertions import finding_message, format_score, url_ignored
from checker.model.errors import UsageError
from checker.model.gate import AssertionOutcome, GateConfig
from checker.model.history import Variation
from checker.model.results import (
    CATEGORIES,
    PASS_THRESHOLD,
    REPORT_SCHEMA_VERSION,
    PageResult,
    RunResult,
)
from checker.model.url_patterns import matches_any

# The page's categories in the order of the before/after table.
TABLE_CATEGORIES: tuple[str, ...] = ("overall", *CATEGORIES)

RowStatus = Literal["matched", "new", "gone"]
# Versions 2 and 3 changed only the shapes of audit errors and findings, which a comparison
# does not read.
COMPARABLE_VERSIONS = (1, 2, 3, REPORT_SCHEMA_VERSION)
# What is measured in time, and so moves from one load to the next on an unchanged page
# (network, CPU): the lab metrics, and the savings counted in milliseconds.
NOISY_AUDITS = frozenset({
    "first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
    "cumulative-layout-shift", "time-to-first-byte", "server-response-time",
    "render-blocking-resources",
})  # fmt: skip
NOISY_CATEGORY = "speed"
# Fewer earlier values than this say nothing about a spread: compare exactly.
MIN_VARIATION_RUNS = 3


@dataclass(frozen=True)
class BaselineRow:
    """One line of the before/after table: a page's category score then and now."""

    page: str
    category: str
    before: int | None
    after: int | None
    delta: int | None  # after - before; None when either side has no score
    status: RowStatus = "matched"  # "new": not in the baseline; "gone": not in this run


def load_baseline(path: Path) -> dict[str, Any]:
    """A previous run's report.json, checked enough to compare with."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or error.__class__.__name__
        raise UsageError(f"Cannot read the baseline {path}: {reason}.") from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise UsageError(
            f"The baseline {path} is not valid JSON (line {error.lineno}: {error.msg})."
        ) from error
    if not isinstance(data, dict):
        raise UsageError(f"The baseline {path} is not a readiness report.json.")
    version = data.get("schema_version")
    if version not in COMPARABLE_VERSIONS:
        raise UsageError(
            f"The baseline {path} has schema_version {version!r}; readiness compares with "
            f"versions {' and '.join(map(str, COMPARABLE_VERSIONS))}. Make a new baseline "
            "with this readiness."
        )
    pages = data.get("pages")
    if not isinstance(pages, list) or not all(
        isinstance(p, dict) and isinstance(p.get("url"), str) for p in pages
    ):
        raise UsageError(f"The baseline {path} is not a readiness report.json: no list of pages.")
    return data


def compare(
    run: RunResult,
    baseline: dict[str, Any],
    *,
    max_drop: int = 5,
    gate: GateConfig | None = None,
    variation: Variation | None = None,
) -> tuple[list[AssertionOutcome], list[BaselineRow]]:
    """Regressions (failed outcomes: error-level, or warnings within the noise) and the
    before/after table.

    With `gate`, its ignores apply here too: an ignored URL or audit, or an audit asserted at
    level "off", cannot fail the gate through the baseline either. With `variation` (from
    the history), noisy measurements are judged against their normal spread.
    """
    if max_drop < 0:
        raise UsageError(f"--max-drop must be 0 or more, not {max_drop}.")
    ignore_urls = gate.ignore_urls if gate else []
    before_pages = {p["url"]: p for p in baseline.get("pages", [])}
    pages = [p for p in run.pages if not url_ignored(p, ignore_urls)]
    outcomes: list[AssertionOutcome] = []
    rows: list[BaselineRow] = []
    # A category this run did not audit (--only-categories) is not compared: it did not drop.
    keys = tuple(k for k in TABLE_CATEGORIES if k == "overall" or k in run.categories_run)
    for page in pages:
        before = before_pages.get(page.url)
        if before is None:
            rows.extend(_rows(page.url, {}, page.scores, "new", keys))
            continue
        page_rows = _rows(page.url, _scores(before), page.scores, "matched", keys)
        rows.extend(page_rows)
        outcomes.extend(_category_regressions(page_rows, max_drop, variation))
        outcomes.extend(_audit_regressions(page, before, _skipped_audits(gate), variation))
    seen = {p.url for p in run.pages}
    for url, before in before_pages.items():
        if url not in seen and not matches_any(url, ignore_urls):
            rows.extend(_rows(url, _scores(before), {}, "gone", keys))
    return outcomes, rows


def _rows(
    url: str,
    before: dict[str, Any],
    after: dict[str, Any],
    status: RowStatus,
    keys: tuple[str, ...] = TABLE_CATEGORIES,
) -> list[BaselineRow]:
    rows = []
    for category in keys:
        old, new = _int(before.get(category)), _int(after.get(category))
        delta = new - old if old is not None and new is not None else None
        rows.append(BaselineRow(url, category, old, new, delta, status))
    return rows


def _category_regressions(
    rows: list[BaselineRow], max_drop: int, variation: Variation | None = None
) -> list[AssertionOutcome]:
    outcomes = []
    for row in rows:
        if row.delta is None or row.before is None or row.delta >= -max_drop:
            continue
        spread = _score_spread(variation, row.page, row.category)
        within_noise = spread is not None and row.delta >= -spread
        details: dict[str, object] = {"before": row.before, "after": row.after,
                                      "max_drop": max_drop}  # fmt: skip
        message = f"{row.category} {row.before} -> {row.after} ({row.delta:+d})"
        if spread is not None:
            details["spread"] = spread
            if within_noise:
                message += f", within the {spread}-point spread of the last runs"
        outcomes.append(
            AssertionOutcome(
                page=row.page,
                device=None,
                assertion=f"regression:category:{row.category}",
                level="warn" if within_noise else "error",
                passed=False,
                expected=f">= {row.before - max(max_drop, spread or 0)}",
                actual=str(row.after),
                message=message,
                details=details,
            )
        )
    return outcomes


def _score_spread(variation: Variation | None, page: str, category: str) -> int | None:
    """How far the page's speed score ranged over the last runs; None when the history does
    not tell (a deterministic category, or too few runs)."""
    if variation is None or category != NOISY_CATEGORY:
        return None
    scores = variation.scores.get((page, category), [])
    return max(scores) - min(scores) if len(scores) >= MIN_VARIATION_RUNS else None


def _metric_noise(variation: Variation | None, page: str, device: str, audit: Any) -> str | None:
    """Why a noisy metric that now fails is within its normal variation (its value is at most
    the median of the last runs plus their spread); None when it is not, or the history does
    not tell."""
    if variation is None or audit.id not in NOISY_AUDITS:
        return None
    values = variation.metrics.get((page, device, audit.id), [])
    if len(values) < MIN_VARIATION_RUNS or not isinstance(audit.value, int | float):
        return None
    if audit.value > median(values) + (max(values) - min(values)):
        return None
    unit = f" {audit.unit}" if audit.unit else ""
    return (
        f"{_number(audit.value)}{unit} is within the normal variation of the last "
        f"{len(values)} runs ({_number(min(values))} to {_number(max(values))}{unit})"
    )


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def _audit_regressions(
    page: PageResult,
    before: dict[str, Any],
    skipped: set[str],
    variation: Variation | None = None,
) -> list[AssertionOutcome]:
    before_devices = {
        d.get("device"): d for d in before.get("devices") or [] if isinstance(d, dict)
    }
    outcomes = []
    for device in page.devices:
        old_device = before_devices.get(device.device)
        if old_device is None or device.error is not None:
            continue  # a device that did not load fails `page-loads`, not every audit
        old_audits = old_device.get("audits") or {}
        for audit_id, audit in sorted(device.audits.items()):
            old_score = _score(old_audits.get(audit_id))
            if audit_id in skipped or old_score is None or old_score < PASS_THRESHOLD:
                continue
            if audit.score is None or audit.passed:
                continue  # passes still, or cannot apply / could not run now: not a failure
            noise = _metric_noise(variation, page.url, device.device, audit)
            outcomes.append(
                AssertionOutcome(
                    page=page.url,
                    device=device.device,
                    assertion=f"regression:audit:{audit_id}",
                    level="warn" if noise else "error",
                    passed=False,
                    expected="pass",
                    actual=f"fail ({format_score(audit.score)})",
                    message="; ".join(m for m in (finding_message(audit), noise) if m),
                    details={"before": old_score, "after": audit.score},
                )
            )
    return outcomes


def _skipped_audits(gate: GateConfig | None) -> set[str]:
    if gate is None:
        return set()
    off = {audit_id for audit_id, a in gate.assertions.items() if a.level == "off"}
    return set(gate.ignore_audits) | off


def _scores(page: dict[str, Any]) -> dict[str, Any]:
    scores = page.get("scores")
    return scores if isinstance(scores, dict) else {}


def _score(audit: Any) -> float | None:
    score = audit.get("score") if isinstance(audit, dict) else None
    return float(score) if isinstance(score, int | float) and not isinstance(score, bool) else None


def _int(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return round(value)
