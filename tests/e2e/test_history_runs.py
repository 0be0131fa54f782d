"""The history in real runs: two audits of a site between which one page is fixed, kept in
SQLite and in a real PostgreSQL server; `readiness history` and `history diff` read them back,
the second report shows what was fixed; `ci --baseline history` compares with the last run."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from checker.cli.app import app
from checker.demo.server import serve_directory

runner = CliRunner()
HEAD = '<meta charset="utf-8"><title>{title}</title>'
VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'
BODY = "<p style='font-size:16px'>Shoes for every road, every season and every runner.</p>"


def write_page(site: Path, name: str, *, viewport: bool) -> None:
    head = HEAD.format(title=name) + (VIEWPORT if viewport else "")
    (site / name).write_text(f"<!doctype html><html lang=en><head>{head}</head>"
                             f"<body>{BODY}</body></html>", encoding="utf-8")  # fmt: skip


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A two-page site: home is ready for phones, shoes has no viewport (until a test fixes
    it)."""
    site = tmp_path / "site"
    site.mkdir()
    write_page(site, "home.html", viewport=True)
    write_page(site, "shoes.html", viewport=False)
    with serve_directory(site) as base_url:
        yield site, base_url


@pytest.fixture(params=["sqlite", "postgresql"])
def history(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'history.db'}"
    server = request.getfixturevalue("postgres_server")
    return server.new_database(f"e2e_{request.node.name.split('[')[0][-40:].lower()}")


def audit(urls: list[str], history: str, out: Path) -> None:
    result = runner.invoke(
        app,
        ["audit", *urls, "--device", "iphone-se", "--only-categories", "layout",
         "--block-external", "--timeout", "20", "--history", history, "-o", str(out), "-q"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output


def cli_json(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_two_runs_with_one_page_fixed(shop: tuple[Path, str], history: str, tmp_path: Path) -> None:
    site, base = shop
    home, shoes = f"{base}home.html", f"{base}shoes.html"
    audit([home, shoes], history, tmp_path / "first")
    write_page(site, "shoes.html", viewport=True)
    audit([home, shoes], history, tmp_path / "second")

    runs = cli_json("history", "--history", history)["runs"]
    assert len(runs) == 2
    assert runs[0]["id"] > runs[1]["id"]  # newest first
    (site_name,) = runs[0]["scores"]
    assert runs[0]["scores"][site_name]["layout"] > runs[1]["scores"][site_name]["layout"]

    diff = cli_json("history", "diff", "--history", history)
    assert diff["new"] == []
    fixed = {(item["url"], item["audit"]) for item in diff["fixed"]}
    assert (shoes, "viewport") in fixed
    assert {url for url, _ in fixed} == {shoes}  # nothing about the untouched page
    assert {change["url"] for change in diff["scores"]} == {shoes}

    report = (tmp_path / "second" / "report.html").read_text(encoding="utf-8")
    assert "<svg" in report and "Fixed since the last run" in report
    summary_first = (tmp_path / "first" / "report.html").read_text(encoding="utf-8")
    assert "First run of this site in the history" in summary_first


def test_ci_compares_with_the_last_run_of_the_site_in_the_history(
    shop: tuple[Path, str], tmp_path: Path
) -> None:
    site, base = shop
    history = f"sqlite:///{tmp_path / 'history.db'}"
    home = f"{base}home.html"
    args = ["ci", home, "--device", "iphone-se", "--only-categories", "layout",
            "--preset", "none", "--baseline", "history", "--history", history,
            "--timeout", "20", "--format", "json"]  # fmt: skip
    first = runner.invoke(app, [*args, "-o", str(tmp_path / "first")])
    assert first.exit_code == 0, first.output
    assert "no earlier run" in first.output
    write_page(site, "home.html", viewport=False)  # a release that breaks the home page
    second = runner.invoke(app, [*args, "-o", str(tmp_path / "second")])
    assert second.exit_code == 1, second.output
    assert "compared with run 1 of" in second.output
    assert "regression:audit:viewport" in second.output
