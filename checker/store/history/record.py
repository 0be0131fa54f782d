"""Writing a finished run into the history, in one transaction: a run that could not be
written leaves nothing half-written, and two runs writing at once each keep all their rows."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert

from checker.judge.scoring import summary_scores
from checker.model.results import Finding, PageResult, RunResult
from checker.model.urls import host_port_label, page_key
from checker.store.history import schema
from checker.store.history.fingerprints import fingerprint
from checker.store.history.origin import Origin


def record_run(connection: Connection, run: RunResult, command: str, origin: Origin) -> int:
    """Insert `run` and everything it found; its id."""
    run_id = connection.execute(
        insert(schema.runs).values(_run_row(run, command, origin))
    ).inserted_primary_key[0]
    by_site: dict[str, list[dict[str, Any]]] = {}
    for page in run.pages:
        site = host_port_label(page.url)
        page_id = connection.execute(
            insert(schema.pages).values(_page_row(run_id, site, page))
        ).inserted_primary_key[0]
        if page.status == "ok":
            by_site.setdefault(site, []).append(page.scores)
        else:
            by_site.setdefault(site, [])
        _insert_many(connection, schema.page_scores, _page_scores(page_id, page))
        _insert_many(connection, schema.audit_results, _audit_rows(page_id, page))
        _insert_many(connection, schema.findings, _finding_rows(page_id, page))
    _insert_many(connection, schema.site_scores, _site_rows(run_id, run, by_site))
    return int(run_id)


def config_digest(config: dict[str, Any]) -> str:
    """The settings' fingerprint: two runs with one digest were made alike."""
    canonical = json.dumps(config, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _insert_many(connection: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    if rows:
        connection.execute(insert(table), rows)


def _run_row(run: RunResult, command: str, origin: Origin) -> dict[str, Any]:
    config = run.config or {}
    return {
        "started_at": _when(run.started_at),
        "recorded_at": datetime.now(UTC),
        "tool_version": str(run.tool.get("version", ""))[:40],
        "command": command[:20],
        "config_digest": config_digest(config),
        "commit": origin.commit,
        "branch": origin.branch,
        "devices": list(config.get("devices") or []),
        "throttling": {
            "throttle": config.get("throttle"),
            "method": config.get("throttle_method"),
            "speed_devices": config.get("speed_devices"),
            "runs": config.get("runs"),
        },
        "categories": list(run.categories_run),
        "pages": len(run.pages),
        "complete": 1 if run.complete else 0,
    }


def _when(iso: str) -> datetime:
    try:
        when = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return datetime.now(UTC)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _page_row(run_id: int, site: str, page: PageResult) -> dict[str, Any]:
    return {
        "run_id": run_id,
        "site": site,
        "url": page.url,
        "url_key": page_key(page.url),
        "final_url": page.final_url,
        "status": page.status,
        "error_kind": page.error.kind[:40] if page.error else None,
        "error_message": page.error.message if page.error else None,
        "audit_seconds": page.audit_seconds,
    }


def _page_scores(page_id: int, page: PageResult) -> list[dict[str, Any]]:
    rows = [
        {"page_id": page_id, "device": schema.PAGE_DEVICE, "category": key, "score": score}
        for key, score in page.scores.items()
    ]
    for device in page.devices:
        rows += [
            {"page_id": page_id, "device": device.device, "category": key, "score": score}
            for key, score in device.scores.items()
        ]
    return rows


def _audit_rows(page_id: int, page: PageResult) -> list[dict[str, Any]]:
    rows = []
    for device in page.devices:
        for audit in device.audits.values():
            value = audit.value
            number = float(value) if isinstance(value, int | float) else None
            rows.append({
                "page_id": page_id,
                "device": device.device,
                "audit": audit.id,
                "score": audit.score,
                "value": number,
                "unit": (audit.unit or None) if number is not None else None,
                "error_kind": audit.error.kind if audit.error else None,
            })  # fmt: skip
    return rows


def _finding_rows(page_id: int, page: PageResult) -> list[dict[str, Any]]:
    key = page_key(page.url)
    rows = []
    for device in page.devices:
        seen: Counter[str] = Counter()
        first: dict[str, dict[str, Any]] = {}
        for audit, finding in _findings(device.audits.values()):
            mark = fingerprint(audit, key, device.device, finding.selector, finding.message)
            seen[mark] += 1
            first.setdefault(mark, {
                "page_id": page_id,
                "device": device.device,
                "audit": audit,
                "fingerprint": mark,
                "selector": finding.selector,
                "message": finding.message,
                "impact": finding.impact,
            })  # fmt: skip
        rows += [{**row, "occurrences": seen[mark]} for mark, row in first.items()]
    return rows


def _findings(audits: Any) -> Iterator[tuple[str, Any]]:
    """Each finding of a failing audit, as the reports and the gate count failures: a
    passing audit's findings (the LCP element of a fast page, a saving too small to matter)
    are notes, not problems to follow from run to run."""
    for audit in audits:
        if audit.failed:
            # An audit that fails as a whole (text too small on a page without a viewport)
            # names no element: its failure is the page's problem to follow.
            for finding in audit.findings or [Finding(audit.display or audit.title)]:
                yield audit.id, finding


def _site_rows(
    run_id: int, run: RunResult, by_site: dict[str, list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    rows = []
    for site, scores in by_site.items():
        means = summary_scores(scores, run.categories_run)
        rows += [
            {"run_id": run_id, "site": site, "category": key, "score": means.get(key),
             "pages": len(scores)}
            for key in ("overall", *run.categories_run)
        ]  # fmt: skip
    return rows
