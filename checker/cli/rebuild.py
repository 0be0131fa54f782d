"""`readiness rescore` and `readiness merge`: a run's reports made again from what it kept
(saved snapshots, or the shards' records), without a browser."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from checker.cli.errors import errors_as_exit_codes
from checker.cli.finish import finish
from checker.cli.options import (
    BrandOption,
    ConfigOption,
    FormatOption,
    HistoryOption,
    NoHistoryOption,
    OnlyCategoriesOption,
    OutputOption,
    PdfScreenshotsOption,
    QuietOption,
    SingleFileOption,
)
from checker.cli.settings import (
    categories_given,
    formats_given,
    gate_of,
    read_config,
    say_config,
    with_brand,
    with_history,
    with_single_file,
)
from checker.config.merge import run_config
from checker.config.parse import ConfigFile
from checker.config.settings import Config
from checker.run.history import check_history

# What the config file gives these commands: where the reports go, and which (and where SARIF
# results point); rescore also judges only the file's categories (a merge keeps those its
# shards ran).
REPORT_KEYS = ("output_dir", "formats", "brand", "single_file", "pdf_screenshots", "sarif")
RESCORE_KEYS = (*REPORT_KEYS, "only_categories")
MERGE_KEYS = (*REPORT_KEYS, "history")


def rescore(
    directory: Annotated[Path, typer.Argument(help="Directory given to --save-snapshots.")],
    config_file: ConfigOption = None,
    output: OutputOption = None,
    format: FormatOption = None,
    only_categories: OnlyCategoriesOption = None,
    brand: BrandOption = None,
    single_file: SingleFileOption = None,
    pdf_screenshots: PdfScreenshotsOption = None,
    quiet: QuietOption = False,
) -> None:
    """Re-run the audits and reports on saved snapshots, without a browser."""
    from checker.run.runner import rescore_snapshots

    with errors_as_exit_codes():
        flags = {
            "only_categories": categories_given(only_categories),
            "pdf_screenshots": pdf_screenshots,
        }
        file, config = _report_config(config_file, output, format, quiet, flags, keys=RESCORE_KEYS)
        config = with_brand(config, brand)
        config = with_single_file(config, single_file)
        finish(rescore_snapshots(directory, config), config, quiet, gate_of(file))


def merge(
    directories: Annotated[
        list[Path], typer.Argument(help="Output folders of `readiness audit --shard I/N` runs.")
    ],
    config_file: ConfigOption = None,
    output: OutputOption = None,
    format: FormatOption = None,
    brand: BrandOption = None,
    single_file: SingleFileOption = None,
    pdf_screenshots: PdfScreenshotsOption = None,
    history: HistoryOption = None,
    no_history: NoHistoryOption = False,
    quiet: QuietOption = False,
) -> None:
    """Merge the shards of a run into one report, and keep the whole run in the history."""
    from checker.run.merge import merge_runs

    with errors_as_exit_codes():
        flags = {"pdf_screenshots": pdf_screenshots}
        file, config = _report_config(config_file, output, format, quiet, flags, keys=MERGE_KEYS)
        config = with_brand(config, brand)
        config = with_single_file(config, single_file)
        config = with_history(config, history, no_history)
        check_history(config)
        run, missing = merge_runs(directories, config.output_dir)
        if missing:
            typer.echo(f"{missing} pages are in no shard's results: merge every shard.", err=True)
        finish(run, config, quiet, gate_of(file), command="merge")


def _report_config(
    config_file: Path | None,
    output: Path | None,
    format: str | None,
    quiet: bool,
    more_flags: dict[str, Any] | None = None,
    *,
    keys: tuple[str, ...] = REPORT_KEYS,
) -> tuple[ConfigFile | None, Config]:
    """The config file, if any, and the settings of a command that only writes reports: where
    they go and which, flags over the file."""
    file = read_config(config_file)
    flags = {"output_dir": output, "formats": formats_given(format), **(more_flags or {})}
    config = run_config(file, flags, keys=keys)
    say_config(file, quiet)
    return file, config
