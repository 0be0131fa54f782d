"""canonical: the page names one canonical address, and that address works.

Follows Lighthouse's SEO `canonical` audit (core/audits/seo/canonical.js): no canonical link at
all is not applicable (Lighthouse returns notApplicable: a page may leave the choice to search
engines); an empty href is ignored; a relative or invalid URL, several different URLs, another
language's hreflang page, or the site's root from a deeper page fail.
A canonical on another site passes: Google accepts cross-domain canonicals ("the canonical URL
can be in a different domain"), Bing recommends them for syndicated copies, and Lighthouse
dropped its domain check (GoogleChrome/lighthouse#12572). It is only noted in `details`, so a
staging copy naming production, or a copy naming its original, is not blamed.
Beyond Lighthouse, from the fetch the crawlers' gatherer made without following redirects: the
canonical must answer 200 itself, not redirect and not fail (Google's guidance:
https://developers.google.com/search/docs/crawling-indexing/consolidate-duplicate-urls).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from audits import audit
from audits.common.crawler_fetches import blocked_host, cannot_check
from audits.common.crawler_view import (
    is_absolute_http,
    links_with_rel,
    resolve,
)
from checker.model.dom_facts import HeadFacts, Tag
from checker.model.results import CannotMeasure, Finding, Outcome
from checker.model.snapshot import PageSnapshot
from checker.model.social_facts import UrlCheck
from checker.model.urls import host_of, registrable_domain, same_url_ignoring_trailing_slash


@audit(
    id="canonical",
    title="Has a valid rel=canonical",
    failure_title="The rel=canonical is invalid, ambiguous or broken",
    description=(
        "Checks that the page names one valid canonical address (rel=canonical) and that the "
        "address answers. Search engines and platforms gather a page's links and shares under "
        "it, so a wrong one scatters them or sends them to a broken page."
    ),
    help_url="https://developer.chrome.com/docs/lighthouse/seo/canonical/",
    category="social",
    requires=("document", "social"),
    weight=5,
    impact="moderate",
    fix=(
        'Give the page one <link rel="canonical" href=" with the full address of the page '
        "itself (or its preferred duplicate, or the original of a copy), answering 200."
    ),
)
def canonical(snapshot: PageSnapshot) -> Outcome:
    head = snapshot.server_head
    base = snapshot.document.url or snapshot.final_url
    links = [link for link in links_with_rel(head, "canonical") if _href(link)]
    if not links:
        return Outcome(
            score=None,
            display=(
                "No rel=canonical: search engines pick the address themselves (not applicable, "
                "as in Lighthouse)."
            ),
        )
    invalid = [link for link in links if not is_absolute_http(_href(link))]
    if invalid:
        link = invalid[0]
        return _fail(
            f'The canonical "{_href(link)[:100]}" is not a full http(s) URL; Lighthouse and '
            "Bing reject relative canonicals.",
            link,
        )
    unique = list(dict.fromkeys(resolve(base, _href(link)) for link in links))
    distinct = [
        u
        for i, u in enumerate(unique)
        if not any(same_url_ignoring_trailing_slash(u, v) for v in unique[:i])
    ]
    if len(distinct) > 1:
        return _fail(
            f"{len(distinct)} different canonical URLs ({', '.join(distinct)}); search engines "
            "ignore them all.",
            links[1],
            related=links[0],
        )
    target = distinct[0]
    mistake = _common_mistake(head, target, base)
    if mistake:
        return _fail(mistake, links[0])
    findings = []
    if len(links) > 1:
        findings.append(
            Finding(
                message=f"{len(links)} canonical links name the same URL; one is enough.",
                element=links[1].element,
            )
        )
    check = snapshot.social.canonical if snapshot.social else None
    problem = _target_problem(check)
    elsewhere = _other_site_note(target, base)
    if problem:
        details = {"canonical": target, "status": check.status, **elsewhere}
        return _fail(problem, links[0], details=details)
    if check is None or check.status is None:
        # Whether the canonical answers 200 decides the verdict: unknown is no pass.
        if check is not None and blocked_host(check):
            raise cannot_check([("the canonical address", check)])
        reason = check.error if check is not None and check.error else "it was not fetched"
        raise CannotMeasure(
            f"The canonical {target} could not be checked ({reason}), so whether search "
            "engines and crawlers can use it is unknown."
        )
    return Outcome(
        score=1,
        display=target,
        value=target,
        findings=findings,
        details={"canonical": target, "status": check.status, **elsewhere},
    )


def _other_site_note(canonical_url: str, page_url: str) -> dict[str, str]:
    """A note, never a deduction, when the canonical is on another site than the page."""
    if registrable_domain(host_of(canonical_url)) == registrable_domain(host_of(page_url)):
        return {}
    host = urlsplit(canonical_url).hostname or canonical_url
    return {
        "note": (
            f"The canonical is on another host ({host}): check it is the original of this "
            "page. Search engines then list that address instead of this one."
        )
    }


def _common_mistake(head: HeadFacts, canonical_url: str, page_url: str) -> str | None:
    hreflangs = [
        resolve(page_url, _href(link))
        for link in links_with_rel(head, "alternate")
        if link.attr("hreflang") and _href(link)
    ]
    if (
        any(same_url_ignoring_trailing_slash(page_url, h) for h in hreflangs)
        and any(same_url_ignoring_trailing_slash(canonical_url, h) for h in hreflangs)
        and not same_url_ignoring_trailing_slash(page_url, canonical_url)
    ):
        return (
            f"The canonical points to another language's page ({canonical_url}); each "
            "hreflang version should be its own canonical."
        )
    canonical_parts, page_parts = urlsplit(canonical_url), urlsplit(page_url)
    if (
        canonical_parts.netloc.lower() == page_parts.netloc.lower()
        and canonical_parts.path in ("", "/")
        and page_parts.path not in ("", "/")
    ):
        return (
            "The canonical points to the home page from a deeper page: search engines would "
            "drop this page for the home page."
        )
    return None


def _target_problem(check: UrlCheck | None) -> str | None:
    if check is None or check.status is None:
        return None  # not fetched: the caller says it could not be checked
    if 300 <= check.status < 400:
        where = f" to {check.location}" if check.location else ""
        return f"The canonical URL redirects (HTTP {check.status}){where}; name the final address."
    if check.status != 200:
        return f"The canonical URL answers HTTP {check.status}."
    return None


def _fail(
    message: str,
    link: Tag,
    *,
    related: Tag | None = None,
    details: dict[str, object] | None = None,
) -> Outcome:
    finding = Finding(
        message=message,
        element=link.element,
        related=[Finding("Also a canonical link.", element=related.element)] if related else [],
        details=details or {},
    )
    return Outcome(score=0, display=message, findings=[finding])


def _href(link: Tag) -> str:
    return (link.attr("href") or "").strip()
