"""orientation: the page shows its content with the phone turned sideways, not only upright
(WCAG 1.3.4 Orientation).

The gatherer reads the page upright, turns the phone to landscape (width and height swapped,
the screen's orientation landscape-primary), reads it again and turns it back. Three ways a
page restricts itself to one orientation fail:

- a wall: a new element on top across at least 75% of the landscape screen, which was on top
  nowhere upright and is gone again once the phone is back upright (a pop-up that opened
  meanwhile stays), and which blocks the page: fixed on the screen, or nothing left to
  scroll to below it, or the page's text hidden behind it. Found by where it sits, not by
  its words ("rotate your device" in any language, or a picture).
- a quarter turn: an element turned 90 degrees in one orientation relative to the other, so
  it stays one way up whichever way the phone is held.
- hidden content: less than a fifth of the upright page's text still shows in landscape.

The quarter turn implements ACT rule b33eff ("Orientation of the page is not restricted
using CSS transforms"): its applicability is a visible element with a transform (or rotate)
applied conditionally on the orientation media feature, its expectation that the element is
not rotated by 90 degrees from one orientation to the other; we compare each visible
element's computed rotation in both orientations, transforms and the rotate property alike.
Where we are stricter: a rotation that changes with the turn for another reason (a width
media query, a script reacting to the resize) fails too, though the rule would not apply to
it; and the walls and hidden content fail pages the rule passes, since they restrict the
orientation by other means than a transform.

Desktop windows are not turned: for them the audit does not apply.
"""

from __future__ import annotations

from audits import audit
from checker.model.elements import Element
from checker.model.orientation_facts import (
    CoveringElement,
    OrientationFacts,
    OrientationView,
    RotatedElement,
)
from checker.model.results import CannotMeasure, Finding, Outcome
from checker.model.snapshot import PageSnapshot

FIX = (
    "Let the page work both ways up: remove the message asking people to turn their phone "
    "and the rule that turns or hides the page in one orientation, and let the layout adapt "
    "to the wider screen instead."
)
# Less than this share of the upright text shown in landscape: the content is hidden.
TEXT_SHOWN_MIN = 0.2
# Below this much text upright there is too little to compare.
TEXT_MIN_CHARS = 50
# An element that covers the landscape screen blocks the page when less than this share of
# a screen is left to scroll to below it.
SCROLL_PAST_MIN = 0.25


@audit(
    id="orientation",
    title="The page works with the phone turned sideways",
    failure_title="The page does not work with the phone turned sideways",
    description=(
        "Turns the phone to landscape and checks the page still shows its content: no message "
        "covering it to ask people to turn the phone back, no content turned a quarter turn "
        "to stay one way up, no text hidden. Some people cannot turn their phone: it is "
        "mounted on a wheelchair or a stand."
    ),
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/orientation.html",
    category="accessibility",
    weight=7,
    impact="serious",
    fix=FIX,
    requires=("orientation",),
    act_rules=("b33eff",),
    wcag=("1.3.4",),
)
def orientation(snapshot: PageSnapshot) -> Outcome:
    if not snapshot.device.is_mobile:
        return Outcome(
            score=None,
            display="Desktop windows are not turned sideways: this applies to phones and tablets.",
        )
    facts = snapshot.orientation
    if facts is None:
        raise CannotMeasure(
            "The phone was not turned on this page (a run from before the orientation check, "
            "or one without the accessibility pass), so how it shows sideways is unknown."
        )
    landscape = facts.landscape
    if landscape is None:
        raise CannotMeasure(
            "The page's screen was already wider than tall, so the phone could not be turned."
        )
    shown = _text_shown(facts.portrait, landscape)
    content_hidden = shown is not None and shown < TEXT_SHOWN_MIN
    walls = [c for c in facts.covering if _blocks(c, landscape, content_hidden)]
    findings = [_wall_finding(w, landscape) for w in walls]
    findings += [_rotated_finding(r) for r in facts.rotated]
    if content_hidden:
        findings += _hidden_findings(facts, landscape)
    details = {
        "portrait": [facts.portrait.width, facts.portrait.height],
        "landscape": [landscape.width, landscape.height],
        "portrait_text_chars": facts.portrait.text_chars,
        "landscape_text_chars": landscape.text_chars,
        "walls": len(walls),
        "rotated": len(facts.rotated) + facts.truncated.get("rotated", 0),
        "content_hidden": content_hidden,
        "new_covering_elements": len(facts.covering),
    }
    value = round(shown * 100) if shown is not None else None
    if not findings:
        display = f"Turned sideways ({landscape.width} x {landscape.height} px), the page shows"
        display += " its content" if shown is None else f" {value}% of its upright text"
        return Outcome(score=1, display=display + ".", value=value, unit="%", details=details)
    problems = []
    if walls:
        problems.append("covers itself with a message")
    if facts.rotated:
        problems.append("turns its content to stay one way up")
    if content_hidden:
        problems.append(f"shows only {value}% of its upright text")
    return Outcome(
        score=0,
        display=(
            f"Turned sideways ({landscape.width} x {landscape.height} px), the page "
            f"{' and '.join(problems)}: people who cannot turn their phone cannot use it."
        ),
        value=value,
        unit="%",
        findings=findings,
        details=details,
    )


def _text_shown(portrait: OrientationView, landscape: OrientationView) -> float | None:
    """The share of the upright page's text that shows in landscape; None with too little."""
    if portrait.text_chars < TEXT_MIN_CHARS:
        return None
    return min(1.0, landscape.text_chars / portrait.text_chars)


def _blocks(covering: CoveringElement, landscape: OrientationView, content_hidden: bool) -> bool:
    if covering.upright_after:
        return False  # it covers the upright page too now: not about the orientation
    nothing_below = covering.below_px < SCROLL_PAST_MIN * landscape.height
    return covering.fixed or nothing_below or content_hidden


def _wall_finding(wall: CoveringElement, landscape: OrientationView) -> Finding:
    said = f' ("{wall.element.label}")' if wall.element.label else ""
    how = "stays on the screen" if wall.fixed else "leaves nothing else to scroll to"
    return Finding(
        message=(
            f"Covers {round(wall.coverage * 100)}% of the screen turned sideways{said} and "
            f"{how}; upright it does not show: people who cannot turn their phone are shut out."
        ),
        element=wall.element,
        details={
            "coverage": wall.coverage,
            "on_top": wall.on_top,
            "fixed": wall.fixed,
            "below_px": wall.below_px,
            "landscape": [landscape.width, landscape.height],
        },
    )


def _rotated_finding(rotated: RotatedElement) -> Finding:
    return Finding(
        message=(
            f"Turned {_degrees(rotated.landscape_angle)} sideways and "
            f"{_degrees(rotated.portrait_angle)} upright: it stays one way up whichever way "
            "the phone is held, so it reads sideways for people who cannot turn their phone."
        ),
        element=rotated.element,
        details={
            "portrait_angle": rotated.portrait_angle,
            "landscape_angle": rotated.landscape_angle,
        },
    )


def _degrees(angle: float) -> str:
    return f"{round(angle):g}°"


def _hidden_findings(facts: OrientationFacts, landscape: OrientationView) -> list[Finding]:
    lost = facts.portrait.text_chars - landscape.text_chars
    if not facts.hidden:
        return [
            Finding(
                message=(
                    f"Shows {landscape.text_chars} characters of text sideways against "
                    f"{facts.portrait.text_chars} upright: {lost} are hidden in landscape."
                ),
                element=Element("html"),
                details={"portrait_chars": facts.portrait.text_chars, "lost_chars": lost},
            )
        ]
    return [
        Finding(
            message=(
                f"Shows {h.chars} characters of text upright and is hidden when the phone is "
                "turned sideways."
            ),
            element=h.element,
            details={"chars": h.chars},
        )
        for h in facts.hidden
    ]
