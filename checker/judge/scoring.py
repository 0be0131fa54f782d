"""From audit results to category scores (0-100) per device, per page and for the run.

- A category score is the weighted mean of its audits' scores. Audits that do not apply
  (score None) or weigh 0 are left out, as in Lighthouse's scoring; a category with nothing
  left is None.
- A category with a weighted audit that could not run (an error) is incomplete: its score is
  None and `incomplete` says which checks could not run. A score over the checks that did run
  would read higher than the page deserves.
- A device's overall score is the mean of its categories that have a score; it is None, and
  incomplete, when one of its categories is.
- A page's category score is its weakest mobile device's (a page that breaks on a small phone
  is not ready, whatever the tablet says); desktop only counts when no mobile device ran.
- The run's summary score per category is the mean over the pages that were audited.
- Only the categories a run audits (--only-categories) have a score key at all: a category
  that was not run is absent, never "n/a"; the overall score is the mean of those that ran.
"""

from __future__ import annotations

from collections.abc import Iterable
from statistics import fmean

from checker.model.results import CATEGORIES, AuditResult, Category, DeviceResult, Scores


def device_scores(
    audits: Iterable[AuditResult], categories: Iterable[Category] = CATEGORIES
) -> Scores:
    scores: Scores = {}
    results = list(audits)
    incomplete = device_incomplete(results)
    for category in categories:
        if category in incomplete:
            scores[category] = None
            continue
        weighted = [
            (a.score, a.weight)
            for a in results
            if a.category == category and a.score is not None and a.weight > 0
        ]
        total_weight = sum(w for _, w in weighted)
        scores[category] = (
            _percent(sum(s * w for s, w in weighted) / total_weight) if total_weight else None
        )
    return {"overall": None if incomplete else _overall(scores), **scores}


def device_incomplete(audits: Iterable[AuditResult]) -> dict[str, str]:
    """The categories a weighted audit could not run in, with which checks and why."""
    errored: dict[str, list[AuditResult]] = {}
    for audit in audits:
        if audit.error is not None and audit.weight > 0:
            errored.setdefault(audit.category, []).append(audit)
    incomplete = {c: _could_not_run(errored[c]) for c in CATEGORIES if c in errored}
    if incomplete:
        incomplete["overall"] = (
            f"Incomplete: {', '.join(c for c in incomplete)} could not be scored."
        )
    return incomplete


def _could_not_run(audits: list[AuditResult]) -> str:
    ids = ", ".join(a.id for a in audits)
    reasons = list(dict.fromkeys(a.error.message for a in audits if a.error is not None))
    checks = "1 check" if len(audits) == 1 else f"{len(audits)} checks"
    return f"Incomplete: {checks} could not run ({ids}). {' '.join(reasons[:2])}"


def _judged(devices: list[DeviceResult]) -> list[DeviceResult]:
    audited = [d for d in devices if d.error is None]
    return [d for d in audited if d.is_mobile] or audited


def page_scores(devices: list[DeviceResult], categories: Iterable[Category] = CATEGORIES) -> Scores:
    judged = _judged(devices)
    incomplete = page_incomplete(devices)
    scores: Scores = {}
    for category in categories:
        values = [d.scores[category] for d in judged if d.scores.get(category) is not None]
        scores[category] = min(values) if values and category not in incomplete else None
    return {"overall": None if incomplete else _overall(scores), **scores}


def page_incomplete(devices: list[DeviceResult]) -> dict[str, str]:
    """A page's category is incomplete when it is on any device that decides the page: the
    weakest device cannot be known without it."""
    incomplete: dict[str, str] = {}
    for device in _judged(devices):
        for category, reason in device.incomplete.items():
            incomplete.setdefault(category, f"{reason} (on {device.device})")
    return incomplete


def summary_incomplete(pages_incomplete: Iterable[dict[str, str]]) -> dict[str, int]:
    """How many pages each category (and the overall score) is incomplete on."""
    counts: dict[str, int] = {}
    for incomplete in pages_incomplete:
        for key in incomplete:
            counts[key] = counts.get(key, 0) + 1
    return {key: counts[key] for key in ("overall", *CATEGORIES) if key in counts}


def summary_scores(
    pages_scores: list[Scores], categories: Iterable[Category] = CATEGORIES
) -> Scores:
    scores: Scores = {}
    for key in ("overall", *categories):
        values = [s[key] for s in pages_scores if s.get(key) is not None]
        scores[key] = round(fmean(values)) if values else None
    return scores


def _overall(scores: Scores) -> int | None:
    values = [scores[c] for c in CATEGORIES if scores.get(c) is not None]
    return round(fmean(values)) if values else None


def _percent(score: float) -> int:
    return round(score * 100)
