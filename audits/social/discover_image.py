"""discover-image: Google Discover may show the page with a large image.

Google documents it (https://developers.google.com/search/docs/appearance/google-discover):
large images "need to be at least 1200 px wide and enabled by the max-image-preview:large
setting, or by using AMP"; the image may be given with schema.org markup or og:image; "avoid
using a site logo as your image". A large card is what draws the clicks there.

The permission is read as Googlebot reads it (audits/common/robots_directives.py): the robots
and googlebot meta tags and the X-Robots-Tag header; where they disagree, the most restrictive
wins (Google's rule for conflicting directives). An AMP page (`<html amp>` or `<html ⚡>`) has it.
The image is the widest of: og:image (as fetched, else its og:image:width), the JSON-LD
`image` values (an ImageObject's declared width, or the width of that address where the page
shows it), and the widest picture the page shows at 150 CSS px wide or more; a logo
never counts (its address, class or alt says "logo", or it is the Organization's logo).

Fails when the page has a large image but does not allow a large preview, or allows one
without an image 1200 px wide; findings say which. A page with neither, or that Google may
not index (noindex), is not applicable: Discover has no large card to show for it.
Informational (weight 0): Discover is one place a page is met among many, and a brand whose
pages never appear there loses nothing; the failure says what a large card needs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from audits import audit
from audits.common.crawler_fetches import blocked_host
from audits.common.crawler_view import (
    first_value,
    page_metadata,
    resolve,
    server_document,
    social_facts,
)
from audits.common.robots_directives import Directive, directives_for
from checker.model.elements import Element
from checker.model.results import CannotMeasure, Finding, Outcome
from checker.model.snapshot import PageSnapshot

LARGE_WIDTH_PX = 1200
# A picture shown narrower than this is an icon, an avatar or a sprite, not an image Discover
# would pick. In CSS px, not a share of the screen: the page Google reads is one whatever the
# device, and a grid that shows a photo at a third of a tablet's width still offers it.
MIN_SHOWN_PX = 150
GOOGLEBOT = "googlebot"
ALLOW_TAG = '<meta name="robots" content="max-image-preview:large">'
# Why an image has no width, by Candidate.how.
UNMEASURED = {
    "unfetched": "is on a host --block-external kept readiness from and declares no width",
    "unloaded": "did not load: --block-external kept the browser from its host",
}
# What the site overview counts pages by (checker/judge/tallies.py).
TALLY_LARGE = "a large image in Discover"
TALLY_NOT_ALLOWED = "a large image, not allowed"
TALLY_NO_IMAGE = "a large preview allowed, no image 1200 px wide"
TALLY_THUMBNAIL = "neither: a thumbnail at most"
# max-image-preview values from the most to the least restrictive.
PREVIEW_SIZES = ("none", "standard", "large")


@dataclass(frozen=True)
class Candidate:
    where: str  # og:image, JSON-LD image, the page's picture
    url: str
    width: int | None
    height: int | None = None
    how: str = "fetched"  # fetched, declared, shown; without a width: unfetched, unloaded
    selector: str = "head"


@audit(
    id="discover-image",
    title="Google Discover can show the page with a large image",
    failure_title="Google Discover shows the page with a small thumbnail at best",
    description=(
        "Checks what Google Discover needs to show the page with a large image: an image at "
        "least 1200 px wide (og:image, schema.org image or the article's own, not a logo) and "
        "permission through max-image-preview:large or AMP. Large cards draw far more clicks "
        "than thumbnails."
    ),
    help_url="https://developers.google.com/search/docs/appearance/google-discover",
    category="social",
    requires=("document", "dom", "social"),
    weight=0,
    impact="moderate",
    fix=(
        f"Add {ALLOW_TAG} to the page's head and give it an image at least 1200 px wide as "
        "og:image (and the schema.org image), not the site's logo."
    ),
)
def discover_image(snapshot: PageSnapshot) -> Outcome:
    directives = directives_for(snapshot.server_head, snapshot.document.headers, GOOGLEBOT)
    noindex = next((d for d in directives if d.name in ("noindex", "none")), None)
    if noindex is not None:
        return Outcome(score=None, display=f"Kept out of Google ({noindex.source})",
                       details={"tally": ["kept out of Google"]})  # fmt: skip
    permission, permission_source = _permission(snapshot, directives)
    candidates = list(_candidates(snapshot))
    large = _widest([c for c in candidates if (c.width or 0) >= LARGE_WIDTH_PX])
    details: dict[str, Any] = {
        "permission": permission,
        "permission_source": permission_source,
        "images": [_candidate_details(c) for c in candidates],
    }
    unmeasured = [c for c in candidates if c.width is None]
    if large is None and unmeasured:
        # Whether one of these is 1200 px wide decides between the verdicts.
        raise CannotMeasure(
            "Whether the page has an image 1200 px wide could not be told: "
            + "; ".join(f"the {c.where} {c.url[:120]} {UNMEASURED[c.how]}" for c in unmeasured[:3])
            + ". Run without --block-external to check it."
        )
    if large is not None:
        details["image"] = _candidate_details(large)
    if permission == "large" and large is not None:
        display = f"Large image allowed ({permission_source}); {_described(large)}"
        return Outcome(score=1, display=display, details={**details, "tally": [TALLY_LARGE]})
    if permission != "large" and large is not None:
        what = (
            f"limits previews to {permission} ({permission_source})"
            if permission_source
            else "does not allow a large preview"
        )
        finding = Finding(
            message=(
                f"The page has a large image ({_described(large)}) but {what}: Discover shows "
                f"a small thumbnail. Add {ALLOW_TAG}."
            ),
            element=Element("head", snippet=permission_source or None),
            details={"problem": "not-allowed", "image": large.url},
        )
        return Outcome(score=0, display=f"Large image, not allowed: {what}", findings=[finding],
                       details={**details, "tally": [TALLY_NOT_ALLOWED]})  # fmt: skip
    widest = _widest([c for c in candidates if c.width])
    if permission == "large":
        offered = f"the widest is {_described(widest)}" if widest else "it offers no image at all"
        finding = Finding(
            message=(
                f"The page allows a large preview ({permission_source}) but has no image "
                f"{LARGE_WIDTH_PX} px wide: {offered}. Discover shows a small thumbnail."
            ),
            element=Element(
                widest.selector if widest else "head", snippet=widest.url if widest else None
            ),
            details={"problem": "no-large-image"},
        )
        display = f"Allowed, but no image {LARGE_WIDTH_PX} px wide"
        details["tally"] = [TALLY_NO_IMAGE]
        return Outcome(score=0, display=display, findings=[finding], details=details)
    offered = f"the widest is {_described(widest)}" if widest else "no image"
    return Outcome(
        score=None,
        display=f"No image {LARGE_WIDTH_PX} px wide ({offered}) and no large preview asked for",
        details={**details, "tally": [TALLY_THUMBNAIL]},
    )


def _permission(snapshot: PageSnapshot, directives: list[Directive]) -> tuple[str, str | None]:
    """("large" | "standard" | "none", where it was set): the most restrictive
    max-image-preview given; AMP pages have large; without a directive, Google's default
    for Discover is a thumbnail ("standard", source None)."""
    given = [d for d in directives if d.name == "max-image-preview" and d.value in PREVIEW_SIZES]
    if given:
        strictest = min(given, key=lambda d: PREVIEW_SIZES.index(d.value or "large"))
        return strictest.value or "large", strictest.source
    if _is_amp(snapshot):
        return "large", "an AMP page"
    return "standard", None


def _is_amp(snapshot: PageSnapshot) -> bool:
    root = server_document(snapshot.document.html)
    if root is None:
        return False
    html = root if root.tag == "html" else root.getroottree().getroot()
    return any(name in ("amp", "⚡") for name in html.attrib)


def _candidates(snapshot: PageSnapshot) -> Iterator[Candidate]:
    logos = _logo_urls(snapshot)
    shown = {image.src: image for image in snapshot.dom.images if image.src}
    og = _og_image(snapshot)
    if og is not None and og.url not in logos:
        yield og
    for url, declared in _jsonld_images(snapshot):
        if url in logos or _looks_like_logo(url):
            continue
        if declared:
            yield Candidate("JSON-LD image", url, declared, how="declared")
        elif url in shown:
            image = shown[url]
            yield Candidate("JSON-LD image", url, image.natural_width, image.natural_height,
                            how="shown", selector=image.selector)  # fmt: skip
        elif og is not None and url == og.url:
            continue  # the og:image, already measured
    blocked = {r.url for r in snapshot.network if r.blocked}
    for image in snapshot.dom.images:
        if not image.visible or image.content_width < MIN_SHOWN_PX or not image.src:
            continue
        if image.src in logos or _looks_like_logo(image.src, image.alt, image.selector):
            continue
        if image.natural_width:
            yield Candidate("picture on the page", image.src, image.natural_width,
                            image.natural_height, how="shown", selector=image.selector)  # fmt: skip
        elif image.src in blocked:
            yield Candidate("picture on the page", image.src, None, how="unloaded",
                            selector=image.selector)  # fmt: skip
        # A picture not loaded for another reason (lazy, below the fold) cannot be weighed.


def _og_image(snapshot: PageSnapshot) -> Candidate | None:
    """The og:image as fetched; its declared width when our own --block-external kept it
    from being fetched; None when there is none, or it is broken or unusable (share-image
    says so)."""
    head = snapshot.server_head
    _, raw = first_value(head, "og:image", "og:image:url", "og:image:secure_url")
    if not raw or _looks_like_logo(raw):
        return None
    url = resolve(snapshot.document.url, raw)
    fetched = next((i for i in social_facts(snapshot).images if i.role == "og:image"), None)
    if fetched is None:  # an address no client could follow: never fetched, no image
        return None
    if fetched.width:
        return Candidate("og:image", fetched.url, fetched.width, fetched.height)
    if not blocked_host(fetched):  # broken: share-image says how
        return None
    _, width = first_value(head, "og:image:width")
    _, height = first_value(head, "og:image:height")
    if _pixels(width):
        return Candidate("og:image", url, _pixels(width), _pixels(height), how="declared")
    return Candidate("og:image", url, None, how="unfetched")


def _jsonld_images(snapshot: PageSnapshot) -> Iterator[tuple[str, int | None]]:
    """(address, declared width) of every `image` of the page's JSON-LD nodes."""
    base = snapshot.document.url
    for block in page_metadata(snapshot).jsonld.blocks:
        for value in _image_values(block.data):
            if isinstance(value, str) and value.strip():
                yield resolve(base, value), None
            elif isinstance(value, dict):
                url = value.get("url") or value.get("contentUrl") or value.get("@id")
                if isinstance(url, str) and url.strip():
                    yield resolve(base, url), _pixels(value.get("width"))


def _image_values(node: Any) -> Iterator[Any]:
    if isinstance(node, list):
        for item in node:
            yield from _image_values(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "image":
                yield from value if isinstance(value, list) else [value]
            elif key not in ("@context", "logo", "publisher", "author", "brand"):
                yield from _image_values(value)


def _pixels(value: Any) -> int | None:
    """A declared width: 1200, "1200", "1200px" or a QuantitativeValue {"value": 1200}."""
    if isinstance(value, dict):
        value = value.get("value")
    if isinstance(value, int | float) and value > 0:
        return int(value)
    if isinstance(value, str):
        digits = value.strip().lower().removesuffix("px").strip()
        return int(digits) if digits.isdigit() else None
    return None


def _logo_urls(snapshot: PageSnapshot) -> set[str]:
    base = snapshot.document.url
    urls = set()
    for organization in page_metadata(snapshot).jsonld.organizations:
        for logo in (
            organization.logo if isinstance(organization.logo, list) else [organization.logo]
        ):
            if isinstance(logo, str) and logo.strip():
                urls.add(resolve(base, logo))
    for image in social_facts(snapshot).images:
        if image.role not in ("og:image", "twitter:image"):
            urls.add(image.url)  # icons
    return urls


def _looks_like_logo(*texts: str | None) -> bool:
    return any("logo" in (text or "").lower() for text in texts)


def _widest(candidates: list[Candidate]) -> Candidate | None:
    return max(candidates, key=lambda c: c.width or 0, default=None)


def _described(candidate: Candidate) -> str:
    size = (
        f"{candidate.width}x{candidate.height}"
        if candidate.height
        else f"{candidate.width} px wide"
    )
    how = {"declared": ", declared", "shown": ""}.get(candidate.how, "")
    return f"{candidate.where} {size}{how}"


def _candidate_details(candidate: Candidate) -> dict[str, Any]:
    return {
        "where": candidate.where,
        "url": candidate.url,
        "width": candidate.width,
        "height": candidate.height,
        "measured": candidate.how,
    }
