"""report.sarif: the findings as SARIF 2.1.0, for GitHub code scanning
(`github/codeql-action/upload-sarif`) and any other SARIF viewer.

One run of one tool (`readiness`), one rule per audit the run judged (checker.report.sarif_rules)
and one result per finding of a failing audit on each page and device, or one for an audit that
fails as a whole (text too small on a page without a viewport). What GitHub asks of a result
("SARIF support for code scanning", docs.github.com/code-security/reference/code-scanning/
sarif-support-for-code-scanning, the `result`, `location` and `physicalLocation` objects):

- `message.text` and `locations[]` are required, and a result without
  `locations[0].physicalLocation.artifactLocation.uri` makes GitHub reject the whole upload:
  every result points at a file of the repository (checker.report.sarif_locations), with
  `region.startLine` (marked required there; line 1, the template as a whole), and says in its
  message which page, device and element it is about.
- `partialFingerprints` are required, and GitHub matches results across runs on
  `primaryLocationLineHash` only. The upload action computes one from the text of the line a
  result points at when a result has none, which would make every finding pointing at line 1
  of README.md one alert; so each result carries its own: the history's fingerprint of the
  finding (checker.store.history.fingerprints: audit, URL key, device, the selector without its
  positional parts, the message without its numbers), as `readiness/v1` and as that hash.
  Two findings with one fingerprint in a run are one result, their count in its properties.

GitHub's limits ("Validating your SARIF file" there): 25,000 results per run at most and only the
5,000 most severe shown, so at most 5,000 are written, the most severe kept; 10 MB per file once
gzip-compressed, so results are left out, least severe first, until it fits; one location per
result (GitHub reads only the first; 1,000 at most); 25,000 rules; 10 tags per rule shown. What
is left out is counted in `invocations[0].toolExecutionNotifications` and the run's properties.

Every page-derived string (URL, selector, message) is plain text in a JSON string, cut to one
line of bounded length, with no control or bidi characters and no embedded SARIF link.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from typing import TYPE_CHECKING, Any

from checker.model.results import AuditResult, Finding, RunResult
from checker.model.urls import page_key
from checker.report.sarif_locations import SarifSettings
from checker.report.sarif_notes import notifications
from checker.report.sarif_rules import (
    GITHUB_LIMITS,
    IMPACT_RANK,
    LEVELS,
    Limits,
    impact_of,
    level_of,
    message_text,
    plain,
    rule,
)
from checker.store.history.fingerprints import fingerprint

if TYPE_CHECKING:
    from audits import AuditSpec

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SARIF_VERSION = "2.1.0"
TOOL_NAME = "readiness"
FINGERPRINT_KEY = "readiness/v1"
# The base every artifact URI is relative to: the repository's root, where readiness runs.
SRCROOT = "%SRCROOT%"
# Selectors and URLs in a result's properties, cut past this.
PROPERTY_CHARS = 500


@dataclass(frozen=True)
class _Candidate:
    """A result to be: its result object is made only if it is kept."""

    order: int  # the report's order: page, device, audit, finding
    rank: tuple[int, int, float, int]  # most severe first
    audit: str
    category: str
    url: str
    device: str
    finding: Finding
    level: str
    impact: str
    artifact: str
    mark: str  # the fingerprint


def render_sarif(
    run: RunResult, settings: SarifSettings | None = None, limits: Limits = GITHUB_LIMITS
) -> str:
    """The SARIF log of a run, as JSON text within GitHub's limits."""
    settings = settings or SarifSettings()
    specs = _specs()
    audits = _audits_in_run(run, specs)
    occurrences: Counter[str] = Counter()
    candidates = list(_candidates(run, settings, specs, occurrences))
    budget = limits.results
    while True:
        log = _log(run, audits, specs, candidates, occurrences, budget, limits)
        text = json.dumps(log, ensure_ascii=False, separators=(",", ":"))
        kept = len(log["runs"][0]["results"])
        if kept == 0 or not _too_large(text, limits.gzip_bytes):
            return text
        # Too large: keep the most severe three quarters of what was kept, and try again.
        budget = kept * 3 // 4


def _too_large(text: str, gzip_bytes: int) -> bool:
    """Whether the file is over GitHub's size limit once gzip-compressed (JSON text this large
    compresses to a fraction of itself, so a smaller text is never over it)."""
    data = text.encode("utf-8")
    return len(data) > gzip_bytes and len(gzip.compress(data, compresslevel=6)) > gzip_bytes


def _log(
    run: RunResult,
    audits: dict[str, AuditResult],
    specs: dict[str, AuditSpec],
    candidates: list[_Candidate],
    occurrences: Counter[str],
    budget: int,
    limits: Limits,
) -> dict[str, Any]:
    chosen = sorted(candidates, key=lambda c: (c.rank, c.order))[: max(0, budget)]
    by_severity = [c.audit for c in chosen]
    rule_ids = _rule_ids(audits, by_severity, limits.rules)
    rules_cut = len(audits) - len(rule_ids)
    kept = sorted((c for c in chosen if c.audit in rule_ids), key=lambda c: c.order)
    index = {audit_id: i for i, audit_id in enumerate(rule_ids)}
    descriptors = []
    tags_cut = 0
    for audit_id in rule_ids:
        descriptor, cut = rule(audits[audit_id], specs.get(audit_id), limits.tags)
        descriptors.append(descriptor)
        tags_cut += cut
    results = [_result(c, index[c.audit], occurrences[c.mark], limits) for c in kept]
    results_cut = len(candidates) - len(results)
    notes = notifications(run, results_cut, len(candidates), rules_cut, tags_cut, limits)
    driver: dict[str, Any] = {"name": TOOL_NAME, "version": str(run.tool.get("version", ""))}
    if _is_semver(driver["version"]):
        driver["semanticVersion"] = driver["version"]
    home = _information_uri()
    if home:
        driver["informationUri"] = home
    driver["rules"] = descriptors
    invocation: dict[str, Any] = {"executionSuccessful": run.audited_any or not run.pages}
    started = _utc(run.started_at)
    if started:
        invocation["startTimeUtc"] = started
    invocation["toolExecutionNotifications"] = notes
    sarif_run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "originalUriBaseIds": {
            SRCROOT: {"description": {"text": "The repository's root: where readiness ran."}}
        },
        "results": results,
        "columnKind": "utf16CodeUnits",
        "properties": {
            "pages": len(run.pages),
            "pagesAudited": sum(1 for p in run.pages if p.status == "ok"),
            "findings": len(candidates),
            "resultsLeftOut": results_cut,
            "rulesLeftOut": rules_cut,
            "tagsLeftOut": tags_cut,
        },
    }
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [sarif_run]}


def _rule_ids(audits: dict[str, AuditResult], by_severity: list[str], limit: int) -> list[str]:
    """The rules written, in the run's order: every audit the run judged, those with results
    first when there are more than GitHub takes."""
    if len(audits) <= limit:
        return list(audits)
    wanted = list(dict.fromkeys([*by_severity, *audits]))[:limit]
    return [audit_id for audit_id in audits if audit_id in set(wanted)]


def _candidates(
    run: RunResult,
    settings: SarifSettings,
    specs: dict[str, AuditSpec],
    occurrences: Counter[str],
) -> Iterator[_Candidate]:
    """Every result, once per fingerprint (the first met; `occurrences` counts them all)."""
    order = 0
    for page in run.pages:
        if page.status != "ok":
            continue
        artifact = settings.artifact_for(page.url)
        key = page_key(page.url)
        for device in page.devices:
            if device.error is not None:
                continue
            for audit in device.audits.values():
                if not audit.failed:
                    continue
                spec = specs.get(audit.id)
                weight = spec.weight if spec is not None else audit.weight
                for finding in _findings(audit, spec):
                    mark = fingerprint(
                        audit.id, key, device.device, finding.selector, finding.message
                    )
                    occurrences[mark] += 1
                    if occurrences[mark] > 1:
                        continue
                    impact = finding.impact or impact_of(audit, spec)
                    level = level_of(impact, weight)
                    rank = (LEVELS.index(level), IMPACT_RANK.get(impact, 2), -weight, order)
                    yield _Candidate(
                        order, rank, audit.id, audit.category, page.url, device.device,
                        finding, level, impact, artifact, mark,
                    )  # fmt: skip
                    order += 1


def _findings(audit: AuditResult, spec: AuditSpec | None) -> list[Finding]:
    """The findings of a failing audit; one standing for the audit when it names none."""
    if audit.findings:
        return audit.findings
    title = spec.failure_title if spec is not None else audit.title
    what = f"{title}: {audit.display}" if audit.display and audit.display != title else title
    return [Finding(what, None, impact_of(audit, spec))]  # type: ignore[arg-type]


def _result(c: _Candidate, rule_index: int, occurrences: int, limits: Limits) -> dict[str, Any]:
    finding = c.finding
    where = f"on {c.url} ({c.device})"
    if finding.selector:
        where += f", element {finding.selector}"
    text = message_text(f"{finding.message} — {where}", limits.message_chars)
    properties: dict[str, Any] = {
        "url": plain(c.url, PROPERTY_CHARS),
        "device": c.device,
        "category": c.category,
        "impact": c.impact,
        "occurrences": occurrences,
    }
    if finding.selector:
        properties["selector"] = plain(finding.selector, PROPERTY_CHARS)
    location: dict[str, Any] = {"uri": c.artifact}
    if "://" not in c.artifact:  # a relative reference, from the repository's root
        location["uriBaseId"] = SRCROOT
    return {
        "ruleId": c.audit,
        "ruleIndex": rule_index,
        "level": c.level,
        "message": {"text": text},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": location,
                    "region": {"startLine": 1},
                },
                "message": {"text": message_text(where, limits.message_chars)},
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: c.mark, "primaryLocationLineHash": f"{c.mark}:1"},
        "properties": properties,
    }


def _audits_in_run(run: RunResult, specs: dict[str, AuditSpec]) -> dict[str, AuditResult]:
    """Each audit the run judged, first met, in the registry's order (the reports' order)."""
    found: dict[str, AuditResult] = {}
    for page in run.pages:
        for device in page.devices:
            for audit in device.audits.values():
                found.setdefault(audit.id, audit)
    order = {audit_id: i for i, audit_id in enumerate(specs)}
    return dict(sorted(found.items(), key=lambda item: order.get(item[0], len(order))))


def _specs() -> dict[str, AuditSpec]:
    from audits import all_audits  # the registry imports every audit module: only on demand

    return {spec.id: spec for spec in all_audits()}


def _is_semver(version: str) -> bool:
    core = version.split("+")[0].split("-")[0].split(".")
    return len(core) == 3 and all(part.isdigit() for part in core)


def _information_uri() -> str | None:
    """The project's home page, as the installed package declares it (Project-URL), if it
    declares one."""
    try:
        urls = metadata.metadata("readiness-checker").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() in {"homepage", "home", "repository", "source"}:
            return url.strip() or None
    return None


def _utc(started_at: str) -> str | None:
    try:
        moment = datetime.fromisoformat(started_at)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
