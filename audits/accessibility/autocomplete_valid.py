"""autocomplete-valid: autocomplete values are ones browsers know, so phones can fill in the field
(WCAG 1.3.5 Identify Input Purpose).

axe-core's `autocomplete-valid` rule (ACT rule 73f2c2). Layout's form-inputs audit says which
fields would gain autocomplete; this one judges values already there.
"""

from __future__ import annotations

from audits import audit
from audits.common.axe_rule import axe_outcome
from checker.model.results import Outcome
from checker.model.snapshot import PageSnapshot


@audit(
    id="autocomplete-valid",
    title="Autocomplete values are valid",
    failure_title="Autocomplete values are not valid",
    description=(
        "Checks that each autocomplete attribute uses a value from the HTML standard (email, tel, "
        "postal-code...). Phones fill in known values for people who find typing hard; a made-up "
        "value gets nothing."
    ),
    help_url="https://dequeuniversity.com/rules/axe/4.12/autocomplete-valid",
    category="accessibility",
    weight=7,
    impact="serious",
    fix=(
        "Use the HTML standard's autocomplete values (name, email, tel, street-address, "
        "postal-code, cc-number...), or remove a value that is not one of them."
    ),
    requires=("axe",),
    act_rules=("73f2c2",),
    wcag=("1.3.5",),
)
def autocomplete_valid(snapshot: PageSnapshot) -> Outcome:
    return axe_outcome(
        snapshot,
        "autocomplete-valid",
        passed="Every autocomplete value is valid.",
        failed_one="1 form field has an autocomplete value browsers do not know.",
        failed="{count} form fields have an autocomplete value browsers do not know.",
        not_applicable="The page has no form fields with an autocomplete value.",
    )
