"""Saved snapshots: one JSON file per page, written as the page completes."""

from __future__ import annotations

import json
import re
from pathlib import Path

from checker.judge.assemble import DeviceCapture
from checker.model.errors import SnapshotError
from checker.model.results import ErrorInfo
from checker.model.serde import from_data, to_data
from checker.model.snapshot import SCHEMA_VERSION, DeviceInfo, PageSnapshot
from checker.store.files import write_atomic

# Version 4 only added the accessibility pass: a version 3 snapshot is read as one whose pass
# did not run, and its accessibility audits say they could not check.
READABLE_VERSIONS = (3, SCHEMA_VERSION)

_UNSAFE = re.compile(r"[^a-z0-9]+")


def save_page(directory: Path, index: int, url: str, captures: list[DeviceCapture]) -> Path:
    slug = _UNSAFE.sub("-", url.lower().split("://", 1)[-1]).strip("-")[:60]
    path = directory / f"{index:04d}-{slug}.json"
    document = {
        "schema_version": SCHEMA_VERSION,
        "index": index,
        "url": url,
        "captures": [to_data(c) for c in captures],
    }
    write_atomic(path, json.dumps(document, ensure_ascii=False))
    return path


def load_pages(directory: Path) -> list[tuple[str, list[DeviceCapture]]]:
    """Every saved page in run order, as (url, captures)."""
    if not directory.is_dir():
        raise SnapshotError(f"{directory} is not a directory of saved snapshots.")
    files = sorted(directory.glob("*.json"))
    if not files:
        raise SnapshotError(
            f"{directory} holds no snapshots; save some with "
            "`readiness audit URL --save-snapshots DIR`."
        )
    pages = []
    for path in files:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SnapshotError(f"{path} is not a readable snapshot file ({exc}).") from None
        version = document.get("schema_version") if isinstance(document, dict) else None
        if version not in READABLE_VERSIONS:
            raise SnapshotError(
                f"{path} has snapshot schema version {version}, this readiness reads "
                f"version {SCHEMA_VERSION}; re-run the audit to save new snapshots."
            )
        try:
            captures = [_capture(c) for c in document["captures"]]
            pages.append((document.get("index", 0), document["url"], captures))
        except (KeyError, TypeError, ValueError) as exc:
            raise SnapshotError(f"{path} is damaged: {exc!r}.") from None
    return [(url, captures) for _, url, captures in sorted(pages, key=lambda p: p[0])]


def _capture(data: dict) -> DeviceCapture:
    return DeviceCapture(
        device=from_data(DeviceInfo, data["device"]),
        snapshot=from_data(PageSnapshot, data["snapshot"]) if data.get("snapshot") else None,
        error=from_data(ErrorInfo, data["error"]) if data.get("error") else None,
    )
