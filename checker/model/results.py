"""The results model: what audits conclude, per device, per page and for the run.

Results are data; every report is a view of a RunResult.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from checker.model.details import Details
from checker.model.elements import Box, Element

Category = Literal["layout", "speed", "social", "accessibility"]
CATEGORIES: tuple[Category, ...] = ("layout", "speed", "social", "accessibility")
# Every score a page, device or site has, in the order reports show them.
SCORE_KEYS: tuple[str, ...] = ("overall", *CATEGORIES)

# 2: an audit's error is {kind, message, gatherer}; categories with an errored audit are
# incomplete (score null, the reason in `incomplete`). 3: a finding names its element as
# {selector, box, snippet, label} and carries an impact. 4: the accessibility category, each
# audit's act_rules and wcag, and categories_run.
REPORT_SCHEMA_VERSION = 4

# How much a finding keeps people from using the page, in axe-core's words.
Impact = Literal["critical", "serious", "moderate", "minor"]
IMPACTS: tuple[Impact, ...] = ("critical", "serious", "moderate", "minor")


@dataclass(frozen=True)
class Finding:
    """One thing wrong, about one element: where it is and what is wrong with it."""

    message: str
    element: Element | None = None  # None when the finding is about the page as a whole
    # None until the runner gives it its audit's impact; an audit sets it to differ.
    impact: Impact | None = None
    related: list[Finding] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def selector(self) -> str | None:
        return self.element.selector or None if self.element else None

    @property
    def box(self) -> Box | None:
        return self.element.box if self.element else None

    @property
    def snippet(self) -> str | None:
        return self.element.snippet if self.element and self.element.snippet else None


@dataclass(frozen=True)
class Outcome:
    """What an audit's run() returns: score 0..1, or None when the check cannot apply."""

    score: float | None
    display: str
    value: float | str | None = None
    unit: str | None = None
    findings: list[Finding] = field(default_factory=list)
    details: Details = field(default_factory=dict)


class CannotMeasure(Exception):
    """Raised by an audit whose facts were gathered but hold no measurement to judge (the
    page was still busy at the timeout, the browser reported no paint): the runner makes it
    an error result, as Lighthouse's NO_FCP and NO_LCP are, never "not applicable".
    `details` are what was measured all the same (a metric's runs), kept on the result."""

    def __init__(self, message: str, details: Details | None = None) -> None:
        super().__init__(message)
        self.details = details


@dataclass(frozen=True)
class AuditError:
    """Why an audit has no verdict: never a pass, never "not applicable"."""

    kind: Literal["gather", "measurement", "audit", "invalid-score"]
    message: str  # in words a marketer can act on
    gatherer: str | None = None  # with kind "gather": which facts could not be gathered


@dataclass(frozen=True)
class AuditResult:
    id: str
    title: str
    category: Category
    weight: float
    score: float | None
    display: str
    fix: str
    value: float | str | None = None
    unit: str | None = None
    findings: list[Finding] = field(default_factory=list)
    details: Details = field(default_factory=dict)
    error: AuditError | None = None
    help_url: str = ""  # where to read more on the check (its audit's metadata)
    # The W3C ACT rules it implements and the WCAG success criteria it checks (its metadata).
    act_rules: list[str] = field(default_factory=list)
    wcag: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.score is not None and self.score >= PASS_THRESHOLD

    @property
    def failed(self) -> bool:
        """It ran, applied, and scored under the pass line: not an error, not "n/a"."""
        return self.error is None and self.score is not None and not self.passed


# An audit passes at 0.9 and above, as in Lighthouse.
PASS_THRESHOLD = 0.9
# The same line on the 0-100 scale of category scores and of the reports: where Lighthouse's
# green band starts.
PASS_SCORE = round(PASS_THRESHOLD * 100)


@dataclass(frozen=True)
class ErrorInfo:
    kind: str
    message: str


Scores = dict[str, int | None]


@dataclass(frozen=True)
class DeviceResult:
    device: str
    viewport: dict[str, int]
    is_mobile: bool
    scores: Scores
    audits: dict[str, AuditResult]
    error: ErrorInfo | None = None
    # What the page loaded on this device: {"requests": n, "transfer_bytes": n,
    # "bytes_by_type": {"script": n, ...}}, blocked and failed requests left out.
    resources: dict[str, Any] = field(default_factory=dict)
    # The screenshots, as files under the output folder (report.json keeps these paths)...
    screenshot_file: str | None = None
    full_screenshot_file: str | None = None
    # ...and their bytes, held only until a run writes them out and while the HTML report
    # draws on them, so memory does not grow with the number of pages.
    screenshot: bytes | None = None
    full_screenshot: bytes | None = None
    # How many CSS px the first screenshot spans: more than the screen when a phone zoomed
    # out to fit a wide page (window.innerWidth).
    first_screen_css_width: int | None = None
    # Categories without a score because a weighted audit in them could not run: why.
    incomplete: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PageResult:
    url: str
    final_url: str | None
    status: Literal["ok", "error"]
    error: ErrorInfo | None
    scores: Scores
    metadata: dict[str, Any]
    devices: list[DeviceResult]
    # Share images as crawlers fetched them (small JPEGs by URL), for the preview cards of
    # the HTML report: files under the output folder, and their bytes while in use.
    share_thumbnail_files: dict[str, str] = field(default_factory=dict)
    share_thumbnails: dict[str, bytes] = field(default_factory=dict)
    # Categories without a score on the device that decides them: why (see DeviceResult).
    incomplete: dict[str, str] = field(default_factory=dict)
    # Wall seconds its audit took where it ran (all devices and passes, from its turn to its
    # result, not the wait for a free slot): what a sharded run weighs it by next time. None
    # when it was not audited in a browser (rescored) or never finished (cut by --max-time).
    audit_seconds: float | None = None


@dataclass(frozen=True)
class RunResult:
    started_at: str
    config: dict[str, Any]
    # A list, or a run's PackedPages (each made into a PageResult when it is asked for).
    pages: Sequence[PageResult]
    summary: dict[str, Any]
    tool: dict[str, str]
    schema_version: int = REPORT_SCHEMA_VERSION
    # False in the report.json written while a run is going on: pages are still missing.
    complete: bool = True
    # The categories audited (--only-categories); the others have no score key, no result.
    categories_run: tuple[Category, ...] = CATEGORIES

    @property
    def audited_any(self) -> bool:
        return any(p.status == "ok" for p in self.pages)
