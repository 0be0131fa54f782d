"""Every fact names its element one way: a selector, a box, the start of its HTML, and the
label a person knows it by (its accessible name where the page gives one, else its text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import Config, audit_urls
from checker.demo.server import serve_directory
from checker.model.snapshot import PageSnapshot
from checker.store.snapshots import load_pages

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "elements"


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory) -> PageSnapshot:
    folder = tmp_path_factory.mktemp("elements")
    config = Config(
        devices=("iphone-se",),
        block_external=True,
        timeout=20,
        speed_devices="none",
        save_snapshots=folder / "snapshots",
        output_dir=folder / "report",
    )
    with serve_directory(PAGES) as base_url:
        (page,) = audit_urls([base_url + "labels.html"], config).pages
    assert page.status == "ok", page.error
    ((_, (capture,)),) = load_pages(folder / "snapshots")
    assert capture.snapshot is not None
    return capture.snapshot


def test_a_link_is_known_by_its_text_with_its_spaces_folded(snapshot):
    (link,) = [t for t in snapshot.dom.tap_targets if t.selector == "#shop"]
    assert link.element.label == "Visit the shop"
    assert link.snippet.startswith('<a id="shop" href="/shop">Visit the shop')
    assert link.box.width > 0 and link.box.height >= 48


def test_a_button_is_known_by_its_accessible_name_not_its_glyph(snapshot):
    (button,) = [t for t in snapshot.dom.tap_targets if t.selector == "#close"]
    assert button.element.label == "Close the menu"


def test_an_image_is_known_by_its_alt_and_a_field_by_its_placeholder(snapshot):
    (logo,) = [i for i in snapshot.dom.images if i.selector == "#logo"]
    assert logo.element.label == "Harbor & Pine logo"
    (email,) = [f for f in snapshot.dom.inputs if f.selector == "#email"]
    assert email.element.label == "you@example.com"


def test_head_tags_are_elements_without_a_box(snapshot):
    (viewport,) = snapshot.dom.head.metas_named("viewport")
    assert viewport.selector == 'meta[name="viewport"]'
    assert viewport.element.box is None
