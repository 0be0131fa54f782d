"""css-orientation-lock: no CSS transform locks the page to portrait or landscape (WCAG 1.3.4
Orientation).

axe-core's `css-orientation-lock` rule (ACT rule b33eff; experimental in axe, run here on
purpose): it reads the page's style sheets for an orientation media query that rotates the page.
The orientation audit turns the phone and looks at what the page then shows.
"""

from __future__ import annotations

from audits import audit
from audits.common.axe_rule import axe_outcome, axe_rule
from checker.model.results import Outcome
from checker.model.snapshot import PageSnapshot


@audit(
    id="css-orientation-lock",
    title="The page's CSS does not lock its orientation",
    failure_title="The page's CSS locks its orientation",
    description=(
        "Checks the style sheets for a rule that rotates the page in landscape or portrait to keep "
        "it one way up. People with a phone mounted on a wheelchair cannot turn it."
    ),
    help_url="https://dequeuniversity.com/rules/axe/4.12/css-orientation-lock",
    category="accessibility",
    weight=7,
    impact="serious",
    fix=(
        "Remove the transform that rotates the page inside the @media (orientation: ...) rule, and "
        "let the layout adapt instead."
    ),
    requires=("axe",),
    act_rules=("b33eff",),
    wcag=("1.3.4",),
)
def css_orientation_lock(snapshot: PageSnapshot) -> Outcome:
    rule = axe_rule(snapshot, "css-orientation-lock")
    if rule.outcome == "incomplete" and snapshot.axe is not None and not snapshot.axe.style_sheets:
        # axe has nothing to read and says it cannot decide; no CSS rule exists to lock it.
        return Outcome(
            score=1,
            display="The page has no style sheets, so no CSS rule can lock its orientation.",
            details={"axe_rule": rule.id, "style_sheets": 0},
        )
    return axe_outcome(
        snapshot,
        "css-orientation-lock",
        passed="No CSS rule locks the page's orientation.",
        failed="A CSS rule locks the page to one orientation.",
        not_applicable=(
            "The page's style sheets have no orientation media query that transforms the page."
        ),
    )
