"""One real audit run over the test pages, shared by the end-to-end tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from checker import Config, RunResult, audit_urls
from checker.model.results import PageResult


@dataclass(frozen=True)
class SharedRun:
    run: RunResult
    snapshots_dir: Path
    urls: dict[str, str]
    output_dir: Path  # where the run kept its pictures

    def page(self, name: str):
        (page,) = [p for p in self.run.pages if p.url == self.urls[name]]
        return page


@pytest.fixture(scope="session")
def shared_run(site: str, refused_url: str, tmp_path_factory) -> SharedRun:
    snapshots = tmp_path_factory.mktemp("snapshots")
    urls = {
        "mobile-ready": site + "mobile-ready.html",
        "no-viewport": site + "no-viewport.html",
        "external": site + "external.html",
        "refused": refused_url,
    }
    config = Config(
        block_external=True,
        save_snapshots=snapshots,
        timeout=20,
        speed_devices="none",
        output_dir=tmp_path_factory.mktemp("shared-run"),
    )
    return SharedRun(audit_urls(list(urls.values()), config), snapshots, urls, config.output_dir)


PAGES = Path(__file__).parents[1] / "fixtures" / "pages"
PHONES = ("iphone-se", "pixel-7")


def _run_folder(folder: Path, output_dir: Path) -> dict[str, PageResult]:
    """Every page of `folder` audited once on two phones, by file stem."""
    from checker.demo.server import serve_directory

    names = sorted(p.stem for p in folder.glob("*.html"))
    with serve_directory(folder) as base_url:
        config = Config(
            devices=PHONES,
            block_external=True,
            timeout=20,
            speed_devices="none",
            output_dir=output_dir,
        )
        run = audit_urls([f"{base_url}{name}.html" for name in names], config)
    return dict(zip(names, run.pages, strict=True))


@pytest.fixture(scope="session")
def layout_run(tmp_path_factory) -> dict[str, PageResult]:
    """tests/fixtures/pages/layout/ on two phones, by file stem:
    layout_run["tap-targets-fail"].devices[0].audits["tap-targets"]."""
    return _run_folder(PAGES / "layout", tmp_path_factory.mktemp("layout-run"))


@pytest.fixture(scope="session")
def accessibility_run(tmp_path_factory) -> dict[str, PageResult]:
    """tests/fixtures/pages/accessibility/ on two phones, by file stem:
    accessibility_run["reflow-fail"].devices[0].audits["reflow"]."""
    return _run_folder(PAGES / "accessibility", tmp_path_factory.mktemp("accessibility-run"))
