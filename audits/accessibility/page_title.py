"""page-title: the page has a title, the first thing a screen reader says (WCAG 2.4.2 Page Titled).

axe-core's `document-title` rule (ACT rule 2779a5). The id differs from axe's because social's
document-title judges the same title as link previews show it (its length, its words); this one
asks only what WCAG asks, that there is one.
"""

from __future__ import annotations

from audits import audit
from audits.common.axe_rule import axe_outcome
from checker.model.results import Outcome
from checker.model.snapshot import PageSnapshot


@audit(
    id="page-title",
    title="The page has a title",
    failure_title="The page has no title",
    description=(
        "Checks that the page has a non-empty <title>. Screen readers announce it first, and it "
        "names the tab and the bookmark."
    ),
    help_url="https://dequeuniversity.com/rules/axe/4.12/document-title",
    category="accessibility",
    weight=7,
    impact="serious",
    fix="Give the page a <title> that says what it is, in the head of the HTML.",
    requires=("axe",),
    act_rules=("2779a5",),
    wcag=("2.4.2",),
)
def page_title(snapshot: PageSnapshot) -> Outcome:
    return axe_outcome(
        snapshot,
        "document-title",
        passed="The page has a title.",
        failed="The page has no title.",
        not_applicable="The page is not an HTML document with a title to check.",
    )
