"""A page's identity as the server's HTML gives it: title, description, canonical, language."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from checker.snapshot import PageSnapshot


def page_metadata(snapshot: PageSnapshot) -> dict[str, Any]:
    head = snapshot.server_head
    descriptions = [(m.attr("content") or "").strip() for m in head.metas_named("description")]
    canonical = next(
        (
            (link.attr("href") or "").strip()
            for link in head.links
            if "canonical" in (link.attr("rel") or "").lower().split()
            and (link.attr("href") or "").strip()
        ),
        None,
    )
    return {
        "title": head.title or None,
        "description": next((d for d in descriptions if d), None),
        "canonical": urljoin(snapshot.document.url, canonical) if canonical else None,
        "lang": (head.lang or "").strip() or None,
    }
