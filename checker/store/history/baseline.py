"""The gate's baseline taken from the history (`readiness ci --baseline history`): per site,
the last run on this branch (else the branch a pull request goes into, else the default
branch), shaped as the report.json a `--baseline FILE` gives, with how much the noisy
measurements moved over the last runs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from checker.judge.baseline import NOISY_AUDITS
from checker.model.history import RunRef, Variation
from checker.model.results import REPORT_SCHEMA_VERSION
from checker.store.history.origin import Origin
from checker.store.history.read import PageRecord, run_pages, runs_of

# How many earlier runs tell a metric's normal variation: Lighthouse's variability guidance
# takes the median of 5.
VARIATION_RUNS = 5


@dataclass(frozen=True)
class HistoryBaseline:
    """What the gate compares with: `report` (None when no site had an earlier run), which
    run each site's baseline is, the sites without one, and the variation."""

    report: dict[str, Any] | None
    runs: dict[str, RunRef] = field(default_factory=dict)  # site -> the run compared with
    missing: list[str] = field(default_factory=list)  # sites with no earlier run to compare
    variation: Variation = field(default_factory=Variation)


def history_baseline(
    connection: Connection, sites: Iterable[str], origin: Origin
) -> HistoryBaseline:
    pages: list[dict[str, Any]] = []
    chosen: dict[str, RunRef] = {}
    missing: list[str] = []
    metrics: dict[tuple[str, str, str], list[float]] = {}
    scores: dict[tuple[str, str], list[int]] = {}
    most_runs = 0
    for site in sites:
        refs = _last_runs(connection, site, origin)
        if not refs:
            missing.append(site)
            continue
        chosen[site] = refs[0]
        most_runs = max(most_runs, len(refs))
        for number, ref in enumerate(refs):
            for record in run_pages(connection, ref.id, site).values():
                if record.status != "ok":
                    continue
                if number == 0:
                    pages.append(_report_page(record))
                _add_variation(record, metrics, scores)
    report = {"schema_version": REPORT_SCHEMA_VERSION, "pages": pages} if chosen else None
    return HistoryBaseline(report, chosen, missing, Variation(metrics, scores, most_runs))


def _last_runs(connection: Connection, site: str, origin: Origin) -> list[RunRef]:
    """The site's last runs on the first branch that has any: this one, then the fallbacks;
    outside any repository (no branch known), its last runs whatever their branch."""
    if origin.branch is None and origin.commit is None:
        return runs_of(connection, site, limit=VARIATION_RUNS)
    for branch in (origin.branch, *origin.fallback_branches):
        if branch:
            refs = runs_of(connection, site, limit=VARIATION_RUNS, branches=[branch])
            if refs:
                return refs
    return []


def _report_page(record: PageRecord) -> dict[str, Any]:
    return {
        "url": record.url,
        "status": record.status,
        "scores": dict(record.scores),
        "devices": [
            {"device": device, "audits": {a: {"score": r[0]} for a, r in audits.items()}}
            for device, audits in record.audits.items()
        ],
    }


def _add_variation(
    record: PageRecord,
    metrics: dict[tuple[str, str, str], list[float]],
    scores: dict[tuple[str, str], list[int]],
) -> None:
    for device, audits in record.audits.items():
        for audit, (_, error, value) in audits.items():
            if audit in NOISY_AUDITS and error is None and value is not None:
                metrics.setdefault((record.url, device, audit), []).append(value)
    for category, score in record.scores.items():
        if score is not None:
            scores.setdefault((record.url, category), []).append(score)
