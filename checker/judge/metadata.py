"""A page's metadata for report.json: its identity (title, description, canonical, language)
and its social metadata, as crawlers read them from the HTML the server sent (no scripts), with
the preview each platform resolves from them (`preview`: platform -> title, description, image,
site name, URL...). See checker/social/."""

from __future__ import annotations

from typing import Any

from checker.model.serde import to_data
from checker.model.snapshot import PageSnapshot
from checker.social.metadata import extract_metadata
from checker.social.preview import resolve_previews

# The reports keep metadata readable and small whatever a page holds (a hostile page can put
# a megabyte in its description); the audits judge the full values in the snapshot.
MAX_TEXT = 2000
MAX_ITEMS = 100


def page_metadata(snapshot: PageSnapshot) -> dict[str, Any]:
    document = snapshot.document
    meta = extract_metadata(document.html, document.url)
    return bounded({**to_data(meta), "preview": to_data(resolve_previews(meta, document.url))})


def bounded(value: Any) -> Any:
    """`value` with every string cut at MAX_TEXT characters and every list at MAX_ITEMS."""
    if isinstance(value, str):
        return value if len(value) <= MAX_TEXT else value[: MAX_TEXT - 1] + "…"
    if isinstance(value, list):
        return [bounded(v) for v in value[:MAX_ITEMS]]
    if isinstance(value, dict):
        return {k: bounded(v) for k, v in list(value.items())[:MAX_ITEMS]}
    return value
