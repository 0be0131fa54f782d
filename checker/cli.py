"""The `readiness` command: a thin layer over the library API."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from checker import __version__
from checker.config import FORMATS, Config, default_concurrency
from checker.devices import DEFAULT_DEVICES, DEVICE_SPECS
from checker.errors import ReadinessError
from checker.results import PageResult, RunResult

EXIT_USAGE = 2
DEFAULT_FORMATS = ",".join(FORMATS)
EXIT_NOTHING_AUDITED = 3

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="How ready a website is for people on phones and for people sharing it.",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"readiness {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """readiness: mobile layout, speed and social sharing, checked in real Chromium."""


DevicesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--device",
        "-d",
        help=f"Device profile, repeatable (default: {', '.join(DEFAULT_DEVICES)}). "
        "See `readiness devices`.",
    ),
]
OutputOption = Annotated[Path, typer.Option("--output", "-o", help="Directory for the reports.")]
FormatOption = Annotated[
    str, typer.Option("--format", "-f", help=f"Comma-separated: {','.join(FORMATS)}.")
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")]
BrowserOption = Annotated[
    str | None,
    typer.Option(
        "--browser",
        help="Chromium/Chrome executable (else $READINESS_BROWSER, "
        "Playwright's browser, then a system Chromium).",
    ),
]


@app.command()
def audit(
    urls: Annotated[list[str], typer.Argument(help="Pages to audit (http or https).")],
    device: DevicesOption = None,
    output: OutputOption = Path("readiness-report"),
    format: FormatOption = DEFAULT_FORMATS,
    timeout: Annotated[float, typer.Option(help="Seconds a page may take to load.")] = 30.0,
    concurrency: Annotated[
        int | None,
        typer.Option(
            help="Pages audited at once, their devices in parallel "
            f"[default: {default_concurrency()} on this machine]."
        ),
    ] = None,
    block_external: Annotated[
        bool,
        typer.Option(
            "--block-external",
            help="Block every request to other hosts than the audited pages' own.",
        ),
    ] = False,
    save_snapshots: Annotated[
        Path | None,
        typer.Option(
            "--save-snapshots",
            help="Also save each page's snapshots here, for `readiness rescore`.",
        ),
    ] = None,
    browser: BrowserOption = None,
    quiet: QuietOption = False,
) -> None:
    """Audit pages on phone and tablet profiles and write the reports."""
    with _errors_as_exit_codes():
        config = Config(
            devices=tuple(device or DEFAULT_DEVICES),
            output_dir=output,
            formats=_formats(format),
            timeout=timeout,
            concurrency=concurrency or default_concurrency(),
            block_external=block_external,
            browser=browser,
            save_snapshots=save_snapshots,
        )
        run = _audit_with_progress(urls, config, quiet)
        _finish(run, config, quiet)


@app.command()
def demo(
    output: OutputOption = Path("readiness-report"),
    browser: BrowserOption = None,
    quiet: QuietOption = False,
) -> None:
    """Audit the bundled demo site (served on 127.0.0.1) and write its report."""
    from checker.demo import demo_pages, demo_site_dir
    from checker.localserver import serve_directory

    with _errors_as_exit_codes(), serve_directory(demo_site_dir(), fill_origin=True) as base_url:
        config = Config(output_dir=output, browser=browser, block_external=True)
        if not quiet:
            typer.echo(f"Serving the demo site of Harbor & Pine Coffee at {base_url}", err=True)
        run = _audit_with_progress(demo_pages(base_url), config, quiet)
        _finish(run, config, quiet)


@app.command()
def rescore(
    directory: Annotated[Path, typer.Argument(help="Directory given to --save-snapshots.")],
    output: OutputOption = Path("readiness-report"),
    format: FormatOption = DEFAULT_FORMATS,
    quiet: QuietOption = False,
) -> None:
    """Re-run the audits and reports on saved snapshots, without a browser."""
    from checker.runner import rescore_snapshots

    with _errors_as_exit_codes():
        config = Config(output_dir=output, formats=_formats(format))
        _finish(rescore_snapshots(directory, config), config, quiet)


@app.command()
def devices() -> None:
    """List the device profiles."""
    from playwright.sync_api import sync_playwright

    from checker.devices import resolve, short_user_agent

    with _errors_as_exit_codes(), sync_playwright() as playwright:
        registry = playwright.devices
        rows = [("name", "viewport", "dpr", "mobile", "touch", "user agent")]
        for name in DEVICE_SPECS:
            info = resolve(name, registry)
            default = "*" if name in DEFAULT_DEVICES else ""
            rows.append(
                (
                    name + default,
                    f"{info.width}x{info.height}",
                    f"{info.device_scale_factor:g}",
                    "yes" if info.is_mobile else "no",
                    "yes" if info.has_touch else "no",
                    short_user_agent(info.user_agent),
                )
            )
    _print_table(rows)
    typer.echo("* audited by default")


@app.command("browser")
def browser_path(browser: BrowserOption = None) -> None:
    """Show which browser readiness will drive (exit 2 when there is none)."""
    from playwright.sync_api import sync_playwright

    from checker.browser import find_browser, playwright_browser_path

    with _errors_as_exit_codes(), sync_playwright() as playwright:
        typer.echo(find_browser(browser, playwright_browser_path(playwright)))


def main() -> None:
    app()


def _audit_with_progress(urls: list[str], config: Config, quiet: bool) -> RunResult:
    from checker.runner import audit_urls
    from checker.targets import check_url

    urls = [check_url(u) for u in urls]
    partial = _PartialReport(config)
    if quiet:
        return audit_urls(urls, config, on_page=partial.add)
    with _LazyProgress(len(urls) * len(config.devices)) as progress:
        return audit_urls(urls, config, on_progress=progress.advance, on_page=partial.add)


class _PartialReport:
    """report.json rewritten as each page completes (with "complete": false), so a run that
    is killed keeps the pages it finished."""

    def __init__(self, config: Config) -> None:
        from checker.assemble import now_iso

        self._config = config
        self._started = now_iso()
        self._pages: dict[int, PageResult] = {}

    def add(self, index: int, page: PageResult) -> None:
        from checker.assemble import run_result
        from checker.report.write import write_reports

        if "json" not in self._config.formats:
            return
        self._pages[index] = page
        pages = [self._pages[i] for i in sorted(self._pages)]
        run = run_result(pages, self._config.to_report(), self._started, complete=False)
        write_reports(run, self._config.output_dir, ("json",))


class _LazyProgress:
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

    def __enter__(self) -> _LazyProgress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc_info)


def _finish(run: RunResult, config: Config, quiet: bool) -> None:
    from checker.report.write import write_reports

    written = write_reports(run, config.output_dir, config.formats)
    if not quiet:
        _print_summary(run)
        for path in written:
            typer.echo(f"Report: {path}")
    if not run.audited_any:
        typer.echo("No page could be audited.", err=True)
        raise typer.Exit(EXIT_NOTHING_AUDITED)


def _print_summary(run: RunResult) -> None:
    rows = [("page", "status", "overall", "layout", "speed", "social")]
    for page in run.pages:
        scores = page.scores
        status = page.status if page.error is None else f"error: {page.error.kind}"
        rows.append(
            (
                page.url,
                status,
                *(_score(scores.get(k)) for k in ("overall", "layout", "speed", "social")),
            )
        )
    _print_table(rows)
    for page in run.pages:
        if page.error is not None:
            typer.echo(f"{page.url}: {page.error.message}")


def _score(value: int | None) -> str:
    return "n/a" if value is None else str(value)


def _print_table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        typer.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def _formats(text: str) -> tuple[str, ...]:
    return tuple(f.strip().lower() for f in text.split(",") if f.strip())


@contextmanager
def _errors_as_exit_codes() -> Iterator[None]:
    """Known errors become one line on stderr and exit 2; no traceback reaches the user."""
    try:
        yield
    except ReadinessError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    except KeyboardInterrupt:
        typer.echo("Interrupted.", err=True)
        raise typer.Exit(130) from None
