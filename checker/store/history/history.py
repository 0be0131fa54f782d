"""The history, open: recording a run, and every question the CLI, the reports and the gate
ask of it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from checker.model.errors import HistoryError, UsageError
from checker.model.history import (
    TREND_RUNS,
    RunDiff,
    RunHistory,
    RunRow,
    SiteHistory,
    TimedRun,
    TrendPoint,
)
from checker.model.results import RunResult
from checker.model.urls import host_port_label
from checker.store.history import read
from checker.store.history.baseline import HistoryBaseline, history_baseline
from checker.store.history.database import (
    history_url,
    open_engine,
    reason,
    shown,
    writing,
)
from checker.store.history.origin import Origin, run_origin
from checker.store.history.prune import delete_runs, runs_to_prune
from checker.store.history.record import record_run
from checker.store.history.timings import last_timed_run


class History:
    """One history database, open. Every method is one transaction; a database error becomes
    a HistoryError in one line."""

    def __init__(self, url: URL, engine: Engine) -> None:
        self.url = url
        self._engine = engine

    @classmethod
    def open(cls, location: str | Path) -> History:
        url = history_url(location)
        return cls(url, open_engine(url))

    @property
    def location(self) -> str:
        return shown(self.url)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def record(self, run: RunResult, command: str, origin: Origin | None = None) -> int:
        """Keep `run`; its id in the history."""
        try:
            with writing(self._engine) as connection:
                return record_run(connection, run, command, origin or run_origin())
        except SQLAlchemyError as exc:
            raise HistoryError(f"Cannot write the run to the history {self.location}: "
                               f"{reason(exc)}") from None  # fmt: skip

    def runs(self, site: str | None = None, limit: int | None = None) -> list[RunRow]:
        with self._reading() as connection:
            return read.run_rows(connection, self._site(connection, site), limit)

    def diff(
        self, old: int | None = None, new: int | None = None, site: str | None = None
    ) -> RunDiff:
        """What changed between runs `old` and `new`; by default the last two (of `site`)."""
        with self._reading() as connection:
            site = self._site(connection, site)
            if new is None:
                latest = read.runs_of(connection, site, limit=2)
                if len(latest) < 2:
                    where = f" of {site}" if site else ""
                    raise UsageError(f"The history holds fewer than two runs{where} to compare.")
                new_ref = latest[0]
                old_ref = latest[1] if old is None else read.run_by_id(connection, old)
                if old_ref.id == new_ref.id:
                    raise UsageError(
                        f"Run {old} is the latest run: give a later run to compare it with, "
                        "or none to compare the last two."
                    )
            else:
                new_ref = read.run_by_id(connection, new)
                old_ref = read.run_by_id(connection, old) if old is not None else None
                if old_ref is None:
                    earlier = read.runs_of(connection, site, limit=1, before=new_ref)
                    if not earlier:
                        raise UsageError(f"The history holds no run before run {new}.")
                    old_ref = earlier[0]
            return read.diff_runs(connection, old_ref, new_ref, site)

    def trend(
        self, site: str | None = None, url: str | None = None, limit: int = TREND_RUNS
    ) -> tuple[str, list[TrendPoint]]:
        """The site's (or one of its pages') scores over its last `limit` runs, oldest first,
        and the site's name. Without `site`, the history's one site, or the site of `url`."""
        with self._reading() as connection:
            if site is None and url is not None:
                site = host_port_label(url)
            chosen = self._site(connection, site) or self._only_site(connection)
            if url is not None:
                return chosen, read.page_trend(connection, chosen, url, limit)
            return chosen, read.site_trend(connection, chosen, limit)

    def prune(self, keep: int | None = None, older_than_days: float | None = None) -> int:
        """Drop old runs (see runs_to_prune); how many went."""
        try:
            with writing(self._engine) as connection:
                doomed = runs_to_prune(connection, keep=keep, older_than_days=older_than_days)
                delete_runs(connection, doomed)
                return len(doomed)
        except SQLAlchemyError as exc:
            raise HistoryError(f"Cannot prune the history {self.location}: {reason(exc)}") from None

    def baseline(self, sites: Iterable[str], origin: Origin) -> HistoryBaseline:
        with self._reading() as connection:
            return history_baseline(connection, list(sites), origin)

    def timed_runs(self, sites: Iterable[str]) -> list[TimedRun]:
        """Each site's last run that timed its pages, for the sites that have one."""
        with self._reading() as connection:
            found = (last_timed_run(connection, site) for site in sites)
            return [run for run in found if run is not None]

    def run_history(self, run_id: int, limit: int = TREND_RUNS) -> RunHistory:
        """What the reports of run `run_id` show: per site, its trend up to this run and
        what changed since the site's run before it."""
        with self._reading() as connection:
            this = read.run_by_id(connection, run_id)
            views = []
            for site in read.run_sites(connection, run_id):
                trend = read.site_trend(connection, site, limit, up_to=this)
                earlier = read.runs_of(connection, site, limit=1, before=this)
                diff = read.diff_runs(connection, earlier[0], this, site) if earlier else None
                views.append(SiteHistory(site, trend, diff))
            return RunHistory(self.location, run_id, views)

    @contextlib.contextmanager
    def _reading(self) -> Iterator[Connection]:
        try:
            with self._engine.connect() as connection:
                yield connection
        except (SQLAlchemyError, OverflowError) as exc:
            raise HistoryError(f"Cannot read the history {self.location}: {reason(exc)}") from None

    def _site(self, connection: Connection, site: str | None) -> str | None:
        """`site` as the history names it (a URL or a host, any case); a UsageError naming
        the sites it holds when it holds none of that name."""
        if site is None:
            return None
        wanted = host_port_label(site if "://" in site else f"http://{site}")
        known = read.sites(connection)
        if wanted in known:
            return wanted
        listed = ", ".join(known[:10]) or "none yet"
        raise UsageError(f"The history holds no run of {site} (sites: {listed}).")

    def _only_site(self, connection: Connection) -> str:
        known = read.sites(connection)
        if len(known) == 1:
            return known[0]
        if not known:
            raise UsageError(f"The history {self.location} holds no run yet.")
        raise UsageError(f"The history holds several sites: give --site ({', '.join(known[:10])}).")
