"""document-title: the page has a title that link previews and search results can show.

Score: 0 without a title in the server's HTML; 0.5 for a template default ("Untitled
Document", "Home", "React App": see boilerplate_text.py); 1 otherwise. A long title still scores 1:
it is complete, only cut in some places, and the finding says so. Google's title links are cut
to the device's width in pixels, not characters
(https://developers.google.com/search/docs/appearance/title-link); about 60 characters show
uncut (guidance, not a rule: https://moz.com/learn/seo/title-tag "50-60 characters").
"""

from __future__ import annotations

from audits import audit
from audits.common.boilerplate_text import is_boilerplate_title
from audits.common.crawler_view import missing_finding
from checker.model.elements import Element
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot

TITLE_GUIDANCE_CHARS = 60  # guidance (see the module docstring), not a platform limit
BOILERPLATE_SCORE = 0.5


@audit(
    id="document-title",
    title="Has a <title> in the server's HTML",
    failure_title="Has no <title> that link previews can use",
    description=(
        "Checks that the HTML the server sends has a <title> that is not a template default. "
        "Search results show it, and link previews fall back on it when og:title is missing."
    ),
    help_url="https://developers.google.com/search/docs/appearance/title-link",
    category="social",
    requires=("document", "dom"),
    weight=5,
    impact="serious",
    fix=(
        "Give every page a short, specific <title> in the HTML the server sends, about 60 "
        "characters at most."
    ),
)
def document_title(snapshot: PageSnapshot) -> Outcome:
    title = (snapshot.server_head.title or "").strip()
    if not title:
        rendered = (snapshot.dom.head.title or "").strip() or None
        finding = missing_finding("The <title>", rendered_value=rendered, selector="title")
        return Outcome(score=0, display=finding.message, findings=[finding])
    findings = []
    score: float = 1
    if is_boilerplate_title(title):
        score = BOILERPLATE_SCORE
        findings.append(
            Finding(
                message=(
                    f'"{title}" is a template default, not a title: it says nothing about '
                    "the page in a preview or a search result."
                ),
                element=Element("title", snippet=title),
                details={"boilerplate": True},
            )
        )
    if snapshot.server_head.title_count > 1:
        findings.append(
            Finding(
                message=(
                    f"The HTML has {snapshot.server_head.title_count} <title> elements; "
                    "only the first is used."
                ),
                element=Element("title"),
                details={"count": snapshot.server_head.title_count},
            )
        )
    if len(title) > TITLE_GUIDANCE_CHARS:
        findings.append(
            Finding(
                message=(
                    f"The title is {len(title)} characters; search results show about "
                    f"{TITLE_GUIDANCE_CHARS} before cutting it (guidance: the cut is by pixel "
                    "width). A note: it does not lower the score."
                ),
                element=Element("title", snippet=title[:200]),
                details={"chars": len(title), "guidance": TITLE_GUIDANCE_CHARS},
            )
        )
    return Outcome(
        score=score,
        display=title,
        value=len(title),
        unit="characters",
        findings=findings,
    )
