"""From snapshots (or load errors) to results: audits, scores, metadata. No browser here,
so a live run and `rescore` build their results the same way."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from audits import AuditSpec
from checker._version import __version__
from checker.judge.auditing import run_audits
from checker.judge.metadata import page_metadata
from checker.judge.scoring import (
    device_incomplete,
    device_scores,
    page_incomplete,
    page_scores,
    summary_incomplete,
    summary_scores,
)
from checker.judge.top_fixes import FixTally
from checker.model.capture import DeviceCapture
from checker.model.results import (
    CATEGORIES,
    Category,
    DeviceResult,
    ErrorInfo,
    PageResult,
    RunResult,
)
from checker.model.snapshot import PageSnapshot


def device_result(
    capture: DeviceCapture,
    specs: list[AuditSpec],
    weights: dict[str, float],
    categories: Sequence[Category] = CATEGORIES,
) -> DeviceResult:
    """`categories` are those the run scores (--only-categories): each has a score key, even
    one with no audit yet, and no other category has one."""
    device = capture.device
    viewport = {"width": device.width, "height": device.height}
    if capture.snapshot is None:
        empty = dict.fromkeys(("overall", *categories))
        return DeviceResult(device.name, viewport, device.is_mobile, empty, {}, capture.error)
    audits = run_audits(capture.snapshot, specs, weights)
    return DeviceResult(
        device=device.name,
        viewport=viewport,
        is_mobile=device.is_mobile,
        scores=device_scores(audits.values(), categories),
        incomplete=device_incomplete(audits.values()),
        audits=audits,
        resources=resource_summary(capture.snapshot),
        screenshot=capture.snapshot.screenshot,
        full_screenshot=capture.snapshot.full_screenshot,
        first_screen_css_width=capture.snapshot.dom.viewport_width,
    )


def page_result(
    url: str,
    captures: list[DeviceCapture],
    specs: list[AuditSpec],
    weights: dict[str, float],
    categories: Sequence[Category] = CATEGORIES,
) -> PageResult:
    devices = [device_result(c, specs, weights, categories) for c in captures]
    snapshots = [c.snapshot for c in captures if c.snapshot is not None]
    if not snapshots:
        error = next((c.error for c in captures if c.error), None) or ErrorInfo(
            "unknown", "No device could load the page."
        )
        return error_page(url, error, categories)
    return PageResult(
        url=url,
        final_url=snapshots[0].final_url,
        status="ok",
        error=None,
        scores=page_scores(devices, categories),
        incomplete=page_incomplete(devices),
        metadata=_metadata(snapshots[0]),
        devices=devices,
        share_thumbnails=_share_thumbnails(snapshots[0]),
    )


def _metadata(snapshot: PageSnapshot) -> dict[str, Any]:
    metadata = page_metadata(snapshot)
    if snapshot.consent is not None:
        # Which cookie banner --accept-consent clicked away before measuring.
        consent = snapshot.consent
        metadata["consent"] = {
            "manager": consent.manager,
            "selector": consent.selector,
            "text": consent.element.label,
        }
    return metadata


def error_page(
    url: str, error: ErrorInfo, categories: Sequence[Category] = CATEGORIES
) -> PageResult:
    empty: dict[str, int | None] = dict.fromkeys(("overall", *categories))
    return PageResult(url, None, "error", error, empty, {}, [])


def resource_summary(snapshot: PageSnapshot) -> dict[str, Any]:
    """Requests and bytes over the wire by resource type, for budgets."""
    loaded = [r for r in snapshot.network if not r.blocked and r.failure is None]
    by_type: dict[str, int] = {}
    for request in loaded:
        by_type[request.resource_type] = by_type.get(request.resource_type, 0) + (
            request.transfer_bytes
        )
    return {
        "requests": len(loaded),
        "transfer_bytes": sum(by_type.values()),
        "bytes_by_type": dict(sorted(by_type.items())),
    }


def _share_thumbnails(snapshot: PageSnapshot) -> dict[str, bytes]:
    images = snapshot.social.images if snapshot.social else []
    return {image.url: image.thumbnail for image in images if image.thumbnail}


def run_result(
    pages: Sequence[PageResult], config: dict[str, Any], started_at: str, *, complete: bool = True
) -> RunResult:
    # One pass, keeping only the scores and the fixes' tally: `pages` may be read from disk
    # as it is iterated.
    fixes = FixTally()
    audited = []
    for page in pages:
        fixes.add(page)
        if page.status == "ok":
            audited.append((page.scores, page.incomplete))
    audited_scores = [scores for scores, _ in audited]
    categories = categories_run(config)
    return RunResult(
        started_at=started_at,
        config=config,
        pages=pages,
        summary={
            "pages": len(pages),
            "errors": len(pages) - len(audited_scores),
            "scores": summary_scores(audited_scores, categories),
            # Pages on which each category could not be scored (a check could not run).
            "incomplete": summary_incomplete(incomplete for _, incomplete in audited),
            # The executive summary's few fixes that would do the most (judge/top_fixes.py).
            "top_fixes": [dataclasses.asdict(fix) for fix in fixes.top()],
        },
        tool={"name": "readiness", "version": __version__},
        complete=complete,
        categories_run=categories,
    )


def categories_run(config: dict[str, Any]) -> tuple[Category, ...]:
    """The categories a run's recorded settings audited: all, for a run recorded before
    --only-categories existed."""
    chosen = set(config.get("only_categories") or CATEGORIES)
    return tuple(category for category in CATEGORIES if category in chosen)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
