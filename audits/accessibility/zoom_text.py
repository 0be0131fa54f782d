"""zoom-text: text stays whole at twice its size (WCAG 1.4.4 Resize Text).

People who need larger text set it on the phone (Android's text scaling goes to 200%),
which enlarges the page's fonts and leaves boxes sized in px as they are. The gatherer doubles
every element's font size, and line heights set in px with it as Chromium's text scaling does
(lengths in em and rem grow with the text), and measures each box against the page as loaded:
a box that hides its overflow whose text now reaches past its edge by 3 px and a quarter of
its font size or more, or a box whose spilled lines now run over the text that follows it.
A box whose content already reached past its edge as loaded (a line clamp, a carousel's row)
is cut on purpose and left alone on that side; screen-reader-only text, icon fonts and boxes
nobody sees as loaded (off the page, folded away) are left out.

ACT rule 59br37 (Zoomed text node is not clipped with CSS overflow) is not claimed: it zooms
the whole page on a 640 by 512 viewport, where boxes grow with the text, and our check
enlarges only text on the phone's own screen, so it is stricter where boxes are sized in px
and does not see what only a 640 px wide layout shows. Its two exceptions are kept as written:
a box with white-space nowrap and a text-overflow other than clip cuts a line on purpose
(horizontally), and so does a box whose line height is at least its height (vertically).
"""

from __future__ import annotations

from audits import audit
from audits.common.text_fit import clipped_finding, fit_details, places
from checker.model.results import CannotMeasure, Outcome
from checker.model.snapshot import PageSnapshot

FIX = (
    "Give boxes with text a minimum height instead of a fixed one (min-height, or padding"
    " around the text), and size them in em or rem so they grow with the text."
)

WHEN = "when people set their text twice as large"
MAX_FINDINGS = 50


@audit(
    id="zoom-text",
    title="Text stays readable at twice its size",
    failure_title="Text is cut off when people enlarge it",
    description=(
        "Checks that no text is cut off or runs over other text when people set their "
        "phone's text twice as large, as many people with low vision do."
    ),
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/resize-text.html",
    category="accessibility",
    requires=("zoom_text",),
    weight=5,
    impact="serious",
    fix=FIX,
    wcag=("1.4.4",),
)
def zoom_text(snapshot: PageSnapshot) -> Outcome:
    facts = snapshot.zoom_text
    if facts is None:
        raise CannotMeasure(
            "The page's text was not checked at twice its size (the snapshot was taken "
            "before this check existed, or the accessibility checks did not run)."
        )
    details = fit_details(facts)
    if not facts.clipped:
        return Outcome(
            score=1,
            display="No text is cut off when people set their text twice as large.",
            value=0,
            unit="elements",
            details=details,
        )
    count = details["clipped"]
    return Outcome(
        score=0,
        display=f"At twice its size, text is cut off or overlaps in {places(count)}.",
        value=count,
        unit="elements",
        findings=[clipped_finding(c, WHEN) for c in facts.clipped][:MAX_FINDINGS],
        details=details,
    )
