"""link-name: every link has a name a screen reader can say (WCAG 2.4.4 Link Purpose, 4.1.2 Name,
Role, Value).

axe-core's `link-name` rule (ACT rule c487ae). An image link without alt text is the common
failure on phones, where logos and cards are links.
"""

from __future__ import annotations

from audits import audit
from audits.common.axe_rule import axe_outcome
from checker.model.results import Outcome
from checker.model.snapshot import PageSnapshot


@audit(
    id="link-name",
    title="Links have a name screen readers can say",
    failure_title="Links have no name screen readers can say",
    description=(
        "Checks that every link has text, alt text on its image, or an aria-label. Screen reader "
        'users on phones hear only "link" otherwise, and cannot tell where it goes.'
    ),
    help_url="https://dequeuniversity.com/rules/axe/4.12/link-name",
    category="accessibility",
    weight=7,
    impact="serious",
    fix=(
        "Give each link visible text, alt text on the image it holds, or an aria-label that says "
        "where it goes."
    ),
    requires=("axe",),
    act_rules=("c487ae",),
    wcag=("2.4.4", "4.1.2"),
)
def link_name(snapshot: PageSnapshot) -> Outcome:
    return axe_outcome(
        snapshot,
        "link-name",
        passed="Every link has a name.",
        failed_one="1 link has no name a screen reader can say.",
        failed="{count} links have no name a screen reader can say.",
        not_applicable="The page has no links.",
    )
