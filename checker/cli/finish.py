"""How every command that produces a run ends: its outputs written, its summary printed."""

from __future__ import annotations

import typer

from checker.cli.errors import EXIT_NOTHING_AUDITED
from checker.cli.terminal import print_summary
from checker.config.settings import Config
from checker.model.gate import GateConfig
from checker.model.results import RunResult


def finish(
    run: RunResult,
    config: Config,
    quiet: bool,
    gate_config: GateConfig | None = None,
    command: str = "audit",
) -> None:
    """Keep the run in the history, write its outputs (Markdown and JUnit judged by
    `gate_config`, the configured gate), print its summary and the files, and exit 3 when no
    page could be audited (but for a shard whose slice holds none)."""
    from checker.run.ci import write_outputs

    outputs = write_outputs(run, config, gate_config, command=command)
    if outputs.history_problem:
        typer.echo(f"Warning: {outputs.history_problem}", err=True)
    warn_heavy_report(run, config)
    if not quiet:
        print_summary(run)
        for path in outputs.paths:
            typer.echo(f"Report: {path}")
    if not run.pages and config.shard is not None:
        # More slices than pages: this one has none, which is no failure (a scheduler would
        # retry it), and the merge joins the others whole.
        typer.echo("This slice holds no page: nothing to audit.", err=True)
        return
    if not run.audited_any:
        typer.echo("No page could be audited.", err=True)
        raise typer.Exit(EXIT_NOTHING_AUDITED)


def warn_heavy_report(run: RunResult, config: Config) -> None:
    """Say so when --single-file puts a large run's pictures in one heavy file."""
    if "html" not in config.formats:
        return
    from checker.report.page_files import single_file_warning

    warning = single_file_warning(len(run.pages), config.single_file)
    if warning:
        typer.echo(f"Warning: {warning}", err=True)
