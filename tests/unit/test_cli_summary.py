"""The table a terminal run ends with: an incomplete category says so, and why."""

from __future__ import annotations

import dataclasses

from checker.cli.terminal import print_summary
from checker.model.results import PageResult, RunResult

URL = "https://shop.example/"
REASON = "Incomplete: 1 check could not run (share-image). The share image is on cdn.example."


def test_the_summary_names_incomplete_categories_and_why(capsys):
    page = PageResult(
        URL,
        URL,
        "ok",
        None,
        {"overall": None, "layout": 80, "speed": None, "social": None, "accessibility": 70},
        {},
        [],
    )
    page = dataclasses.replace(page, incomplete={"overall": "x", "social": REASON})
    print_summary(RunResult("2024-05-01T10:00:00+00:00", {}, [page], {}, {"name": "readiness"}))
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split() == [URL, "ok", "incomplete", "80", "n/a", "incomplete", "70"]
    assert lines[2] == (
        f"{URL}: social is incomplete: 1 check could not run (share-image). "
        "The share image is on cdn.example."
    )
    assert "None" not in "\n".join(lines)
