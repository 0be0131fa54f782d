"""input-image-alt: image buttons (`<input type="image">`) have alternative text (WCAG 1.1.1,
4.1.2).

axe-core's `input-image-alt` rule (ACT rule 59796f).
"""

from __future__ import annotations

from audits import audit
from audits.common.axe_rule import axe_outcome
from checker.model.results import Outcome
from checker.model.snapshot import PageSnapshot


@audit(
    id="input-image-alt",
    title="Image buttons have alternative text",
    failure_title="Image buttons have no alternative text",
    description=(
        'Checks that every <input type="image"> has alt text saying what it does. A screen reader '
        "cannot say what a submit button drawn as a picture does otherwise."
    ),
    help_url="https://dequeuniversity.com/rules/axe/4.12/input-image-alt",
    category="accessibility",
    weight=10,
    impact="critical",
    fix=(
        'Add an alt attribute to each image button that says what it does ("Search", "Subscribe").'
    ),
    requires=("axe",),
    act_rules=("59796f",),
    wcag=("1.1.1", "4.1.2"),
)
def input_image_alt(snapshot: PageSnapshot) -> Outcome:
    return axe_outcome(
        snapshot,
        "input-image-alt",
        passed="Every image button has alternative text.",
        failed_one="1 image button has no alternative text.",
        failed="{count} image buttons have no alternative text.",
        not_applicable="The page has no image buttons.",
    )
