"""Which history a run is kept in: --no-history, --history, $READINESS_HISTORY, the config
file's `history`, then .readiness/history.db in the working directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli.settings import with_history
from checker.config.parse import load_file
from checker.config.settings import Config
from checker.model.errors import UsageError


def test_without_anything_the_history_is_dot_readiness_in_the_working_directory() -> None:
    assert with_history(Config(), None, False, environ={}).history == ".readiness/history.db"


def test_the_flag_beats_the_environment_which_beats_the_config_file() -> None:
    environ = {"READINESS_HISTORY": "postgresql://ci@db:5432/history"}
    from_file = Config(history="/srv/team.db")
    assert with_history(from_file, "sqlite:///mine.db", False, environ).history == (
        "sqlite:///mine.db"
    )
    assert with_history(from_file, None, False, environ).history == environ["READINESS_HISTORY"]
    assert with_history(from_file, None, False, {}).history == "/srv/team.db"


def test_no_history_keeps_the_run_out_whatever_else_is_set() -> None:
    environ = {"READINESS_HISTORY": "/tmp/h.db"}
    assert with_history(Config(history="/x.db"), "/y.db", True, environ).history is None


def test_a_history_of_another_database_fails_in_one_line() -> None:
    with pytest.raises(UsageError, match="SQLite or PostgreSQL"):
        with_history(Config(), "mysql://db/h", False, {})
    with pytest.raises(UsageError, match="SQLite or PostgreSQL"):
        Config(history="mongodb://db/h")


def test_the_config_files_history_is_relative_to_its_folder(tmp_path: Path) -> None:
    (tmp_path / "readiness.toml").write_text('history = "runs/history.db"\n', encoding="utf-8")
    assert load_file(tmp_path / "readiness.toml").run["history"] == str(
        tmp_path / "runs" / "history.db"
    )


def test_a_config_file_history_that_is_no_database_names_the_key(tmp_path: Path) -> None:
    (tmp_path / "readiness.toml").write_text('history = "redis://cache"\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"readiness.toml.*line 1.*history.*SQLite or PostgreSQL"):
        load_file(tmp_path / "readiness.toml")


def test_a_history_that_cannot_be_opened_stops_the_command_before_any_page(
    tmp_path: Path, refused_url: str
) -> None:
    from typer.testing import CliRunner

    from checker.cli.app import app

    port = refused_url.rsplit(":", 1)[1].strip("/")
    out = tmp_path / "out"
    for location, message in [
        ("mysql://db/history", "Error: --history: readiness keeps its history in SQLite or "),
        (f"postgresql://ci:pw@127.0.0.1:{port}/h", "Error: Cannot open the history postgresql"),
    ]:
        result = CliRunner().invoke(
            app, ["audit", "https://shop.example/", "--history", location, "-o", str(out)]
        )
        assert result.exit_code == 2, result.output
        assert result.output.startswith(message)
        assert len(result.output.strip().splitlines()) == 1
        assert "pw@" not in result.output
        assert not out.exists()  # no browser started, no record begun
