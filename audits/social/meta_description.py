"""meta-description: the page has a description that link previews and search can show.

Score: 0 without a non-empty description in the server's HTML; 0.5 for a placeholder ("Just
another WordPress site", "Lorem ipsum...": see boilerplate_text.py); 1 otherwise. A long
description still scores 1 with a note: Google cuts snippets to the device's width
(https://developers.google.com/search/docs/appearance/snippet); about 155-160 characters show
uncut (guidance: https://moz.com/learn/seo/meta-description).
"""

from __future__ import annotations

from audits import audit
from audits.common.boilerplate_text import is_boilerplate_description
from audits.common.crawler_view import missing_finding
from checker.model.dom_facts import Tag
from checker.model.elements import Element
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot

DESCRIPTION_GUIDANCE_CHARS = 160  # guidance (see the module docstring), not a platform limit
BOILERPLATE_SCORE = 0.5


@audit(
    id="meta-description",
    title="Has a meta description in the server's HTML",
    failure_title="Has no meta description that link previews can use",
    description=(
        "Checks that the HTML the server sends has a meta description that is not a "
        "placeholder. Search results show it under the title, and link previews fall back on it "
        "when og:description is missing."
    ),
    help_url="https://developer.chrome.com/docs/lighthouse/seo/meta-description/",
    category="social",
    requires=("document", "dom"),
    weight=5,
    impact="moderate",
    fix=(
        'Add <meta name="description" content="..."> with one or two sentences (about 155 '
        "characters) that make people want to open the page."
    ),
)
def meta_description(snapshot: PageSnapshot) -> Outcome:
    tags = snapshot.server_head.metas_named("description")
    description = _first_content(tags)
    if description is None:
        if tags:
            finding = Finding(
                message="The meta description is empty.",
                element=tags[0].element,
            )
        else:
            rendered = _first_content(snapshot.dom.head.metas_named("description"))
            finding = missing_finding(
                "The meta description",
                rendered_value=rendered,
                selector='meta[name="description"]',
            )
        return Outcome(score=0, display=finding.message, findings=[finding])
    findings = []
    score: float = 1
    if is_boilerplate_description(description):
        score = BOILERPLATE_SCORE
        findings.append(
            Finding(
                message=f'"{description[:100]}" is a placeholder, not a description of the page.',
                element=Element('meta[name="description"]', snippet=description[:200]),
                details={"boilerplate": True},
            )
        )
    if len(tags) > 1:
        findings.append(
            Finding(
                message=f"{len(tags)} meta descriptions; platforms use the first.",
                element=tags[1].element,
            )
        )
    if len(description) > DESCRIPTION_GUIDANCE_CHARS:
        findings.append(
            Finding(
                message=(
                    f"The description is {len(description)} characters; search results show "
                    f"about {DESCRIPTION_GUIDANCE_CHARS} before cutting it (guidance: the cut "
                    "is by pixel width). A note: it does not lower the score."
                ),
                element=Element('meta[name="description"]'),
                details={"chars": len(description), "guidance": DESCRIPTION_GUIDANCE_CHARS},
            )
        )
    return Outcome(
        score=score,
        display=description,
        value=len(description),
        unit="characters",
        findings=findings,
    )


def _first_content(tags: list[Tag]) -> str | None:
    for tag in tags:
        content = (tag.attr("content") or "").strip()
        if content:
            return content
    return None
