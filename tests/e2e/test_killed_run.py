"""A run killed with SIGKILL keeps every page it finished (results.jsonl), and `--resume`
finishes the rest without redoing them."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler

import pytest

from checker.cli.app import app
from tests.support.http_server import serving

SLOW_PAGE = b"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Slow page</title>
</head><body><h1>Slow, but here</h1><p>It answers once the test lets it.</p></body></html>"""


class _HeldHandler(BaseHTTPRequestHandler):
    """Holds every request until the test releases it, then serves a small page."""

    released = threading.Event()

    def do_GET(self) -> None:
        if not self.released.wait(timeout=30):
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(SLOW_PAGE)))
        self.end_headers()
        self.wfile.write(SLOW_PAGE)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def held_url():
    _HeldHandler.released.clear()
    with serving(_HeldHandler) as server:
        yield f"http://127.0.0.1:{server.server_port}/slow"
        _HeldHandler.released.set()


def _audit_command(*arguments: str) -> list[str]:
    return [sys.executable, "-c", "from checker.cli.app import main; main()", "audit", *arguments]


def _lines(path) -> list[bytes]:
    return path.read_bytes().splitlines()


def _page_outcomes(report_dir) -> dict[str, tuple[str, dict]]:
    data = json.loads((report_dir / "report.json").read_text())
    return {p["url"]: (p["status"], p["scores"]) for p in data["pages"]}


def test_killed_run_resumes_without_redoing_or_losing_pages(site, held_url, tmp_path):
    first = site + "mobile-ready.html"
    options = ["--device", "iphone-se", "--speed-devices", "none", "--timeout", "60", "--quiet"]
    killed = tmp_path / "killed"
    results = killed / "results.jsonl"
    process = subprocess.Popen(
        _audit_command(first, held_url, "--concurrency", "2", "-o", str(killed), *options),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (results.exists() and _lines(results)):
            time.sleep(0.1)
        assert results.exists() and _lines(results), process.stderr.read1().decode()
    finally:
        process.kill()
        process.wait()
    (finished_line,) = _lines(results)
    assert json.loads(finished_line)["page"]["url"] == first
    assert not (killed / "report.html").exists()

    _HeldHandler.released.set()
    resumed = subprocess.run(
        _audit_command("--resume", str(killed), "--quiet"), capture_output=True, timeout=120
    )
    assert resumed.returncode == 0, resumed.stderr.decode()
    lines = _lines(results)
    assert lines[0] == finished_line  # kept as it was, not audited again
    assert sorted(json.loads(line)["index"] for line in lines) == [0, 1]

    straight = tmp_path / "straight"
    subprocess.run(
        _audit_command(first, held_url, "-o", str(straight), *options), check=True, timeout=120
    )
    assert _page_outcomes(killed) == _page_outcomes(straight)
    assert all(status == "ok" for status, _ in _page_outcomes(killed).values())


def test_resume_refuses_a_folder_without_a_run(tmp_path):
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["audit", "--resume", str(tmp_path)])
    assert result.exit_code == 2
    assert "holds no readiness run" in result.output
