"""Checking a gate's assertions on a run: what passed, what failed, and why.

Pure: a RunResult and a GateConfig in, a list of AssertionOutcome out. The config has been
validated already (unknown audit ids and budget names are UsageErrors there), so anything odd
met here becomes a failed outcome that says what was odd, never an exception mid-gate.

Outcomes, in the order they come out (by page in run order; the page's own outcomes, device
None, before its devices in run order; by assertion name within each):
- `page-loads`: passed for an audited page; failed (error level) for a page that could not be
  audited, which then gives nothing else; failed for one device that could not load the page,
  which then gives nothing else on that device.
- `category:CATEGORY` per page, on the page's scores (its weakest mobile device's).
- `AUDIT` per page and device, and `budget:NAME` per page and device.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

# Lighthouse's speed ids: accepted by configs before readiness measures them; until then an
# assertion on one is a warn-level "not measured" outcome. One list, where configs check ids.
from checker.model.gate import (
    FUTURE_SPEED_AUDITS,
    AssertionOutcome,
    AuditAssertion,
    Budget,
    GateConfig,
    Level,
)
from checker.model.results import (
    CATEGORIES,
    PASS_THRESHOLD,
    AuditResult,
    DeviceResult,
    PageResult,
    RunResult,
)
from checker.model.url_patterns import matches_any

MESSAGE_LIMIT = 200

# How many resource types a byte budget's message names as the largest contributors.
_CONTRIBUTORS = 3


def evaluate(run: RunResult, gate: GateConfig) -> list[AssertionOutcome]:
    """Every assertion of the gate, checked on every page of the run that is not ignored."""
    not_run = _asked_but_not_run(gate, run.categories_run)
    outcomes: list[AssertionOutcome] = []
    for page in run.pages:
        if url_ignored(page, gate.ignore_urls):
            continue
        outcomes.extend(_page_outcomes(page, gate, not_run, run.categories_run))
    return outcomes


@dataclass(frozen=True)
class _NotRun:
    """What the gate asks of a category the run left out (--only-categories)."""

    level: Level
    asks: list[str]  # "its minimum score 90", "tap-targets"...


def _asked_but_not_run(gate: GateConfig, categories_run: Iterable[str]) -> dict[str, _NotRun]:
    """The categories the gate asks about that were not run, with what asks. The gate cannot
    vouch for them, so each fails (at the strongest level that asks) instead of passing
    quietly, the way a missing audit or an incomplete category already does."""
    ran = set(categories_run)
    asks: dict[str, list[tuple[Level, str]]] = {}
    for category, minimum in gate.min_scores.items():
        level = gate.min_score_levels.get(category, "error")
        if category in CATEGORIES and category not in ran and level != "off":
            asks.setdefault(category, []).append((level, f"its minimum score {minimum}"))
    for assertion in active_assertions(gate):
        category = _audit_categories().get(assertion.audit)
        if category is not None and category not in ran:
            asks.setdefault(category, []).append((assertion.level, assertion.audit))
    return {
        category: _NotRun(
            "error" if any(level == "error" for level, _ in wanted) else "warn",
            [what for _, what in wanted],
        )
        for category, wanted in asks.items()
    }


@functools.cache
def _audit_categories() -> dict[str, str]:
    from audits import all_audits  # the registry imports every audit module: only on demand

    return {
        **{spec.id: spec.category for spec in all_audits()},
        **dict.fromkeys(FUTURE_SPEED_AUDITS, "speed"),
    }


def _not_run_outcome(
    url: str, category: str, not_run: _NotRun, categories_run: Iterable[str]
) -> AssertionOutcome:
    ran = ",".join(categories_run)
    message = (
        f"{category} was not run (--only-categories {ran}), so the gate cannot check "
        f"{', '.join(not_run.asks)}: add {category} to --only-categories, or take it out "
        "of the gate."
    )
    return AssertionOutcome(
        url,
        None,
        f"category:{category}",
        not_run.level,
        False,
        "run",
        "not run",
        shorten(message),
        {"not_run": True},
    )


def url_ignored(page: PageResult, patterns: Iterable[str]) -> bool:
    """Whether an ignore pattern matches the page's URL, or the URL it redirected to."""
    urls = [page.url] + ([page.final_url] if page.final_url else [])
    return any(matches_any(url, patterns) for url in urls)


def active_assertions(gate: GateConfig) -> list[AuditAssertion]:
    """The audit assertions to check: not ignored, not switched off; sorted by audit id."""
    return [
        assertion
        for audit_id, assertion in sorted(gate.assertions.items())
        if audit_id not in gate.ignore_audits and assertion.level != "off"
    ]


def finding_message(audit: AuditResult) -> str:
    """The audit's display and its top finding (message and selector), short enough for a
    table cell or an annotation."""
    parts = [audit.display.strip()] if audit.display.strip() else []
    if audit.findings:
        top = audit.findings[0]
        where = f" ({top.selector})" if top.selector else ""
        parts.append(f"{top.message.strip()}{where}")
    return shorten(" — ".join(parts))


def shorten(text: str, limit: int = MESSAGE_LIMIT) -> str:
    text = " ".join(text.split())  # snippets and messages may carry newlines
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def format_number(value: float) -> str:
    """2500.0 -> "2500", 0.25 -> "0.25": config numbers arrive as floats or ints."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def format_score(score: float) -> str:
    return format_number(round(score, 2))


# -- per page ------------------------------------------------------------------------------


def _page_outcomes(
    page: PageResult,
    gate: GateConfig,
    not_run: dict[str, _NotRun],
    categories_run: Iterable[str],
) -> list[AssertionOutcome]:
    if page.status == "error":
        return [_load_failure(page.url, None, page)]
    page_level = [
        _page_loaded(page),
        *_category_outcomes(page, gate, not_run),
        *(_not_run_outcome(page.url, c, n, categories_run) for c, n in not_run.items()),
    ]
    outcomes = sorted(page_level, key=lambda o: o.assertion)
    # An assertion on an audit of a category not run is said once, by its category's outcome.
    asserted = [
        a for a in active_assertions(gate) if _audit_categories().get(a.audit) not in not_run
    ]
    for device in page.devices:
        if device.error is not None:
            outcomes.append(_load_failure(page.url, device.device, device))
            continue
        device_level = [
            *(_audit_outcome(page.url, device, a) for a in asserted),
            *(_budget_outcome(page.url, device, b) for b in gate.budgets if b.level != "off"),
        ]
        outcomes.extend(sorted(device_level, key=lambda o: o.assertion))
    return outcomes


def _page_loaded(page: PageResult) -> AssertionOutcome:
    # A passed test case per audited page, so JUnit shows every page even with no assertion.
    return AssertionOutcome(page.url, None, "page-loads", "error", True, "loads", "loads")


def _load_failure(
    url: str, device: str | None, source: PageResult | DeviceResult
) -> AssertionOutcome:
    error = source.error
    return AssertionOutcome(
        page=url,
        device=device,
        assertion="page-loads",
        level="error",
        passed=False,
        expected="loads",
        actual=error.kind if error else "error",
        message=shorten(error.message if error else "The page could not be audited."),
    )


def _category_outcomes(
    page: PageResult, gate: GateConfig, not_run: dict[str, _NotRun]
) -> list[AssertionOutcome]:
    outcomes = []
    for category, minimum in gate.min_scores.items():
        level = gate.min_score_levels.get(category, "error")
        if level != "off" and category not in not_run:
            outcomes.append(_category_outcome(page, category, minimum, level))
    return outcomes


def _category_outcome(
    page: PageResult, category: str, minimum: int, level: Level
) -> AssertionOutcome:
    made = functools.partial(
        AssertionOutcome, page.url, None, f"category:{category}", expected=f">= {minimum}"
    )
    score = page.scores.get(category)
    if score is None and category in page.incomplete:
        # A check could not run: the gate cannot vouch for the category, so it fails.
        message = shorten(page.incomplete[category])
        return made(level=level, passed=False, actual="incomplete", message=message)
    if score is None:
        # Nothing in the category applied: the minimum checks nothing, and a warning says so
        # instead of a silent pass.
        message = (
            f"No {category} audit applied to this page, so the {category} minimum checks nothing."
        )
        return made(level="warn", passed=False, actual="not scored", message=message)
    return made(
        level=level,
        passed=score >= minimum,
        actual=str(score),
        message=f"{category} {score}, minimum {minimum}",
        details={"score": score, "minimum": minimum},
    )


# -- per device: audits --------------------------------------------------------------------


def _audit_outcome(url: str, device: DeviceResult, assertion: AuditAssertion) -> AssertionOutcome:
    expected = _expected(assertion, None)
    audit = device.audits.get(assertion.audit)
    if audit is None:
        if assertion.audit in FUTURE_SPEED_AUDITS:
            return AssertionOutcome(
                url,
                device.device,
                assertion.audit,
                "warn",  # never a pass, never a failure, whatever the config says
                False,
                expected,
                "not measured",
                f"readiness does not measure {assertion.audit} yet.",
                {"not_measured": True},
            )
        return _outcome(
            url, device, assertion, False, expected, "missing", "The audit is not in the results."
        )
    expected = _expected(assertion, audit.unit)
    if audit.error is not None:
        # The audit crashed: the gate cannot vouch for it, so it does not pass.
        message = shorten(f"The check could not run. {audit.error.message}")
        return _outcome(url, device, assertion, False, expected, "error", message)
    if audit.score is None:
        # Not applicable on this device (no text, a desktop...): a passed, marked outcome,
        # so reports still list the check; it cannot fail.
        return _outcome(
            url, device, assertion, True, expected, "n/a", finding_message(audit), na=True
        )
    checks: list[tuple[bool, str]] = []
    if assertion.max is not None or assertion.min is not None:
        checks.append(_bounds_check(assertion, audit))
    if assertion.min_score is not None:
        passed = audit.score >= assertion.min_score
        checks.append((passed, f"score {format_score(audit.score)}"))
    if not checks:
        state = "pass" if audit.passed else "fail"
        checks.append((audit.passed, f"{state} ({format_score(audit.score)})"))
    passed = all(ok for ok, _ in checks)
    actual = ", ".join(text for _, text in checks)
    return _outcome(url, device, assertion, passed, expected, actual, finding_message(audit), audit)


def _bounds_check(assertion: AuditAssertion, audit: AuditResult) -> tuple[bool, str]:
    value = audit.value
    if not isinstance(value, int | float) or isinstance(value, bool) or math.isnan(value):
        return False, "no numeric value"
    low_ok = assertion.min is None or value >= assertion.min
    high_ok = assertion.max is None or value <= assertion.max
    return low_ok and high_ok, _with_unit(format_number(value), audit.unit)


def _expected(assertion: AuditAssertion, unit: str | None) -> str:
    parts = []
    if assertion.min is not None:
        parts.append(f">= {_with_unit(format_number(assertion.min), unit)}")
    if assertion.max is not None:
        parts.append(f"<= {_with_unit(format_number(assertion.max), unit)}")
    if assertion.min_score is not None:
        parts.append(f"score >= {format_score(assertion.min_score)}")
    return ", ".join(parts) or f"pass (score >= {format_score(PASS_THRESHOLD)})"


def _with_unit(number: str, unit: str | None) -> str:
    return f"{number} {unit}" if unit else number


def _outcome(
    url: str,
    device: DeviceResult,
    assertion: AuditAssertion,
    passed: bool,
    expected: str,
    actual: str,
    message: str,
    audit: AuditResult | None = None,
    *,
    na: bool = False,
) -> AssertionOutcome:
    details: dict[str, object] = {}
    if na:
        details["not_applicable"] = True
    if audit is not None:
        details.update({"score": audit.score, "value": audit.value, "unit": audit.unit})
        if audit.findings:
            details["finding"] = audit.findings[0].message
            details["selector"] = audit.findings[0].selector
    return AssertionOutcome(
        page=url,
        device=device.device,
        assertion=assertion.audit,
        level=assertion.level,
        passed=passed,
        expected=expected,
        actual=actual,
        message=message,
        details=details,
    )


# -- per device: budgets -------------------------------------------------------------------


def _budget_outcome(url: str, device: DeviceResult, budget: Budget) -> AssertionOutcome:
    name = f"budget:{budget.name}"
    expected = f"<= {format_number(budget.max)}"
    if not device.resources:
        # Results from before resources were recorded, or a snapshot without a network log.
        message = "No resource figures were recorded for this device."
        return AssertionOutcome(
            url, device.device, name, "warn", False, expected, "not measured", message
        )
    measured = _budget_figure(budget, device.resources)
    if measured is None:
        message = f"Unknown budget {budget.name!r}."
        return AssertionOutcome(
            url, device.device, name, budget.level, False, expected, "unknown", message
        )
    figure, message = measured
    return AssertionOutcome(
        page=url,
        device=device.device,
        assertion=name,
        level=budget.level,
        passed=figure <= budget.max,
        expected=expected,
        actual=str(figure),
        message=shorten(message),
        details={"figure": figure, "max": budget.max, **device.resources},
    )


def _budget_figure(budget: Budget, resources: dict[str, Any]) -> tuple[int, str] | None:
    """The figure a budget limits, and a message saying it in units people read."""
    by_type: dict[str, int] = resources.get("bytes_by_type") or {}
    if budget.name == "total-bytes":
        figure = int(resources.get("transfer_bytes", 0))
        message = f"{human_bytes(figure)} over the wire{_over(figure, budget, human_bytes)}"
        return figure, message + ("; largest: " + _largest(by_type) if by_type else "")
    if budget.name == "requests":
        figure = int(resources.get("requests", 0))
        return figure, f"{figure} requests{_over(figure, budget, str)}"
    if budget.name.startswith("bytes:"):
        kind = budget.name.removeprefix("bytes:")
        figure = int(by_type.get(kind, 0))
        return figure, f"{human_bytes(figure)} of {kind}{_over(figure, budget, human_bytes)}"
    return None


def _over(figure: int, budget: Budget, show: Callable[[int], str]) -> str:
    excess = figure - budget.max
    return f", {show(math.ceil(excess))} over the budget" if excess > 0 else ""


def _largest(by_type: dict[str, int]) -> str:
    ranked = sorted(by_type.items(), key=lambda item: (-item[1], item[0]))[:_CONTRIBUTORS]
    return ", ".join(f"{kind} {human_bytes(size)}" for kind, size in ranked)


def human_bytes(size: int) -> str:
    """Bytes as people read them: 734211 -> "717 KiB"."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KiB"
    return f"{size / (1024 * 1024):.1f} MiB"
