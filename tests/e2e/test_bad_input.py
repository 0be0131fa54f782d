"""Bad input from the user, through the CLI: one clear line on stderr, exit 2, no traceback,
and nothing written (no output folder, no snapshot folder) before the run could start."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from checker.cli.app import app

runner = CliRunner()
PAGE = "http://127.0.0.1:9/"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        # Malformed URLs
        pytest.param(
            ["http://exa mple.com/"], "Malformed URL 'http://exa mple.com/'", id="url-with-space"
        ),
        pytest.param(
            ["http://127.0.0.1:99999/"],
            "the port is not a number from 1 to 65535",
            id="port-out-of-range",
        ),
        pytest.param(["http://"], "it needs a host name", id="no-host"),
        pytest.param(["https://:443/"], "it needs a host name", id="empty-host"),
        # Unsupported schemes
        pytest.param(["file:///etc/passwd"], "Unsupported URL scheme 'file'", id="scheme-file"),
        pytest.param(
            ["javascript:alert(1)"], "Unsupported URL scheme 'javascript'", id="scheme-javascript"
        ),
        pytest.param(
            ["data:text/html,<h1>hi</h1>"], "Unsupported URL scheme 'data'", id="scheme-data"
        ),
        pytest.param(["ftp://example.com/"], "Unsupported URL scheme 'ftp'", id="scheme-ftp"),
        # Unknown devices
        pytest.param(
            [PAGE, "--device", "nokia-3310"], "Unknown device 'nokia-3310'", id="unknown-device"
        ),
        # Negative, zero, and absurd numbers
        pytest.param([PAGE, "--timeout", "-5"], "--timeout must be", id="timeout-negative"),
        pytest.param([PAGE, "--timeout", "0"], "--timeout must be", id="timeout-zero"),
        pytest.param([PAGE, "--timeout", "nan"], "--timeout must be", id="timeout-nan"),
        pytest.param([PAGE, "--timeout", "inf"], "--timeout must be", id="timeout-inf"),
        pytest.param([PAGE, "--timeout", "1e12"], "--timeout must be", id="timeout-absurd"),
        pytest.param([PAGE, "--max-time", "-1"], "--max-time must be", id="max-time-negative"),
        pytest.param([PAGE, "--max-time", "nan"], "--max-time must be", id="max-time-nan"),
        pytest.param([PAGE, "--max-time", "inf"], "--max-time must be", id="max-time-inf"),
        pytest.param(
            [PAGE, "--concurrency", "-1"], "--concurrency must be", id="concurrency-negative"
        ),
        pytest.param(
            [PAGE, "--concurrency", "100000"], "--concurrency must be", id="concurrency-absurd"
        ),
        pytest.param([PAGE, "--runs", "0"], "--runs must be", id="runs-zero"),
        pytest.param([PAGE, "--runs", "1000000"], "--runs must be", id="runs-absurd"),
        pytest.param([PAGE, "--shard", "3/2"], "--shard '3/2' must be I/N", id="shard-past-count"),
        # Unreadable URL files
        pytest.param(
            ["--urls", "{tmp}/no-such-file.txt"], "Cannot read the URL file", id="url-file-missing"
        ),
        pytest.param(["--urls", "{tmp}"], "Cannot read the URL file", id="url-file-is-a-folder"),
        pytest.param(["--urls", "{tmp}/binary.txt"], "is not UTF-8 text", id="url-file-binary"),
        pytest.param(["--urls", "{tmp}/empty.txt"], "lists no URL", id="url-file-empty"),
        pytest.param(
            ["--urls", "{tmp}/bad-line.txt"],
            "bad-line.txt, line 2: Unsupported URL scheme",
            id="url-file-bad-line",
        ),
        # Output folders that cannot be written
        pytest.param([PAGE, "--output", "{tmp}/a-file"], "is not a folder", id="output-is-a-file"),
        pytest.param(
            [PAGE, "--output", "{tmp}/a-file/report"], "is not a folder", id="output-under-a-file"
        ),
        pytest.param(
            [PAGE, "--output", "{tmp}/a-file/report", "--save-snapshots", "{tmp}/snapshots"],
            "is not a folder",
            id="output-under-a-file-with-snapshots",
        ),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_2_with_nothing_written(tmp_path, args, message):
    (tmp_path / "binary.txt").write_bytes(b"\xff\xfe\x00\x9f bad")
    (tmp_path / "empty.txt").write_text("# nothing yet\n\n")
    (tmp_path / "bad-line.txt").write_text(f"{PAGE}\nfile:///etc/passwd\n")
    (tmp_path / "a-file").write_text("")
    before = sorted(tmp_path.rglob("*"))
    arguments = [a.format(tmp=tmp_path) for a in args]
    if "--output" not in arguments:
        arguments += ["--output", str(tmp_path / "report")]
    result = runner.invoke(app, ["audit", *arguments, "--device", "iphone-se"])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("Error: ") and message in line
    assert "Traceback" not in result.output
    assert sorted(tmp_path.rglob("*")) == before  # no output folder, no snapshot folder


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--timeout", "abc"], "Invalid value for '--timeout'"),
        (["--concurrency", "two"], "Invalid value for '--concurrency'"),
        (["--no-such-option"], "No such option: --no-such-option"),
    ],
)
def test_values_the_command_line_cannot_read_are_one_line_too(tmp_path, args, message):
    # Through the installed entry point: Click's own errors, not only ours, are one line.
    import subprocess
    import sys

    # The entry starts the browser's driver for `audit` before reading the options.
    command = [sys.executable, "-c", "from checker.cli.entry import main; main()", "audit", PAGE]
    result = subprocess.run(
        [*command, *args, "--output", str(tmp_path / "report")], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("Error: ") and message in line
    assert not (tmp_path / "report").exists()
