"""A page's metadata for report.json: its identity (title, description, canonical, language)
and its social metadata, as crawlers read them from the HTML the server sent (no scripts), with
the preview each platform resolves from them (`preview`: platform -> title, description, image,
site name, URL...). See checker/social/."""

from __future__ import annotations

from typing import Any

from checker.serde import to_data
from checker.snapshot import PageSnapshot
from checker.social.metadata import extract_metadata
from checker.social.preview import resolve_previews


def page_metadata(snapshot: PageSnapshot) -> dict[str, Any]:
    document = snapshot.document
    meta = extract_metadata(document.html, document.url)
    return {**to_data(meta), "preview": to_data(resolve_previews(meta, document.url))}
