"""--browser-endpoint: the run drives a browser that is already running (a grid's), over its
DevTools endpoint, and leaves it running; or a Playwright server's, when its Playwright fits,
waiting while its pool is busy."""

from __future__ import annotations

import contextlib
import json
import re
import socket
import subprocess
import threading
import time
import urllib.parse
from collections.abc import Iterator

import pytest
from playwright._impl._driver import compute_driver_executable, get_driver_env
from typer.testing import CliRunner

from checker import Config, audit_urls
from checker.cli.app import app
from checker.gather.browser import LAUNCH_ARGS, find_browser
from checker.gather.remote import client_version


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


# --- a Playwright server (ws://), as `playwright run-server` runs it -------------------------


def _launch_options() -> str:
    """The server launches the browser: it is told which (Debian's Chromium, offline) in the
    endpoint's launch-options, which a server started with --unsafe accepts."""
    options = {"executablePath": find_browser(None, None), "args": list(LAUNCH_ARGS)}
    return urllib.parse.quote(json.dumps(options))


@contextlib.contextmanager
def _playwright_server(**environ: str) -> Iterator[str]:
    """`playwright run-server` of this machine's Playwright on a free loopback port (its node
    driver run directly, so the one process started is the one stopped); its ws:// address."""
    node, cli = compute_driver_executable()
    process = subprocess.Popen(
        [node, cli, "run-server", "--host", "127.0.0.1", "--port", "0", "--unsafe"],
        stdout=subprocess.PIPE, text=True, env={**get_driver_env(), **environ},
    )  # fmt: skip
    try:
        line = process.stdout.readline()
        found = re.search(r"Listening on (ws://\S+)", line)
        assert found, f"run-server printed {line!r}"
        yield found.group(1)
    finally:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def playwright_server() -> Iterator[str]:
    with _playwright_server() as endpoint:
        yield endpoint


class Pool:
    """A browser pool on 127.0.0.1 in front of a Playwright server, as browserless is: it
    answers its first `busy` handshakes 429 (every one with busy=None), or holds them
    unanswered with hold=True, then passes connections through to the server."""

    def __init__(self, upstream: str | None, busy: int | None, hold: bool = False) -> None:
        self.upstream = urllib.parse.urlsplit(upstream).port if upstream else None
        self.busy, self.hold = busy, hold
        self.refused = self.passed = 0
        self.held: list[socket.socket] = []
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                client, _ = self.server.accept()
                threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        if self.busy is None or self.refused < self.busy:
            self.refused += 1
            if self.hold:
                self.held.append(client)
                return
            client.recv(65536)
            client.sendall(b"HTTP/1.1 429 Too Many Requests\r\nContent-Length: 0\r\n"
                           b"Connection: close\r\n\r\n")  # fmt: skip
            client.close()
            return
        self.passed += 1
        server = socket.create_connection(("127.0.0.1", self.upstream))
        for source, target in ((client, server), (server, client)):
            threading.Thread(target=_pump, args=(source, target), daemon=True).start()

    def close(self) -> None:
        self.server.close()
        for client in self.held:
            client.close()


def _pump(source: socket.socket, target: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while data := source.recv(65536):
            target.sendall(data)
    with contextlib.suppress(OSError):
        target.shutdown(socket.SHUT_WR)


def _remote_config(endpoint: str, tmp_path) -> Config:
    return Config(
        devices=("iphone-se",),
        speed_devices="none",
        timeout=20,
        output_dir=tmp_path,
        browser="/no/such/chrome",  # a launch would fail: only the endpoint can audit
        browser_endpoint=endpoint,
    )


def _audit_cli(site: str, endpoint: str, tmp_path, *extra: str):
    return CliRunner().invoke(
        app,
        ["audit", site + "mobile-ready.html", "--browser-endpoint", endpoint,
         "-o", str(tmp_path / "out"), "--no-history", *extra],
    )  # fmt: skip


def test_a_run_drives_a_playwright_server_of_its_own_version(playwright_server, site, tmp_path):
    endpoint = f"{playwright_server}?launch-options={_launch_options()}"
    (page,) = audit_urls([site + "mobile-ready.html"], _remote_config(endpoint, tmp_path)).pages
    assert page.status == "ok", page.error
    assert page.scores["layout"] == 100


def test_a_server_of_another_playwright_is_one_line_saying_what_to_run(site, tmp_path):
    with _playwright_server(PW_VERSION_OVERRIDE="1.48.2") as older:
        result = _audit_cli(site, older, tmp_path)
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    ours = ".".join(client_version().split(".")[:2])
    assert line.startswith(
        f"Error: The Playwright server at {older} runs Playwright 1.48 and readiness drives {ours}"
    )
    assert "`pip install 'playwright==1.48.*'` where readiness runs" in line
    assert f"`npx -y playwright@{ours} run-server`" in line
    assert not (tmp_path / "out").exists()


def test_a_busy_pool_is_waited_on_until_it_accepts(playwright_server, site, tmp_path):
    pool = Pool(playwright_server, busy=3)
    try:
        endpoint = f"ws://127.0.0.1:{pool.port}/?launch-options={_launch_options()}"
        (page,) = audit_urls([site + "mobile-ready.html"], _remote_config(endpoint, tmp_path)).pages
    finally:
        pool.close()
    assert page.status == "ok", page.error
    assert (pool.refused, pool.passed) == (3, 1)


def test_a_pool_that_never_frees_is_one_line_within_the_timeout(site, tmp_path):
    pool = Pool(None, busy=None)
    started = time.monotonic()
    try:
        result = _audit_cli(site, f"ws://127.0.0.1:{pool.port}/", tmp_path, "--timeout", "3")
    finally:
        pool.close()
    assert time.monotonic() - started < 8
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"Error: The browser pool at ws://127.0.0.1:{pool.port}/ stayed busy")
    assert "within --timeout 3" in line
    assert pool.refused >= 3


def test_a_pool_that_holds_the_connection_says_so_at_the_timeout(site, tmp_path):
    pool = Pool(None, busy=None, hold=True)
    try:
        result = _audit_cli(site, f"ws://127.0.0.1:{pool.port}/", tmp_path, "--timeout", "2")
    finally:
        pool.close()
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert "did not accept the connection within --timeout 2 s" in line
