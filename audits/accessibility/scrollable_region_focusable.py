"""scrollable-region-focusable: boxes that scroll on their own can be reached and scrolled with a
keyboard (WCAG 2.1.1 Keyboard, 2.1.3).

axe-core's `scrollable-region-focusable` rule (ACT rule 0ssw9k). On phones this is people with a
keyboard or switch access paired to the phone, and the sideways-scrolling rows phone layouts
use.
"""

from __future__ import annotations

from audits import audit
from audits.common.axe_rule import axe_outcome
from checker.model.results import Outcome
from checker.model.snapshot import PageSnapshot


@audit(
    id="scrollable-region-focusable",
    title="Scrolling regions can be reached by keyboard",
    failure_title="Scrolling regions cannot be reached by keyboard",
    description=(
        "Checks that a box that scrolls on its own (a sideways row of cards, a table) can take "
        "keyboard focus or holds something that can. People using a keyboard or switch control "
        "cannot scroll it otherwise."
    ),
    help_url="https://dequeuniversity.com/rules/axe/4.12/scrollable-region-focusable",
    category="accessibility",
    weight=7,
    impact="serious",
    fix=(
        'Add tabindex="0" (and an accessible name) to the scrolling box, or put a focusable '
        "element inside it."
    ),
    requires=("axe",),
    act_rules=("0ssw9k",),
    wcag=("2.1.1", "2.1.3"),
)
def scrollable_region_focusable(snapshot: PageSnapshot) -> Outcome:
    return axe_outcome(
        snapshot,
        "scrollable-region-focusable",
        passed="Every scrolling region can be reached by keyboard.",
        failed_one="1 scrolling region cannot be reached by keyboard.",
        failed="{count} scrolling regions cannot be reached by keyboard.",
        not_applicable="The page has no region that scrolls on its own.",
    )
