"""A site that holds every link crawler's request open (the page, robots.txt, the share
image, the icons, the canonical check): the crawlers' view ends within the page's timeout
with what it has, so the page keeps its social verdicts and names the crawlers that got
nothing, instead of losing the whole view to the gatherer's guard."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from checker import Config, audit_urls
from checker.model.results import PageResult

SOCIAL_PAGES = Path(__file__).parents[1] / "fixtures" / "pages" / "social"
CRAWLER_TOKENS = ("facebookexternalhit", "twitterbot", "linkedinbot", "slackbot", "whatsapp",
                  "discordbot", "bluesky cardyb", "mastodon", "telegrambot")  # fmt: skip
TIMEOUT_S = 10.0


class _HoldsCrawlers(SimpleHTTPRequestHandler):
    release = threading.Event()

    def do_GET(self) -> None:
        agent = self.headers.get("User-Agent", "").lower()
        if any(token in agent for token in CRAWLER_TOKENS):
            self.release.wait(timeout=120)  # never answers while the test runs
            self.close_connection = True
            return
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def holding_site() -> Iterator[str]:
    _HoldsCrawlers.release = threading.Event()
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(_HoldsCrawlers, directory=str(SOCIAL_PAGES))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        _HoldsCrawlers.release.set()
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def held_run(holding_site: str, tmp_path_factory) -> tuple[PageResult, float]:
    config = Config(
        devices=("iphone-se",),
        block_external=True,
        timeout=TIMEOUT_S,
        speed_devices="none",
        output_dir=tmp_path_factory.mktemp("held-run"),
    )
    started = time.monotonic()
    (page,) = audit_urls([f"{holding_site}/complete.html"], config).pages
    return page, time.monotonic() - started


def test_crawlers_held_everywhere_fail_crawler_visibility_not_the_gatherer(held_run):
    page, elapsed = held_run
    assert page.status == "ok"
    (device,) = page.devices
    audit = device.audits["crawler-visibility"]
    assert audit.error is None  # the view was gathered: the crawlers got nothing
    assert audit.score == 0
    assert set(audit.details["no_answer"]) == {
        "facebook", "x", "linkedin", "slack", "whatsapp", "discord",
        "bluesky", "mastodon", "threads", "telegram",
    }  # fmt: skip
    assert set(audit.details["no_answer"].values()) == {"timed out"}
    # Bounded by the page's timeout once for the crawlers (plus the load and the run's start),
    # not once per wave of fetches.
    assert elapsed < 2 * TIMEOUT_S + 5
