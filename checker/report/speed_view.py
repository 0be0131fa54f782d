"""The Speed section of the HTML report: the metric tiles and the diagnostics of a device's
throttled speed pass, as plain view data.

Read from the speed audits' results only, by the kind of their details: a metric's
(`MetricDetails`: its runs, rating and throttle) makes a tile, a saving's (`SavingsDetails`)
a diagnostic; no audit is named here, so a new metric or diagnostic shows without a change.
A re-scored run shows the same. No verdict is computed here but the band of a metric that Core
Web Vitals do not rate (TBT): it takes Lighthouse's score bands, from the audit's score.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from checker.model.details import MetricDetails, ReadsAs, SavingsDetails
from checker.model.results import PASS_THRESHOLD, AuditResult, DeviceResult
from checker.model.throttling import THROTTLE_LABELS

RATINGS = {
    "good": ("pass", "Good"),
    "needs-improvement": ("average", "Needs improvement"),
    "poor": ("fail", "Poor"),
}


@dataclass(frozen=True)
class MetricTile:
    id: str
    short: str  # "LCP"
    name: str  # "Largest Contentful Paint"
    value: str  # "2.1 s", or "—" when not measured
    band: str  # "pass" | "average" | "fail" | "na", as the report's other bands
    rating: str  # "Good" | "Needs improvement" | "Poor" | "Not measured"
    bands: str  # "good ≤ 2.5 s · poor > 4.0 s"
    cwv: bool  # banded by Core Web Vitals thresholds, else by Lighthouse's score bands
    runs: list[str]  # each run's value, when there was more than one
    note: str | None = None  # why it was not measured


@dataclass(frozen=True)
class DiagnosticView:
    id: str
    title: str
    display: str
    savings_kb: str | None  # "120 KB"
    savings_ms: str | None  # "650 ms"
    band: str


@dataclass(frozen=True)
class SpeedView:
    anchor: str
    device: str
    measured: bool
    throttle: str = ""  # the profile's name: "slow-4g"
    throttle_label: str = ""
    simulated: bool = False  # times estimated from an unthrottled load (checker.speed_model)
    runs: int = 0  # runs that measured something
    runs_asked: int | None = None
    tiles: list[MetricTile] = field(default_factory=list)
    diagnostics: list[DiagnosticView] = field(default_factory=list)
    # For a device without a speed pass: the page's devices that had one (name, anchor).
    measured_on: list[tuple[str, str]] = field(default_factory=list)

    @property
    def lighthouse_banded(self) -> list[MetricTile]:
        return [t for t in self.tiles if not t.cwv]


def has_speed_pass(device: DeviceResult) -> bool:
    """Whether the throttled speed pass ran on this device: its metric audits then carry the
    runs they measured."""
    return bool(_metrics(device))


def _metrics(device: DeviceResult) -> list[tuple[AuditResult, MetricDetails]]:
    """The device's metric results with their details, in the order of the tiles."""
    found = [(a, a.details) for a in device.audits.values() if isinstance(a.details, MetricDetails)]
    return sorted(found, key=lambda pair: pair[1].order)


def not_measured_here(audit: AuditResult, device: DeviceResult) -> bool:
    """A speed audit with nothing to say on a device without a speed pass (the device's Speed
    category says where speed was measured instead)."""
    return (
        audit.category == "speed"
        and audit.score is None
        and audit.error is None
        and not has_speed_pass(device)
    )


def speed_view(
    anchor: str,
    device: DeviceResult,
    siblings: list[tuple[str, DeviceResult]],
    runs_asked: Any = None,
) -> SpeedView:
    """The Speed section of `device`; `siblings` are the page's devices with their anchors,
    to point at the ones measured when this one was not."""
    if not has_speed_pass(device):
        measured_on = [(d.device, f"{a}-speed") for a, d in siblings if has_speed_pass(d)]
        return SpeedView(anchor=anchor, device=device.device, measured=False,
                         measured_on=measured_on)  # fmt: skip
    metrics = _metrics(device)
    throttle = metrics[0][1].throttle
    runs = max(len(details.runs) for _, details in metrics)
    asked = runs_asked if isinstance(runs_asked, int) and not isinstance(runs_asked, bool) else None
    return SpeedView(
        anchor=anchor,
        device=device.device,
        measured=True,
        throttle=throttle,
        throttle_label=THROTTLE_LABELS.get(throttle, throttle),
        simulated=any(details.method == "simulated" for _, details in metrics),
        runs=runs,
        runs_asked=asked,
        tiles=[_tile(a, details) for a, details in metrics],
        diagnostics=diagnostics(device),
    )


def _tile(audit: AuditResult, metric: MetricDetails) -> MetricTile:
    value = _number(audit.value)
    runs = metric.runs
    shown_runs = [_show(metric.reads_as, _number(v)) for v in runs] if len(runs) > 1 else []
    if audit.error is not None or value is None:
        return MetricTile(
            id=audit.id, short=metric.label, name=metric.name, value="—", band="na",
            rating="Could not run" if audit.error else "Not measured", bands=metric.bands,
            cwv=metric.core_web_vital, runs=shown_runs, note=audit.display,
        )  # fmt: skip
    rating = metric.rating
    if rating not in RATINGS:  # no Core Web Vitals threshold: Lighthouse's score bands
        rating = _score_rating(audit.score)
    band, text = RATINGS[rating] if rating else ("na", "Not rated")
    return MetricTile(
        id=audit.id, short=metric.label, name=metric.name, value=_show(metric.reads_as, value),
        band=band, rating=text, bands=metric.bands, cwv=metric.core_web_vital, runs=shown_runs,
    )  # fmt: skip


def _score_rating(score: float | None) -> str | None:
    if score is None:
        return None
    if score >= PASS_THRESHOLD:
        return "good"
    return "needs-improvement" if score >= 0.5 else "poor"


def diagnostics(device: DeviceResult) -> list[DiagnosticView]:
    """The speed audits that estimate savings (and found some), largest saving first: by
    time, then by bytes."""
    found = []
    for audit in device.audits.values():
        savings = audit.details
        if not isinstance(savings, SavingsDetails) or audit.error is not None:
            continue  # not a diagnostic with savings (a metric, a total, a count)
        saved_ms = _number(savings.savings_ms)
        saved_bytes = _number(savings.savings_bytes)
        if saved_bytes is None and audit.unit == "bytes":
            saved_bytes = _number(audit.value)
        if not (saved_ms or 0) > 0 and not (saved_bytes or 0) > 0:
            continue  # nothing to save
        found.append((saved_ms or 0.0, saved_bytes or 0.0, audit))
    found.sort(key=lambda f: (-f[0], -f[1], f[2].id))
    return [
        DiagnosticView(
            id=audit.id,
            title=audit.title,
            display=audit.display,
            savings_kb=_kilobytes(saved_bytes) if saved_bytes > 0 else None,
            savings_ms=f"{round(saved_ms):,} ms" if saved_ms > 0 else None,
            band=_score_band(audit.score),
        )
        for saved_ms, saved_bytes, audit in found
    ]


def _score_band(score: float | None) -> str:
    rating = _score_rating(score)
    return RATINGS[rating][0] if rating else "na"


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def _show(kind: ReadsAs, value: float | None) -> str:
    if value is None:
        return "—"
    if kind == "seconds":
        return f"{value / 1000:.1f} s" if value >= 1000 else f"{round(value):,} ms"
    if kind == "ms":
        return f"{round(value):,} ms"
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return text or "0"


def _kilobytes(saved_bytes: float) -> str:
    kb = saved_bytes / 1024
    return f"{kb:.1f} KB" if kb < 10 else f"{round(kb):,} KB"
