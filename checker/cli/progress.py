"""Runs with a progress bar on stderr, and the crawl's line on what it found."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import typer

from checker.config.settings import Config
from checker.crawl import CrawlOptions
from checker.model.results import RunResult
from checker.run.schedulers import Shard
from checker.run.sites import SitePages
from checker.run.slices import Slicing


def audit_with_progress(urls: list[str], config: Config, quiet: bool, **options: Any) -> RunResult:
    from checker.model.urls import check_url
    from checker.run.runner import audit_urls
    from checker.run.slices import slice_run

    urls = [check_url(u) for u in urls]
    if config.shard is not None and options.get("slicing") is None:
        options["slicing"] = slice_run(urls, config)
    if quiet:
        return audit_urls(urls, config, **options)
    slicing = options.get("slicing")
    pages = len(slicing.indices(config.shard[0])) if config.shard else len(urls)
    with LazyProgress(pages * len(config.devices)) as progress:
        return audit_urls(urls, config, on_progress=progress.advance, **options)


def shard_slicing(
    targets: list[str], config: Config, shard: Shard, timings_from: str | None, quiet: bool
) -> Slicing:
    """The run's slices, weighed by the history's timings where it has them, with a line on
    this shard's slice."""
    from checker.model.urls import check_url
    from checker.run.history import timed_runs
    from checker.run.slices import SETTINGS_BASIS, slice_run

    targets = [check_url(u) for u in targets]
    slicing = slice_run(targets, config, timed_runs(timings_from, targets))
    if not quiet:
        source = f" ({shard.source})" if shard.source != "--shard" else ""
        pages = len(slicing.slices[shard.number - 1])
        # Without timings the settings' seconds are a weight, not a forecast: a page takes
        # what its site makes it take.
        weight = (
            "every page alike, by the settings"
            if slicing.basis == SETTINGS_BASIS
            else f"about {slicing.expected(shard.number):.0f} s of audits by {slicing.basis}"
        )
        typer.echo(
            f"Shard {shard.number}/{shard.count}{source}: {pages} of {len(targets)} pages, "
            f"{weight}.",
            err=True,
        )
    return slicing


def resume_with_progress(config: Config, quiet: bool) -> RunResult:
    from checker.run.runner import remaining_pages, resume_run

    if quiet:
        return resume_run(config)
    remaining = remaining_pages(config.output_dir)
    with LazyProgress(remaining * len(config.devices)) as progress:
        return resume_run(config, on_progress=progress.advance)


def batch_auditor(quiet: bool) -> Callable[[list[str], Config, list[dict[str, str]]], RunResult]:
    def audit(urls: list[str], config: Config, skipped: list[dict[str, str]]) -> RunResult:
        return audit_with_progress(urls, config, quiet, skipped=skipped)

    return audit


def crawl_with_messages(
    start_urls: list[str], options: CrawlOptions, config: Config, quiet: bool
) -> SitePages:
    """The sites' pages, with a line on what the crawl found and left out."""
    from checker.model.urls import check_url
    from checker.run.sites import crawl_sites

    found = crawl_sites([check_url(u) for u in start_urls], options, config)
    if not quiet:
        left_out = f"; {len(found.skipped)} left out (see run.json)" if found.skipped else ""
        typer.echo(f"Crawl: {len(found.pages)} pages to audit{left_out}.", err=True)
        for note in found.notes:
            typer.echo(f"Crawl: {note}", err=True)
    return found


class LazyProgress:
    """A progress bar on stderr that appears with the first finished page, so an error
    before any work (no browser, say) stays a single line."""

    def __init__(self, total: int) -> None:
        self._total = total
        self._bar: Any = None

    def advance(self, url: str, device: str) -> None:
        if self._bar is None:
            self._bar = typer.progressbar(length=self._total, label="Auditing", file=sys.stderr)
            self._bar.__enter__()
        self._bar.update(1)

    def __enter__(self) -> LazyProgress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc_info)
