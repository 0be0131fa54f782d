"""The HTML report of a run of many pages as a folder: report.html is the run's front page
(scores, top fixes, site overview, history, a table of every page) and each page has a file
of its own, pages/<page>/index.html, its screenshots as JPEG files beside it. Everything is
linked by relative addresses and needs no script, so the folder can be zipped or served as
it is, and report.html grows by one table row per page however many pages there are."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from checker.model.brand import Brand
from checker.model.history import RunHistory
from checker.model.results import PageResult, RunResult
from checker.report.display import LABELS, Badge, badges, score_keys
from checker.report.html import front_page, made_ahead, page_view
from checker.report.templates import environment
from checker.store.files import write_atomic
from checker.store.pictures import load_images, page_folder

FRONT_PAGE = "report.html"
PAGE_FILE = "index.html"
# Up to this many pages, report.html holds them all, pictures inlined: one file to mail or
# archive, opened in a moment. Above it, each page gets a file of its own.
SINGLE_FILE_MAX_PAGES = 5
# One file is still written for more pages when asked; above this many it gets heavy
# (about a megabyte a page: 22 MB for 25 corpus pages, 6 s to open), and the user is told.
HEAVY_SINGLE_FILE_PAGES = 25


@dataclass(frozen=True)
class PageRow:
    """A page in the front page's table: its address, its scores, a link to its file."""

    number: int
    url: str
    href: str
    badges: list[Badge]
    error: bool


def single_file(page_count: int, asked: bool | None) -> bool:
    """Whether the report is one self-contained file: as asked (--single-file or
    --page-files), else for a handful of pages."""
    return asked if asked is not None else page_count <= SINGLE_FILE_MAX_PAGES


def single_file_warning(page_count: int, asked: bool | None) -> str | None:
    """What to tell a user who asked for one file for a large run."""
    if asked and page_count > HEAVY_SINGLE_FILE_PAGES:
        return (
            f"report.html holds all {page_count} pages with their screenshots in one file, "
            "which browsers open slowly; without --single-file each page gets a file of its own."
        )
    return None


def write_page_files(
    run: RunResult,
    output_dir: Path,
    history: RunHistory | None = None,
    brand: Brand | None = None,
) -> Path:
    """Write every page's file, then the front page that links them; return the front page.
    Pages are rendered in worker threads a few ahead, so the pictures of every core's page
    are drawn at once and only a few pages are in memory."""
    folders = _page_folders(run.pages)
    front = environment()
    front.globals["page_href"] = lambda number: f"{folders[number - 1]}/{PAGE_FILE}"
    context = front_page(run, history, brand)
    for _ in _pages_written(run, output_dir, folders, context):
        pass
    keys = score_keys(run.categories_run)
    rows = [
        PageRow(
            number=number,
            url=page.url,
            href=f"{folders[number - 1]}/{PAGE_FILE}",
            badges=badges(page.scores, page.incomplete, keys),
            error=page.status == "error",
        )
        for number, page in enumerate(run.pages, start=1)
    ]
    path = output_dir / FRONT_PAGE
    write_atomic(
        path,
        front.get_template("report.html.j2").generate(
            **context,
            toc=[],
            pages=[],
            page_rows=rows,
            score_labels=[LABELS[key] for key in keys],
        ),
    )
    return path


def _pages_written(
    run: RunResult, output_dir: Path, folders: list[str], context: dict[str, object]
) -> Iterator[Path]:
    env = environment()
    # From a page's file, pages/<page>/index.html, the other pages are two folders up.
    env.globals["page_href"] = lambda number: f"../../{folders[number - 1]}/{PAGE_FILE}"
    template = env.get_template("page.html.j2")
    keys = score_keys(run.categories_run)
    runs_asked = run.config.get("runs")
    count = len(run.pages)

    def write(number: int, page: PageResult) -> Path:
        folder = output_dir / folders[number - 1]

        def place(jpeg: bytes, name: str) -> str:
            write_atomic(folder / name, jpeg)
            return name

        view = page_view(number, load_images(page, output_dir), runs_asked, keys, place)
        path = folder / PAGE_FILE
        write_atomic(
            path,
            template.generate(
                page=view,
                number=number,
                page_count=count,
                url=page.url,
                front_href=f"../../{FRONT_PAGE}",
                previous_href=f"../../{folders[number - 2]}/{PAGE_FILE}" if number > 1 else None,
                next_href=f"../../{folders[number]}/{PAGE_FILE}" if number < count else None,
                **{key: context[key] for key in _PAGE_CONTEXT},
            ),
        )
        return path

    yield from made_ahead(write, run.pages)


# What a page's own file shows of the run beside the page.
_PAGE_CONTEXT = ("title", "brand", "started_at", "started_display", "tool_name", "tool_version")


def _page_folders(pages: list[PageResult]) -> list[str]:
    """Each page's folder, relative to the output folder: the one its pictures are kept in,
    with a number added when a run audited the same address twice."""
    seen: dict[str, int] = {}
    folders = []
    for page in pages:
        folder = page_folder(page.url)
        seen[folder] = seen.get(folder, 0) + 1
        folders.append(folder if seen[folder] == 1 else f"{folder}-{seen[folder]}")
    return folders
