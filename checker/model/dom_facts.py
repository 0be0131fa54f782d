"""What the rendered page shows on one device, as the in-page collector (gather/dom.js) read
it: head tags, text, tap targets, images, form fields, overlays, plugins, wide elements."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.model.elements import Box, Element, OfElement


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
class ConsentFacts(OfElement):
    """The cookie banner's accept button clicked (--accept-consent) before the facts were
    read; the overlays are still the ones a first-time visitor saw."""

    manager: str  # "OneTrust", ..., or "generic" for a button found by its wording
    element: Element  # the button, labelled with its text
