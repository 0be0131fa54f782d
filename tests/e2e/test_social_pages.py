"""The social audits end to end: tests/fixtures/pages/social/ served on 127.0.0.1 by a server
that writes its own address into the pages (og:url, og:image and canonical must be absolute),
answers 403 to link crawlers on one page, answers them nothing at all on another (Facebook's and
X's requests are held open, the others' connections closed unanswered), and serves a 9 MB image
written at test time."""

from __future__ import annotations

import io
import os
import threading
import time
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image

from checker import Config, audit_urls
from checker.model.results import AuditResult, PageResult
from checker.report.previews import preview_cards

SOCIAL_PAGES = Path(__file__).parents[1] / "fixtures" / "pages" / "social"
CRAWLER_TOKENS = ("facebookexternalhit", "twitterbot", "linkedinbot", "slackbot", "whatsapp",
                  "discordbot", "bluesky cardyb", "mastodon", "telegrambot")  # fmt: skip
FORBIDDEN_TO_CRAWLERS = "/crawler-403.html"
SILENT_TO_CRAWLERS = "/crawler-silent.html"
# Crawlers whose requests for the silent page are accepted and never answered; the others'
# connections are closed without a word.
HELD_OPEN = ("facebookexternalhit", "twitterbot")
HUGE_IMAGE_SIDE = 1750  # 1750 * 1750 * 3 bytes of noise: a PNG of about 9.2 MB


class _SocialHandler(SimpleHTTPRequestHandler):
    base_url = ""
    generated: Path = Path()
    release = threading.Event()  # set when the server stops: held requests end then

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        agent = self.headers.get("User-Agent", "").lower()
        if path == FORBIDDEN_TO_CRAWLERS and any(t in agent for t in CRAWLER_TOKENS):
            self._send(403, "text/html", b"<!doctype html><title>Forbidden</title>")
        elif path == SILENT_TO_CRAWLERS and any(t in agent for t in CRAWLER_TOKENS):
            if any(t in agent for t in HELD_OPEN):
                self.release.wait(timeout=120)  # never answers while the tests run
            self.close_connection = True  # no status line, no headers: nothing
        elif path.startswith("/generated/"):
            file = self.generated / path.removeprefix("/generated/")
            if file.is_file():
                self._send(200, "image/png", file.read_bytes())
            else:
                self._send(404, "text/plain", b"not found")
        elif path.endswith((".html", ".json")) and (SOCIAL_PAGES / path.lstrip("/")).is_file():
            text = (SOCIAL_PAGES / path.lstrip("/")).read_text()
            kind = "text/html; charset=utf-8" if path.endswith(".html") else "application/json"
            self._send(200, kind, text.replace("__BASE__", self.base_url).encode())
        else:
            super().do_GET()

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def _noise_png(path: Path) -> None:
    side = HUGE_IMAGE_SIDE
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1)
    path.write_bytes(out.getvalue())


@pytest.fixture(scope="module")
def social_site(tmp_path_factory) -> Iterator[str]:
    generated = tmp_path_factory.mktemp("generated")
    _noise_png(generated / "huge.png")
    handler = partial(_SocialHandler, directory=str(SOCIAL_PAGES))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    _SocialHandler.base_url, _SocialHandler.generated = base, generated
    _SocialHandler.release = threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        _SocialHandler.release.set()
        server.shutdown()
        server.server_close()


PAGES = (
    "complete", "image-404", "svg-image", "small-image", "wide-image", "huge-image",
    "script-tags", "relative-image", "two-canonicals", "invalid-jsonld", "crawler-403",
    "robots-blocked",
)  # fmt: skip


@pytest.fixture(scope="module")
def social_run(social_site: str, tmp_path_factory) -> dict[str, PageResult]:
    config = Config(
        devices=("iphone-se",),
        block_external=True,
        timeout=20,
        speed_devices="none",
        output_dir=tmp_path_factory.mktemp("social-run"),
    )
    run = audit_urls([f"{social_site}/{name}.html" for name in PAGES], config)
    return dict(zip(PAGES, run.pages, strict=True))


def _audit(run: dict[str, PageResult], page: str, audit_id: str) -> AuditResult:
    result = run[page]
    assert result.status == "ok", result.error
    return result.devices[0].audits[audit_id]


SOCIAL_AUDITS = (
    "open-graph", "twitter-card", "share-image", "canonical", "structured-data",
    "social-profiles", "icons", "crawler-visibility", "document-title", "meta-description",
)  # fmt: skip


@pytest.mark.parametrize("audit_id", SOCIAL_AUDITS)
def test_a_complete_page_passes_every_social_audit(social_run, audit_id):
    audit = _audit(social_run, "complete", audit_id)
    assert audit.score == 1, (audit.display, audit.findings)


def test_share_image_measures_the_complete_pages_jpeg(social_run):
    audit = _audit(social_run, "complete", "share-image")
    assert audit.value == "1200x630"
    assert audit.details["image"]["format"] == "JPEG"
    assert set(audit.details["platforms"].values()) == {1.0}


def test_share_image_scores_zero_for_an_image_that_404s(social_run):
    audit = _audit(social_run, "image-404", "share-image")
    assert audit.score == 0
    assert "answers HTTP 404" in audit.findings[0].message
    assert audit.findings[0].selector == 'meta[property="og:image"]'


def test_share_image_fails_an_svg_on_every_platform(social_run):
    audit = _audit(social_run, "svg-image", "share-image")
    assert audit.score == 0
    finding = audit.findings[0]
    assert finding.details["problem"] == "format"
    assert {"Facebook", "X (summary_large_image)"} <= set(finding.details["platforms"])


def test_share_image_flags_a_150px_image_as_too_small_for_facebook_and_x(social_run):
    audit = _audit(social_run, "small-image", "share-image")
    assert audit.score < 0.9
    too_small = next(f for f in audit.findings if f.details.get("problem") == "too-small")
    assert set(too_small.details["platforms"]) == {"Facebook", "X (summary_large_image)"}


def test_share_image_flags_a_3_to_1_image_as_cropped_and_its_declared_size(social_run):
    audit = _audit(social_run, "wide-image", "share-image")
    assert audit.score < 0.9
    problems = {f.details.get("problem") for f in audit.findings}
    assert {"aspect", "declared-size"} <= problems


def test_share_image_flags_a_9_mb_image_over_every_file_size_limit(social_run):
    audit = _audit(social_run, "huge-image", "share-image")
    assert audit.details["image"]["bytes"] > 8_000_000
    file_size = next(f for f in audit.findings if f.details.get("problem") == "file-size")
    assert set(file_size.details["platforms"]) == {
        "Facebook", "X (summary_large_image)", "LinkedIn", "WhatsApp", "Mastodon", "Threads",
    }  # fmt: skip
    shrunk = next(f for f in audit.findings if f.details.get("problem") == "file-size-shrunk")
    assert set(shrunk.details["platforms"]) == {"Bluesky"}  # its app shrinks it
    assert audit.score < 0.5


def test_share_image_flags_a_relative_og_image(social_run):
    audit = _audit(social_run, "relative-image", "share-image")
    assert any(f.details.get("problem") == "relative-url" for f in audit.findings)
    assert audit.score < 0.9
    open_graph = _audit(social_run, "relative-image", "open-graph")
    assert "og:image" in open_graph.findings[0].message
    assert open_graph.score < 1


def test_script_only_tags_fail_open_graph_and_crawler_visibility(social_run):
    open_graph = _audit(social_run, "script-tags", "open-graph")
    assert open_graph.score == 0
    assert all(f.details.get("rendered_only") for f in open_graph.findings)
    visibility = _audit(social_run, "script-tags", "crawler-visibility")
    assert visibility.score < 0.9
    rendered_only = {f.details["tag"] for f in visibility.findings if "tag" in f.details}
    assert {"og:title", "og:image", "description"} <= rendered_only
    assert _audit(social_run, "script-tags", "share-image").score == 0


def test_canonical_fails_two_different_canonicals(social_run):
    audit = _audit(social_run, "two-canonicals", "canonical")
    assert audit.score == 0
    assert "2 different canonical URLs" in audit.findings[0].message


def test_structured_data_reports_an_invalid_json_ld_block(social_run):
    audit = _audit(social_run, "invalid-jsonld", "structured-data")
    assert audit.score == 0
    assert "does not parse" in audit.findings[0].message


def test_crawler_visibility_fails_a_page_that_answers_crawlers_403(social_run):
    audit = _audit(social_run, "crawler-403", "crawler-visibility")
    assert audit.score == 0
    assert {f.details["status"] for f in audit.findings} == {403}
    assert len(audit.findings) == 10


def test_crawler_visibility_names_the_crawler_robots_txt_blocks(social_run):
    audit = _audit(social_run, "robots-blocked", "crawler-visibility")
    (finding,) = audit.findings
    assert finding.details["crawler"] == "x"
    assert "robots.txt disallows" in finding.message
    assert audit.details["crawlers"]["x"] == 0


# The crawler fetches time out after min(10 s, the page timeout) (checker/gather/social.py).
SILENT_TIMEOUT_S = 10.0


@pytest.fixture(scope="module")
def silent_run(social_site: str, tmp_path_factory) -> tuple[PageResult, float]:
    config = Config(
        devices=("iphone-se",),
        block_external=True,
        timeout=SILENT_TIMEOUT_S,
        speed_devices="none",
        output_dir=tmp_path_factory.mktemp("silent-run"),
    )
    started = time.monotonic()
    run = audit_urls([f"{social_site}{SILENT_TO_CRAWLERS}"], config)
    (page,) = run.pages
    return page, time.monotonic() - started


def test_crawler_visibility_fails_crawlers_that_get_no_answer_in_bounded_time(silent_run):
    page, elapsed = silent_run
    audit = _audit({"silent": page}, "silent", "crawler-visibility")
    # Asked and got nothing: a failure naming each crawler and why, not "not applicable".
    assert audit.error is None
    assert audit.score == 0
    reasons = audit.details["no_answer"]
    assert set(reasons) == {"facebook", "x", "linkedin", "slack", "whatsapp", "discord",
                            "bluesky", "mastodon", "threads", "telegram"}  # fmt: skip
    # Threads is fetched by Meta's facebookexternalhit, and Telegram's agent says "(like
    # TwitterBot)": this server holds both open, as a server matching those names would.
    held = ("facebook", "x", "threads", "telegram")
    assert {reasons[c] for c in held} == {"timed out"}
    closed = ("linkedin", "slack", "whatsapp", "discord", "bluesky", "mastodon")
    assert {reasons[c] for c in closed} <= {
        "the connection closed without an answer", "the connection was reset",
    }  # fmt: skip
    assert audit.display.startswith(
        "0 of 10 crawlers get the page; no answer for Facebook, X, Threads and Telegram"
    )
    assert len(audit.findings) == 10
    # The held requests are let go only when the server stops (after 120 s): ending well
    # before, the run's fetches were cut by their own timeouts (here two: the crawlers', then
    # the canonical check's, which asks for the page with Facebook's user agent too).
    assert elapsed < 60


def test_preview_shows_no_card_for_platforms_whose_crawler_got_no_answer(silent_run):
    page, _ = silent_run
    cards = {card.platform: card for card in preview_cards(page)}
    assert {card.layout for card in cards.values()} == {"none"}
    assert cards["facebook"].notes == [
        "Facebook's crawler got no answer (timed out): Facebook shows no preview, only the link."
    ]
    assert all(card.image is None and card.description is None for card in cards.values())
