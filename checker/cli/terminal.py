"""What the commands print: tables, the run's summary, a line per brand."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import typer

from checker.model.results import CATEGORIES, RunResult

if TYPE_CHECKING:
    from checker.report.comparison import BrandOutcome
    from checker.run.batch import Brand

SCORE_COLUMNS = ("overall", *CATEGORIES)


def print_table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        typer.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def print_summary(run: RunResult) -> None:
    # The categories not run (--only-categories) have no column: they were not asked for.
    columns = score_columns(run)
    rows = [("page", "status", *columns)]
    for page in run.pages:
        status = page.status if page.error is None else f"error: {page.error.kind}"
        scores = (score_text(page.scores.get(k), k in page.incomplete) for k in columns)
        rows.append((page.url, status, *scores))
    print_table(rows)
    for page in run.pages:
        if page.error is not None:
            typer.echo(f"{page.url}: {page.error.message}")
        for category in columns[1:]:
            if category in page.incomplete:
                reason = page.incomplete[category].removeprefix("Incomplete: ")
                typer.echo(f"{page.url}: {category} is incomplete: {reason}")


def score_columns(run: RunResult) -> tuple[str, ...]:
    return tuple(key for key in SCORE_COLUMNS if key == "overall" or key in run.categories_run)


def score_text(value: int | None, incomplete: bool = False) -> str:
    """A score as the terminal shows it; a category a check could not run in is incomplete."""
    if value is None:
        return "incomplete" if incomplete else "n/a"
    return str(value)


def brand_reporter(quiet: bool) -> Callable[[Brand, BrandOutcome], None]:
    """One line per brand as it ends (only the failed ones when quiet)."""

    def report(brand: Brand, outcome: BrandOutcome) -> None:
        if outcome.status == "ok" and outcome.message:  # audited, but not kept in the history
            typer.echo(f"{brand.name}: warning: {outcome.message}", err=True)
        if quiet and outcome.status == "ok":
            return
        if outcome.status == "ok":
            overall = score_text(outcome.scores.get("overall"))
            pages = f"{outcome.pages} page{'' if outcome.pages == 1 else 's'}"
            typer.echo(f"{brand.name}: {pages}, overall {overall}", err=True)
        else:
            typer.echo(f"{brand.name}: failed: {outcome.message}", err=True)

    return report
