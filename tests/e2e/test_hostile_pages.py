"""Pages that fight the gathering still get their verdicts: built-ins the in-page gatherers use
replaced by the page (old Prototype/MooTools sites, polyfills, hostile pages), and documents
that reload, replace or redirect themselves while loading. Each page ends `ok`, with the
layout verdicts its content deserves and the element at fault named."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.async_api import Error, Page, Response

from checker import Config, audit_urls
from checker.model.results import AuditResult, PageResult
from checker.model.snapshot import PageSnapshot
from checker.store.snapshots import load_pages

PAGES = Path(__file__).parents[1] / "fixtures" / "pages" / "hostile"
DEVICES = ("iphone-se", "pixel-7")
# A resource the page that replaces itself is still waiting for when it moves.
SLOW_S = 0.5


class _Handler(SimpleHTTPRequestHandler):
    """The hostile pages, an HTTP redirect (/moved), a slow image (/slow.png), and a page only
    browsers get (/browsers-only.html)."""

    extensions_map = {  # noqa: RUF012 - the base class defines it as a class attribute
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
    }

    def do_GET(self) -> None:
        if self.path == "/browsers-only.html" and self.headers.get("Sec-Fetch-Mode") != "navigate":
            # Bot protection: a fetch outside the browser is refused.
            self.send_response(503)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/clean.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/slow.png":
            time.sleep(SLOW_S)
            self.send_response(204)
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def hostile_site() -> Iterator[str]:
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Handler, directory=str(PAGES))
    )
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class HostileRun:
    pages: dict[str, PageResult]
    snapshots: dict[str, dict[str, PageSnapshot]]  # page name -> device -> snapshot

    def audit(self, name: str, device: str, audit_id: str) -> AuditResult:
        page = self.pages[name]
        assert page.status == "ok", page.error
        (result,) = [d for d in page.devices if d.device == device]
        assert result.error is None, result.error
        return result.audits[audit_id]


PATCHED = (
    "matches",
    "bounding-rect",
    "computed-style",
    "json-stringify",
    "array-map",
    "query-selector-all",
    "everything",
)
MOVING = {
    "reload-once": "reload-once.html",
    "replace-during-load": "replace-during-load.html",
    "meta-refresh": "meta-refresh.html",
    "redirect": "moved",
}


@pytest.fixture(scope="module")
def hostile_run(hostile_site: str, tmp_path_factory) -> HostileRun:
    urls = {name: f"{hostile_site}{name}.html" for name in PATCHED}
    urls |= {name: hostile_site + path for name, path in MOVING.items()}
    snapshots_dir = tmp_path_factory.mktemp("hostile-snapshots")
    config = Config(
        devices=DEVICES,
        block_external=True,
        timeout=20,
        speed_devices="none",
        save_snapshots=snapshots_dir,
        output_dir=tmp_path_factory.mktemp("hostile-run"),
    )
    run = audit_urls(list(urls.values()), config)
    by_url = {url: name for name, url in urls.items()}
    snapshots: dict[str, dict[str, PageSnapshot]] = {}
    for url, captures in load_pages(snapshots_dir):
        snapshots[by_url[url]] = {c.device.name: c.snapshot for c in captures if c.snapshot}
    return HostileRun({by_url[p.url]: p for p in run.pages}, snapshots)


def _tiny_link_pairs(audit: AuditResult) -> list[tuple[str | None, str | None]]:
    return [(f.selector, f.related[0].selector) for f in audit.findings]


@pytest.mark.parametrize("name", [*PATCHED, *MOVING])
def test_page_is_audited_whatever_it_does_to_the_browser(hostile_run, name):
    page = hostile_run.pages[name]
    assert page.status == "ok", page.error
    for device in DEVICES:
        snapshot = hostile_run.snapshots[name][device]
        assert snapshot.gather_failures == []
        assert snapshot.document.html.strip().startswith("<!doctype html>")
        assert snapshot.screenshot and snapshot.full_screenshot


@pytest.mark.parametrize("name", ["matches", "array-map"])
@pytest.mark.parametrize("device", DEVICES)
def test_tap_targets_still_names_tiny_links_when_built_ins_are_replaced(hostile_run, name, device):
    audit = hostile_run.audit(name, device, "tap-targets")
    assert audit.score == pytest.approx(2 / 8 * 0.89)
    assert _tiny_link_pairs(audit) == [(f"#p{i}", f"#p{i + 1}") for i in range(1, 6)]
    first = audit.findings[0]
    assert (first.box.x, first.box.y, first.box.width, first.box.height) == (16, 20, 20, 20)


@pytest.mark.parametrize("name", ["bounding-rect", "query-selector-all"])
@pytest.mark.parametrize("device", DEVICES)
def test_content_width_still_names_a_600px_banner_when_built_ins_are_replaced(
    hostile_run, name, device
):
    audit = hostile_run.audit(name, device, "content-width")
    assert audit.score == 0
    assert audit.value == 616
    (finding,) = audit.findings
    assert finding.selector == "#banner"
    assert finding.box.width == pytest.approx(600)


@pytest.mark.parametrize("device", DEVICES)
def test_font_size_still_fails_small_text_when_get_computed_style_is_replaced(hostile_run, device):
    audit = hostile_run.audit("computed-style", device, "font-size")
    assert audit.score == 0
    selectors = {f.selector for f in audit.findings}
    assert {"#story", "#shipping"} <= selectors
    assert hostile_run.audit("computed-style", device, "viewport").score == 1


@pytest.mark.parametrize("device", DEVICES)
def test_a_clean_page_passes_when_json_stringify_is_replaced(hostile_run, device):
    for audit_id in ("viewport", "font-size", "tap-targets", "content-width"):
        audit = hostile_run.audit("json-stringify", device, audit_id)
        assert audit.score == 1, (audit_id, audit.display)


@pytest.mark.parametrize("device", DEVICES)
def test_every_built_in_replaced_at_once_still_gives_every_verdict(hostile_run, device):
    for audit_id in ("viewport", "font-size"):
        assert hostile_run.audit("everything", device, audit_id).score == 1, audit_id
    width = hostile_run.audit("everything", device, "content-width")
    assert width.score == 0
    assert [f.selector for f in width.findings] == ["#banner"]
    # The two boxes are targets only through their listeners, added after the page replaced
    # addEventListener's helpers (Reflect.apply, Function.prototype.call, WeakSet...).
    taps = hostile_run.audit("everything", device, "tap-targets")
    assert taps.score < 1
    assert _tiny_link_pairs(taps)[0] == ("#card1", "#card2")
    snapshot = hostile_run.snapshots["everything"][device]
    vias = {t.selector: t.via for t in snapshot.dom.tap_targets}
    assert vias == {"#card1": "click-handler", "#card2": "click-handler"}


@pytest.mark.parametrize("device", DEVICES)
def test_a_page_that_reloads_itself_while_loading_is_judged_as_reloaded(hostile_run, device):
    audit = hostile_run.audit("reload-once", device, "content-width")
    assert audit.score == 0
    assert [f.selector for f in audit.findings] == ["#banner"]
    assert hostile_run.pages["reload-once"].final_url.endswith("/reload-once.html")


@pytest.mark.parametrize("device", DEVICES)
def test_a_document_replaced_while_loading_is_judged_as_the_replacement(hostile_run, device):
    page = hostile_run.pages["replace-during-load"]
    assert page.final_url.endswith("/replaced.html")
    audit = hostile_run.audit("replace-during-load", device, "tap-targets")
    assert _tiny_link_pairs(audit) == [(f"#p{i}", f"#p{i + 1}") for i in range(1, 6)]
    snapshot = hostile_run.snapshots["replace-during-load"][device]
    assert "The document that replaced the first" in snapshot.document.html


@pytest.mark.parametrize("name", ["meta-refresh", "redirect"])
@pytest.mark.parametrize("device", DEVICES)
def test_a_page_that_redirects_is_judged_where_it_lands(hostile_run, name, device):
    assert hostile_run.pages[name].final_url.endswith("/clean.html")
    for audit_id in ("viewport", "font-size", "tap-targets", "content-width"):
        audit = hostile_run.audit(name, device, audit_id)
        assert audit.score == 1, (audit_id, audit.display)
    snapshot = hostile_run.snapshots[name][device]
    assert 'id="moved-here"' in snapshot.document.html
    assert [u.rsplit("/", 1)[-1] for u in snapshot.document.redirects] == [MOVING[name]]


def test_the_load_is_observed_as_a_speed_run_when_built_ins_are_replaced(hostile_site, tmp_path):
    snapshots_dir = tmp_path / "snapshots"
    config = Config(
        devices=("iphone-se",),
        block_external=True,
        timeout=20,
        save_snapshots=snapshots_dir,
        output_dir=tmp_path / "report",
    )
    (page,) = audit_urls([hostile_site + "everything.html"], config).pages
    assert page.status == "ok", page.error
    ((_, (capture,)),) = load_pages(snapshots_dir)
    (run,) = capture.snapshot.speed_runs
    assert run.fcp_ms is not None and run.fcp_ms > 0
    assert run.lcp_ms is not None and run.lcp_element is not None
    assert run.load_ms is not None


def test_the_cookie_banner_is_accepted_when_built_ins_are_replaced(hostile_site, tmp_path):
    config = Config(
        devices=("iphone-se",),
        block_external=True,
        timeout=20,
        speed_devices="none",
        accept_consent=True,
        output_dir=tmp_path,
    )
    (page,) = audit_urls([hostile_site + "consent-banner.html"], config).pages
    assert page.status == "ok", page.error
    assert page.metadata.get("consent") == {
        "manager": "OneTrust",
        "selector": "#onetrust-accept-btn-handler",
        "text": "Accept All Cookies",
    }


def _audit_one(url: str, tmp_path: Path) -> tuple[PageResult, PageSnapshot]:
    """`url` audited on one phone, without the speed pass; its result and its snapshot."""
    config = Config(
        devices=("iphone-se",),
        block_external=True,
        timeout=20,
        speed_devices="none",
        save_snapshots=tmp_path / "snapshots",
        output_dir=tmp_path / "report",
    )
    (page,) = audit_urls([url], config).pages
    ((_, (capture,)),) = load_pages(tmp_path / "snapshots")
    assert capture.snapshot is not None
    return page, capture.snapshot


BODY_GONE = "Protocol error (Network.getResponseBody): No resource with given identifier found"


@pytest.fixture
def body_gone(monkeypatch) -> None:
    """Every document body read from the browser fails as in the race seen on real pages (the
    browser let go of the body first), which cannot be staged at will."""

    async def gone(self: Response) -> bytes:
        raise Error(BODY_GONE)

    monkeypatch.setattr(Response, "body", gone)


def test_a_body_the_browser_let_go_of_is_fetched_again(hostile_site, tmp_path, body_gone):
    page, snapshot = _audit_one(hostile_site + "clean.html", tmp_path)
    assert page.status == "ok", page.error
    assert snapshot.gather_failures == []
    assert 'id="moved-here"' in snapshot.document.html
    assert snapshot.server_head.title == "Where the page moved to"


def test_a_body_that_cannot_be_had_at_all_is_a_gather_failure_not_a_lost_page(
    hostile_site, tmp_path, body_gone
):
    page, snapshot = _audit_one(hostile_site + "browsers-only.html", tmp_path)
    assert page.status == "ok", page.error
    (failure,) = snapshot.gather_failures
    assert (failure.gatherer, failure.kind) == ("document", "unreadable")
    assert "HTTP 503" in failure.message
    assert "Protocol error" not in failure.message
    assert snapshot.document.html == ""
    assert snapshot.document.status == 200
    # What the browser shows is still judged.
    (device,) = page.devices
    for audit_id in ("viewport", "font-size", "tap-targets", "content-width"):
        assert device.audits[audit_id].score == 1, audit_id


def test_a_screenshot_the_browser_cannot_take_is_a_gather_failure(
    hostile_site, tmp_path, monkeypatch
):
    async def fails(self: Page, **options: object) -> bytes:
        raise Error("Protocol error (Page.captureScreenshot): Unable to capture screenshot")

    monkeypatch.setattr(Page, "screenshot", fails)
    page, snapshot = _audit_one(hostile_site + "matches.html", tmp_path)
    assert page.status == "ok", page.error
    (failure,) = snapshot.gather_failures
    assert (failure.gatherer, failure.kind) == ("screenshot", "browser")
    assert "Unable to capture screenshot" in failure.message
    assert snapshot.screenshot is None and snapshot.full_screenshot is None
    (device,) = page.devices
    pairs = _tiny_link_pairs(device.audits["tap-targets"])
    assert pairs == [(f"#p{i}", f"#p{i + 1}") for i in range(1, 6)]


@pytest.mark.parametrize("device", DEVICES)
def test_every_built_in_replaced_at_once_still_gives_every_accessibility_verdict(
    hostile_run, device
):
    """axe-core and our own checks run in our world: the page's broken built-ins (Promise,
    Array, JSON, getComputedStyle...) change none of their verdicts."""
    audits = hostile_run.pages["everything"].devices[DEVICES.index(device)].audits
    accessibility = {a.id: a for a in audits.values() if a.category == "accessibility"}
    assert accessibility
    assert {a.id: a.error for a in accessibility.values() if a.error is not None} == {}
    for audit_id in ("html-has-lang", "page-title", "image-alt", "meta-viewport"):
        assert accessibility[audit_id].score == 1, audit_id
