"""`readiness audit`: pages (or their sites) audited on phone and tablet profiles."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from checker.cli.errors import errors_as_exit_codes
from checker.cli.finish import finish
from checker.cli.options import (
    AcceptConsentOption,
    BlockExternalOption,
    BrandOption,
    BrowserEndpointOption,
    BrowserOption,
    ConcurrencyOption,
    ConfigOption,
    CookieOption,
    CrawlOption,
    DevicesOption,
    ExcludeOption,
    FormatOption,
    HeaderOption,
    HistoryOption,
    IgnoreHttpsErrorsOption,
    IgnoreRobotsOption,
    IncludeOption,
    MaxDepthOption,
    MaxPagesOption,
    MaxTimeOption,
    NoHistoryOption,
    OnlyCategoriesOption,
    OutputOption,
    PdfScreenshotsOption,
    QuietOption,
    ResumeOption,
    RunsOption,
    SaveSnapshotsOption,
    ShardCountOption,
    ShardOption,
    SingleFileOption,
    SpeedDevicesOption,
    StorageStateOption,
    ThrottleMethodOption,
    ThrottleOption,
    TimeoutOption,
    UrlsFileOption,
)
from checker.cli.progress import (
    audit_with_progress,
    crawl_with_messages,
    resume_with_progress,
    shard_slicing,
)
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
from checker.config.merge import crawl_options, run_config
from checker.model.errors import UsageError
from checker.run.browsers import launch_browser_early
from checker.run.history import check_history
from checker.run.schedulers import choose_shard
from checker.run.targets import read_url_file


def audit(
    urls: Annotated[
        list[str] | None,
        typer.Argument(
            help="Pages to audit (http or https; else the config file's urls).",
            show_default=False,
        ),
    ] = None,
    urls_file: UrlsFileOption = None,
    config_file: ConfigOption = None,
    crawl: CrawlOption = False,
    max_pages: MaxPagesOption = None,
    max_depth: MaxDepthOption = None,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
    ignore_robots: IgnoreRobotsOption = None,
    device: DevicesOption = None,
    output: OutputOption = None,
    format: FormatOption = None,
    timeout: TimeoutOption = None,
    max_time: MaxTimeOption = None,
    concurrency: ConcurrencyOption = None,
    block_external: BlockExternalOption = None,
    throttle: ThrottleOption = None,
    throttle_method: ThrottleMethodOption = None,
    runs: RunsOption = None,
    speed_devices: SpeedDevicesOption = None,
    only_categories: OnlyCategoriesOption = None,
    header: HeaderOption = None,
    cookie: CookieOption = None,
    storage_state: StorageStateOption = None,
    ignore_https_errors: IgnoreHttpsErrorsOption = None,
    accept_consent: AcceptConsentOption = None,
    shard: ShardOption = None,
    shard_count: ShardCountOption = None,
    resume: ResumeOption = None,
    save_snapshots: SaveSnapshotsOption = None,
    browser: BrowserOption = None,
    browser_endpoint: BrowserEndpointOption = None,
    brand: BrandOption = None,
    single_file: SingleFileOption = None,
    pdf_screenshots: PdfScreenshotsOption = None,
    history: HistoryOption = None,
    no_history: NoHistoryOption = False,
    quiet: QuietOption = False,
) -> None:
    """Audit pages on phone and tablet profiles, keep the run, and write the reports."""
    from checker.run.driver import start_early

    start_early()  # the driver comes up while the config, history and targets are read
    with errors_as_exit_codes():
        chosen_shard = choose_shard(shard, shard_count, os.environ)
        file = read_config(config_file)
        config = run_config(
            file,
            {
                "devices": given(device),
                "output_dir": resume or output,
                "formats": formats_given(format),
                "timeout": timeout,
                "max_time": max_time,
                "concurrency": concurrency,
                "block_external": block_external,
                "browser": browser,
                "browser_endpoint": browser_endpoint,
                "save_snapshots": save_snapshots,
                "throttle": throttle,
                "throttle_method": throttle_method,
                "runs": runs,
                "speed_devices": speed_devices,
                "headers": given(header),
                "cookies": given(cookie),
                "storage_state": storage_state,
                "ignore_https_errors": ignore_https_errors,
                "accept_consent": accept_consent,
                "only_categories": categories_given(only_categories),
                "shard": chosen_shard.pair if chosen_shard else None,
                "pdf_screenshots": pdf_screenshots,
            },
        )
        config = with_brand(config, brand)
        config = with_single_file(config, single_file)
        # A shard is part of a run: `readiness merge` keeps the whole run. It reads the history
        # only for the timings its slice is weighed by.
        timings_from = with_history(config, history, no_history).history
        config = with_history(config, history, no_history or chosen_shard is not None)
        if resume is None:
            targets = [*(urls or ()), *(read_url_file(urls_file) if urls_file else ())]
            if not targets and file is not None:
                targets = file.urls
            if not targets:
                raise UsageError(
                    "Give a URL to audit, --urls FILE, or urls in readiness.toml (see --help)."
                )
            launch_browser_early(targets, config)  # it comes up while the history is opened
        check_history(config)
        if resume is not None:
            if urls or urls_file:
                raise UsageError("--resume takes its pages from the recorded run: give no URL.")
            if chosen_shard is not None:
                raise UsageError("--resume keeps the recorded run's slice: give no --shard.")
            say_config(file, quiet)
            run = resume_with_progress(config, quiet)
        else:
            skipped = None
            options = None
            if crawl:
                options = crawl_options(
                    file,
                    {
                        "max_pages": max_pages,
                        "max_depth": max_depth,
                        "include": given(include),
                        "exclude": given(exclude),
                        "ignore_robots": ignore_robots,
                    },
                )
            say_config(file, quiet)
            if options is not None:
                found = crawl_with_messages(targets, options, config, quiet)
                targets, skipped = found.pages, found.skipped
            slicing = None
            if chosen_shard is not None:
                slicing = shard_slicing(targets, config, chosen_shard, timings_from, quiet)
            run = audit_with_progress(targets, config, quiet, skipped=skipped, slicing=slicing)
        finish(run, config, quiet, gate_of(file))
