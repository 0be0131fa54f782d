"""zoom-allowed: the viewport meta tag leaves people free to pinch-zoom the page.

People with low vision enlarge text by zooming; WCAG 1.4.4 (Resize Text) asks that text can be
enlarged to 200%. `user-scalable=no` or a `maximum-scale` below 2 takes that away. The rule is
axe-core's `meta-viewport` (which Lighthouse's accessibility category runs) and the W3C ACT rule
b4f0c3, with values read the way Chromium reads them.

Browsers differ: Safari on iOS ignores both properties since iOS 10, to let everyone zoom;
Chrome on Android obeys them unless the user turns on "Force enable zoom" in its accessibility
settings, which is off by default. We fail the tag either way, as axe and Lighthouse do: the
page asks browsers to stop people from zooming, and Android's default browser does.
"""

from __future__ import annotations

import re

from audits import audit
from audits.common.viewport_tag import parse_viewport
from checker.model.dom_facts import Tag
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot

FIX = (
    "Remove user-scalable=no and maximum-scale from the viewport meta tag (or set "
    "maximum-scale to 5), so people can zoom in to read."
)

# WCAG 1.4.4 Resize Text: text can be enlarged to 200%. axe-core's meta-viewport rule
# (`scaleMinimum: 2`) and ACT rule b4f0c3 fail a maximum-scale below 2.
MIN_MAXIMUM_SCALE = 2.0

# Chromium's ParseViewportValueAsZoom (html_meta_element.cc): these keywords stand for these
# scales, and every scale is clamped to 0.1..10 (the css-device-adapt limits).
_ZOOM_KEYWORDS = {"yes": 1.0, "no": 0.0, "device-width": 10.0, "device-height": 10.0}
_MIN_SCALE, _MAX_SCALE = 0.1, 10.0
# Chromium's ParseViewportValueAsUserZoom: these words allow zooming, "no" forbids it, and
# otherwise a number of magnitude 1 or more allows it; anything else (0, 0.5, "false", an
# empty value) forbids it, because an unreadable value parses as 0.
_USER_ZOOM_KEYWORDS = {"yes", "device-width", "device-height"}
# Chromium reads the number at the start of a value and ignores the rest ("2px" is 2).
_LEADING_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?")

BROWSER_SUPPORT = (
    "Chrome on Android obeys it unless people turn on Force enable zoom in its accessibility "
    "settings; Safari on iPhone ignores it since iOS 10."
)


@audit(
    id="zoom-allowed",
    title="Lets people zoom the page",
    failure_title="Stops people from zooming the page",
    description=(
        "Checks that the viewport meta tag does not stop people from zooming (user-scalable=no, "
        "or a maximum-scale below 2). People with low vision zoom to read, and Chrome on "
        "Android obeys the tag."
    ),
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/resize-text.html",
    category="layout",
    requires=("dom",),
    weight=5,
    impact="critical",
    fix=FIX,
    act_rules=("b4f0c3",),
    wcag=("1.4.4",),
)
def zoom_allowed(snapshot: PageSnapshot) -> Outcome:
    if not snapshot.device.is_mobile:
        return Outcome(score=None, display="Desktop browsers ignore the viewport meta tag.")
    tags = snapshot.dom.head.metas_named("viewport")
    if not tags:
        # Nothing limits zooming; the viewport audit fails the missing tag itself.
        return Outcome(score=1, display="No viewport meta tag, so nothing stops zooming.")
    # Browsers apply the last viewport tag of the document.
    tag = tags[-1]
    content = tag.attr("content") or ""
    findings = zoom_problems(tag, parse_viewport(content))
    if findings:
        return Outcome(
            score=0,
            display=(
                f"{findings[0].message.rstrip('.')} on Android phones; iPhones let people "
                "zoom anyway."
            ),
            value=content,
            findings=findings,
            details={"browser_support": BROWSER_SUPPORT},
        )
    return Outcome(score=1, display="The viewport meta tag lets people zoom.", value=content)


def zoom_problems(tag: Tag, properties: dict[str, str]) -> list[Finding]:
    """A finding for each property of the viewport tag that stops people from zooming."""
    findings = []
    user_scalable = properties.get("user-scalable")
    if user_scalable is not None and not user_zoom_allowed(user_scalable):
        findings.append(
            _finding(
                tag,
                f"The viewport's user-scalable={user_scalable} stops people from zooming in "
                "to read.",
                "user-scalable",
                user_scalable,
            )
        )
    maximum = properties.get("maximum-scale", "")
    limit = maximum_zoom(properties)
    if limit is not None and limit < MIN_MAXIMUM_SCALE:
        findings.append(
            _finding(
                tag,
                f"The viewport's maximum-scale={maximum} stops zooming before text is twice "
                "its size.",
                "maximum-scale",
                maximum,
                limit=limit,
            )
        )
    return findings


def user_zoom_allowed(value: str) -> bool:
    """How Chromium reads user-scalable: yes, device-width, device-height and numbers of
    magnitude 1 or more allow zooming; no, smaller numbers and unknown words forbid it."""
    value = value.lower()
    if value in _USER_ZOOM_KEYWORDS:
        return True
    if value == "no":
        return False
    number = _leading_number(value)
    return number is not None and abs(number) >= 1


def maximum_zoom(properties: dict[str, str]) -> float | None:
    """The largest zoom the viewport allows, as Chromium resolves it; None when unlimited."""
    maximum = _scale(properties.get("maximum-scale"))
    minimum = _scale(properties.get("minimum-scale"))
    if maximum is not None and minimum is not None:
        # Chromium raises maximum-scale to minimum-scale when the two contradict.
        return max(maximum, minimum)
    return maximum


def _scale(value: str | None) -> float | None:
    """A scale as Chromium reads it; None when absent or negative (Chromium's `auto`)."""
    if value is None:
        return None
    value = value.lower()
    # An unreadable value is 0 in Chromium, so it forbids zooming too.
    number = _ZOOM_KEYWORDS.get(value, _leading_number(value) or 0.0)
    if number < 0:
        return None
    return min(max(number, _MIN_SCALE), _MAX_SCALE)


def _leading_number(value: str) -> float | None:
    match = _LEADING_NUMBER.match(value)
    return float(match.group()) if match else None


def _finding(tag: Tag, message: str, name: str, value: str, limit: float | None = None) -> Finding:
    details: dict[str, object] = {"property": name, "value": value}
    if limit is not None:
        details["maximum_zoom"] = limit
    return Finding(message=message, element=tag.element, details=details)
