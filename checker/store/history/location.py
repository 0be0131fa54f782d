"""Where the history is kept, checked without loading the database libraries (a config is
read by every command; SQLAlchemy takes a third of a second to import)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from checker.model.errors import UsageError

DEFAULT_LOCATION = Path(".readiness") / "history.db"
ENVIRONMENT_VARIABLE = "READINESS_HISTORY"
SCHEMES = "sqlite:///PATH, a file path, or postgresql://USER@HOST:PORT/DATABASE"
_POSTGRESQL = ("postgresql", "postgres", "postgresql+psycopg")
_SQLITE = ("sqlite", "sqlite+pysqlite")


def check_location(location: str | Path) -> str:
    """The history's location as a URL: `sqlite:////absolute/path` for a file or an SQLite
    URL, `postgresql+psycopg://...` for PostgreSQL; a UsageError for anything else."""
    raw = str(location).strip()
    if not raw:
        raise UsageError(f"--history needs a database: {SCHEMES}.")
    if "://" not in raw:
        return f"sqlite:///{Path(raw).expanduser().absolute()}"
    scheme, _, rest = raw.partition("://")
    scheme = scheme.lower()
    if scheme in _POSTGRESQL:
        if not urlsplit(raw).hostname and "host=" not in raw:
            raise UsageError(f"--history {_hidden(raw)} names no PostgreSQL host.")
        return f"postgresql+psycopg://{rest}"
    if scheme in _SQLITE:
        path = rest.removeprefix("/")  # sqlite:///relative, sqlite:////absolute
        if not path or path == ":memory:":
            raise UsageError("--history sqlite:// needs a file: sqlite:///PATH.")
        return f"sqlite:///{Path(path).expanduser().absolute()}"
    raise UsageError(f"--history: readiness keeps its history in SQLite or PostgreSQL: {SCHEMES}.")


def _hidden(raw: str) -> str:
    """A URL without its password, for a message."""
    parts = urlsplit(raw)
    if parts.password is None:
        return raw
    return raw.replace(f":{parts.password}@", ":***@", 1)
