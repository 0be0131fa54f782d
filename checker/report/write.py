"""Writing the chosen report formats into the output directory, each file atomically."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from checker.files import write_atomic
from checker.report.html import render_html
from checker.report.json import render_json
from checker.results import RunResult

# Each renderer takes the run and the folder its pictures are in.
RENDERERS: dict[str, tuple[str, Callable[[RunResult, Path], str]]] = {
    "json": ("report.json", render_json),
    "html": ("report.html", render_html),
}


def write_reports(run: RunResult, output_dir: Path, formats: tuple[str, ...]) -> list[Path]:
    written = []
    for fmt in formats:
        filename, render = RENDERERS[fmt]
        path = output_dir / filename
        write_atomic(path, render(run, output_dir))
        written.append(path)
    return written
