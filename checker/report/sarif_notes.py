"""What a SARIF log says beside its results, in `invocations[0].toolExecutionNotifications`:
the results, rules and tags left out to keep within GitHub code scanning's limits (counted),
the pages that could not be audited and the audits that could not run (at most
`Limits.notifications` of these; the rest counted)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.model.results import RunResult
from checker.report.sarif_rules import Limits, message_text


def notifications(
    run: RunResult,
    results_cut: int,
    findings: int,
    rules_cut: int,
    tags_cut: int,
    limits: Limits,
) -> list[dict[str, Any]]:
    """What the log leaves out or could not check: results and rules over GitHub's limits,
    pages that could not be audited, audits that could not run."""
    notes: list[dict[str, Any]] = []
    if results_cut:
        text = (
            f"{results_cut} of {findings} results left out to stay within GitHub code scanning's "
            f"limits ({limits.results:,} results a run, {_size(limits.gzip_bytes)} "
            "gzip-compressed); the most severe were kept. report.json and findings.csv have all."
        )
        notes.append(_note("warning", "results-left-out", text))
    if rules_cut:
        text = f"{rules_cut} rules without results left out ({limits.rules:,} a run)."
        notes.append(_note("warning", "rules-left-out", text))
    if tags_cut:
        text = f"{tags_cut} tags left out ({limits.tags} a rule are shown)."
        notes.append(_note("note", "tags-left-out", text))
    problems = list(_problems(run, limits))
    room = max(0, limits.notifications - len(notes))
    notes += problems[:room]
    if len(problems) > room:
        notes.append(
            _note(
                "note",
                "notifications-left-out",
                f"{len(problems) - room} more problems left out; report.json has them.",
            )
        )
    return notes


def _problems(run: RunResult, limits: Limits) -> Iterator[dict[str, Any]]:
    for page in run.pages:
        if page.status != "ok":
            reason = page.error.message if page.error else "unknown error"
            yield _note(
                "error",
                "page-not-audited",
                message_text(f"{page.url} could not be audited: {reason}", limits.message_chars),
            )
            continue
        errored: dict[str, list[str]] = {}
        for device in page.devices:
            for audit in device.audits.values():
                if audit.error is not None:
                    errored.setdefault(audit.id, []).append(device.device)
        for audit_id, devices in errored.items():
            yield _note(
                "warning",
                "audit-not-run",
                message_text(
                    f"{audit_id} could not run on {page.url} ({', '.join(devices)}).",
                    limits.message_chars,
                ),
            )


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):g} MB"
    return f"{count:,} bytes"


def _note(level: str, descriptor: str, text: str) -> dict[str, Any]:
    return {"level": level, "message": {"text": text}, "descriptor": {"id": descriptor}}
