"""Files: output written atomically (a killed run never leaves half a file behind), and the
user's own text files read with an error they can act on."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from checker.model.errors import UsageError


def write_atomic(path: Path, data: str | bytes | Iterable[str]) -> None:
    """Write `data` (or its pieces, as a renderer yields them) to a temporary file beside
    `path`, then rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pieces = [data] if isinstance(data, str | bytes) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    # mkstemp makes the file private; a report is an ordinary file.
    os.fchmod(fd, 0o644)
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in pieces:
                handle.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_user_text(path: Path, what: str) -> str:
    """The UTF-8 text (a BOM allowed, as spreadsheets write it) of a file the user named, or a
    UsageError naming it as `what` ("URL file", "brands file")."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UsageError(f"Cannot read the {what} {path}: {exc.strerror}.") from None
    except UnicodeDecodeError:
        raise UsageError(f"The {what} {path} is not UTF-8 text.") from None
