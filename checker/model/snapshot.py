"""PageSnapshot: everything the browser told us about one page on one device, as plain data.

Gatherers fill it once; audits only read it. It round-trips through JSON so a run can be
re-scored later without a browser (`--save-snapshots DIR`, `readiness rescore DIR`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

SCHEMA_VERSION = 3  # 2: gather_failures; 3: every element described by one Element


@dataclass(frozen=True)
class Box:
    """A rectangle in CSS pixels, in page coordinates (scrolled content included)."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height


@dataclass(frozen=True)
class Element:
    """One element of a page, described the same way by every fact and every finding."""

    selector: str = ""  # a CSS selector that finds it; "" for a resource known by its URL
    box: Box | None = None  # None for what is not laid out (head tags, server HTML)
    snippet: str = ""  # the start of its HTML
    label: str = ""  # what a person knows it by: its accessible name or text, short


class OfElement:
    """Facts about one element, which read its selector, box and snippet from `element`."""

    element: Element

    @property
    def selector(self) -> str:
        return self.element.selector

    @property
    def box(self) -> Box:
        # Only head tags and server HTML lack a box, and their facts do not ask for one.
        return self.element.box  # type: ignore[return-value]

    @property
    def snippet(self) -> str:
        return self.element.snippet


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
class Tag(OfElement):
    """A head element (meta, link, title) with its attributes as written."""

    element: Element
    attrs: dict[str, str]

    def attr(self, name: str) -> str | None:
        return self.attrs.get(name)


@dataclass(frozen=True)
class HeadFacts:
    """Title, meta and link tags of a document, from the server's HTML or the rendered DOM."""

    title: str | None = None
    title_count: int = 0
    lang: str | None = None
    metas: list[Tag] = field(default_factory=list)
    links: list[Tag] = field(default_factory=list)

    def metas_named(self, name: str) -> list[Tag]:
        """Meta tags whose name (compared case-insensitively, as browsers do) is `name`."""
        wanted = name.lower()
        return [m for m in self.metas if (m.attr("name") or "").strip().lower() == wanted]


@dataclass(frozen=True)
class TextRun(OfElement):
    """The visible text directly inside one element, rendered at one font size."""

    element: Element
    font_size: float
    chars: int


@dataclass(frozen=True)
class TapTarget(OfElement):
    """A visible interactive element, with the client rects of it and its children that are
    on top of the page at their centre (how Lighthouse's tap-targets gatherer saw them)."""

    element: Element
    tag: str
    role: str | None
    rects: list[Box] = field(default_factory=list)
    via: str = "element"  # or "click-handler": a listener or onclick made it tappable
    href: str = ""  # a link's resolved address; Lighthouse let links to one URL sit close


@dataclass(frozen=True)
class ImageFacts(OfElement):
    element: Element
    src: str
    natural_width: int
    natural_height: int
    loading: str | None
    alt: str | None
    object_fit: str | None = None
    image_rendering: str | None = None
    visible: bool = True
    # The drawn size without padding, border and transforms (box includes them).
    content_width: float = 0
    content_height: float = 0


@dataclass(frozen=True)
class FormInput(OfElement):
    element: Element
    tag: str
    type: str | None
    inputmode: str | None
    autocomplete: str | None
    name: str | None
    font_size: float
    id: str | None = None
    placeholder: str | None = None
    aria_label: str | None = None
    label: str | None = None
    pattern: str | None = None
    readonly: bool = False
    disabled: bool = False


@dataclass(frozen=True)
class WideElement(OfElement):
    """An element that reaches past the layout viewport's right edge."""

    element: Element
    tag: str


@dataclass(frozen=True)
class Overlay(OfElement):
    """A fixed or sticky element, or an open modal: what stays over the page as it scrolls."""

    element: Element
    tag: str
    position: str
    modal: bool
    z_index: str


@dataclass(frozen=True)
class Param:
    name: str
    value: str


@dataclass(frozen=True)
class Embed(OfElement):
    """An <object>, <embed> or <applet> and what identifies its content."""

    element: Element
    tag: str
    type: str | None
    classid: str | None
    data: str | None
    src: str | None
    code: str | None
    params: list[Param]


@dataclass(frozen=True)
class RenderBlocking(OfElement):
    """A stylesheet or synchronous script in <head> that holds the first paint."""

    url: str
    tag: str  # link or script
    element: Element


@dataclass(frozen=True)
class DomFacts:
    head: HeadFacts
    # window.innerWidth: grows past the screen when a phone zooms out to fit wide content.
    viewport_width: int
    viewport_height: int
    scroll_width: int
    scroll_height: int
    # window.outerWidth: the screen's width in CSS px.
    outer_width: int = 0
    # The layout viewport (documentElement.clientWidth): 980 on a phone without a viewport tag.
    layout_width: int = 0
    text_runs: list[TextRun] = field(default_factory=list)
    tap_targets: list[TapTarget] = field(default_factory=list)
    images: list[ImageFacts] = field(default_factory=list)
    inputs: list[FormInput] = field(default_factory=list)
    overlays: list[Overlay] = field(default_factory=list)
    embeds: list[Embed] = field(default_factory=list)
    # The outermost elements past the layout viewport's right edge.
    wide_elements: list[WideElement] = field(default_factory=list)
    # Stylesheets and synchronous scripts in <head> that hold the first paint on this screen.
    render_blocking: list[RenderBlocking] = field(default_factory=list)
    # Lists cut at a cap on hostile pages: name of the list -> how many were seen in all.
    truncated: dict[str, int] = field(default_factory=dict)


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
class CrawlerView:
    """The page as one platform's link crawler fetched it: its user agent, no JavaScript."""

    crawler: str  # facebook, x, linkedin, slack, whatsapp, discord
    user_agent: str
    url: str
    final_url: str
    status: int | None
    headers: dict[str, str]
    redirects: list[str] = field(default_factory=list)
    error: str | None = None
    head: HeadFacts | None = None
    html_bytes: int = 0
    # robots.txt allows this crawler to fetch the page (None: no robots.txt could be read).
    robots_allowed: bool | None = None


@dataclass(frozen=True)
class FetchedImage:
    """An image a platform would fetch (share image, icon), as measured with Pillow."""

    role: str  # og:image, twitter:image, icon, apple-touch-icon, manifest-icon
    url: str
    final_url: str
    status: int | None
    content_type: str | None
    bytes: int
    width: int | None = None
    height: int | None = None
    format: str | None = None  # Pillow's name: JPEG, PNG, GIF, WEBP, SVG (by content type)...
    animated: bool = False
    truncated: bool = False  # larger than the fetch cap: bytes is the cap
    error: str | None = None
    # A small JPEG of it (at most 600 px wide), for the preview cards of the report.
    thumbnail: bytes | None = None


@dataclass(frozen=True)
class ManifestFacts:
    url: str
    status: int | None
    error: str | None = None
    name: str | None = None
    short_name: str | None = None
    theme_color: str | None = None
    icons: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class UrlCheck:
    """One fetch without following redirects: where the address really leads."""

    url: str
    status: int | None
    location: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class SocialFacts:
    """What link crawlers get for the page, gathered once per page (not per device)."""

    crawlers: list[CrawlerView] = field(default_factory=list)
    images: list[FetchedImage] = field(default_factory=list)
    manifest: ManifestFacts | None = None
    canonical: UrlCheck | None = None
    robots_txt: UrlCheck | None = None


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


@dataclass(frozen=True)
class ConsentFacts(OfElement):
    """The cookie banner's accept button clicked (--accept-consent) before the facts were
    read; the overlays are still the ones a first-time visitor saw."""

    manager: str  # "OneTrust", ..., or "generic" for a button found by its wording
    element: Element  # the button, labelled with its text


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
    # The first screen (PNG) and the whole page down to FULL_PAGE_MAX_HEIGHT (JPEG), CSS scale.
    screenshot: bytes | None = None
    full_screenshot: bytes | None = None
    social: SocialFacts | None = None
    # Throttled speed passes, on the speed device(s) only; empty on the others.
    speed_runs: list[SpeedRun] = field(default_factory=list)
    # With the speed runs: their resources fetched again and measured (speed device only).
    resources: list[ResourceFacts] = field(default_factory=list)
    consent: ConsentFacts | None = None
    # The gatherers that failed on this page and device, each at most once.
    gather_failures: list[GatherFailure] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION

    def failure_of(self, gatherer: str) -> GatherFailure | None:
        return next((f for f in self.gather_failures if f.gatherer == gatherer), None)

    @property
    def render_blocking(self) -> list[RenderBlocking]:
        """What holds the first paint, as gathered with the DOM (kept in one place there)."""
        return self.dom.render_blocking
