"""Every output of a run, through one dispatcher: the format names, their files and their
renderers are declared here once, and every command that produces a run writes through
`write_reports`, each file atomically."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.model.brand import Brand
from checker.model.errors import UsageError
from checker.model.gate import GateResult
from checker.model.history import RunHistory
from checker.model.results import RunResult
from checker.report.sarif_locations import SarifSettings
from checker.store.files import write_atomic


@dataclass(frozen=True)
class Rendering:
    """What a renderer is given: the run, the folder its pictures are in, and for the views of
    a verdict (Markdown, JUnit) the gate's result and the baseline comparison."""

    run: RunResult
    files_dir: Path
    gate: GateResult | None = None
    baseline_rows: Sequence[Any] = ()
    # The run's history: trends and what changed since the last run; None without one.
    history: RunHistory | None = None
    brand: Brand | None = None  # the agency's, on a report it hands on
    # The HTML report as one file (True), a front page and a file per page (False), or
    # whichever suits the run's size (None).
    single_file: bool | None = None
    # Every page's screenshots in the PDF, however many pages the run has (--pdf-screenshots).
    pdf_screenshots: bool = False
    # Where SARIF results point (the `[sarif]` table), and the formats written alongside (the
    # Markdown summary mentions report.sarif when it is one of them).
    sarif: SarifSettings | None = None
    formats: tuple[str, ...] = ()
    # The code-scanning alerts of this run on GitHub, when it runs in a workflow.
    code_scanning_url: str | None = None


# Past this many pages the PDF gives each page's scores and its top findings, not its
# screenshots and every finding (unless --pdf-screenshots): on three devices a page's
# screenshots and findings fill about 12 A4 sheets (the demo's 4 pages: 49), a real page's
# often 30 (25 corpus pages: 779 sheets, 33 MB), while their summary takes 2 or 3 (65 for the
# 25). Ten pages in full are already a thick document; every detail stays in report.html.
PDF_FULL_PAGES = 10


@dataclass(frozen=True)
class PrintDocument:
    """A report to be printed: a self-contained HTML document (every picture inlined, nothing
    to fetch), and the header and footer of every sheet, as Chromium's templates (HTML in
    which it fills the elements of class pageNumber and totalPages)."""

    html: str
    header: str
    footer: str


# What turns a PrintDocument into a PDF's bytes: the run stage's browser (checker.run.printing),
# given to write_reports, as reports are views and never drive a browser.
Printer = Callable[[PrintDocument], bytes]


@dataclass(frozen=True)
class Output:
    filename: str
    # The file's text, whole or in pieces (the HTML report is written as it renders); for a
    # printed output, the document the printer makes the file of.
    render: Callable[[Rendering], str | Iterable[str] | PrintDocument]
    # For an output of several files: writes them all, given the main file's path.
    write: Callable[[Rendering, Path], None] | None = None
    verdict: bool = False  # a view of the gate's verdict: it needs a GateResult
    printed: bool = False  # rendered as a PrintDocument, made into the file by the printer


# Renderers are imported when used: Config validates format names against this table, and
# reading a config must not load Jinja2 and Pillow.
def _json(r: Rendering) -> str:
    from checker.report.json import render_json

    return render_json(r.run, r.files_dir)


def _html(r: Rendering) -> Iterable[str]:
    from checker.report.html import html_chunks

    return html_chunks(r.run, r.files_dir, r.history, r.brand)


def _html_files(r: Rendering, path: Path) -> None:
    from checker.report.page_files import single_file, write_page_files

    if single_file(len(r.run.pages), r.single_file):
        write_atomic(path, _html(r))
    else:
        write_page_files(r.run, path.parent, r.history, r.brand)


def _junit(r: Rendering) -> str:
    from checker.report.junit import render_junit

    assert r.gate is not None
    return render_junit(r.run, r.gate)


def _markdown(r: Rendering) -> str:
    from checker.report.markdown import render_markdown

    assert r.gate is not None
    return render_markdown(
        r.run,
        r.gate,
        r.baseline_rows or None,
        history=r.history,
        sarif=sarif_mention(r.formats, r.code_scanning_url),
    )


def _csv(r: Rendering) -> str:
    from checker.report.findings_csv import render_findings_csv

    return render_findings_csv(r.run)


def _pdf(r: Rendering) -> PrintDocument:
    from checker.report.print_view import print_document

    return print_document(
        r.run, r.files_dir, r.brand, all_screenshots=r.pdf_screenshots, history=r.history
    )


def _sarif(r: Rendering) -> str:
    from checker.report.sarif import render_sarif

    return render_sarif(r.run, r.sarif)


# In the order they are written: the data first.
OUTPUTS: dict[str, Output] = {
    "json": Output("report.json", _json),
    "html": Output("report.html", _html, write=_html_files),
    "junit": Output("junit.xml", _junit, verdict=True),
    "md": Output("summary.md", _markdown, verdict=True),
    "csv": Output("findings.csv", _csv),
    "sarif": Output("report.sarif", _sarif),
    # Last: printing takes a browser and the longest, and the other files are on disk first.
    "pdf": Output("report.pdf", _pdf, printed=True),
}
FORMATS = tuple(OUTPUTS)
# Other names a format is known by (`readiness ci --format markdown` before md).
ALIASES = {"markdown": "md"}


def parse_formats(names: str | Iterable[str]) -> tuple[str, ...]:
    """Format names, from "html, JSON" or a list, as FORMATS spells them, each once; a
    UsageError naming the first unknown one."""
    if isinstance(names, str):
        names = names.split(",")
    formats: list[str] = []
    for name in names:
        key = str(name).strip().lower()
        if not key:
            continue
        key = ALIASES.get(key, key)
        if key not in OUTPUTS:
            raise UsageError(f"Unknown format {str(name).strip()!r}: choose from {choices()}.")
        if key not in formats:
            formats.append(key)
    if not formats:
        raise UsageError(f"Give at least one format: {choices()}.")
    return tuple(formats)


def sarif_mention(formats: Iterable[str], url: str | None = None) -> tuple[str, str | None] | None:
    """What the Markdown summary says of the SARIF results: their file, and the link to their
    alerts on GitHub when known; None when report.sarif is not written."""
    return (OUTPUTS["sarif"].filename, url) if "sarif" in formats else None


def choices() -> str:
    return ", ".join(FORMATS)


def needs_verdict(formats: Iterable[str]) -> bool:
    """Whether any of these formats is a view of the gate's verdict."""
    return any(OUTPUTS[f].verdict for f in formats)


def write_reports(
    run: RunResult,
    output_dir: Path,
    formats: Iterable[str],
    gate: GateResult | None = None,
    *,
    baseline_rows: Sequence[Any] = (),
    history: RunHistory | None = None,
    brand: Brand | None = None,
    single_file: bool | None = None,
    printer: Printer | None = None,
    pdf_screenshots: bool = False,
    sarif: SarifSettings | None = None,
    code_scanning_url: str | None = None,
) -> list[Path]:
    """Write each of `formats` into `output_dir`, in OUTPUTS order, and return the paths.
    Markdown and JUnit need the gate's result; the PDF needs a `printer`. Every format that can
    be written is, even when another fails (that failure is then raised, after the others are
    on disk)."""
    chosen = parse_formats(list(formats))
    if gate is None and needs_verdict(chosen):
        raise ValueError("Markdown and JUnit are views of a verdict: give the gate's result.")
    if printer is None and any(OUTPUTS[f].printed for f in chosen):
        raise ValueError("The PDF is printed by a browser: give a printer (checker.run.printing).")
    rendering = Rendering(
        run, Path(output_dir), gate, baseline_rows, history, brand, single_file, pdf_screenshots,
        sarif, chosen, code_scanning_url,
    )  # fmt: skip
    written = []
    failure: Exception | None = None
    for fmt in (f for f in FORMATS if f in chosen):
        output = OUTPUTS[fmt]
        path = Path(output_dir) / output.filename
        try:
            if output.write is not None:
                output.write(rendering, path)
            else:
                rendered = output.render(rendering)
                if isinstance(rendered, PrintDocument):
                    assert printer is not None
                    rendered = printer(rendered)
                write_atomic(path, rendered)
        except Exception as exc:
            failure = failure or exc
            continue
        written.append(path)
    if failure is not None:
        raise failure
    return written
