"""A run's end: kept in the history, then its reports written with what changed. A history
that fails at that point costs the run nothing but the history: the reports are written and
the problem is said."""

from __future__ import annotations

from pathlib import Path

from checker.config.settings import Config
from checker.run.ci import write_outputs
from checker.store.history.history import History
from tests.support.runs import fails, page, run

HOME = "https://shop.example/"


def test_every_run_that_writes_its_outputs_is_kept_in_the_history(tmp_path: Path) -> None:
    history = tmp_path / "history.db"
    config = Config(output_dir=tmp_path / "out", formats=("json",), history=str(history))
    for _ in range(2):
        outputs = write_outputs(run(page(HOME, {"viewport": fails(("head", "No viewport"))})),
                                config, command="audit")  # fmt: skip
        assert outputs.history_problem is None
    with History.open(history) as opened:
        assert [r.command for r in opened.runs()] == ["audit", "audit"]


def test_a_history_that_fails_at_the_end_keeps_the_reports_and_says_why(tmp_path: Path) -> None:
    broken = tmp_path / "history.db"
    broken.write_text("not a database", encoding="utf-8")
    config = Config(output_dir=tmp_path / "out", formats=("json",), history=str(broken))
    outputs = write_outputs(run(page(HOME, {})), config)
    assert [p.name for p in outputs.paths] == ["report.json"]
    assert outputs.history_problem is not None
    assert outputs.history_problem.startswith(
        f"The run was not kept in the history: Cannot open the history {broken}: "
    )
    assert "\n" not in outputs.history_problem


def test_without_a_history_nothing_is_kept_anywhere(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    outputs = write_outputs(run(page(HOME, {})), Config(output_dir=tmp_path / "out",
                                                         formats=("json",)))  # fmt: skip
    assert outputs.history_problem is None
    assert not (tmp_path / ".readiness").exists()
