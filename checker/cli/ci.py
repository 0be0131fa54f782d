"""`readiness ci` and `readiness init`: the CI gate on the command line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from checker.cli.errors import errors_as_exit_codes
from checker.cli.finish import warn_heavy_report
from checker.cli.options import (
    AssertOption,
    BaselineOption,
    BlockExternalOption,
    BrandOption,
    BrowserOption,
    ConfigOption,
    DevicesOption,
    FormatOption,
    HistoryOption,
    MaxDropOption,
    MinScoreOption,
    NoHistoryOption,
    OnlyCategoriesOption,
    OutputOption,
    PdfScreenshotsOption,
    PresetOption,
    QuietOption,
    SingleFileOption,
    SpeedDevicesOption,
    ThrottleOption,
    TimeoutOption,
)
from checker.cli.progress import audit_with_progress
from checker.cli.settings import (
    categories_given,
    formats_given,
    given,
    read_config,
    say_config,
    with_brand,
    with_history,
    with_single_file,
)
from checker.cli.terminal import print_table
from checker.config.find import CONFIG_NAME
from checker.config.merge import merge, run_config
from checker.model.errors import UsageError
from checker.report.pr_summary import site_lines
from checker.report.write import FORMATS, OUTPUTS
from checker.run.history import check_history

if TYPE_CHECKING:
    from checker.run.ci import GateRun


def ci(
    urls: Annotated[
        list[str] | None, typer.Argument(help="Pages to audit (else the config's urls).")
    ] = None,
    config_file: ConfigOption = None,
    preset: PresetOption = None,
    min_score: MinScoreOption = None,
    assert_: AssertOption = None,
    device: DevicesOption = None,
    baseline: BaselineOption = None,
    max_drop: MaxDropOption = 5,
    output: OutputOption = None,
    format: FormatOption = None,
    timeout: TimeoutOption = None,
    block_external: BlockExternalOption = None,
    throttle: ThrottleOption = None,
    speed_devices: SpeedDevicesOption = None,
    only_categories: OnlyCategoriesOption = None,
    browser: BrowserOption = None,
    brand: BrandOption = None,
    single_file: SingleFileOption = None,
    pdf_screenshots: PdfScreenshotsOption = None,
    history: HistoryOption = None,
    no_history: NoHistoryOption = False,
    quiet: QuietOption = False,
) -> None:
    """Audit, check the assertions, and fail the build when an error-level one fails
    (exit 1; 2 usage or config error; 3 no page could be audited)."""
    from checker.run.browsers import launch_browser_early
    from checker.run.ci import run_gate
    from checker.run.driver import start_early

    start_early()  # the driver comes up while the config, history and targets are read
    with errors_as_exit_codes():
        file = read_config(config_file)
        gate_config = merge(
            file.gate if file else None,
            preset=preset,
            urls=list(urls or []),
            min_scores=list(min_score or []),
            asserts=list(assert_ or []),
            devices=list(device or []),
        )
        if not gate_config.urls:
            raise UsageError(
                "No URLs to audit: give them on the command line or as `urls` in the config file."
            )
        config = run_config(
            file,
            {
                "devices": given(device),
                "output_dir": output,
                "formats": formats_given(format),
                "timeout": timeout,
                "block_external": block_external,
                "browser": browser,
                "throttle": throttle,
                "speed_devices": speed_devices,
                "only_categories": categories_given(only_categories),
                "pdf_screenshots": pdf_screenshots,
            },
            # The gate's outputs: every format but the PDF, which a build has no paper for.
            defaults={"formats": tuple(f for f in FORMATS if not OUTPUTS[f].printed)},
        )
        config = with_brand(config, brand)
        config = with_single_file(config, single_file)
        config = with_history(config, history, no_history)
        launch_browser_early(gate_config.urls, config)  # it comes up while the history is opened
        check_history(config)
        say_config(file, quiet)
        result = run_gate(
            gate_config,
            config,
            baseline=baseline,
            max_drop=max_drop,
            audit=lambda targets, cfg: audit_with_progress(targets, cfg, quiet),
        )
    for line in result.annotations:
        typer.echo(line)
    if result.history_problem:
        typer.echo(f"Warning: {result.history_problem}", err=True)
    warn_heavy_report(result.run, config)
    _print_gate(result, quiet)
    raise typer.Exit(result.exit_code)


def init(
    path: Annotated[Path, typer.Argument(help="Where to write it.")] = Path(CONFIG_NAME),
) -> None:
    """Write a commented starter readiness.toml."""
    from checker.config.starter import write_starter

    with errors_as_exit_codes():
        write_starter(path)
    typer.echo(f"Wrote {path}: edit its urls, then run `readiness ci`.")


def _print_gate(result: GateRun, quiet: bool) -> None:
    gate = result.gate
    failed, warnings = gate.failed, gate.warnings
    if failed or (warnings and not quiet):
        rows = [("page", "device", "assertion", "level", "expected", "actual", "top finding")]
        for outcome in [*failed, *warnings]:
            rows.append((
                outcome.page, outcome.device or "-", outcome.assertion, outcome.level,
                outcome.expected, outcome.actual, _short(outcome.message),
            ))  # fmt: skip
        print_table(rows)
    for note in result.baseline_notes if not quiet else []:
        typer.echo(f"Baseline: {note}")
    if result.baseline_rows and not quiet:
        rows = [("page", "category", "before", "after", "change")]
        for row in result.baseline_rows:
            rows.append((
                row.page, row.category, _num(row.before), _num(row.after), _delta(row.delta)
            ))  # fmt: skip
        print_table(rows)
    for path in result.written if not quiet else []:
        typer.echo(f"Report: {path}")
    # One line per site, for a pull-request comment (printed with --quiet too, as the verdict).
    sarif = next((p for p in result.written if p.name == OUTPUTS["sarif"].filename), None)
    for line in site_lines(result.run, gate, str(sarif) if sarif else None):
        typer.echo(line)
    checked = len(gate.outcomes) + len(gate.regressions)
    verdict = "FAILED" if failed else "passed"
    typer.echo(
        f"readiness gate {verdict}: {len(failed)} failed, {len(warnings)} warnings, "
        f"{checked} assertions checked."
    )


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _num(value: object) -> str:
    return "n/a" if value is None else str(value)


def _delta(value: object) -> str:
    if isinstance(value, int | float):
        return f"{value:+}"
    return _num(value)
