"""Small run results made by hand for the history's tests: pages on devices, each audit a
score and its findings, so a test says exactly what changed between two runs."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.model.elements import Element
from checker.model.results import (
    AuditError,
    AuditResult,
    DeviceResult,
    ErrorInfo,
    Finding,
    PageResult,
    RunResult,
)

DEVICES = ("iphone-se", "pixel-7")


@dataclass(frozen=True)
class Check:
    """An audit's verdict on one device: a score, the findings' (selector, message) pairs,
    a measured value, or an error (could not run)."""

    score: float | None = 1.0
    findings: list[tuple[str, str]] = field(default_factory=list)
    value: float | None = None
    unit: str | None = None
    error: bool = False
    category: str = "layout"


def fails(*findings: tuple[str, str], score: float = 0.0) -> Check:
    return Check(score, list(findings))


def audit_result(audit_id: str, check: Check) -> AuditResult:
    return AuditResult(
        id=audit_id,
        title=audit_id,
        category=check.category,  # type: ignore[arg-type]
        weight=1.0,
        score=None if check.error else check.score,
        display="",
        fix="",
        value=check.value,
        unit=check.unit,
        findings=[
            Finding(message, Element(selector=selector), impact="serious")
            for selector, message in check.findings
        ],
        error=AuditError("gather", "could not gather") if check.error else None,
    )


def page(
    url: str,
    audits: dict[str, Check],
    scores: dict[str, int | None] | None = None,
    devices: tuple[str, ...] = DEVICES,
) -> PageResult:
    """A page audited alike on every device."""
    scores = scores or {"overall": 80, "layout": 80}
    return PageResult(
        url=url,
        final_url=url,
        status="ok",
        error=None,
        scores=dict(scores),
        metadata={},
        devices=[
            DeviceResult(
                device=name,
                viewport={"width": 375, "height": 667},
                is_mobile=True,
                scores=dict(scores),
                audits={audit_id: audit_result(audit_id, c) for audit_id, c in audits.items()},
            )
            for name in devices
        ],
    )


def failed_page(url: str) -> PageResult:
    return PageResult(url, None, "error", ErrorInfo("load", "refused"), {}, {}, [])


def run(*pages: PageResult, started_at: str = "2026-12-01T10:00:00+00:00") -> RunResult:
    return RunResult(
        started_at=started_at,
        config={"devices": list(DEVICES), "throttle": "slow-4g"},
        pages=list(pages),
        summary={},
        tool={"name": "readiness", "version": "1.2.3"},
        categories_run=("layout", "speed", "social", "accessibility"),
    )


def record_runs(location: str, writer: int, count: int) -> list[int]:
    """Record `count` runs of three pages each, as one writer process of a concurrency test."""
    from checker.store.history.history import History
    from checker.store.history.origin import Origin

    ids = []
    with History.open(location) as history:
        for number in range(count):
            pages = [
                page(
                    f"https://shop.example/w{writer}/r{number}/p{k}",
                    {"tap-targets": fails(("a.buy", f"Too small: {k} px"))},
                )
                for k in range(3)
            ]
            ids.append(history.record(run(*pages), "ci", Origin(f"c{writer}", f"b{writer}")))
    return ids
