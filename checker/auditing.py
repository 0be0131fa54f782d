"""Running audits on a snapshot: every result normalised, every failure kept to its audit."""

from __future__ import annotations

import math

from audits import AuditSpec, all_audits
from checker.results import AuditResult, Outcome
from checker.snapshot import PageSnapshot


def run_audits(
    snapshot: PageSnapshot,
    specs: list[AuditSpec] | None = None,
    weights: dict[str, float] | None = None,
) -> dict[str, AuditResult]:
    """Run each audit on the snapshot. An audit that raises fails alone, with its reason."""
    results = {}
    for spec in all_audits() if specs is None else specs:
        weight = (weights or {}).get(spec.id, spec.weight)
        try:
            outcome = spec.run(snapshot)
        except Exception as exc:  # an audit bug must not lose the other audits' results
            results[spec.id] = AuditResult(
                id=spec.id,
                title=spec.failure_title,
                category=spec.category,
                weight=weight,
                score=None,
                display=f"The audit could not run: {type(exc).__name__}: {exc}",
                fix=spec.fix,
                error=f"{type(exc).__name__}: {exc}",
            )
            continue
        results[spec.id] = normalise(spec, outcome, weight)
    return results


def normalise(spec: AuditSpec, outcome: Outcome, weight: float) -> AuditResult:
    """Clamp the score to 0..1 and pick the title that matches it."""
    score = outcome.score
    if score is not None:
        if math.isnan(score):
            raise ValueError(f"audit {spec.id} returned a NaN score")
        score = round(min(1.0, max(0.0, float(score))), 4)
    passed = score is None or score >= 0.9
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
        findings=list(outcome.findings),
        details=dict(outcome.details),
    )
