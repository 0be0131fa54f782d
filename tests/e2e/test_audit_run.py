"""audit_urls end to end: real Chromium on pages served from 127.0.0.1."""

from __future__ import annotations

import io
import json

from PIL import Image

from checker import rescore_snapshots
from checker.model.results import CATEGORIES
from checker.store.snapshots import load_pages


def test_page_without_viewport_fails_viewport_on_every_mobile_device(shared_run):
    page = shared_run.page("no-viewport")
    assert page.status == "ok"
    assert [d.device for d in page.devices] == ["iphone-se", "pixel-7", "ipad-mini"]
    for device in page.devices:
        assert device.audits["viewport"].score == 0, device.device
        assert device.audits["viewport"].findings[0].selector == "head"


def test_page_with_viewport_passes_viewport_on_every_device(shared_run):
    page = shared_run.page("mobile-ready")
    for device in page.devices:
        assert device.audits["viewport"].score == 1, device.device
        assert device.scores["layout"] == 100


def test_page_result_carries_scores_and_metadata(shared_run):
    page = shared_run.page("mobile-ready")
    assert page.final_url == shared_run.urls["mobile-ready"]
    identity = {k: page.metadata[k] for k in ("title", "description", "canonical", "lang")}
    assert identity == {
        "title": "Mobile-ready page",
        "description": "A page made for phones, used by the readiness tests.",
        "canonical": "/mobile-ready.html",  # as written; previews resolve it
        "lang": "en",
    }
    assert page.metadata["preview"]["facebook"]["url"] == shared_run.urls["mobile-ready"]
    assert page.scores["layout"] == 100
    assert page.scores["speed"] is None
    # It has a title and a description but no Open Graph tags, card or share image.
    social = page.devices[0].audits
    assert social["document-title"].score == social["meta-description"].score == 1
    assert social["open-graph"].score == 0
    assert page.scores["social"] < 100
    # The mean of the categories with a score (speed has none: the shared run skips it).
    scored = ("layout", "social", "accessibility")
    assert page.scores["overall"] == round(sum(page.scores[c] for c in scored) / 3)
    no_viewport = shared_run.page("no-viewport")
    failing = {id for id, audit in no_viewport.devices[0].audits.items() if audit.score == 0}
    assert {"viewport", "content-width", "font-size", "tap-targets"} <= failing
    assert no_viewport.scores["layout"] < 50
    assert no_viewport.scores["overall"] == round(sum(no_viewport.scores[c] for c in scored) / 3)


def test_refused_connection_is_an_error_while_other_pages_get_full_results(shared_run):
    page = shared_run.page("refused")
    assert page.status == "error"
    assert page.error.kind == "connection"
    assert "refused" in page.error.message
    assert page.devices == []
    others = [p for p in shared_run.run.pages if p.url != page.url]
    assert all(p.status == "ok" and len(p.devices) == 3 for p in others)
    assert shared_run.run.summary["pages"] == 4
    assert shared_run.run.summary["errors"] == 1


def test_block_external_aborts_and_marks_requests_to_other_hosts(shared_run):
    snapshots = {url: caps for url, caps in load_pages(shared_run.snapshots_dir)}
    snapshot = snapshots[shared_run.urls["external"]][0].snapshot
    by_url = {r.url: r for r in snapshot.network}
    external = by_url["http://cdn.example.invalid/photo.jpg"]
    assert external.blocked
    assert external.status is None
    local = by_url[shared_run.urls["external"].replace("external.html", "square.png")]
    assert not local.blocked
    assert local.status == 200


def test_gatherers_record_the_page_as_the_browser_and_server_saw_it(shared_run):
    snapshots = {url: caps for url, caps in load_pages(shared_run.snapshots_dir)}
    capture = snapshots[shared_run.urls["mobile-ready"]][0]
    snapshot = capture.snapshot
    assert capture.device.name == "iphone-se"
    assert snapshot.document.status == 200
    assert snapshot.document.headers["content-type"].startswith("text/html")
    assert "<title>Mobile-ready page</title>" in snapshot.document.html
    dom = snapshot.dom
    assert (dom.viewport_width, dom.viewport_height) == (375, 667)
    assert dom.scroll_width == 375
    sizes = {run.selector: run.font_size for run in dom.text_runs}
    assert sizes["#intro"] == 16
    assert 10 in sizes.values()
    intro = next(r for r in dom.text_runs if r.selector == "#intro")
    # Counted as Lighthouse's font-size audit did: the trimmed text, in code points.
    assert intro.chars == len("This paragraph is set at sixteen pixels, which phones show legibly.")
    assert (dom.outer_width, dom.layout_width) == (375, 375)
    assert dom.wide_elements == []
    link = next(t for t in dom.tap_targets if t.tag == "a")
    assert link.box.width >= 48 and link.box.height >= 48
    assert link.rects == [link.box]
    (image,) = dom.images
    assert (image.natural_width, image.natural_height) == (100, 100)
    assert (image.box.width, image.box.height) == (50, 50)
    (email,) = dom.inputs
    assert (email.type, email.autocomplete, email.inputmode) == ("email", "email", "email")
    document_request = snapshot.network[0]
    assert document_request.resource_type == "document"
    assert document_request.transfer_bytes > document_request.decoded_bytes > 0
    assert snapshot.navigation_timing["responseStart"] > 0
    # Both encoded by the browser as JPEG, the first screen at the device's CSS size.
    assert snapshot.screenshot.startswith(b"\xff\xd8")
    with Image.open(io.BytesIO(snapshot.screenshot)) as first_screen:
        assert first_screen.size == (snapshot.device.width, snapshot.device.height)
    assert snapshot.full_screenshot.startswith(b"\xff\xd8")


def test_rescore_of_saved_snapshots_gives_the_same_scores(shared_run):
    rescored = rescore_snapshots(shared_run.snapshots_dir)
    original = shared_run.run
    assert [p.url for p in rescored.pages] == [p.url for p in original.pages]
    for before, after in zip(original.pages, rescored.pages, strict=True):
        assert after.status == before.status
        assert after.error == before.error
        assert after.scores == before.scores
        assert [d.scores for d in after.devices] == [d.scores for d in before.devices]
        for d_before, d_after in zip(before.devices, after.devices, strict=True):
            assert d_after.audits == d_before.audits
    assert rescored.summary == original.summary
    assert set(original.summary["scores"]) == {"overall", *CATEGORIES}


def test_run_records_the_browser_that_audited_it(shared_run):
    browser = shared_run.run.config["browser"]
    major, *rest = browser["version"].split(".")
    assert int(major) >= 100 and rest  # Chromium's "131.0.6778.85"
    assert browser["playwright"].count(".") >= 1
    record = json.loads((shared_run.output_dir / "run.json").read_text())
    assert record["config"]["browser"] == browser  # a resumed run reports the same
