"""A throwaway PostgreSQL server for the tests: its own cluster in a temporary folder.

The run history is tested against a real server, not a mock, because SQLite and PostgreSQL
differ where it matters (types, transactions, concurrent writers), and without Docker, which
a CI runner or a fresh machine may not have. pytest-postgresql is not used: it runs initdb
and pg_ctl as the current user, and both refuse to run as root, which is how the tests run
in containers. So, as root, the server runs as the system user `postgres` (Debian's package
creates it) in a folder handed to that user; as anyone else it runs as the current user.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import psycopg
from psycopg import sql

SUPERUSER = "readiness"
HOST = "127.0.0.1"
DEBIAN_ROOT = Path("/usr/lib/postgresql")
INSTALL_HINT = (
    "install PostgreSQL's server: `sh scripts/ensure-postgres.sh`, "
    "or `apt-get install postgresql` on Debian/Ubuntu"
)
START_TIMEOUT = 30.0
INITDB_TIMEOUT = 120.0
STOP_TIMEOUT = 10.0
LOG_TAIL_LINES = 15

# Settings that trade durability for speed: the cluster is thrown away after the tests.
FAST_SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}

# A plain lower-case identifier, so the URL and the SQL name are the same string.
_DATABASE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


@dataclass(frozen=True)
class Binaries:
    initdb: Path
    postgres: Path


def find_binaries(path: str | None = None, debian_root: Path = DEBIAN_ROOT) -> Binaries:
    """initdb and postgres of one installation: from PATH, else Debian's newest.

    Debian keeps the server's programs out of PATH, in /usr/lib/postgresql/<version>/bin, so
    PATH alone finds nothing on a fresh Debian machine.
    """
    on_path = shutil.which("initdb", path=path)
    if on_path:
        # The postgres beside the real initdb (PATH may hold a symlink), so that a PATH
        # mixing two installations cannot pair one version's initdb with another's server.
        bindir = Path(on_path).resolve().parent
        if _is_program(bindir / "postgres"):
            return Binaries(bindir / "initdb", bindir / "postgres")
        postgres = shutil.which("postgres", path=path)
        if postgres:
            return Binaries(Path(on_path), Path(postgres))
    for bindir in sorted(debian_root.glob("*/bin"), key=_version, reverse=True):
        if _is_program(bindir / "initdb") and _is_program(bindir / "postgres"):
            return Binaries(bindir / "initdb", bindir / "postgres")
    raise RuntimeError(
        f"PostgreSQL's initdb and postgres are neither on PATH nor in {debian_root}/*/bin: "
        f"{INSTALL_HINT}"
    )


def _is_program(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def _version(bindir: Path) -> tuple[int, ...]:
    """(15,) for /usr/lib/postgresql/15/bin, so that 15 sorts above 9.6."""
    parts = bindir.parent.name.split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else ()


class PostgresServer:
    """A PostgreSQL server on 127.0.0.1 and a free port, with one empty database, `url`.

    `with PostgresServer() as server:` starts it; leaving the block stops it and deletes its
    folder. Each failure to start is a RuntimeError that says what to install or what
    postgres printed: a test suite that silently skipped its database tests would pass on a
    machine that cannot run them.
    """

    def __init__(self, database: str = "readiness", start_timeout: float = START_TIMEOUT):
        self.database = _checked_name(database)
        self.start_timeout = start_timeout
        self.port = 0
        self.folder: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._as_server_user: dict[str, Any] = {}

    @property
    def url(self) -> str:
        """The SQLAlchemy URL of the database made at start."""
        return self.url_for(self.database)

    def url_for(self, database: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@{HOST}:{self.port}/{database}"

    def new_database(self, name: str) -> str:
        """Create an empty database `name` and return its URL: a test that needs an empty
        schema takes its own instead of cleaning up after the others."""
        name = _checked_name(name)
        with self._admin_connection() as connection:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url_for(name)

    def __enter__(self) -> PostgresServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> None:
        if self._process is not None:
            raise RuntimeError("this PostgresServer is already running")
        binaries = find_binaries()
        self._as_server_user = _server_user()
        # Under /tmp, not $TMPDIR: every parent must be traversable by the `postgres` user,
        # and a unix socket's path must stay under about 100 characters.
        self.folder = Path(tempfile.mkdtemp(prefix="readiness-pg-", dir="/tmp"))
        try:
            socket_dir = self.folder / "socket"
            socket_dir.mkdir()
            if self._as_server_user:
                for owned in (self.folder, socket_dir):
                    os.chown(owned, self._as_server_user["user"], self._as_server_user["group"])
            self._initdb(binaries.initdb)
            self._launch(binaries.postgres, socket_dir)
            with self._admin_connection() as connection:
                connection.execute(
                    sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.database))
                )
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop the server, then delete its folder; safe to call twice."""
        process, self._process = self._process, None
        if process is not None:
            _end(process)
        if self.folder is not None and self.folder.exists():
            shutil.rmtree(self.folder)

    def _initdb(self, initdb: Path) -> None:
        assert self.folder is not None
        command = [
            str(initdb),
            *("-D", str(self.folder / "data")),
            *("-A", "trust"),
            *("-U", SUPERUSER),
            *("-E", "UTF8"),
            "--locale=C",
            "--no-sync",
        ]
        try:
            done = subprocess.run(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                cwd=self.folder,
                env=_server_environment(),
                timeout=INITDB_TIMEOUT,
                check=False,
                **self._as_server_user,
            )
        except subprocess.TimeoutExpired as error:
            raise RuntimeError(
                f"initdb did not finish within {INITDB_TIMEOUT:.0f} s; it printed:\n"
                f"{_tail((error.output or b'').decode(errors='replace'))}"
            ) from None
        if done.returncode != 0:
            raise RuntimeError(
                f"initdb failed (exit status {done.returncode}); it printed:\n"
                f"{_tail(done.stdout.decode(errors='replace'))}"
            )

    def _launch(self, postgres: Path, socket_dir: Path) -> None:
        """Start postgres on a free port and wait until it accepts a connection.

        The port is free when chosen but may be taken before postgres binds it, so a bind
        failure is retried on another port.
        """
        assert self.folder is not None
        log_path = self.folder / "postgres.log"
        for _attempt in range(3):
            self.port = _free_port()
            settings = {
                "listen_addresses": HOST,
                "unix_socket_directories": str(socket_dir),
                **FAST_SETTINGS,
            }
            command = [str(postgres), "-D", str(self.folder / "data"), "-p", str(self.port)]
            for name, value in settings.items():
                command += ["-c", f"{name}={value}"]
            with log_path.open("ab") as log:
                # postgres itself, not pg_ctl, so that the process is ours to wait on and
                # stop. Its own session keeps a Ctrl-C in the terminal from reaching it
                # (SIGINT is a fast shutdown) before the fixture's teardown stops it.
                self._process = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    cwd=self.folder,
                    env=_server_environment(),
                    start_new_session=True,
                    **self._as_server_user,
                )
            status = self._wait_until_ready(log_path)
            if status == "ready":
                return
            _end(self._process)
            self._process = None
        raise RuntimeError(
            f"postgres could not bind a free port on {HOST} three times; its log ends:\n"
            f"{_tail(_read(log_path))}"
        )

    def _wait_until_ready(self, log_path: Path) -> str:
        """'ready', or 'port taken' when postgres lost the race for its port."""
        assert self._process is not None
        deadline = time.monotonic() + self.start_timeout
        while True:
            returncode = self._process.poll()
            if returncode is not None:
                log = _read(log_path)
                if "could not bind" in log and "Address already in use" in log:
                    return "port taken"
                raise RuntimeError(
                    f"postgres exited (status {returncode}) before accepting connections; "
                    f"its log ends:\n{_tail(log)}"
                )
            try:
                with psycopg.connect(**self._connect_arguments("postgres")):
                    return "ready"
            except psycopg.OperationalError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"postgres did not accept connections on {HOST}:{self.port} within "
                    f"{self.start_timeout:.0f} s; its log ends:\n{_tail(_read(log_path))}"
                )
            time.sleep(0.05)

    def _admin_connection(self) -> psycopg.Connection[Any]:
        # CREATE DATABASE cannot run inside a transaction.
        return psycopg.connect(**self._connect_arguments("postgres"), autocommit=True)

    def _connect_arguments(self, database: str) -> dict[str, Any]:
        return {
            "host": HOST,
            "port": self.port,
            "user": SUPERUSER,
            "dbname": database,
            "connect_timeout": 5,
        }


def _server_user() -> dict[str, Any]:
    """Popen's arguments that run initdb and postgres as `postgres` when we are root.

    Popen switches user itself, without runuser or su, so that the process we hold is
    postgres itself and a signal to it needs no relaying.
    """
    if os.geteuid() != 0:
        return {}
    try:
        account = pwd.getpwnam("postgres")
    except KeyError:
        raise RuntimeError(
            "running as root, but initdb and postgres refuse to run as root and there is no "
            f"system user `postgres` to run them as: {INSTALL_HINT} (it creates the user), "
            "or run the tests as a normal user"
        ) from None
    return {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}


def _server_environment() -> dict[str, str]:
    # Without the caller's PG* variables (PGDATA, PGPORT, ...), which name their own cluster;
    # the C locale matches initdb's --locale=C and keeps messages in English for errors.
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    environment.update(LC_ALL="C", LANG="C")
    return environment


def _end(process: subprocess.Popen[bytes]) -> None:
    """Immediate shutdown (SIGQUIT): the data is thrown away, so no checkpoint is worth
    waiting for, and a smart shutdown would wait for connections a test left open."""
    if process.poll() is None:
        process.send_signal(signal.SIGQUIT)
        try:
            process.wait(timeout=STOP_TIMEOUT)
            return
        except subprocess.TimeoutExpired:
            pass
        # Its children notice the postmaster's death and exit on their own.
        process.kill()
    process.wait(timeout=STOP_TIMEOUT)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _checked_name(name: str) -> str:
    if not _DATABASE_NAME.fullmatch(name):
        raise ValueError(f"database name {name!r}: use lower-case letters, digits and _")
    return name


def _read(path: Path) -> str:
    try:
        return path.read_text(errors="replace")
    except FileNotFoundError:
        return ""


def _tail(text: str) -> str:
    return "\n".join(text.strip().splitlines()[-LOG_TAIL_LINES:])
