"""The gate's data: what is asserted, and what each assertion found."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Level = Literal["error", "warn", "off"]
LEVELS: tuple[Level, ...] = ("error", "warn", "off")


# Lighthouse's speed audit ids that readiness does not measure yet: an assertion on one is
# accepted (a config need not change when it lands) and reported as a warn-level
# "not measured" outcome by the gate.
FUTURE_SPEED_AUDITS = ("speed-index",)


@dataclass(frozen=True)
class AuditAssertion:
    """An audit must pass (score >= 0.9), or its numeric value must stay within bounds."""

    audit: str
    level: Level = "error"
    max: float | None = None  # value at most this (e.g. largest-contentful-paint ms)
    min: float | None = None  # value at least this
    min_score: float | None = None  # score at least this instead of passing (0..1)


@dataclass(frozen=True)
class Budget:
    """A resource budget per page and device: bytes over the wire or a request count."""

    name: str  # "total-bytes", "requests", "bytes:script", "bytes:image", ...
    max: float
    level: Level = "error"


@dataclass(frozen=True)
class GateConfig:
    urls: list[str] = field(default_factory=list)
    devices: list[str] = field(default_factory=list)  # empty: the audit's default devices
    throttle: str | None = None
    runs: int = 1
    # category (layout, speed, social, overall) -> minimum score 0..100, error level
    min_scores: dict[str, int] = field(default_factory=dict)
    min_score_levels: dict[str, Level] = field(default_factory=dict)  # default "error"
    assertions: dict[str, AuditAssertion] = field(default_factory=dict)
    budgets: list[Budget] = field(default_factory=list)
    ignore_audits: list[str] = field(default_factory=list)
    ignore_urls: list[str] = field(default_factory=list)  # checker.model.url_patterns
    preset: str = "mobile-friendly"
    source: str | None = None  # the file it came from, for messages


@dataclass(frozen=True)
class AssertionOutcome:
    """One assertion checked on one page (and device, when it is per device)."""

    page: str
    device: str | None
    assertion: str  # "viewport", "category:layout", "budget:total-bytes", "page-loads"
    level: Level
    passed: bool
    expected: str  # "pass", ">= 80", "<= 500000"
    actual: str  # "fail (0)", "62", "734211"
    message: str = ""  # the top finding, or why it failed
    details: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class GateResult:
    outcomes: list[AssertionOutcome]
    regressions: list[AssertionOutcome] = field(default_factory=list)  # from --baseline

    @property
    def failed(self) -> list[AssertionOutcome]:
        return [o for o in [*self.outcomes, *self.regressions]
                if not o.passed and o.level == "error"]  # fmt: skip

    @property
    def warnings(self) -> list[AssertionOutcome]:
        return [o for o in [*self.outcomes, *self.regressions]
                if not o.passed and o.level == "warn"]  # fmt: skip
