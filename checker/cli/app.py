"""The `readiness` command: the one place that builds the Typer app and registers the
commands, plain functions of their own modules (none of which imports this one)."""

from __future__ import annotations

import gc
import sys
from typing import Annotated

import typer

from checker._version import __version__
from checker.cli import audit, audits, batch, ci, demo, history, info, rebuild
from checker.cli.errors import EXIT_INTERRUPTED, EXIT_USAGE, ClickError

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


# In the order `readiness --help` lists them.
app.command("audit")(audit.audit)
app.command("demo")(demo.demo)
app.command("rescore")(rebuild.rescore)
app.command("batch")(batch.batch)
app.command("merge")(rebuild.merge)
app.add_typer(history.app, name="history")
app.command("devices")(info.devices)
app.command("browser")(info.browser)
app.command("ci")(ci.ci)
app.command("init")(ci.init)
app.command("audits")(audits.list_audits)


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
        code = EXIT_INTERRUPTED
    # The interpreter's last collections walk every object a run left (0.3-0.4 s after a
    # one-URL audit) only to free memory the exit frees anyway; frozen objects are skipped.
    # Files and the history are closed by then, and atexit handlers still run.
    gc.freeze()
    sys.exit(code if isinstance(code, int) else 0)
