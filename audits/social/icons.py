"""icons: the small pictures that stand for the site: tabs, home screens, link previews.

Six checks, each worth the same: a favicon that loads (browsers and Slack, Discord, Google
show it); an apple-touch-icon measured at least 180x180 (Apple's size for iPhone home screens:
https://developer.apple.com/design/human-interface-guidelines/app-icons); a web app manifest
with a name; manifest icons of 192x192 and 512x512 (what Chrome needs to install the page and
draw its splash screen: https://web.dev/articles/add-manifest#icons); a theme-color meta
(the browser bar on Android, Discord's embed colour:
https://developer.mozilla.org/docs/Web/HTML/Element/meta/name/theme-color).

A check whose icon or manifest readiness's own --block-external kept it from fetching is not
the site's failure: it is not checked. When the checks that ran fail anyway, the score is
theirs (the unchecked ones left out of it) and `details` lists what was not checked; when the
verdict hangs on the blocked fetch, the audit raises CannotMeasure, which the runner makes an
error result (never a pass, never "not applicable").
"""

from __future__ import annotations

from dataclasses import dataclass

from audits import audit
from audits.common.crawler_fetches import blocked_host, blocked_words, cannot_check, unreachable
from audits.common.crawler_view import (
    first_value,
    links_with_rel,
    social_facts,
)
from checker.model.elements import Element
from checker.model.results import PASS_THRESHOLD, Finding, Outcome
from checker.model.snapshot import PageSnapshot
from checker.model.social_facts import FetchedImage, ManifestFacts

APPLE_TOUCH_ICON_MIN = 180  # px, Apple HIG (see the module docstring)
MANIFEST_ICON_SIZES = (192, 512)  # px, web.dev "Add a web app manifest"


@dataclass(frozen=True)
class NotChecked:
    """A check --block-external kept from running: `what` (the favicon...) was not fetched."""

    what: str
    fetched: FetchedImage | ManifestFacts


Check = Finding | NotChecked | None  # a problem, not checked, or passed


def _not_checked(what: str, fetched: FetchedImage | ManifestFacts) -> NotChecked | None:
    return NotChecked(what, fetched) if blocked_host(fetched) else None


@audit(
    id="icons",
    title="Has a favicon, a home-screen icon, a manifest and a theme colour",
    failure_title="Icons, manifest or theme colour are missing or too small",
    description=(
        "Checks for a favicon, a 180x180 home-screen icon, a web app manifest with 192 and 512 "
        "px icons, and a theme colour. They stand for the site on a phone's home screen, in "
        "browser tabs and in link previews."
    ),
    help_url="https://web.dev/articles/add-manifest",
    category="social",
    requires=("document", "social"),
    weight=5,
    impact="minor",
    fix=(
        'Link a favicon, a 180x180 <link rel="apple-touch-icon">, a manifest with name and '
        '192x192 and 512x512 icons, and add <meta name="theme-color">.'
    ),
)
def icons(snapshot: PageSnapshot) -> Outcome:
    facts = social_facts(snapshot)
    by_role: dict[str, list[FetchedImage]] = {}
    for image in facts.images:
        by_role.setdefault(image.role, []).append(image)
    every: dict[str, Check] = {
        "favicon": _favicon(by_role.get("icon", [])),
        "apple-touch-icon": _apple_touch_icon(snapshot, by_role.get("apple-touch-icon", [])),
        "manifest": _manifest(facts.manifest),
        **_manifest_icons(facts.manifest, by_role.get("manifest-icon", [])),
        "theme-color": _theme_color(snapshot),
    }
    skipped = {name: c for name, c in every.items() if isinstance(c, NotChecked)}
    checks = {name: c for name, c in every.items() if not isinstance(c, NotChecked)}
    findings = [f for f in checks.values() if f is not None]
    passed = [name for name, f in checks.items() if f is None]
    unfetched = [(c.what, c.fetched) for c in skipped.values()]
    # The best score if every check we could not run passed: when even that passes, the
    # verdict hangs on the fetch our own option prevented.
    if skipped and round((len(passed) + len(skipped)) / len(every), 2) >= PASS_THRESHOLD:
        raise cannot_check(unfetched)
    score = round(len(passed) / len(checks), 2)
    display = (
        "Favicon, apple-touch-icon, manifest icons and theme colour are in place"
        if not findings
        else findings[0].message
    )
    details: dict[str, object] = {"checks": {name: f is None for name, f in checks.items()}}
    if skipped:
        details["not_checked"] = {
            name: blocked_words([(c.what, c.fetched)]) for name, c in skipped.items()
        }
        display += f" Not checked: {blocked_words(unfetched)}."
    return Outcome(
        score=score,
        display=display,
        value=len(passed),
        unit=f"of {len(checks)} checks",
        findings=findings,
        details=details,
    )


def _favicon(images: list[FetchedImage]) -> Check:
    if not images:
        return Finding(message="No favicon.", element=Element('link[rel="icon"]'))
    if blocked := _not_checked("the favicon", images[0]):
        return blocked
    problem = unreachable(images[0])
    if problem:
        return Finding(
            message=f"The favicon ({images[0].url}) {problem}.",
            element=Element('link[rel="icon"]'),
            details={"url": images[0].url},
        )
    return None


def _apple_touch_icon(snapshot: PageSnapshot, images: list[FetchedImage]) -> Check:
    selector = 'link[rel="apple-touch-icon"]'
    if not images:
        declared = links_with_rel(snapshot.server_head, "apple-touch-icon")
        message = (
            "The apple-touch-icon was not fetched."
            if declared
            else "No apple-touch-icon: iPhones put a screenshot of the page on the home screen."
        )
        return Finding(message=message, element=Element(selector if declared else "head"))
    image = images[0]
    if blocked := _not_checked("the apple-touch-icon", image):
        return blocked
    problem = unreachable(image)
    if problem:
        return Finding(
            message=f"The apple-touch-icon {problem}.",
            element=Element(selector),
            details={"url": image.url},
        )
    if (
        image.width is not None
        and image.height is not None
        and (min(image.width, image.height) < APPLE_TOUCH_ICON_MIN)
    ):
        return Finding(
            message=(
                f"The apple-touch-icon is {image.width}x{image.height}; iPhones need "
                f"{APPLE_TOUCH_ICON_MIN}x{APPLE_TOUCH_ICON_MIN}."
            ),
            element=Element(selector),
            details={"width": image.width, "height": image.height, "url": image.url},
        )
    return None


def _manifest(manifest: ManifestFacts | None) -> Check:
    selector = 'link[rel="manifest"]'
    if manifest is None:
        return Finding(message="No web app manifest.", element=Element("head"))
    if blocked := _not_checked("the manifest", manifest):
        return blocked
    if manifest.error or manifest.status != 200:
        return Finding(
            message=f"The manifest cannot be read: {manifest.error or manifest.status}.",
            element=Element(selector),
            details={"url": manifest.url},
        )
    if not (manifest.name or manifest.short_name):
        return Finding(message="The manifest has no name or short_name.", element=Element(selector))
    return None


def _manifest_icons(
    manifest: ManifestFacts | None, measured: list[FetchedImage]
) -> dict[str, Check]:
    checks: dict[str, Check] = {}
    readable = manifest is not None and manifest.status == 200 and not manifest.error
    by_url = {image.url: image for image in measured}
    for size in MANIFEST_ICON_SIZES:
        name = f"manifest-icon-{size}"
        if manifest is not None and (blocked := _not_checked("the manifest", manifest)):
            checks[name] = blocked  # its icons are declared in it: not checked either
            continue
        if not readable:
            checks[name] = Finding(
                message=f"No {size}x{size} manifest icon (no readable manifest).",
                element=Element("head"),
            )
            continue
        assert manifest is not None
        declared = [icon for icon in manifest.icons if size in _declared_sizes(icon)]
        if not declared:
            checks[name] = Finding(
                message=f"The manifest declares no {size}x{size} icon.",
                element=Element('link[rel="manifest"]'),
                details={"icons": manifest.icons},
            )
            continue
        image = by_url.get(declared[0]["src"])
        checks[name] = _measured_problem(size, image) if image is not None else None
    return checks


def _measured_problem(size: int, image: FetchedImage) -> Check:
    if blocked := _not_checked(f"the {size}x{size} manifest icon", image):
        return blocked
    problem = unreachable(image)
    if problem:
        message = f"The {size}x{size} manifest icon {problem}."
    elif image.width is not None and (image.width, image.height) != (size, size):
        message = f"The manifest icon declared {size}x{size} measures {image.width}x{image.height}."
    else:
        return None
    return Finding(
        message=message, element=Element('link[rel="manifest"]'), details={"url": image.url}
    )


def _declared_sizes(icon: dict[str, str]) -> set[int]:
    sizes = set()
    for token in icon.get("sizes", "").lower().split():
        width, _, height = token.partition("x")
        if width.isdigit() and width == height:
            sizes.add(int(width))
    return sizes


def _theme_color(snapshot: PageSnapshot) -> Finding | None:
    _, value = first_value(snapshot.server_head, "theme-color")
    if value is None:
        return Finding(message='No <meta name="theme-color">.', element=Element("head"))
    return None
