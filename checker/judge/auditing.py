"""Running audits on a snapshot: every result normalised, every failure kept to its audit.

As Lighthouse's runner does it (core/runner.js, core/audits/audit.js): an audit whose facts
could not be gathered, that raises, or that returns a score that is not a number in 0..1 is
an error result (score None, `error` saying why), never a pass and never "not applicable".
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable

from audits import AuditSpec, all_audits
from checker.model.details import Details
from checker.model.results import (
    PASS_THRESHOLD,
    AuditError,
    AuditResult,
    CannotMeasure,
    Category,
    Finding,
    Impact,
    Outcome,
)
from checker.model.snapshot import GatherFailure, PageSnapshot

# What each gatherer gives, as a marketer reads it in "... could not be gathered".
GATHERERS_GIVE = {
    "document": "the HTML the server sent",
    "dom": "the page as the phone laid it out",
    "network": "the page's requests",
    "screenshot": "the screenshot",
    "social": "the link crawlers' view of the page",
    "speed": "the speed measurement",
    "resources": "the measurement of the page's files",
    "axe": "axe-core's accessibility checks",
    "text_spacing": "the check of text with wider spacing",
    "zoom_text": "the check of text at twice its size",
    "reflow": "the page as it shows to people who zoom in (320 px wide)",
    "orientation": "the page with the phone turned sideways",
}


def chosen_audits(categories: Iterable[Category]) -> list[AuditSpec]:
    """The registry's audits of these categories, in report order."""
    chosen = set(categories)
    return [spec for spec in all_audits() if spec.category in chosen]


def run_audits(
    snapshot: PageSnapshot,
    specs: list[AuditSpec] | None = None,
    weights: dict[str, float] | None = None,
) -> dict[str, AuditResult]:
    """Run each audit on the snapshot. An audit that cannot run fails alone, with its reason."""
    results = {}
    for spec in all_audits() if specs is None else specs:
        weight = (weights or {}).get(spec.id, spec.weight)
        results[spec.id] = _run_one(spec, snapshot, weight)
    return results


def _run_one(spec: AuditSpec, snapshot: PageSnapshot, weight: float) -> AuditResult:
    failed = next((f for g in spec.requires if (f := snapshot.failure_of(g)) is not None), None)
    if failed is not None:
        return error_result(spec, weight, gather_error(failed))
    try:
        outcome = spec.run(snapshot)
    except CannotMeasure as exc:
        error = AuditError("measurement", str(exc))
        return error_result(spec, weight, error, exc.details)
    except Exception as exc:  # an audit bug must not lose the other audits' results
        return error_result(spec, weight, AuditError("audit", f"{type(exc).__name__}: {exc}"))
    if not _valid_score(outcome.score):
        message = f"The audit returned the score {outcome.score!r}, not a number from 0 to 1."
        return error_result(spec, weight, AuditError("invalid-score", message))
    return normalise(spec, outcome, weight)


def gather_error(failure: GatherFailure) -> AuditError:
    facts = GATHERERS_GIVE.get(failure.gatherer, failure.gatherer)
    why = failure.message.strip() or "no reason was given"
    why = why[0].upper() + why[1:] + ("" if why.endswith(".") else ".")
    message = f"{facts[0].upper()}{facts[1:]} could not be gathered. {why}"
    return AuditError("gather", message, failure.gatherer)


def _valid_score(score: object) -> bool:
    if score is None:
        return True
    if isinstance(score, bool) or not isinstance(score, int | float):
        return False
    return not math.isnan(score) and 0 <= score <= 1


def error_result(
    spec: AuditSpec, weight: float, error: AuditError, details: Details | None = None
) -> AuditResult:
    return AuditResult(
        id=spec.id,
        # Neither title is known to be true: the failing one would blame the site for what
        # was never checked, as the passing one would vouch for it.
        title=f"Not checked: {spec.title}",
        category=spec.category,
        weight=weight,
        score=None,
        display=f"The check could not run. {error.message}",
        fix=spec.fix,
        details={} if details is None else details,
        error=error,
        help_url=spec.help_url,
        act_rules=list(spec.act_rules),
        wcag=list(spec.wcag),
    )


def normalise(spec: AuditSpec, outcome: Outcome, weight: float) -> AuditResult:
    """Round the score and pick the title that matches it."""
    score = None if outcome.score is None else round(float(outcome.score), 4)
    passed = score is None or score >= PASS_THRESHOLD
    return AuditResult(
        id=spec.id,
        title=spec.title if passed else spec.failure_title,
        category=spec.category,
        weight=weight,
        score=score,
        display=outcome.display,
        fix=spec.fix,
        value=outcome.value,
        unit=outcome.unit,
        findings=[with_impact(f, spec.impact) for f in outcome.findings],
        details=dict(outcome.details) if isinstance(outcome.details, dict) else outcome.details,
        help_url=spec.help_url,
        act_rules=list(spec.act_rules),
        wcag=list(spec.wcag),
    )


def with_impact(finding: Finding, impact: Impact) -> Finding:
    """The finding with its audit's impact, unless the audit gave it one of its own; the
    elements related to it share it."""
    own = finding.impact or impact
    related = [with_impact(r, own) for r in finding.related]
    return dataclasses.replace(finding, impact=own, related=related)
