"""Exit codes, and errors as one line on stderr: no traceback ever reaches the user."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer

from checker.model.errors import ReadinessError

# Click's usage errors (a letter where a number goes...). Found through a public class: recent
# Typers bundle their own Click, older ones use the click package.
ClickError: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)

EXIT_USAGE = 2
EXIT_NOTHING_AUDITED = 3
EXIT_INTERNAL = 70  # EX_SOFTWARE in BSD's sysexits: a failure of readiness itself
EXIT_INTERRUPTED = 130


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
        raise typer.Exit(EXIT_INTERRUPTED) from None
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
