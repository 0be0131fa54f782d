"""--only-categories in real Chromium: what the left-out categories need is not gathered (the
saved snapshots hold no speed run, no crawlers' view, no axe results; the server sees no
crawler fetch) and the reports hold no result for them."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from typer.testing import CliRunner

from audits import all_audits
from checker.cli.app import app

runner = CliRunner()
SOCIAL_PAGES = Path(__file__).parents[1] / "fixtures" / "pages" / "social"
CRAWLER_TOKENS = ("facebookexternalhit", "twitterbot", "linkedinbot", "slackbot", "whatsapp",
                  "discordbot", "bluesky cardyb", "mastodon", "telegrambot")  # fmt: skip


class _RecordsAgents(SimpleHTTPRequestHandler):
    agents: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.agents.append(self.headers.get("User-Agent", "").lower())
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def recording_site() -> Iterator[str]:
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(_RecordsAgents, directory=str(SOCIAL_PAGES))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/complete.html"
    finally:
        server.shutdown()
        server.server_close()


def _audit(url: str, tmp_path: Path, categories: str) -> tuple[dict[str, Any], list[dict], str]:
    """One page on one phone with the default (simulated) speed pass unless left out: the
    report.json, the saved snapshots of its devices, and what the command printed."""
    _RecordsAgents.agents = []
    out, snapshots = tmp_path / "out", tmp_path / "snapshots"
    result = runner.invoke(
        app,
        [
            "audit", url, "--only-categories", categories, "--device", "iphone-se",
            "--block-external", "--timeout", "20", "--save-snapshots", str(snapshots),
            "-o", str(out),
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text())
    (saved,) = snapshots.glob("*.json")
    captures = json.loads(saved.read_text())["captures"]
    return report, [c["snapshot"] for c in captures], result.output


def _crawler_fetches() -> list[str]:
    return [a for a in _RecordsAgents.agents if any(t in a for t in CRAWLER_TOKENS)]


def _categories_of_results(report: dict[str, Any]) -> set[str]:
    return {
        audit["category"]
        for page in report["pages"]
        for device in page["devices"]
        for audit in device["audits"].values()
    }


def test_layout_only_gathers_nothing_for_speed_social_or_accessibility(recording_site, tmp_path):
    report, snapshots, output = _audit(recording_site, tmp_path, "layout")
    (snapshot,) = snapshots
    assert snapshot["dom"] is not None  # the layout pass ran
    assert snapshot["speed_runs"] == []
    assert snapshot["resources"] == []
    assert snapshot["social"] is None
    assert snapshot["axe"] is None
    assert snapshot["accessibility_ms"] == {}
    assert snapshot["gather_failures"] == []
    assert _RecordsAgents.agents  # the browser loaded the page here...
    assert _crawler_fetches() == []  # ...and no link crawler fetched it

    assert report["categories_run"] == ["layout"]
    assert report["config"]["only_categories"] == ["layout"]
    assert _categories_of_results(report) == {"layout"}
    (page,) = report["pages"]
    assert set(page["scores"]) == {"overall", "layout"}
    assert page["scores"]["overall"] == page["scores"]["layout"]
    assert set(report["summary"]["scores"]) == {"overall", "layout"}
    assert output.splitlines()[1].split() == ["page", "status", "overall", "layout"]


def test_layout_and_accessibility_give_accessibility_results_and_no_crawler_fetch(
    recording_site, tmp_path
):
    report, (snapshot,), _ = _audit(recording_site, tmp_path, "layout,accessibility")
    assert snapshot["axe"] is not None
    assert snapshot["speed_runs"] == [] and snapshot["social"] is None
    assert _crawler_fetches() == []
    assert report["categories_run"] == ["layout", "accessibility"]
    # Every accessibility audit the registry has, and nothing of speed or social.
    wanted = {a.id for a in all_audits() if a.category in ("layout", "accessibility")}
    (page,) = report["pages"]
    (device,) = page["devices"]
    assert set(device["audits"]) == wanted
    assert _categories_of_results(report) <= {"layout", "accessibility"}
    assert set(page["scores"]) == {"overall", "layout", "accessibility"}
    # axe ran: its checks have verdicts (one may still be undecided on this page).
    checked = [device["audits"][i] for i in wanted if device["audits"][i]["category"] != "layout"]
    assert checked and sum(a["error"] is None for a in checked) > len(checked) / 2


def test_social_alone_fetches_as_the_crawlers_and_loads_nothing_for_speed(recording_site, tmp_path):
    # The control: the same server does see the crawlers when social is chosen.
    report, (snapshot,), _ = _audit(recording_site, tmp_path, "social")
    assert _crawler_fetches()
    assert snapshot["social"] is not None
    assert snapshot["speed_runs"] == [] and snapshot["axe"] is None
    assert _categories_of_results(report) == {"social"}
