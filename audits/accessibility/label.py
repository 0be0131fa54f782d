"""label: every form field has a label (WCAG 4.1.2 Name, Role, Value; 1.3.1).

axe-core's `label` rule (ACT rule e086e5). A placeholder alone is accepted by axe as a last
resort, as browsers name the field by it; it vanishes as people type.
"""

from __future__ import annotations

from audits import audit
from audits.common.axe_rule import axe_outcome
from checker.model.results import Outcome
from checker.model.snapshot import PageSnapshot


@audit(
    id="label",
    title="Form fields have labels",
    failure_title="Form fields have no label",
    description=(
        "Checks that every text field, checkbox and select has a label a screen reader says. "
        'Without one, people hear "edit text" and guess what to type.'
    ),
    help_url="https://dequeuniversity.com/rules/axe/4.12/label",
    category="accessibility",
    weight=7,
    impact="critical",
    fix=(
        'Give each field a <label for="..."> with visible text, or an aria-label when the design '
        "shows no text."
    ),
    requires=("axe",),
    act_rules=("e086e5",),
    wcag=("4.1.2",),
)
def label(snapshot: PageSnapshot) -> Outcome:
    return axe_outcome(
        snapshot,
        "label",
        passed="Every form field has a label.",
        failed_one="1 form field has no label.",
        failed="{count} form fields have no label.",
        not_applicable="The page has no form fields.",
    )
