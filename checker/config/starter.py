"""The starter readiness.toml that `readiness init` writes: starter.toml, commented."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from checker.config.find import display_name
from checker.model.errors import UsageError


def starter_text() -> str:
    """The commented readiness.toml that `readiness init` writes."""
    return resources.files("checker.config").joinpath("starter.toml").read_text(encoding="utf-8")


def write_starter(path: Path) -> None:
    """Write the starter file; never over an existing file."""
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(starter_text())
    except FileExistsError:
        raise UsageError(
            f"{display_name(path)} already exists; edit it, or remove it to start again."
        ) from None
    except OSError as error:
        raise UsageError(f"Cannot write {display_name(path)}: {error}.") from None
