"""A run killed halfway keeps the pages it finished in report.json."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class _HangingHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        time.sleep(20)  # longer than the test waits; the run is killed before it answers

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def hanging_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _HangingHandler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def test_killed_run_keeps_finished_pages_in_report_json(site, hanging_url, tmp_path):
    report = tmp_path / "report.json"
    command = [
        sys.executable, "-c", "from checker.cli import main; main()",
        "audit", site + "mobile-ready.html", hanging_url, "--concurrency", "2",
        "--device", "iphone-se", "--timeout", "60", "--output", str(tmp_path), "--quiet",
        "--speed-devices", "none",
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while not report.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert report.exists(), process.stderr.read1().decode() if process.poll() else ""
    finally:
        process.kill()
        process.wait()
    data = json.loads(report.read_text())
    assert data["complete"] is False
    (page,) = data["pages"]
    assert page["url"] == site + "mobile-ready.html"
    assert page["status"] == "ok"
    assert data["summary"]["pages"] == 1
    assert not (tmp_path / "report.html").exists()
