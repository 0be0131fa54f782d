"""From audit results to category scores (0-100) per device, per page and for the run.

- A category score is the weighted mean of its audits' scores. Audits that do not apply
  (score None) or weigh 0 are left out, as in Lighthouse's scoring; a category with nothing
  left is None.
- A device's overall score is the mean of its categories that have a score.
- A page's category score is its weakest mobile device's (a page that breaks on a small phone
  is not ready, whatever the tablet says); desktop only counts when no mobile device ran.
- The run's summary score per category is the mean over the pages that were audited.
"""

from __future__ import annotations

from collections.abc import Iterable
from statistics import fmean

from checker.results import CATEGORIES, AuditResult, DeviceResult, Scores


def device_scores(audits: Iterable[AuditResult]) -> Scores:
    scores: Scores = {}
    results = list(audits)
    for category in CATEGORIES:
        weighted = [
            (a.score, a.weight)
            for a in results
            if a.category == category and a.score is not None and a.weight > 0
        ]
        total_weight = sum(w for _, w in weighted)
        scores[category] = (
            _percent(sum(s * w for s, w in weighted) / total_weight) if total_weight else None
        )
    return {"overall": _overall(scores), **scores}


def page_scores(devices: list[DeviceResult]) -> Scores:
    audited = [d for d in devices if d.error is None]
    judged = [d for d in audited if d.is_mobile] or audited
    scores: Scores = {}
    for category in CATEGORIES:
        values = [d.scores[category] for d in judged if d.scores.get(category) is not None]
        scores[category] = min(values) if values else None
    return {"overall": _overall(scores), **scores}


def summary_scores(pages_scores: list[Scores]) -> Scores:
    scores: Scores = {}
    for key in ("overall", *CATEGORIES):
        values = [s[key] for s in pages_scores if s.get(key) is not None]
        scores[key] = round(fmean(values)) if values else None
    return scores


def _overall(scores: Scores) -> int | None:
    values = [scores[c] for c in CATEGORIES if scores.get(c) is not None]
    return round(fmean(values)) if values else None


def _percent(score: float) -> int:
    return round(score * 100)
