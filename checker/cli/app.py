"""The `readiness` command: a thin layer over the library API."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from checker._version import __version__
from checker.cli.support import (
    EXIT_NOTHING_AUDITED,
    EXIT_USAGE,
    ClickError,
    audit_with_progress,
    batch_auditor,
    brand_reporter,
    crawl_with_messages,
    errors_as_exit_codes,
    finish,
    print_table,
    resume_with_progress,
)
from checker.config.settings import DEFAULT_FORMATS, Config, default_concurrency
from checker.crawl import CrawlOptions
from checker.gather.devices import DEFAULT_DEVICES, DEVICE_SPECS
from checker.model.errors import UsageError
from checker.report.write import FORMATS, parse_formats
from checker.run.targets import parse_shard, read_url_file

DEFAULT_FORMAT_TEXT = ",".join(DEFAULT_FORMATS)

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
    str,
    typer.Option(
        "--format",
        "-f",
        help=f"Comma-separated, of {','.join(FORMATS)}. md and junit show the gate's verdict.",
    ),
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
    urls: Annotated[
        list[str] | None, typer.Argument(help="Pages to audit (http or https).", show_default=False)
    ] = None,
    urls_file: Annotated[
        Path | None,
        typer.Option("--urls", help="A file of URLs to audit, one per line (# comments)."),
    ] = None,
    crawl: Annotated[
        bool,
        typer.Option(
            "--crawl",
            help="Audit the sites of the URLs: pages from their sitemaps, then their links.",
        ),
    ] = False,
    max_pages: Annotated[int, typer.Option(help="With --crawl: pages per site at most.")] = 25,
    max_depth: Annotated[
        int, typer.Option(help="With --crawl: links followed this deep from the start page.")
    ] = 3,
    include: Annotated[
        list[str] | None,
        typer.Option(
            help="With --crawl: only URLs matching this glob (/blog/* matches the path), "
            "repeatable."
        ),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option(help="With --crawl: leave out URLs matching this glob, repeatable."),
    ] = None,
    ignore_robots: Annotated[
        bool, typer.Option("--ignore-robots", help="With --crawl: crawl what robots.txt forbids.")
    ] = False,
    device: DevicesOption = None,
    output: OutputOption = Path("readiness-report"),
    format: FormatOption = DEFAULT_FORMAT_TEXT,
    timeout: Annotated[float, typer.Option(help="Seconds a page may take to load.")] = 30.0,
    max_time: Annotated[
        float | None,
        typer.Option(
            "--max-time",
            help="Seconds the whole run may take; unfinished pages are reported (resume them).",
        ),
    ] = None,
    concurrency: Annotated[
        int | None,
        typer.Option(
            help="Pages audited at once, their devices in parallel "
            f"(default: {default_concurrency()} on this machine)."
        ),
    ] = None,
    block_external: Annotated[
        bool,
        typer.Option(
            "--block-external",
            help="Block every request to other hosts than the audited pages' own.",
        ),
    ] = False,
    throttle: Annotated[
        str,
        typer.Option(
            help="Speed pass network and CPU: slow-4g (Lighthouse's mobile "
            "profile), fast-4g, 3g or none."
        ),
    ] = "slow-4g",
    throttle_method: Annotated[
        str,
        typer.Option(
            "--throttle-method",
            help="simulate (load at full speed, estimate the throttled times, as Lighthouse "
            "does by default) or apply (load throttled: slower, closer to a real phone).",
        ),
    ] = "simulate",
    runs: Annotated[int, typer.Option(help="Speed passes per page (the median is kept).")] = 1,
    speed_devices: Annotated[
        str, typer.Option("--speed-devices", help="first (the first mobile device), all, or none.")
    ] = "first",
    header: Annotated[
        list[str] | None,
        typer.Option("--header", help="NAME:VALUE sent to the audited site, repeatable."),
    ] = None,
    cookie: Annotated[
        list[str] | None,
        typer.Option("--cookie", help="NAME=VALUE cookie for the audited site, repeatable."),
    ] = None,
    storage_state: Annotated[
        Path | None,
        typer.Option(
            "--storage-state",
            help="Cookies and local storage saved by Playwright (a logged-in session).",
        ),
    ] = None,
    ignore_https_errors: Annotated[
        bool,
        typer.Option(
            "--ignore-https-errors",
            help="Audit HTTPS pages whose certificate is not trusted (self-signed staging).",
        ),
    ] = False,
    accept_consent: Annotated[
        bool,
        typer.Option(
            "--accept-consent",
            help="Click the cookie banner's accept button before measuring "
            "(intrusive-overlays still judges the banner).",
        ),
    ] = False,
    shard: Annotated[
        str | None,
        typer.Option(help="I/N: audit only the Ith of N slices of the targets (merge later)."),
    ] = None,
    resume: Annotated[
        Path | None,
        typer.Option(
            "--resume",
            help="Go on with the run recorded in this output folder, keeping its finished pages.",
        ),
    ] = None,
    save_snapshots: Annotated[
        Path | None,
        typer.Option(
            "--save-snapshots",
            help="Also save each page's snapshots here, for `readiness rescore`.",
        ),
    ] = None,
    browser: BrowserOption = None,
    browser_endpoint: Annotated[
        str | None,
        typer.Option(
            "--browser-endpoint",
            help="Drive a running browser: its DevTools URL (http://host:9222) or a "
            "Playwright server (ws://...).",
        ),
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Audit pages on phone and tablet profiles and write the reports."""
    with errors_as_exit_codes():
        config = Config(
            devices=tuple(device or DEFAULT_DEVICES),
            output_dir=resume or output,
            formats=parse_formats(format),
            timeout=timeout,
            max_time=max_time,
            concurrency=concurrency or default_concurrency(),
            block_external=block_external,
            browser=browser,
            browser_endpoint=browser_endpoint,
            save_snapshots=save_snapshots,
            throttle=throttle,
            throttle_method=throttle_method,
            runs=runs,
            speed_devices=speed_devices,
            headers=tuple(header or ()),
            cookies=tuple(cookie or ()),
            storage_state=storage_state,
            ignore_https_errors=ignore_https_errors,
            accept_consent=accept_consent,
            shard=parse_shard(shard) if shard else None,
        )
        if resume is not None:
            if urls or urls_file:
                raise UsageError("--resume takes its pages from the recorded run: give no URL.")
            run = resume_with_progress(config, quiet)
        else:
            targets = [*(urls or ()), *(read_url_file(urls_file) if urls_file else ())]
            if not targets:
                raise UsageError("Give a URL to audit, or --urls FILE (see --help).")
            skipped = None
            if crawl:
                options = CrawlOptions(
                    max_pages=max_pages,
                    max_depth=max_depth,
                    include=tuple(include or ()),
                    exclude=tuple(exclude or ()),
                    ignore_robots=ignore_robots,
                )
                found = crawl_with_messages(targets, options, config, quiet)
                targets, skipped = found.pages, found.skipped
            run = audit_with_progress(targets, config, quiet, skipped=skipped)
        finish(run, config, quiet)


@app.command()
def demo(
    output: OutputOption = Path("readiness-report"),
    browser: BrowserOption = None,
    quiet: QuietOption = False,
) -> None:
    """Audit the bundled demo site (served on 127.0.0.1) and write its report."""
    from checker.demo.pages import demo_pages, demo_site_dir
    from checker.demo.server import serve_directory

    with errors_as_exit_codes(), serve_directory(demo_site_dir(), fill_origin=True) as base_url:
        config = Config(output_dir=output, browser=browser, block_external=True)
        if not quiet:
            typer.echo(f"Serving the demo site of Harbor & Pine Coffee at {base_url}", err=True)
        run = audit_with_progress(demo_pages(base_url), config, quiet)
        finish(run, config, quiet)


@app.command()
def rescore(
    directory: Annotated[Path, typer.Argument(help="Directory given to --save-snapshots.")],
    output: OutputOption = Path("readiness-report"),
    format: FormatOption = DEFAULT_FORMAT_TEXT,
    quiet: QuietOption = False,
) -> None:
    """Re-run the audits and reports on saved snapshots, without a browser."""
    from checker.run.runner import rescore_snapshots

    with errors_as_exit_codes():
        config = Config(output_dir=output, formats=parse_formats(format))
        finish(rescore_snapshots(directory, config), config, quiet)


@app.command()
def batch(
    brands_file: Annotated[
        Path, typer.Argument(help="CSV with a header row: name,url and optionally max_pages.")
    ],
    max_pages: Annotated[
        int, typer.Option(help="Pages per brand's site, unless its max_pages says otherwise.")
    ] = 25,
    max_depth: Annotated[int, typer.Option(help="Links followed this deep.")] = 3,
    device: DevicesOption = None,
    output: OutputOption = Path("readiness-brands"),
    format: FormatOption = DEFAULT_FORMAT_TEXT,
    timeout: Annotated[float, typer.Option(help="Seconds a page may take to load.")] = 30.0,
    concurrency: Annotated[
        int | None, typer.Option(help="Pages audited at once (default from the cores).")
    ] = None,
    block_external: Annotated[
        bool, typer.Option("--block-external", help="Block requests to other hosts.")
    ] = False,
    throttle: Annotated[str, typer.Option(help="slow-4g, fast-4g, 3g or none.")] = "slow-4g",
    speed_devices: Annotated[
        str, typer.Option("--speed-devices", help="first, all, or none.")
    ] = "first",
    accept_consent: Annotated[
        bool, typer.Option("--accept-consent", help="Click cookie banners away first.")
    ] = False,
    browser: BrowserOption = None,
    quiet: QuietOption = False,
) -> None:
    """Audit many brands' sites and rank them on one comparison page."""
    from checker.run.batch import COMPARISON_HTML, read_brands, run_batch

    with errors_as_exit_codes():
        config = Config(
            devices=tuple(device or DEFAULT_DEVICES),
            output_dir=output,
            formats=parse_formats(format),
            timeout=timeout,
            concurrency=concurrency or default_concurrency(),
            block_external=block_external,
            browser=browser,
            throttle=throttle,
            speed_devices=speed_devices,
            accept_consent=accept_consent,
        )
        crawl = CrawlOptions(max_pages=max_pages, max_depth=max_depth)
        brands = read_brands(brands_file)
        outcomes = run_batch(
            brands, config, crawl, batch_auditor(quiet), on_brand=brand_reporter(quiet)
        )
        if not quiet:
            typer.echo(f"Comparison: {output / COMPARISON_HTML}")
        if not any(o.status == "ok" for o in outcomes):
            typer.echo("No brand could be audited.", err=True)
            raise typer.Exit(EXIT_NOTHING_AUDITED)


@app.command()
def merge(
    directories: Annotated[
        list[Path], typer.Argument(help="Output folders of `readiness audit --shard I/N` runs.")
    ],
    output: OutputOption = Path("readiness-report"),
    format: FormatOption = DEFAULT_FORMAT_TEXT,
    quiet: QuietOption = False,
) -> None:
    """Merge the shards of a run into one report."""
    from checker.run.merge import merge_runs

    with errors_as_exit_codes():
        config = Config(output_dir=output, formats=parse_formats(format))
        run, missing = merge_runs(directories, output)
        if missing:
            typer.echo(f"{missing} pages are in no shard's results: merge every shard.", err=True)
        finish(run, config, quiet)


@app.command()
def devices() -> None:
    """List the device profiles."""
    from playwright.sync_api import sync_playwright

    from checker.gather.devices import resolve, short_user_agent

    with errors_as_exit_codes(), sync_playwright() as playwright:
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
    print_table(rows)
    typer.echo("* audited by default")


@app.command("browser")
def browser_path(browser: BrowserOption = None) -> None:
    """Show which browser readiness will drive (exit 2 when there is none)."""
    from playwright.sync_api import sync_playwright

    from checker.gather.browser import find_browser, playwright_browser_path

    with errors_as_exit_codes(), sync_playwright() as playwright:
        typer.echo(find_browser(browser, playwright_browser_path(playwright)))


def main() -> None:
    # Not standalone: Click's own usage errors (a letter where a number goes, an unknown
    # option) become one line like ours, instead of a framed box.
    try:
        code = app(standalone_mode=False)
    except ClickError as exc:
        typer.echo(f"Error: {exc.format_message()}", err=True)  # type: ignore[attr-defined]
        code = EXIT_USAGE
    except typer.Abort:
        typer.echo("Interrupted.", err=True)
        code = 130
    sys.exit(code if isinstance(code, int) else 0)


# The CI gate's commands (ci, init) register themselves on this app.
from checker.cli import ci  # noqa: E402,F401
