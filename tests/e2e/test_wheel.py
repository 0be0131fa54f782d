"""The built wheel carries the templates, the demo site and the in-page scripts, and an
installed copy finds them without the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    (path,) = out.glob("readiness_checker-*.whl")
    return path


def test_wheel_contains_templates_demo_site_and_scripts(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "checker/templates/report.html.j2" in names
    assert "checker/demo/site/index.html" in names
    assert "checker/gather/dom.js" in names
    assert "audits/layout/viewport.py" in names
    assert not any(n.startswith(("tests/", "templates/")) for n in names)


def test_installed_wheel_renders_reports_outside_the_checkout(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    out = tmp_path / "report"
    # What the `readiness` script pip wrote runs (the wheel's entry point), on the copy.
    assert "from checker.cli.entry import main" in (target / "bin" / "readiness").read_text()
    script = (
        "import sys, checker; from checker.cli.entry import main;"
        f"assert checker.__file__.startswith({str(target)!r}), checker.__file__;"
        f"sys.argv = ['readiness', 'rescore', {str(ROOT / 'tests/fixtures/snapshots')!r},"
        f" '--output', {str(out)!r}, '--quiet']; main()"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "readiness report" in (out / "report.html").read_text()
    assert (out / "report.json").exists()


def test_installed_wheel_creates_a_history_from_its_own_migrations(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target",
         str(target), str(wheel)],
        check=True,
    )  # fmt: skip
    history = tmp_path / "history.db"
    script = (
        "import sys, checker; from checker.store.history.history import History;"
        f"assert checker.__file__.startswith({str(target)!r}), checker.__file__;"
        f"History.open({str(history)!r}).close();"
        "from checker.cli.app import main;"
        f"sys.argv = ['readiness', 'history', '--history', {str(history)!r}, '-f', 'json'];"
        "main()"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"runs": []}
