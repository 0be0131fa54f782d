"""open-graph: the four tags the Open Graph protocol requires, right, in the server's HTML.

The protocol (https://ogp.me/#metadata) requires og:title, og:type, og:image and og:url on
every page; Facebook, LinkedIn, WhatsApp, Slack, Discord, Bluesky, Mastodon, Threads and
Telegram build previews from them. og:url is the address shares are counted under, so it should
be the canonical address; og:image and og:url must be full URLs (https://ogp.me/#url). Score:
the share of these checks that pass. An og:url that differs from the canonical only by its
scheme (http against https) passes: it is the same page, and an og:url kept on the old http
address is Facebook's documented way to keep its like and share counts after a move to https
(https://developers.facebook.com/docs/plugins/faqs#moving-urls); `details` says so.

A page with Mastodon's author credit (`fediverse:creator`, Mastodon 4.3) has it checked too, as
Mastodon reads it (checker/social/fediverse.py): a handle without its server, or a profile
address, credits nobody, so it fails like a wrong og: tag. Without the tag nothing is checked.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from audits import audit
from audits.common.crawler_view import (
    first_value,
    is_absolute_http,
    links_with_rel,
    missing_finding,
    resolve,
)
from checker.model.elements import Element
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot
from checker.model.urls import same_url_ignoring_trailing_slash
from checker.social.fediverse import creator_problem

REQUIRED = ("og:title", "og:type", "og:image", "og:url")
# og:image may be given as og:image:url (https://ogp.me/#structured).
ALIASES = {"og:image": ("og:image", "og:image:url")}
MOVING_URLS = "https://developers.facebook.com/docs/plugins/faqs#moving-urls"


@audit(
    id="open-graph",
    title="Has the Open Graph tags link previews need",
    failure_title="Open Graph tags are missing or wrong",
    description=(
        "Checks for the four tags the Open Graph protocol requires (og:title, og:type, "
        "og:image, og:url), right and in the HTML the server sends. Facebook, LinkedIn, "
        "WhatsApp, Slack, Discord, Bluesky, Mastodon, Threads and Telegram build the preview "
        "of a shared link from them."
    ),
    help_url="https://ogp.me/",
    category="social",
    requires=("document", "dom"),
    weight=10,
    impact="serious",
    fix=(
        'Add <meta property="og:title">, og:type, og:image (a full https:// URL) and og:url'
        " (the canonical address) to the HTML the server sends."
    ),
)
def open_graph(snapshot: PageSnapshot) -> Outcome:
    head = snapshot.server_head
    base = snapshot.document.url or snapshot.final_url
    findings: list[Finding] = []
    checks = 0
    values: dict[str, str] = {}
    for key in REQUIRED:
        checks += 1
        tag, value = first_value(head, *ALIASES.get(key, (key,)))
        if value is not None:
            values[key] = value
            continue
        selector = f'meta[property="{key}"]'
        if tag is not None:
            findings.append(Finding(message=f"{key} is empty.", element=tag.element))
        else:
            _, rendered = first_value(snapshot.dom.head, key)
            findings.append(missing_finding(key, rendered_value=rendered, selector=selector))
    for key in ("og:image", "og:url"):
        if key in values:
            checks += 1
            if not is_absolute_http(values[key]):
                findings.append(
                    Finding(
                        message=f'{key} "{values[key][:100]}" is not a full http(s) URL.',
                        element=Element(f'meta[property="{key}"]'),
                        details={"resolved": resolve(base, values[key])},
                    )
                )
    canonicals = [
        (link.attr("href") or "").strip()
        for link in links_with_rel(head, "canonical")
        if (link.attr("href") or "").strip()
    ]
    _, creator = first_value(head, "fediverse:creator")
    if creator is not None:
        checks += 1
        problem = creator_problem(creator)
        if problem:
            findings.append(
                Finding(
                    message=problem,
                    element=Element('meta[name="fediverse:creator"]'),
                    details={"fediverse_creator": creator[:200]},
                )
            )
    notes: dict[str, str] = {}
    if "og:url" in values and canonicals:
        checks += 1
        og_url, canonical = resolve(base, values["og:url"]), resolve(base, canonicals[0])
        if _only_the_scheme_differs(og_url, canonical):
            notes["og:url"] = _scheme_note(og_url, canonical)
        elif not same_url_ignoring_trailing_slash(og_url, canonical):
            findings.append(
                Finding(
                    message=(
                        f"og:url ({og_url}) is not the canonical address ({canonical}): "
                        "shares and likes are counted under two addresses."
                    ),
                    element=Element('meta[property="og:url"]'),
                    details={"og_url": og_url, "canonical": canonical},
                )
            )
    score = round((checks - len(findings)) / checks, 2)
    display = (
        "og:title, og:type, og:image and og:url are set" if not findings else findings[0].message
    )
    return Outcome(
        score=score,
        display=display,
        value=len(findings),
        unit="problems",
        findings=findings,
        details={"tags": values, **({"notes": notes} if notes else {})},
    )


def _only_the_scheme_differs(og_url: str, canonical: str) -> bool:
    """The same address but for http against https."""
    og_parts, canonical_parts = urlsplit(og_url), urlsplit(canonical)
    schemes = {og_parts.scheme.lower(), canonical_parts.scheme.lower()}
    if schemes != {"http", "https"}:
        return False
    return same_url_ignoring_trailing_slash(
        urlunsplit(og_parts._replace(scheme=canonical_parts.scheme)), canonical
    )


def _scheme_note(og_url: str, canonical: str) -> str:
    if og_url.lower().startswith("http:"):
        return (
            f"og:url keeps the old http address of the canonical ({canonical}): Facebook's "
            "documented way to keep a page's like and share counts after a move to https "
            f"({MOVING_URLS})."
        )
    return (
        f"og:url is the https address of the canonical ({canonical}): the same page, and "
        "Facebook counts its shares under og:url."
    )
