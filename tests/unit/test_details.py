"""Typed details: each kind comes back from report.json as the type it left as, and a plain
mapping (the fallback kind) stays a mapping, whatever keys it holds."""

from __future__ import annotations

from checker.model.details import MetricDetails, SavingsDetails
from checker.model.results import AuditResult
from checker.model.serde import from_data, to_data

LCP = MetricDetails(
    "LCP", "Largest Contentful Paint", "seconds", "good ≤ 2.5 s · poor > 4.0 s", True, 2,
    [2400.0, None], "slow-4g", "simulated", False, "good",
)  # fmt: skip


def _round_trip(details: object) -> object:
    result = AuditResult("a", "A", "speed", 1.0, 1.0, "", "", details=details)  # type: ignore[arg-type]
    data = to_data(result)
    return from_data(AuditResult, data).details, data["details"]


def test_metric_details_round_trip_with_their_kind() -> None:
    back, data = _round_trip(LCP)
    assert back == LCP
    assert data["kind"] == "metric"


def test_savings_details_round_trip_with_their_facts() -> None:
    savings = SavingsDetails(650.0, 120_000, {"resources_checked": 3})
    back, data = _round_trip(savings)
    assert back == savings
    assert data == {
        "savings_ms": 650.0,
        "savings_bytes": 120_000,
        "facts": {"resources_checked": 3},
        "kind": "savings",
    }


def test_a_plain_mapping_stays_a_mapping_even_with_an_unknown_kind() -> None:
    for details in ({"profiles": {"X": []}}, {"kind": "table", "rows": [1]}, {}):
        back, _ = _round_trip(details)
        assert back == details
        assert isinstance(back, dict)
