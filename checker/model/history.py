"""What the run history tells: earlier runs, what changed between two runs, a site's scores
over time. Plain data, read from the history database (checker.store.history) and shown by
the CLI and the reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from checker.model.results import Scores

TREND_RUNS = 10  # the runs a report's trend and `history trend` show by default


@dataclass(frozen=True)
class RunRef:
    """One run of the history, as a person picks it out."""

    id: int
    started_at: str  # ISO 8601, UTC
    commit: str | None = None
    branch: str | None = None


@dataclass(frozen=True)
class RunRow:
    """A run as `readiness history` lists it: its pages and, per site, its mean scores."""

    run: RunRef
    pages: int
    scores: dict[str, Scores]  # site (host[:port]) -> key (overall, layout, ...) -> 0..100
    tool_version: str = ""
    command: str = ""


@dataclass(frozen=True)
class FindingChange:
    """A finding that appeared or went away between two runs, followed by its fingerprint."""

    url: str
    device: str
    audit: str
    selector: str | None
    message: str
    impact: str | None
    fingerprint: str


@dataclass(frozen=True)
class ScoreChange:
    """A page's category score that changed between two runs."""

    url: str
    category: str  # overall, layout, speed, social, accessibility
    before: int | None
    after: int | None

    @property
    def delta(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class RunDiff:
    """Two runs compared on the pages both audited: findings new in `new` and fixed since
    `old`, and the scores that moved. A finding counts as fixed only where the newer run
    checked it again: an audit that could not run, a device that did not load or a page left
    out never turns a problem into a fix."""

    old: RunRef
    new: RunRef
    new_findings: list[FindingChange] = field(default_factory=list)
    fixed_findings: list[FindingChange] = field(default_factory=list)
    score_changes: list[ScoreChange] = field(default_factory=list)
    pages_added: list[str] = field(default_factory=list)  # audited in `new` only
    pages_gone: list[str] = field(default_factory=list)  # audited in `old` only
    # Findings of audits measured in time (LCP, TBT, render-blocking...) that came or went:
    # left out of new and fixed, as load times move on an unchanged page; counted here.
    timing_findings: int = 0
    # Speed scores that moved by less than TIMING_SCORE_POINTS, and the overall scores that
    # moved only with them: left out of score_changes, counted here.
    timing_scores: int = 0


# A speed score moves by a few points between two loads of an unchanged page: a diff leaves
# smaller moves out (the gate's default --max-drop is the same 5).
TIMING_SCORE_POINTS = 5


@dataclass(frozen=True)
class TrendPoint:
    """A site's (or one page's) scores in one run."""

    run: RunRef
    scores: Scores


@dataclass(frozen=True)
class SiteHistory:
    """What the reports show of one site's history: its scores over the last runs (this one
    last) and, when an earlier run exists, what is new and what was fixed since."""

    site: str
    trend: list[TrendPoint]
    diff: RunDiff | None = None  # None: this is the site's first run in the history


@dataclass(frozen=True)
class RunHistory:
    """The history as the reports of one run see it: where it is kept, this run's id, and per
    site what changed."""

    location: str  # the database, password hidden
    run_id: int
    sites: list[SiteHistory] = field(default_factory=list)

    def site(self, name: str) -> SiteHistory | None:
        return next((s for s in self.sites if s.site == name), None)


@dataclass(frozen=True)
class Variation:
    """How much the noisy measurements of each page moved over its last runs in the history:
    what a gate must see exceeded before it calls a change a regression."""

    # (page URL, device, audit id) -> the audit's measured values, newest run first
    metrics: dict[tuple[str, str, str], list[float]] = field(default_factory=dict)
    # (page URL, category) -> the page's category scores, newest run first
    scores: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    runs: int = 0  # how many runs the values come from


@dataclass(frozen=True)
class TimedRun:
    """A site's last run that timed its pages: each page's audit seconds by URL key
    (checker.model.urls.page_key), and the settings it audited them with, shaped as
    report.json's config (devices, speed_devices, throttle, throttle_method, runs,
    only_categories), so a sharded run can weigh its pages by them."""

    site: str
    run: RunRef
    seconds: dict[str, float]
    settings: dict[str, Any]
