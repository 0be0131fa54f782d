"""The entry point starts the browser's driver early only for a command that runs one."""

from __future__ import annotations

import pytest

from checker.cli.entry import starts_a_run


@pytest.mark.parametrize(
    "arguments",
    [["audit", "https://example.com/"], ["ci"], ["demo", "--quiet"], ["audit", "--urls", "u.txt"]],
)
def test_commands_that_run_a_browser_start_it_early(arguments):
    assert starts_a_run(arguments)


@pytest.mark.parametrize(
    "arguments",
    [[], ["--version"], ["history"], ["rescore", "snapshots"], ["audit", "--help"], ["ci", "-h"]],
)
def test_other_commands_and_help_start_nothing(arguments):
    assert not starts_a_run(arguments)
