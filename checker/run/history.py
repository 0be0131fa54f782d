"""A run kept in the history, and what its reports show of it.

The history is opened before any page is audited (a wrong URL, an unreachable server or a
history of a newer readiness stop the command at once) and written once the run is over,
before its reports, which show what changed. A run that then cannot be written keeps its
reports: the problem is said, not hidden, and the exit code stays the verdict's."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.config.settings import Config
from checker.model.errors import HistoryError, ReadinessError
from checker.model.history import RunHistory, TimedRun, Variation
from checker.model.results import RunResult
from checker.model.urls import host_port_label
from checker.store.history.location import check_location


@dataclass(frozen=True)
class Kept:
    view: RunHistory | None = None  # what the reports show; None without a history
    problem: str | None = None  # why the run could not be kept


def check_history(config: Config) -> None:
    """Open the history (creating or upgrading it) now, or fail with one line."""
    if config.history is None:
        return
    from checker.store.history.history import History

    History.open(config.history).close()


def keep_run(run: RunResult, config: Config, command: str) -> Kept:
    """Record `run` in the configured history and read back what its reports show."""
    if config.history is None:
        return Kept()
    from checker.store.history.history import History

    try:
        with History.open(config.history) as history:
            run_id = history.record(run, command)
            return Kept(history.run_history(run_id))
    except ReadinessError as exc:
        return Kept(problem=f"The run was not kept in the history: {exc}")


@dataclass(frozen=True)
class FoundBaseline:
    """What `--baseline history` compares with: the report.json-shaped baseline (None when
    no site has an earlier run), the variation of the noisy metrics, and in words which runs
    those are."""

    report: dict[str, Any] | None
    variation: Variation
    notes: list[str]


def history_baseline(
    run: RunResult, config: Config, environ: Mapping[str, str] | None = None
) -> FoundBaseline:
    """Each site's last run on this branch (else the default branch) in the history."""
    from checker.store.history.history import History
    from checker.store.history.origin import run_origin

    assert config.history is not None
    origin = run_origin(environ)
    sites = list(dict.fromkeys(host_port_label(page.url) for page in run.pages))
    with History.open(config.history) as history:
        found = history.baseline(sites, origin)
    notes = [
        f"{site}: compared with run {ref.id} of {ref.started_at[:16].replace('T', ' ')} UTC"
        + (f" on {ref.branch}" if ref.branch else "")
        + (f" ({ref.commit[:12]})" if ref.commit else "")
        for site, ref in found.runs.items()
    ]
    where = f" on {origin.branch} or {', '.join(origin.fallback_branches)}" if origin.branch else ""
    notes += [
        f"{site}: no earlier run{where} in the history: nothing to compare with yet."
        for site in found.missing
    ]
    return FoundBaseline(found.report, found.variation, notes)


def timed_runs(location: str | None, targets: Sequence[str]) -> list[TimedRun]:
    """Each target site's last run in the history at `location` that timed its pages, to weigh
    a sharded run's slices by (checker.run.slices); none without a history, nor from an SQLite
    file that does not exist (reading weights never creates a history). A history that
    cannot be read stops the shard: another shard that could read it would cut other slices."""
    if location is None:
        return []
    url = check_location(location)
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file():
        return []
    from checker.store.history.history import History

    sites = list(dict.fromkeys(host_port_label(url) for url in targets))
    try:
        with History.open(location) as history:
            return history.timed_runs(sites)
    except HistoryError as exc:
        raise HistoryError(
            f"{exc} A shard weighs its slice by the history's timings: let every shard reach "
            "it, or give every shard --no-history."
        ) from None
