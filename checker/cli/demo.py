"""`readiness demo`: the bundled demo site, served on 127.0.0.1 and audited."""

from __future__ import annotations

import typer

from checker.cli.errors import errors_as_exit_codes
from checker.cli.finish import finish
from checker.cli.options import BrowserOption, FormatOption, OutputOption, QuietOption
from checker.cli.progress import audit_with_progress
from checker.cli.settings import formats_given
from checker.config.merge import run_config


def demo(
    output: OutputOption = None,
    format: FormatOption = None,
    browser: BrowserOption = None,
    quiet: QuietOption = False,
) -> None:
    """Audit the bundled demo site (served on 127.0.0.1) and write its report."""
    from checker.demo.pages import demo_pages, demo_site_dir
    from checker.demo.server import serve_directory
    from checker.run.driver import start_early

    start_early()  # the driver comes up while the demo's site starts
    # No config file: the demo is the same showcase wherever it runs (README "Usage").
    with errors_as_exit_codes():
        flags = {"output_dir": output, "formats": formats_given(format), "browser": browser}
        config = run_config(None, flags, defaults={"block_external": True})
        with serve_directory(demo_site_dir(), fill_origin=True) as base_url:
            if not quiet:
                typer.echo(f"Serving the demo site of Harbor & Pine Coffee at {base_url}", err=True)
            run = audit_with_progress(demo_pages(base_url), config, quiet)
            finish(run, config, quiet)
