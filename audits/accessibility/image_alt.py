"""image-alt: every image has alternative text, or is marked as decoration (WCAG 1.1.1 Non-text
Content).

axe-core's `image-alt` rule (ACT rule 23a2a8).
"""

from __future__ import annotations

from audits import audit
from audits.common.axe_rule import axe_outcome
from checker.model.results import Outcome
from checker.model.snapshot import PageSnapshot


@audit(
    id="image-alt",
    title="Images have alternative text",
    failure_title="Images have no alternative text",
    description=(
        "Checks that every image has an alt attribute (empty for decoration). Screen readers read "
        "out the file name otherwise, and people on slow connections see nothing in its place."
    ),
    help_url="https://dequeuniversity.com/rules/axe/4.12/image-alt",
    category="accessibility",
    weight=10,
    impact="critical",
    fix=(
        'Add alt text that says what each image shows, or alt="" on images that are only '
        "decoration."
    ),
    requires=("axe",),
    act_rules=("23a2a8",),
    wcag=("1.1.1",),
)
def image_alt(snapshot: PageSnapshot) -> Outcome:
    return axe_outcome(
        snapshot,
        "image-alt",
        passed="Every image has alternative text or is marked as decoration.",
        failed_one="1 image has no alternative text.",
        failed="{count} images have no alternative text.",
        not_applicable="The page has no images.",
    )
