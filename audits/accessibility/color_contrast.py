"""color-contrast: text stands out from its background at WCAG AA's ratios, 4.5:1 and 3:1 for large
text (WCAG 1.4.3 Contrast (Minimum)).

axe-core's `color-contrast` rule (ACT rules afw4f7 and 09o5cg), run on each device: what phones
lay out differently (a dark hero behind a headline on a small screen, a light menu) is judged as
each phone shows it. Text over images or gradients is what axe cannot decide: those elements are
listed to check by eye, not counted as passes.
"""

from __future__ import annotations

from audits import audit
from audits.common.axe_rule import axe_outcome
from checker.model.results import Outcome
from checker.model.snapshot import PageSnapshot


@audit(
    id="color-contrast",
    title="Text has enough contrast with its background",
    failure_title="Text has too little contrast with its background",
    description=(
        "Checks that text stands out from its background enough to read in sunlight or with low "
        "vision: 4.5:1, or 3:1 for large text (WCAG AA)."
    ),
    help_url="https://dequeuniversity.com/rules/axe/4.12/color-contrast",
    category="accessibility",
    weight=7,
    impact="serious",
    fix=(
        "Darken the text or lighten its background (or the reverse) until the contrast reaches "
        "4.5:1, or 3:1 for text of 24 px or bold 19 px and larger."
    ),
    requires=("axe",),
    act_rules=("afw4f7", "09o5cg"),
    wcag=("1.4.3",),
)
def color_contrast(snapshot: PageSnapshot) -> Outcome:
    return axe_outcome(
        snapshot,
        "color-contrast",
        passed="All text checked has enough contrast.",
        failed_one="1 text element has too little contrast with its background.",
        failed="{count} text elements have too little contrast with their background.",
        not_applicable="The page has no visible text to check.",
    )
