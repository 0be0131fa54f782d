"""Many brands in one command: a CSV of brands (name, url, optional max_pages), each brand's
site crawled and audited into a folder of its own, then a comparison page and CSV ranking
them. A brand whose site is down is marked failed; the others go on."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from checker.config.settings import Config
from checker.crawl import CrawlOptions
from checker.judge.assemble import now_iso
from checker.model.errors import ReadinessError, UsageError
from checker.model.gate import GateConfig
from checker.model.results import RunResult
from checker.model.urls import check_url
from checker.report.comparison import BrandOutcome, comparison_csv, render_comparison
from checker.run.ci import write_outputs
from checker.run.sites import crawl_sites
from checker.store.files import read_user_text, write_atomic

COMPARISON_HTML = "comparison.html"
COMPARISON_CSV = "comparison.csv"
# A brands file is written by hand or exported from a spreadsheet: a few thousand rows at most.
MAX_BRANDS = 5000
_UNSAFE = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Brand:
    name: str
    url: str
    max_pages: int | None = None


Auditor = Callable[[list[str], Config, list[dict[str, str]]], RunResult]


def read_brands(path: Path) -> list[Brand]:
    """The brands of a CSV file with a header row: name,url and optionally max_pages."""
    text = read_user_text(path, "brands file")
    reader = csv.DictReader(io.StringIO(text))
    columns = {(c or "").strip().lower() for c in reader.fieldnames or ()}
    if not {"name", "url"} <= columns:
        raise UsageError(f"The brands file {path} needs a header row with name,url columns.")
    brands = []
    for number, row in enumerate(reader, start=2):
        cells = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k}
        if not any(cells.values()):
            continue
        brands.append(_brand(cells, f"{path}, line {number}"))
        if len(brands) > MAX_BRANDS:
            raise UsageError(f"The brands file {path} lists more than {MAX_BRANDS} brands.")
    if not brands:
        raise UsageError(f"The brands file {path} lists no brand.")
    return brands


def _brand(cells: dict[str, str], where: str) -> Brand:
    if not cells.get("name"):
        raise UsageError(f"{where}: the brand has no name.")
    try:
        url = check_url(cells.get("url", ""))
    except UsageError as exc:
        raise UsageError(f"{where}: {exc}") from None
    max_pages = None
    if cells.get("max_pages"):
        try:
            max_pages = int(cells["max_pages"])
        except ValueError:
            max_pages = 0
        if max_pages < 1:
            raise UsageError(f"{where}: max_pages must be a whole number of 1 or more.")
    return Brand(cells["name"], url, max_pages)


def run_batch(
    brands: list[Brand],
    config: Config,
    crawl: CrawlOptions,
    audit: Auditor,
    *,
    on_brand: Callable[[Brand, BrandOutcome], None] | None = None,
    gate_config: GateConfig | None = None,
) -> list[BrandOutcome]:
    """Audit each brand's site into config.output_dir/<brand>/ with `audit` (audit_urls, or a
    wrapper with progress), each with its reports in config.formats (Markdown and JUnit judged
    by `gate_config`, else the default preset), then write the comparison page and CSV."""
    started = now_iso()
    folders = _folder_names([b.name for b in brands])
    outcomes = []
    for brand, folder in zip(brands, folders, strict=True):
        outcome = _audit_brand(brand, folder, config, crawl, audit, gate_config)
        outcomes.append(outcome)
        if on_brand is not None:
            on_brand(brand, outcome)
    write_atomic(
        config.output_dir / COMPARISON_HTML,
        render_comparison(outcomes, started, csv_href=COMPARISON_CSV),
    )
    # With a byte-order mark: Excel on Windows reads CSV without one as ANSI and garbles
    # non-ASCII brand names.
    write_atomic(config.output_dir / COMPARISON_CSV, "\ufeff" + comparison_csv(outcomes))
    return outcomes


def _audit_brand(
    brand: Brand,
    folder: str,
    config: Config,
    crawl: CrawlOptions,
    audit: Auditor,
    gate_config: GateConfig | None,
) -> BrandOutcome:
    brand_config = dataclasses.replace(config, output_dir=config.output_dir / folder)
    options = (
        crawl if brand.max_pages is None else dataclasses.replace(crawl, max_pages=brand.max_pages)
    )
    try:
        found = crawl_sites([brand.url], options, brand_config)
        run = audit(found.pages, brand_config, found.skipped)
        outputs = write_outputs(run, brand_config, gate_config, command="batch")
    except ReadinessError as exc:
        return _failed(brand, str(exc))
    except Exception as exc:  # one brand's trouble never costs the others their results
        return _failed(brand, f"readiness failed on this brand: {type(exc).__name__}: {exc}")
    report = f"{folder}/report.html" if "html" in brand_config.formats else None
    scores = (run.summary or {}).get("scores") or {}
    errors = sum(p.status != "ok" for p in run.pages)
    if not run.audited_any:
        first = next((p.error for p in run.pages if p.error is not None), None)
        message = first.message if first else "No page of the site could be audited."
        return BrandOutcome(
            brand.name, brand.url, "failed", {}, len(run.pages), errors, report, message
        )
    return BrandOutcome(
        brand.name, brand.url, "ok", dict(scores), len(run.pages), errors, report,
        outputs.history_problem,
    )  # fmt: skip


def _failed(brand: Brand, message: str) -> BrandOutcome:
    return BrandOutcome(brand.name, brand.url, "failed", {}, 0, 0, None, message)


def _folder_names(names: list[str]) -> list[str]:
    """A folder per brand, readable and unique ("Acme" and "ACME!" are acme and acme-2)."""
    taken: set[str] = set()
    folders = []
    for name in names:
        base = _UNSAFE.sub("-", name.lower()).strip("-")[:60] or "brand"
        folder, number = base, 1
        while folder in taken:
            number += 1
            folder = f"{base}-{number}"
        taken.add(folder)
        folders.append(folder)
    return folders
