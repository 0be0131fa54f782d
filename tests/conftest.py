"""Shared fixtures: saved snapshots for unit tests; one local server, one run for e2e tests."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from checker.model.snapshot import PageSnapshot
from checker.store.snapshots import load_pages

if TYPE_CHECKING:
    from tests.support.postgres import PostgresServer

FIXTURES = Path(__file__).parent / "fixtures"
SNAPSHOTS = FIXTURES / "snapshots"
PAGES = FIXTURES / "pages"


@pytest.fixture(scope="session", autouse=True)
def history_outside_the_repository(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every run a test makes is kept in a history of the session's own, never in
    .readiness/ of the working directory; tests of the history open their own."""
    path = tmp_path_factory.mktemp("history") / "history.db"
    before = os.environ.get("READINESS_HISTORY")
    os.environ["READINESS_HISTORY"] = str(path)
    yield path
    if before is None:
        os.environ.pop("READINESS_HISTORY", None)
    else:
        os.environ["READINESS_HISTORY"] = before


@pytest.fixture(scope="session")
def saved_snapshot() -> Callable[[str, str], PageSnapshot]:
    """saved_snapshot("cnn", "iphone-se"): a snapshot saved by tests/fixtures/make_snapshots.py."""
    pages = {_page_name(url): captures for url, captures in load_pages(SNAPSHOTS)}

    def load(page: str, device: str = "iphone-se") -> PageSnapshot:
        (capture,) = [c for c in pages[page] if c.device.name == device]
        assert capture.snapshot is not None
        return capture.snapshot

    return load


def _page_name(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html")


@pytest.fixture(scope="session")
def site() -> Iterator[str]:
    """The test pages, served on 127.0.0.1; yields the base URL."""
    from checker.demo.server import serve_directory

    with serve_directory(PAGES) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def refused_url() -> str:
    """A URL on 127.0.0.1 whose port refuses connections."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for the session, stopped and deleted at its end.

    `.url` is its first database; `.new_database(name)` gives a test an empty one of its own.
    """
    # Here, not at the top, so that sessions without database tests never load psycopg.
    from tests.support.postgres import PostgresServer

    with PostgresServer() as server:
        yield server
