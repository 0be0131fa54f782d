"""button-name: every button has a name a screen reader can say (WCAG 4.1.2 Name, Role, Value).

axe-core's `button-name` rule (ACT rules 97a4e1 and m6b1q3). Icon-only buttons (menu, search,
close) are the common failure on phones.
"""

from __future__ import annotations

from audits import audit
from audits.common.axe_rule import axe_outcome
from checker.model.results import Outcome
from checker.model.snapshot import PageSnapshot


@audit(
    id="button-name",
    title="Buttons have a name screen readers can say",
    failure_title="Buttons have no name screen readers can say",
    description=(
        "Checks that every button has text or an aria-label. Icon-only buttons (the menu, search "
        "and close buttons of phone layouts) are silent to screen readers otherwise."
    ),
    help_url="https://dequeuniversity.com/rules/axe/4.12/button-name",
    category="accessibility",
    weight=10,
    impact="critical",
    fix=('Give each button text, or an aria-label that says what it does ("Open menu", "Search").'),
    requires=("axe",),
    act_rules=("97a4e1", "m6b1q3"),
    wcag=("4.1.2",),
)
def button_name(snapshot: PageSnapshot) -> Outcome:
    return axe_outcome(
        snapshot,
        "button-name",
        passed="Every button has a name.",
        failed_one="1 button has no name a screen reader can say.",
        failed="{count} buttons have no name a screen reader can say.",
        not_applicable="The page has no buttons.",
    )
