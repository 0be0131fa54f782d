"""`readiness batch`: many brands' sites, each audited into a folder of its own, ranked."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from checker.cli.errors import EXIT_NOTHING_AUDITED, errors_as_exit_codes
from checker.cli.options import (
    AcceptConsentOption,
    BlockExternalOption,
    BrandOption,
    BrowserOption,
    ConcurrencyOption,
    ConfigOption,
    DevicesOption,
    FormatOption,
    HistoryOption,
    MaxDepthOption,
    MaxPagesOption,
    NoHistoryOption,
    OnlyCategoriesOption,
    OutputOption,
    PdfScreenshotsOption,
    QuietOption,
    SingleFileOption,
    SpeedDevicesOption,
    ThrottleOption,
    TimeoutOption,
)
from checker.cli.progress import batch_auditor
from checker.cli.settings import (
    categories_given,
    formats_given,
    gate_of,
    given,
    read_config,
    say_config,
    with_brand,
    with_history,
    with_single_file,
)
from checker.cli.terminal import brand_reporter
from checker.config.merge import crawl_options, run_config
from checker.run.history import check_history

# A batch's folder holds many runs: not the config file's `output`, which names one run's.
BATCH_OUTPUT = Path("readiness-brands")


def batch(
    brands_file: Annotated[
        Path, typer.Argument(help="CSV with a header row: name,url and optionally max_pages.")
    ],
    config_file: ConfigOption = None,
    max_pages: MaxPagesOption = None,
    max_depth: MaxDepthOption = None,
    device: DevicesOption = None,
    output: OutputOption = None,
    format: FormatOption = None,
    timeout: TimeoutOption = None,
    concurrency: ConcurrencyOption = None,
    block_external: BlockExternalOption = None,
    throttle: ThrottleOption = None,
    speed_devices: SpeedDevicesOption = None,
    only_categories: OnlyCategoriesOption = None,
    accept_consent: AcceptConsentOption = None,
    browser: BrowserOption = None,
    brand: BrandOption = None,
    single_file: SingleFileOption = None,
    pdf_screenshots: PdfScreenshotsOption = None,
    history: HistoryOption = None,
    no_history: NoHistoryOption = False,
    quiet: QuietOption = False,
) -> None:
    """Audit many brands' sites, keep each run, and rank them on one comparison page."""
    from checker.run.batch import COMPARISON_HTML, read_brands, run_batch

    with errors_as_exit_codes():
        file = read_config(config_file)
        config = run_config(
            file,
            {
                "devices": given(device),
                "output_dir": output or BATCH_OUTPUT,
                "formats": formats_given(format),
                "timeout": timeout,
                "concurrency": concurrency,
                "block_external": block_external,
                "browser": browser,
                "throttle": throttle,
                "speed_devices": speed_devices,
                "accept_consent": accept_consent,
                "only_categories": categories_given(only_categories),
                "pdf_screenshots": pdf_screenshots,
            },
        )
        config = with_brand(config, brand)
        config = with_single_file(config, single_file)
        config = with_history(config, history, no_history)
        check_history(config)
        crawl = crawl_options(file, {"max_pages": max_pages, "max_depth": max_depth})
        brands = read_brands(brands_file)
        say_config(file, quiet)
        outcomes = run_batch(
            brands,
            config,
            crawl,
            batch_auditor(quiet),
            on_brand=brand_reporter(quiet),
            gate_config=gate_of(file),
        )
        if not quiet:
            typer.echo(f"Comparison: {config.output_dir / COMPARISON_HTML}")
        if not any(o.status == "ok" for o in outcomes):
            typer.echo("No brand could be audited.", err=True)
            raise typer.Exit(EXIT_NOTHING_AUDITED)
