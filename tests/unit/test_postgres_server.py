"""The throwaway PostgreSQL server that the run-history tests stand on (tests/support).

If it were wrong, every database test would be wrong with it, so it is tested on its own:
real SQL through SQLAlchemy, a separate empty database on demand, committed rows visible
across connections, and nothing left running or on disk afterwards.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.support.postgres import PostgresServer, find_binaries

ROWS = sa.MetaData()
PAGES = sa.Table(
    "support_pages",
    ROWS,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("url", sa.Text, nullable=False),
)


@pytest.fixture
def engine_for() -> Iterator[Callable[[str], sa.Engine]]:
    """engine_for(url): an engine disposed after the test, so no connection outlives it."""
    engines: list[sa.Engine] = []

    def make(url: str) -> sa.Engine:
        engines.append(sa.create_engine(url))
        return engines[-1]

    yield make
    for engine in engines:
        engine.dispose()


def test_an_engine_on_its_url_creates_writes_and_reads(postgres_server, engine_for):
    engine = engine_for(postgres_server.url)
    assert engine.dialect.name == "postgresql"
    ROWS.create_all(engine)
    try:
        with engine.begin() as connection:
            connection.execute(sa.insert(PAGES), [{"url": "https://a.test/"}, {"url": "b"}])
        with engine.connect() as connection:
            urls = connection.scalars(sa.select(PAGES.c.url).order_by(PAGES.c.id)).all()
            server_version = connection.scalar(sa.text("SHOW server_version"))
        assert urls == ["https://a.test/", "b"]
        assert server_version
    finally:
        # The session's database is shared: leave it as it was found.
        ROWS.drop_all(engine)


def test_new_database_is_empty_and_separate(postgres_server, engine_for):
    url = postgres_server.new_database("support_empty")
    assert url.endswith("/support_empty") and url != postgres_server.url
    engine = engine_for(url)
    assert sa.inspect(engine).get_table_names() == []

    ROWS.create_all(engine)
    with engine.connect() as connection:
        assert connection.scalar(sa.text("SELECT current_database()")) == "support_empty"
    assert sa.inspect(engine).has_table("support_pages")
    assert not sa.inspect(engine_for(postgres_server.url)).has_table("support_pages")


def test_two_connections_see_each_others_committed_rows(postgres_server, engine_for):
    engine = engine_for(postgres_server.new_database("support_two_connections"))
    ROWS.create_all(engine)
    count = sa.select(sa.func.count()).select_from(PAGES)
    with engine.connect() as first, engine.connect() as second:
        pid = sa.text("SELECT pg_backend_pid()")
        assert first.scalar(pid) != second.scalar(pid), "two server sessions, not one"
        first.commit()
        second.commit()

        first.execute(sa.insert(PAGES), {"url": "from-first"})
        assert second.scalar(count) == 0, "not yet committed"
        second.commit()
        first.commit()
        assert second.scalar(count) == 1
        second.execute(sa.insert(PAGES), {"url": "from-second"})
        second.commit()
        assert set(first.scalars(sa.select(PAGES.c.url))) == {"from-first", "from-second"}


def test_leaving_the_block_stops_the_server_and_deletes_its_folder():
    with PostgresServer(database="support_short_lived") as server:
        port, folder = server.port, server.folder
        assert folder is not None and (folder / "data" / "PG_VERSION").is_file()
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
    with pytest.raises(ConnectionRefusedError), socket.socket() as sock:
        sock.settimeout(5)
        sock.connect(("127.0.0.1", port))
    assert not folder.exists()


def test_missing_binaries_say_what_to_install(tmp_path: Path):
    with pytest.raises(RuntimeError, match="apt-get install postgresql"):
        find_binaries(path=str(tmp_path), debian_root=tmp_path)
