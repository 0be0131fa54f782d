"""`readiness history`: the runs kept in the history, what changed between two of them, a
site's scores over time, and pruning old runs.

A Typer app of its own (checker/cli/app.py adds it as `history`), a thin layer over
checker.store.history's History; the text it prints (JSON, CSV, the tables' rows) comes from
checker.report.history_text. The store and the report are imported when a command runs:
every `readiness` command imports this module, and SQLAlchemy alone takes a third of a second
to load."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from checker.cli.errors import errors_as_exit_codes
from checker.cli.options import (
    HistoryOption,
    ListFormat,
    ListFormatOption,
    TrendFormat,
    TrendFormatOption,
)
from checker.cli.settings import read_config, with_history
from checker.cli.terminal import print_table
from checker.config.settings import Config
from checker.model.errors import UsageError
from checker.model.history import TREND_RUNS
from checker.store.history.location import check_location

if TYPE_CHECKING:
    from checker.model.history import RunDiff
    from checker.store.history.history import History

RUNS_SHOWN = 20  # `readiness history` without --limit: a screenful, not years of CI runs
# Past these a number is no run the history can hold (run ids and limits are SQL integers;
# SQLite refuses a Python int beyond 64 bits, PostgreSQL an id beyond 32), nor a date.
MAX_NUMBER = 2**31 - 1
MAX_DAYS = 36_500

app = typer.Typer(
    invoke_without_command=True,
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="The runs kept in the history: listed (alone), compared (diff), followed over "
    "time (trend) and pruned.",
)


SiteOption = Annotated[
    str | None, typer.Option("--site", help="Only this site's runs (a host, or a URL of it).")
]


@app.callback()
def list_runs(
    ctx: typer.Context,
    site: SiteOption = None,
    limit: Annotated[
        int, typer.Option("--limit", help=f"The newest N runs (default {RUNS_SHOWN}).")
    ] = RUNS_SHOWN,
    output_format: ListFormatOption = ListFormat.TABLE,
    history: HistoryOption = None,
) -> None:
    """The runs kept, newest first, with each site's mean scores."""
    if ctx.invoked_subcommand is not None:
        return  # `readiness history diff ...`: that command runs, with its own options
    with errors_as_exit_codes():
        limit = _count(limit, "--limit")
        with opened(history) as store:
            rows = store.runs(site, limit + 1)  # one more tells whether any were left out
            location = store.location
    more = len(rows) > limit
    rows = rows[:limit]
    from checker.report import history_text as text

    if output_format is ListFormat.JSON:
        typer.echo(text.runs_json(rows))
    elif not rows:
        typer.echo(f"No run in the history at {location} yet.")
    else:
        print_table(text.runs_rows(rows))
        if more:
            typer.echo(f"The newest {limit} runs: --limit N shows more.")


@app.command("diff")
def diff(
    old: Annotated[
        int | None,
        typer.Argument(metavar="OLD", help="The earlier run's id (default: the one before NEW)."),
    ] = None,
    new: Annotated[
        int | None, typer.Argument(metavar="NEW", help="The later run's id (default: the last).")
    ] = None,
    site: SiteOption = None,
    output_format: ListFormatOption = ListFormat.TABLE,
    history: HistoryOption = None,
) -> None:
    """What changed between two runs (by default the last two): findings, scores, pages."""
    with errors_as_exit_codes():
        for run in (old, new):
            if run is not None and not 1 <= run <= MAX_NUMBER:  # the store's own words
                raise UsageError(f"The history has no run {run}: `readiness history` lists them.")
        with opened(history) as store:
            changes = store.diff(old, new, site)
    if output_format is ListFormat.JSON:
        from checker.report.history_text import diff_json

        typer.echo(diff_json(changes))
    else:
        print_diff(changes)


@app.command("trend")
def trend(
    site: SiteOption = None,
    url: Annotated[
        str | None, typer.Option("--url", help="One page's scores, not the site's.")
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", help=f"The last N runs (default {TREND_RUNS}).")
    ] = TREND_RUNS,
    output_format: TrendFormatOption = TrendFormat.TABLE,
    history: HistoryOption = None,
) -> None:
    """A site's mean scores (or one page's) over its last runs, oldest first."""
    with errors_as_exit_codes():
        limit = _count(limit, "--limit")
        with opened(history) as store:
            name, points = store.trend(site, url, limit)
        if not points:  # only a page's trend can be empty: the site's has its runs
            raise UsageError(f"The history holds no run of {url} on {name}.")
    from checker.report import history_text as text

    if output_format is TrendFormat.JSON:
        typer.echo(text.trend_json(name, url, points))
    elif output_format is TrendFormat.CSV:
        typer.echo(text.trend_csv(points), nl=False)
    else:
        runs = f"{len(points)} run{'' if len(points) == 1 else 's'}"
        typer.echo(f"{url or name}, {'its last ' if len(points) > 1 else ''}{runs}:")
        print_table(text.trend_rows(points))
        if len(points) > 1:
            typer.echo(text.trend_change(points[0], points[-1]))


@app.command("prune")
def prune(
    keep: Annotated[
        int | None, typer.Option("--keep", metavar="N", help="Each site keeps its newest N runs.")
    ] = None,
    older_than: Annotated[
        float | None,
        typer.Option("--older-than", metavar="DAYS", help="Drop the runs started before that."),
    ] = None,
    history: HistoryOption = None,
) -> None:
    """Drop old runs and all that was recorded of them. No prompt: made to run in CI."""
    with errors_as_exit_codes():
        # Checked here, not by Click: its errors come with a usage block, ours in one line.
        if (keep is None) == (older_than is None):
            raise UsageError("history prune takes one of --keep N or --older-than DAYS.")
        if keep is not None:
            keep = _count(keep, "--keep")
        if older_than is not None and not 0 < older_than <= MAX_DAYS:  # NaN is neither
            raise UsageError(f"--older-than needs a number of days above 0, at most {MAX_DAYS}.")
        with opened(history) as store:
            dropped = store.prune(keep=keep, older_than_days=older_than)
            location = store.location
    typer.echo(f"Pruned {dropped} run{'' if dropped == 1 else 's'} from {location}.")


# ---------------------------------------------------------------- opening the history


def history_location(option: str | None) -> str:
    """Where the history is, found as the runs that write it find it (settings.with_history):
    --history, $READINESS_HISTORY, the config file's `history`, .readiness/history.db."""
    file = read_config(None)
    configured = file.run.get("history") if file is not None else None
    return str(with_history(Config(history=configured), option, no_history=False).history)


@contextlib.contextmanager
def opened(option: str | None) -> Iterator[History]:
    """The history, open; a UsageError, and no file made, when its SQLite file is not there:
    opening would create an empty database and the commands would report nothing."""
    location = history_location(option)
    url = check_location(location)
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.is_file():
            raise UsageError(
                f"No history yet at {path}: runs of `readiness audit`, `ci` and `batch` are "
                "kept there."
            )
    from checker.store.history.history import History

    with History.open(location) as store:
        yield store


def _count(value: int, option: str) -> int:
    """A number of runs, 1 or more; a larger one than any history holds means them all."""
    if value < 1:
        raise UsageError(f"{option} needs a number of runs, 1 or more.")
    return min(value, MAX_NUMBER)


# ---------------------------------------------------------------- the diff for people


def print_diff(changes: RunDiff) -> None:
    from checker.report import history_text as text

    old = changes.old.id
    typer.echo(f"Run {old} ({text.run_described(changes.old)}) -> run {changes.new.id} "
               f"({text.run_described(changes.new)})")  # fmt: skip
    for title, findings in (
        (f"New since run {old}", changes.new_findings),
        (f"Fixed since run {old}", changes.fixed_findings),
    ):
        typer.echo(f"{title}: {len(findings)}")
        if findings:
            print_table(text.findings_rows(findings))
    if changes.score_changes:
        typer.echo("Score changes:")
        print_table(text.score_rows(changes.score_changes))
    else:
        typer.echo("No score changed.")
    note = text.timing_note(changes)
    if note:
        typer.echo(note)
    for title, urls in (("Pages added", changes.pages_added), ("Pages gone", changes.pages_gone)):
        if urls:
            typer.echo(f"{title}: {len(urls)}")
            for url in urls:
                typer.echo(f"  {url}")
