"""What the `readiness` commands share: progress, crawl messages, tables, error handling."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import typer

from checker.config.settings import Config
from checker.crawl import CrawlOptions
from checker.model.errors import ReadinessError
from checker.model.results import RunResult
from checker.run.sites import SitePages

if TYPE_CHECKING:
    from checker.report.comparison import BrandOutcome
    from checker.run.batch import Brand

# Click's usage errors (a letter where a number goes...). Found through a public class: recent
# Typers bundle their own Click, older ones use the click package.
ClickError: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)

EXIT_USAGE = 2
EXIT_NOTHING_AUDITED = 3
EXIT_INTERNAL = 70  # EX_SOFTWARE in BSD's sysexits: a failure of readiness itself


def audit_with_progress(urls: list[str], config: Config, quiet: bool, **options: Any) -> RunResult:
    from checker.model.urls import check_url
    from checker.run.runner import audit_urls
    from checker.store.run_log import shard_indices

    urls = [check_url(u) for u in urls]
    if quiet:
        return audit_urls(urls, config, **options)
    pages = len(shard_indices(len(urls), config.shard))
    with LazyProgress(pages * len(config.devices)) as progress:
        return audit_urls(urls, config, on_progress=progress.advance, **options)


def crawl_with_messages(
    start_urls: list[str], options: CrawlOptions, config: Config, quiet: bool
) -> SitePages:
    """The sites' pages, with a line on what the crawl found and left out."""
    from checker.model.urls import check_url
    from checker.run.sites import crawl_sites

    found = crawl_sites([check_url(u) for u in start_urls], options, config)
    if not quiet:
        left_out = f"; {len(found.skipped)} left out (see run.json)" if found.skipped else ""
        typer.echo(f"Crawl: {len(found.pages)} pages to audit{left_out}.", err=True)
        for note in found.notes:
            typer.echo(f"Crawl: {note}", err=True)
    return found


def batch_auditor(quiet: bool) -> Callable[[list[str], Config, list[dict[str, str]]], RunResult]:
    def audit(urls: list[str], config: Config, skipped: list[dict[str, str]]) -> RunResult:
        return audit_with_progress(urls, config, quiet, skipped=skipped)

    return audit


def brand_reporter(quiet: bool) -> Callable[[Brand, BrandOutcome], None]:
    """One line per brand as it ends (only the failed ones when quiet)."""

    def report(brand: Brand, outcome: BrandOutcome) -> None:
        if quiet and outcome.status == "ok":
            return
        if outcome.status == "ok":
            overall = score_text(outcome.scores.get("overall"))
            pages = f"{outcome.pages} page{'' if outcome.pages == 1 else 's'}"
            typer.echo(f"{brand.name}: {pages}, overall {overall}", err=True)
        else:
            typer.echo(f"{brand.name}: failed: {outcome.message}", err=True)

    return report


def resume_with_progress(config: Config, quiet: bool) -> RunResult:
    from checker.run.runner import remaining_pages, resume_run

    if quiet:
        return resume_run(config)
    remaining = remaining_pages(config.output_dir)
    with LazyProgress(remaining * len(config.devices)) as progress:
        return resume_run(config, on_progress=progress.advance)


class LazyProgress:
    """A progress bar on stderr that appears with the first finished page, so an error
    before any work (no browser, say) stays a single line."""

    def __init__(self, total: int) -> None:
        self._total = total
        self._bar: Any = None

    def advance(self, url: str, device: str) -> None:
        if self._bar is None:
            self._bar = typer.progressbar(length=self._total, label="Auditing", file=sys.stderr)
            self._bar.__enter__()
        self._bar.update(1)

    def __enter__(self) -> LazyProgress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc_info)


def finish(run: RunResult, config: Config, quiet: bool) -> None:
    """Write the run's outputs (Markdown and JUnit judged by the default gate, for the files
    only), print its summary and the files, and exit 3 when no page could be audited."""
    from checker.run.ci import write_outputs

    written = write_outputs(run, config)
    if not quiet:
        print_summary(run)
        for path in written:
            typer.echo(f"Report: {path}")
    if not run.audited_any:
        typer.echo("No page could be audited.", err=True)
        raise typer.Exit(EXIT_NOTHING_AUDITED)


SCORE_COLUMNS = ("overall", "layout", "speed", "social")


def print_summary(run: RunResult) -> None:
    rows = [("page", "status", *SCORE_COLUMNS)]
    for page in run.pages:
        status = page.status if page.error is None else f"error: {page.error.kind}"
        scores = (score_text(page.scores.get(k), k in page.incomplete) for k in SCORE_COLUMNS)
        rows.append((page.url, status, *scores))
    print_table(rows)
    for page in run.pages:
        if page.error is not None:
            typer.echo(f"{page.url}: {page.error.message}")
        for category in SCORE_COLUMNS[1:]:
            if category in page.incomplete:
                reason = page.incomplete[category].removeprefix("Incomplete: ")
                typer.echo(f"{page.url}: {category} is incomplete: {reason}")


def score_text(value: int | None, incomplete: bool = False) -> str:
    """A score as the terminal shows it; a category a check could not run in is incomplete."""
    if value is None:
        return "incomplete" if incomplete else "n/a"
    return str(value)


def print_table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        typer.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


@contextmanager
def errors_as_exit_codes() -> Iterator[None]:
    """Known errors become one line on stderr and exit 2; no traceback reaches the user."""
    try:
        yield
    except ReadinessError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    except KeyboardInterrupt:
        typer.echo("Interrupted.", err=True)
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort, ClickError):
        raise  # the command's own exit code, or Click's usage message
    except Exception as exc:  # a bug of ours: still one line, and the record is kept
        first_line = (str(exc).strip().splitlines() or [""])[0][:300]
        typer.echo(
            f"Error: readiness failed ({type(exc).__name__}: {first_line}). Finished pages are "
            "kept in the output folder's results.jsonl: `readiness audit --resume DIR` goes on, "
            "`readiness merge DIR -o DIR` rebuilds the reports. Please report this.",
            err=True,
        )
        raise typer.Exit(EXIT_INTERNAL) from None
