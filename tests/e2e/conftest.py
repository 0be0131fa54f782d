"""One real audit run over the test pages, shared by the end-to-end tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from checker import Config, RunResult, audit_urls


@dataclass(frozen=True)
class SharedRun:
    run: RunResult
    snapshots_dir: Path
    urls: dict[str, str]

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
    config = Config(block_external=True, save_snapshots=snapshots, timeout=20)
    return SharedRun(audit_urls(list(urls.values()), config), snapshots, urls)
