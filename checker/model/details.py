"""What an audit measured, typed by kind: a view shows what it knows by its kind, never by the
audit's id, and shows any other kind (a plain mapping of the audit's own facts) as text.

Lighthouse's audit details have the same idea (`type`: "opportunity", "table", "debugdata").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

# How a metric's values read: "2.4 s", "350 ms", "0.12".
ReadsAs = Literal["seconds", "ms", "unitless"]


@dataclass(frozen=True)
class MetricDetails:
    """A lab metric over the speed runs: each run's value, how they were measured, the rating."""

    label: str  # its short name on a tile: "LCP"
    name: str  # "Largest Contentful Paint"
    reads_as: ReadsAs
    bands: str  # the lines of its rating: "good ≤ 2.5 s · poor > 4.0 s"
    core_web_vital: bool  # rated by Core Web Vitals thresholds, else by the score's bands
    order: int  # where its tile sits among the metrics, as Lighthouse lists them
    runs: list[float | None]  # each run's value, None where a run did not measure it
    throttle: str  # the profile's name: "slow-4g"
    method: str  # "applied" or "simulated" (estimated from an unthrottled load)
    timed_out: bool
    rating: str | None = None  # "good" | "needs-improvement" | "poor" (Core Web Vitals)
    kind: Literal["metric"] = "metric"


@dataclass(frozen=True)
class SavingsDetails:
    """What fixing the audit's findings would save on the throttled load."""

    savings_ms: float
    savings_bytes: float | None = None  # None where the saving is in time only
    facts: dict[str, Any] = field(default_factory=dict)  # the audit's own figures
    kind: Literal["savings"] = "savings"


# A plain mapping is the fallback kind: the audit's own facts, shown as they are.
Details = MetricDetails | SavingsDetails | dict[str, Any]

DETAIL_KINDS: dict[str, type] = {"metric": MetricDetails, "savings": SavingsDetails}
