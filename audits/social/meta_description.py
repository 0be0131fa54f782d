"""meta-description: the page has a description that link previews and search can show."""

from __future__ import annotations

from audits import audit
from audits.social.crawler_view import missing_finding
from checker.results import Finding, Outcome
from checker.snapshot import PageSnapshot, Tag


@audit(
    id="meta-description",
    title="Has a meta description in the server's HTML",
    failure_title="Has no meta description that link previews can use",
    category="social",
    weight=5,
    fix=(
        'Add <meta name="description" content="..."> with one or two sentences that make '
        "people want to open the page. "
        "https://developer.mozilla.org/docs/Web/HTML/Element/meta/name#description"
    ),
)
def meta_description(snapshot: PageSnapshot) -> Outcome:
    tags = snapshot.server_head.metas_named("description")
    description = _first_content(tags)
    if description is None:
        if tags:
            finding = Finding(
                message="The meta description is empty.",
                selector=tags[0].selector,
                snippet=tags[0].snippet,
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
    if len(tags) > 1:
        findings.append(
            Finding(
                message=f"{len(tags)} meta descriptions; platforms use the first.",
                selector=tags[1].selector,
                snippet=tags[1].snippet,
            )
        )
    return Outcome(
        score=1,
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
