"""PageSnapshot: everything the browser told us about one page on one device, as plain data.

Gatherers fill it once; audits only read it. It round-trips through JSON so a run can be
re-scored later without a browser (`--save-snapshots DIR`, `readiness rescore DIR`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.model.axe_facts import AxeFacts
from checker.model.dom_facts import ConsentFacts, DomFacts, HeadFacts, RenderBlocking
from checker.model.load_facts import DocumentResponse, NetworkRequest, ResourceFacts, SpeedRun
from checker.model.orientation_facts import OrientationFacts
from checker.model.reflow_facts import ReflowFacts
from checker.model.social_facts import SocialFacts
from checker.model.text_fit_facts import TextFitFacts

# 2: gather_failures; 3: every element described by one Element; 4: the accessibility pass
SCHEMA_VERSION = 4


@dataclass(frozen=True)
class DeviceInfo:
    name: str
    width: int
    height: int
    device_scale_factor: float
    is_mobile: bool
    has_touch: bool
    user_agent: str


@dataclass(frozen=True)
class GatherFailure:
    """A gatherer that could not give its facts: the audits that need them are errors, never
    passes (Lighthouse's runner does the same with a gatherer's error)."""

    gatherer: str  # one of GATHERERS
    kind: str  # timeout, browser, network, unreadable, ...
    message: str  # in words a marketer can act on


# What a snapshot's facts come from; an audit's `requires` names some of these.
GATHERERS = (
    "document",  # the HTML the server sent (document.html, server_head)
    "dom",  # the rendered page's DOM facts
    "network",  # the request log
    "screenshot",
    "social",  # the link crawlers' view, share images, icons (snapshot.social)
    "speed",  # the throttled speed runs (snapshot.speed_runs)
    "resources",  # the speed run's resources fetched again and measured
    # The accessibility pass, each on its own so one failing loses no other:
    "axe",  # axe-core's rules run in the loaded page (snapshot.axe)
    "text_spacing",  # text with WCAG's wider spacing (snapshot.text_spacing)
    "zoom_text",  # text twice as large (snapshot.zoom_text)
    "reflow",  # the page laid out 320 CSS px wide (snapshot.reflow)
    "orientation",  # the page with the phone turned to landscape (snapshot.orientation)
)


@dataclass(frozen=True)
class PageSnapshot:
    url: str
    final_url: str
    device: DeviceInfo
    captured_at: str
    document: DocumentResponse
    server_head: HeadFacts
    dom: DomFacts
    network: list[NetworkRequest] = field(default_factory=list)
    navigation_timing: dict[str, float] = field(default_factory=dict)
    # The first screen and the whole page down to FULL_PAGE_MAX_HEIGHT, CSS scale: JPEG (the
    # first screen of older snapshots: PNG, which the reports read as well).
    screenshot: bytes | None = None
    full_screenshot: bytes | None = None
    social: SocialFacts | None = None
    # Throttled speed passes, on the speed device(s) only; empty on the others.
    speed_runs: list[SpeedRun] = field(default_factory=list)
    # With the speed runs: their resources fetched again and measured (speed device only).
    resources: list[ResourceFacts] = field(default_factory=list)
    consent: ConsentFacts | None = None
    # The accessibility pass (on every device, unless its category is left out).
    axe: AxeFacts | None = None
    # Whether the text still fits with WCAG's wider spacing, and at twice its size.
    text_spacing: TextFitFacts | None = None
    zoom_text: TextFitFacts | None = None
    reflow: ReflowFacts | None = None
    orientation: OrientationFacts | None = None
    # How long each gatherer of the accessibility pass took here, in ms (for the benchmark).
    accessibility_ms: dict[str, float] = field(default_factory=dict)
    # The gatherers that failed on this page and device, each at most once.
    gather_failures: list[GatherFailure] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION

    def failure_of(self, gatherer: str) -> GatherFailure | None:
        return next((f for f in self.gather_failures if f.gatherer == gatherer), None)

    @property
    def render_blocking(self) -> list[RenderBlocking]:
        """What holds the first paint, as gathered with the DOM (kept in one place there)."""
        return self.dom.render_blocking
