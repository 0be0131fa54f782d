"""Writing the chosen report formats into the output directory, each file atomically."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from checker.model.results import RunResult
from checker.report.html import html_chunks
from checker.report.json import render_json
from checker.store.files import write_atomic

# Each renderer takes the run and the folder its pictures are in, and gives the file's text
# whole or in pieces (the HTML report, written as it renders).
RENDERERS: dict[str, tuple[str, Callable[[RunResult, Path], str | Iterable[str]]]] = {
    "json": ("report.json", render_json),
    "html": ("report.html", html_chunks),
}


def write_reports(run: RunResult, output_dir: Path, formats: tuple[str, ...]) -> list[Path]:
    """Every format that can be written is, even when another fails (that failure is then
    raised, after the others are on disk)."""
    written = []
    failure: Exception | None = None
    for fmt in sorted(formats, key=lambda f: f != "json"):  # the data first
        filename, render = RENDERERS[fmt]
        path = output_dir / filename
        try:
            write_atomic(path, render(run, output_dir))
        except Exception as exc:
            failure = failure or exc
            continue
        written.append(path)
    if failure is not None:
        raise failure
    return written
