"""viewport: the page tells phones to lay it out at the device's width."""

from __future__ import annotations

import re

from audits import audit
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot, Tag

FIX = (
    'Add <meta name="viewport" content="width=device-width, initial-scale=1"> to the <head>, '
    "once. https://developer.mozilla.org/docs/Web/HTML/Viewport_meta_tag"
)

_SEPARATORS = re.compile(r"[,;]")


def parse_viewport(content: str) -> dict[str, str]:
    """Parse a viewport content string the way browsers do: keys and values are
    case-insensitive, pairs are separated by commas (Chrome also accepts semicolons)."""
    properties: dict[str, str] = {}
    for part in _SEPARATORS.split(content or ""):
        key, _, value = part.partition("=")
        key = key.strip().lower()
        if key:
            properties[key] = value.strip().strip("'\"").lower()
    return properties


@audit(
    id="viewport",
    title="Has a viewport meta tag with width=device-width",
    failure_title="Does not tell phones to use the device width",
    category="layout",
    requires=("dom",),
    weight=10,
    fix=FIX,
)
def viewport(snapshot: PageSnapshot) -> Outcome:
    if not snapshot.device.is_mobile:
        return Outcome(score=None, display="Desktop browsers ignore the viewport meta tag.")
    # Read wherever the tag stands: Chrome applies a viewport tag that the parser moved into
    # <body> (bbc-1's), where Lighthouse, reading <head> only, reported none.
    tags = snapshot.dom.head.metas_named("viewport")
    if not tags:
        return Outcome(
            score=0,
            display=NO_VIEWPORT,
            findings=[
                Finding(message='The <head> has no <meta name="viewport">.', selector="head")
            ],
        )
    findings = _conflicts(tags)
    effective = tags[-1]
    content = effective.attr("content") or ""
    problem = _width_problem(parse_viewport(content))
    if problem:
        findings.insert(0, _finding(effective, problem))
    if findings:
        return Outcome(score=0, display=findings[0].message, value=content, findings=findings)
    return Outcome(score=1, display=f'content="{content}"', value=content)


NO_VIEWPORT = (
    "No viewport meta tag: phones lay the page out 980 px wide and shrink it to fit, so text "
    "is tiny and people must zoom."
)


def layout_problem(snapshot: PageSnapshot) -> str | None:
    """Why phones will not lay the page out at their own width, or None when they will.
    Browsers apply the last viewport tag of the document."""
    tags = snapshot.dom.head.metas_named("viewport")
    if not tags:
        return NO_VIEWPORT
    return _width_problem(parse_viewport(tags[-1].attr("content") or ""))


def _width_problem(properties: dict[str, str]) -> str | None:
    width = properties.get("width")
    scale = properties.get("initial-scale")
    if width is None:
        if scale is None:
            return "The viewport sets no width, so phones fall back to a 980 px layout."
        # With only initial-scale, Chrome and Safari lay the page out at the device width
        # divided by the scale (liberation-1 measured 412 px wide on a 412 px phone), and
        # Lighthouse accepted it too; a scale below 1 is caught below.
    elif width != "device-width":
        if _is_number(width):
            # Lighthouse's viewport audit passes any width; Google's Mobile-Friendly Test
            # failed a fixed pixel width, because the page then cannot fit other screens.
            return (
                f"The viewport has a fixed width of {width} px: the page is laid out for one "
                "screen size and shrunk or scrolled on every other phone."
            )
        return f'The viewport width is "{width}", not device-width.'
    if scale is not None and _is_number(scale) and float(scale) < 1:
        return f"initial-scale={scale} starts the page zoomed out, so text is shrunk."
    return None


def _conflicts(tags: list[Tag]) -> list[Finding]:
    layouts = {
        (_canonical(p.get("width")), _canonical(p.get("initial-scale")))
        for p in (parse_viewport(t.attr("content") or "") for t in tags)
    }
    if len(layouts) < 2:
        return []
    message = (
        f"{len(tags)} viewport tags disagree on width or initial-scale; browsers use the last "
        "one, so the others are dead weight or a mistake."
    )
    first, *others = tags
    return [
        Finding(
            message=message,
            selector=first.selector,
            snippet=first.snippet,
            related=[
                Finding(message="Also a viewport tag.", selector=t.selector, snippet=t.snippet)
                for t in others
            ],
        )
    ]


def _finding(tag: Tag, message: str) -> Finding:
    return Finding(message=message, selector=tag.selector, snippet=tag.snippet)


def _canonical(value: str | None) -> str | float | None:
    """1 and 1.0 are the same scale; compare numbers as numbers."""
    return float(value) if value is not None and _is_number(value) else value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
