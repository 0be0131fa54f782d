"""--browser-endpoint: the run drives a browser that is already running (a grid's), over its
DevTools endpoint, and leaves it running."""

from __future__ import annotations

import re
import subprocess

import pytest
from typer.testing import CliRunner

from checker import Config, audit_urls
from checker.cli.app import app
from checker.gather.browser import LAUNCH_ARGS, find_browser


@pytest.fixture(scope="module")
def running_browser(tmp_path_factory):
    profile = tmp_path_factory.mktemp("profile")
    process = subprocess.Popen(
        [find_browser(None, None), "--headless=new", "--remote-debugging-port=0",
         f"--user-data-dir={profile}", *LAUNCH_ARGS, "about:blank"],
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        endpoint = None
        for line in process.stderr:
            found = re.search(r"DevTools listening on (ws://\S+)", line)
            if found:
                endpoint = found.group(1)
                break
        assert endpoint, "the browser did not print its DevTools endpoint"
        yield process, endpoint
    finally:
        process.kill()
        process.wait()


def test_a_run_drives_the_running_browser_and_leaves_it_running(running_browser, site, tmp_path):
    process, endpoint = running_browser
    port = re.search(r":(\d+)/", endpoint).group(1)
    config = Config(
        devices=("iphone-se",),
        speed_devices="none",
        timeout=20,
        output_dir=tmp_path,
        browser="/no/such/chrome",  # a launch would fail: only the endpoint can audit
        browser_endpoint=f"http://127.0.0.1:{port}",
    )
    (page,) = audit_urls([site + "mobile-ready.html"], config).pages
    assert page.status == "ok", page.error
    assert page.scores["layout"] == 100
    assert process.poll() is None


def test_an_endpoint_that_does_not_answer_is_one_line_and_exit_2(site, tmp_path):
    result = CliRunner().invoke(
        app,
        ["audit", site + "mobile-ready.html", "--browser-endpoint", "http://127.0.0.1:9/",
         "-o", str(tmp_path / "out")],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "Cannot connect to the browser at http://127.0.0.1:9/" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_the_pdf_is_printed_by_the_running_browser_which_stays_running(running_browser):
    from checker.report.write import PrintDocument
    from checker.run.printing import print_pdf

    process, endpoint = running_browser
    port = re.search(r":(\d+)/", endpoint).group(1)
    document = PrintDocument("<h1>Printed remotely</h1>", "<span></span>", "<span>foot</span>")
    pdf = print_pdf(document, browser="/no/such/chrome", endpoint=f"http://127.0.0.1:{port}")
    assert pdf.startswith(b"%PDF-")
    assert process.poll() is None
