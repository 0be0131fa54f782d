"""The `readiness` command's entry point: Playwright's driver is started before the CLI is
imported when the command line asks for a run, so the driver's Node.js process comes up while
Python imports the commands (~0.5 s on 2 cores) instead of after them."""

from __future__ import annotations

import sys

# The commands that start the driver themselves (driver.start_early) once their options are
# read; starting it here only does it sooner.
RUN_COMMANDS = frozenset({"audit", "ci", "demo"})
HELP_FLAGS = frozenset({"--help", "-h"})


def starts_a_run(arguments: list[str]) -> bool:
    return bool(arguments) and arguments[0] in RUN_COMMANDS and not HELP_FLAGS & set(arguments)


def main() -> None:
    if starts_a_run(sys.argv[1:]):
        from checker.cli.memory import fewer_malloc_arenas
        from checker.run.driver import start_early

        fewer_malloc_arenas()  # before the driver's thread, the first to start
        start_early()
    from checker.cli.app import main as run_command

    run_command()
