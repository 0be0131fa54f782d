"""open-graph: the four tags the Open Graph protocol requires, right, in the server's HTML.

The protocol (https://ogp.me/#metadata) requires og:title, og:type, og:image and og:url on
every page; Facebook, LinkedIn, WhatsApp, Slack and Discord build previews from them. og:url is
the address shares are counted under, so it should be the canonical address; og:image and
og:url must be full URLs (https://ogp.me/#url). Score: the share of these checks that pass.
"""

from __future__ import annotations

from audits import audit
from audits.social.crawler_view import (
    first_value,
    is_absolute_http,
    links_with_rel,
    missing_finding,
    resolve,
    same_url,
)
from checker.results import Finding, Outcome
from checker.snapshot import PageSnapshot

REQUIRED = ("og:title", "og:type", "og:image", "og:url")
# og:image may be given as og:image:url (https://ogp.me/#structured).
ALIASES = {"og:image": ("og:image", "og:image:url")}


@audit(
    id="open-graph",
    title="Has the Open Graph tags link previews need",
    failure_title="Open Graph tags are missing or wrong",
    category="social",
    requires=("document", "dom"),
    weight=10,
    fix=(
        'Add <meta property="og:title">, og:type, og:image (a full https:// URL) and og:url '
        "(the canonical address) to the HTML the server sends. https://ogp.me/#metadata"
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
            findings.append(
                Finding(message=f"{key} is empty.", selector=tag.selector, snippet=tag.snippet)
            )
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
                        selector=f'meta[property="{key}"]',
                        details={"resolved": resolve(base, values[key])},
                    )
                )
    canonicals = [
        (link.attr("href") or "").strip()
        for link in links_with_rel(head, "canonical")
        if (link.attr("href") or "").strip()
    ]
    if "og:url" in values and canonicals:
        checks += 1
        og_url, canonical = resolve(base, values["og:url"]), resolve(base, canonicals[0])
        if not same_url(og_url, canonical):
            findings.append(
                Finding(
                    message=(
                        f"og:url ({og_url}) is not the canonical address ({canonical}): "
                        "shares and likes are counted under two addresses."
                    ),
                    selector='meta[property="og:url"]',
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
        details={"tags": values},
    )
