"""document-title: the page has a title that link previews and search results can show."""

from __future__ import annotations

from audits import audit
from audits.social.crawler_view import missing_finding
from checker.results import Finding, Outcome
from checker.snapshot import PageSnapshot


@audit(
    id="document-title",
    title="Has a <title> in the server's HTML",
    failure_title="Has no <title> that link previews can use",
    category="social",
    weight=5,
    fix=(
        "Give every page a short, specific <title> in the HTML the server sends. "
        "https://developer.mozilla.org/docs/Web/HTML/Element/title"
    ),
)
def document_title(snapshot: PageSnapshot) -> Outcome:
    title = (snapshot.server_head.title or "").strip()
    if not title:
        rendered = (snapshot.dom.head.title or "").strip() or None
        finding = missing_finding("The <title>", rendered_value=rendered, selector="title")
        return Outcome(score=0, display=finding.message, findings=[finding])
    findings = []
    if snapshot.server_head.title_count > 1:
        findings.append(
            Finding(
                message=(
                    f"The HTML has {snapshot.server_head.title_count} <title> elements; "
                    "only the first is used."
                ),
                selector="title",
                details={"count": snapshot.server_head.title_count},
            )
        )
    return Outcome(
        score=1,
        display=title,
        value=len(title),
        unit="characters",
        findings=findings,
    )
