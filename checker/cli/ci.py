"""`readiness ci` and `readiness init`: the CI gate on the command line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from checker.cli.app import BrowserOption, OutputOption, QuietOption, app
from checker.cli.support import audit_with_progress, errors_as_exit_codes, print_table
from checker.config.settings import Config
from checker.model.errors import UsageError
from checker.report.write import FORMATS, parse_formats

ALL_FORMATS = ",".join(FORMATS)  # the gate's outputs: every format

if TYPE_CHECKING:
    from checker.run.ci import GateRun

CONFIG_NAME = "readiness.toml"


@app.command()
def ci(
    urls: Annotated[
        list[str] | None, typer.Argument(help="Pages to audit (else the config's urls).")
    ] = None,
    config_file: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Config file (else readiness.toml or [tool.readiness] "
            "in pyproject.toml, found from here upwards).",
        ),
    ] = None,
    preset: Annotated[
        str | None,
        typer.Option(help="mobile-friendly (default), social, strict or none."),
    ] = None,
    min_score: Annotated[
        list[str] | None,
        typer.Option(
            "--min-score", help="CATEGORY=N, repeatable (layout, speed, social, overall)."
        ),
    ] = None,
    assert_: Annotated[
        list[str] | None,
        typer.Option("--assert", help="AUDIT=error|warn|off, repeatable."),
    ] = None,
    device: Annotated[list[str] | None, typer.Option("--device", "-d")] = None,
    baseline: Annotated[
        Path | None, typer.Option(help="A previous run's report.json to compare with.")
    ] = None,
    max_drop: Annotated[
        int, typer.Option(help="With --baseline: the most a category may drop, in points.")
    ] = 5,
    output: OutputOption = Path("readiness-report"),
    format: Annotated[
        str, typer.Option("--format", "-f", help=f"Comma-separated: {','.join(FORMATS)}.")
    ] = ALL_FORMATS,
    timeout: Annotated[float, typer.Option(help="Seconds a page may take to load.")] = 30.0,
    block_external: Annotated[
        bool, typer.Option("--block-external", help="Block requests to other hosts.")
    ] = False,
    throttle: Annotated[
        str | None, typer.Option(help="slow-4g (default), fast-4g, 3g or none.")
    ] = None,
    speed_devices: Annotated[
        str, typer.Option("--speed-devices", help="first, all or none.")
    ] = "first",
    browser: BrowserOption = None,
    quiet: QuietOption = False,
) -> None:
    """Audit, check the assertions, and fail the build when an error-level one fails
    (exit 1; 2 usage or config error; 3 no page could be audited)."""
    from checker.config.find import config_path
    from checker.config.merge import merge
    from checker.config.parse import load_config
    from checker.run.ci import run_gate

    with errors_as_exit_codes():
        path = config_path(config_file, Path.cwd())
        gate_config = merge(
            load_config(path) if path else None,
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
        config = Config(
            devices=tuple(gate_config.devices) or Config().devices,
            output_dir=output,
            formats=parse_formats(format),
            timeout=timeout,
            block_external=block_external,
            browser=browser,
            throttle=throttle or gate_config.throttle or "slow-4g",
            runs=gate_config.runs,
            speed_devices=speed_devices,
        )
        result = run_gate(
            gate_config,
            config,
            baseline=baseline,
            max_drop=max_drop,
            audit=lambda targets, cfg: audit_with_progress(targets, cfg, quiet),
        )
    for line in result.annotations:
        typer.echo(line)
    _print_gate(result, quiet)
    raise typer.Exit(result.exit_code)


@app.command()
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
    if result.baseline_rows and not quiet:
        rows = [("page", "category", "before", "after", "change")]
        for row in result.baseline_rows:
            rows.append((
                row.page, row.category, _num(row.before), _num(row.after), _delta(row.delta)
            ))  # fmt: skip
        print_table(rows)
    for path in result.written if not quiet else []:
        typer.echo(f"Report: {path}")
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
