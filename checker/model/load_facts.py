"""How the page loaded: its requests, the document the server sent, the throttled speed
runs with their paints, shifts and long tasks, and the resources measured again."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.model.elements import Element


@dataclass(frozen=True)
class NetworkRequest:
    url: str
    resource_type: str
    method: str
    status: int | None
    mime_type: str | None
    transfer_bytes: int
    decoded_bytes: int
    start_ms: float
    end_ms: float | None
    from_cache: bool
    headers: dict[str, str]
    blocked: bool = False
    failure: str | None = None
    # When the response headers arrived (ms, same clock as start_ms): as throttled.
    response_ms: float | None = None


@dataclass(frozen=True)
class DocumentResponse:
    """The main document as the server sent it to this device's user agent."""

    url: str
    status: int
    headers: dict[str, str]
    html: str
    redirects: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LayoutShift:
    time_ms: float
    value: float
    had_recent_input: bool
    # Where each shifted element ended up (page coordinates).
    sources: list[Element] = field(default_factory=list)


@dataclass(frozen=True)
class LongTask:
    start_ms: float
    duration_ms: float


@dataclass(frozen=True)
class SpeedRun:
    """One cold, throttled load of the page, observed until it was quiet (or the timeout).
    Times are ms from navigation start; None when the page never got there."""

    throttle: str
    ttfb_ms: float | None
    fcp_ms: float | None
    lcp_ms: float | None
    lcp_element: Element | None = None
    layout_shifts: list[LayoutShift] = field(default_factory=list)
    long_tasks: list[LongTask] = field(default_factory=list)
    load_ms: float | None = None
    quiet_at_ms: float | None = None  # when network and main thread had been quiet ~2 s
    timed_out: bool = False
    network: list[NetworkRequest] = field(default_factory=list)
    # "applied": loaded with the throttling applied; "simulated": loaded without it and the
    # throttled times estimated (checker.speed_model), as Lighthouse does by default. The
    # network log is then as observed, unthrottled.
    method: str = "applied"


@dataclass(frozen=True)
class ResourceFacts:
    """One resource of the speed run, fetched again and measured for the savings audits."""

    url: str
    resource_type: str  # as in the network log: script, stylesheet, image, document, ...
    transfer_bytes: int  # over the wire in the speed run
    body_bytes: int  # decoded
    content_encoding: str | None = None
    gzip_bytes: int | None = None  # the body gzipped at level 6, for text resources
    # Images: decoded size and format, and the bytes it would take re-encoded with Pillow.
    width: int | None = None
    height: int | None = None
    format: str | None = None
    webp_bytes: int | None = None  # WebP at quality 80
    avif_bytes: int | None = None  # AVIF at quality 80, when this Pillow has it
    # Displayed size (CSS px, the largest place it is shown) and the bytes at that size x DPR.
    displayed_width: float | None = None
    displayed_height: float | None = None
    resized_bytes: int | None = None
    error: str | None = None
