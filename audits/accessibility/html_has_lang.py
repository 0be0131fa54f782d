"""html-has-lang: the page says which language it is in (WCAG 3.1.1 Language of Page).

axe-core's `html-has-lang` rule (ACT rule b5c3f8). Screen readers pick their voice by it; phones
pick the translation offer and hyphenation by it too.
"""

from __future__ import annotations

from audits import audit
from audits.common.axe_rule import axe_outcome
from checker.model.results import Outcome
from checker.model.snapshot import PageSnapshot


@audit(
    id="html-has-lang",
    title="The page says its language",
    failure_title="The page does not say its language",
    description=(
        "Checks that the <html> element has a lang attribute. Screen readers read the page with "
        "the wrong voice and pronunciation otherwise."
    ),
    help_url="https://dequeuniversity.com/rules/axe/4.12/html-has-lang",
    category="accessibility",
    weight=7,
    impact="serious",
    fix='Add the page\'s language to the html element, for example <html lang="en">.',
    requires=("axe",),
    act_rules=("b5c3f8",),
    wcag=("3.1.1",),
)
def html_has_lang(snapshot: PageSnapshot) -> Outcome:
    return axe_outcome(
        snapshot,
        "html-has-lang",
        passed="The page says its language.",
        failed="The page does not say which language it is in.",
        not_applicable="The page has no html element to check.",
    )
