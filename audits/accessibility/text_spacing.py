"""text-spacing: text stays whole when people widen its spacing (WCAG 1.4.12 Text Spacing).

People with dyslexia or low vision read better with more space between lines, words and
letters, and set it with a style sheet of their own or a browser extension. WCAG asks that
nothing is lost with line height 1.5, paragraph spacing 2, letter spacing 0.12 and word
spacing 0.16 times the font size. The gatherer applies exactly that (as the WCAG bookmarklet
does, in a cascade layer so an author's !important in a style sheet gives way as it would to
a reader's style sheet) and measures each box against the page as loaded.

Two kinds of finding:
- ACT rules 24afc2, 9e45ec and 78fd32, as written: an element with visible text of its own
  whose `style` attribute sets letter-spacing, word-spacing or line-height !important (not
  inherit or unset) below 0.12, 0.16 or 1.5 times its font size; line height only where its
  text wraps onto a second line. No reader's style sheet can override those.
- Text cut off or overlapping, which no ACT rule covers and where this audit is stricter than
  the rules: a box that hides its overflow whose text now reaches past its edge by 3 px and a
  quarter of its font size or more, having fitted as loaded; or a box that lets its text spill
  whose spilled lines now run over the text that follows it. A box whose content already
  reached past its edge as loaded (a line clamp, an ellipsis) is cut on purpose on that side;
  screen-reader-only text, icon fonts and boxes nobody sees as loaded are left out; one-line
  boxes are judged with ACT 59br37's exceptions (see zoom_text).
"""

from __future__ import annotations

from audits import audit
from audits.common.text_fit import clipped_finding, fit_details, places
from checker.model.results import CannotMeasure, Finding, Outcome
from checker.model.snapshot import PageSnapshot
from checker.model.text_fit_facts import ImportantSpacing

FIX = (
    "Give boxes with text a minimum height instead of a fixed one (min-height, or padding"
    " around the text), and do not set letter-spacing, word-spacing or line-height with"
    " !important in style attributes."
)

WHEN = "when people widen its spacing"
MAX_FINDINGS = 50


@audit(
    id="text-spacing",
    title="Text stays readable with wider spacing",
    failure_title="Text is cut off or locked when people widen its spacing",
    description=(
        "Checks that no text is cut off, runs over other text or is locked in place when "
        "people widen the space between lines, words and letters, as many readers with "
        "dyslexia or low vision do."
    ),
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/text-spacing.html",
    category="accessibility",
    requires=("text_spacing",),
    weight=5,
    impact="serious",
    fix=FIX,
    act_rules=("24afc2", "78fd32", "9e45ec"),
    wcag=("1.4.12",),
)
def text_spacing(snapshot: PageSnapshot) -> Outcome:
    facts = snapshot.text_spacing
    if facts is None:
        raise CannotMeasure(
            "The page's text was not checked with wider spacing (the snapshot was taken "
            "before this check existed, or the accessibility checks did not run)."
        )
    findings = [_locked_finding(i) for i in facts.important_spacing]
    findings += [clipped_finding(c, WHEN) for c in facts.clipped]
    details = {
        **fit_details(facts),
        "locked_spacing": facts.truncated.get("important_spacing", len(facts.important_spacing)),
    }
    count = details["clipped"] + details["locked_spacing"]
    if not findings:
        return Outcome(
            score=1,
            display="No text is cut off or locked when people widen its spacing.",
            value=0,
            unit="elements",
            details=details,
        )
    parts = []
    if details["clipped"]:
        parts.append(f"text is cut off or overlaps in {places(details['clipped'])}")
    if details["locked_spacing"]:
        parts.append(f"spacing is locked with !important in {places(details['locked_spacing'])}")
    display = "With wider spacing, " + " and ".join(parts) + "."
    return Outcome(
        score=0,
        display=display,
        value=count,
        unit="elements",
        findings=findings[:MAX_FINDINGS],
        details=details,
    )


def _locked_finding(locked: ImportantSpacing) -> Finding:
    name = locked.property.replace("-", " ")
    if locked.ratio is None:
        now = "normal (about 1.2 times the font size)"
    else:
        now = f"{locked.declared} ({locked.ratio:.2f} times the font size)"
    message = (
        f"Its {name} is locked at {now} with !important in its style attribute, so people "
        f"cannot widen it to the {locked.minimum:g} times WCAG asks."
    )
    return Finding(
        message=message,
        element=locked.element,
        details={
            "act_rule": locked.rule,
            "property": locked.property,
            "declared": locked.declared,
            "value_px": locked.value_px,
            "font_size_px": locked.font_size,
            "minimum_ratio": locked.minimum,
        },
    )
