"""crawler-visibility: link crawlers get the page, and the same page people get.

Link crawlers run no JavaScript (DESIGN.md), obey robots.txt (Facebook: https://developers.
facebook.com/docs/sharing/webmasters/web-crawlers; X: https://developer.x.com/en/docs/x-for-
websites/cards/guides/getting-started "robots.txt"), and some servers or firewalls answer their
user agents differently. Mastodon is the exception: its FetchLinkCardService reads no robots.txt
(IGNORES_ROBOTS_TXT), so a Disallow costs it nothing and is not held against the page.
Checked, from the page fetched with each crawler's user agent:
- its status (an error status or a failed fetch: that platform gets no preview),
- robots.txt (a disallowed crawler shows no preview),
- the content (another title or og:title than the browser's document, or under half its HTML),
- tags only scripts write (title, description, og:*, twitter:* in the rendered DOM only),
- noindex / nosnippet in meta robots or X-Robots-Tag (search engines drop the page or snippet).

A crawler that gets no answer at all (the fetch timed out, the connection was refused or
closed, a network error) is a finding like an error status, never "not applicable": that
platform shows no preview. The display names the crawlers that got nothing and why, and
details["no_preview"] says, per platform, why it shows none (the report's preview cards read it).

Score: the mean over the crawlers of 1 (gets the page), 0.5 (gets other content) or 0 (no
answer, an error status, or blocked), minus SCRIPT_ONLY_PENALTY when tags are script-only and
NOINDEX_PENALTY / NOSNIPPET_PENALTY for those directives.
"""

from __future__ import annotations

from audits import audit
from audits.common.crawler_view import (
    SCRIPT_ONLY_NOTE,
    meta_content,
    meta_key,
    social_facts,
)
from checker.model.dom_facts import HeadFacts
from checker.model.elements import Element
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot
from checker.model.social_facts import CrawlerView

SCRIPT_ONLY_PENALTY = 0.3
NOINDEX_PENALTY = 0.2
NOSNIPPET_PENALTY = 0.1
DIFFERENT_CONTENT_SCORE = 0.5
# A crawler's HTML under this share of the browser's document is another page (a consent
# wall, a bot challenge, an empty shell).
SMALLER_HTML_RATIO = 0.5
SHARED_KEYS_PREFIXES = ("og:", "twitter:")
ROBOTS_META_NAMES = ("robots",)
# The fetch's error (checker/gather/fetch.py) -> what a reader is told; anything else is shown
# as the error says it.
NO_ANSWER_WORDS = (
    ("timeout", "timed out"),
    ("timed out", "timed out"),
    ("did not end in time", "timed out while sending the page"),
    ("refused", "connection refused"),
    ("remote end closed connection", "the connection closed without an answer"),
    ("connection reset", "the connection was reset"),
    ("name or service not known", "the host name does not resolve"),
    ("nodename nor servname", "the host name does not resolve"),
    ("does not resolve", "the host name does not resolve"),
    ("certificate", "the TLS certificate was refused"),
    ("too many redirects", "too many redirects"),
)
LABELS = {"facebook": "Facebook", "x": "X", "linkedin": "LinkedIn", "slack": "Slack",
          "whatsapp": "WhatsApp", "discord": "Discord", "bluesky": "Bluesky",
          "mastodon": "Mastodon", "threads": "Threads", "telegram": "Telegram"}  # fmt: skip
# Crawlers that fetch a shared page without reading robots.txt: Mastodon's link cards
# (https://github.com/mastodon/mastodon/blob/main/app/services/fetch_link_card_service.rb).
IGNORES_ROBOTS_TXT = frozenset({"mastodon"})


@audit(
    id="crawler-visibility",
    title="Link crawlers see the page and its tags",
    failure_title="Link crawlers are blocked, served another page or miss script-only tags",
    description=(
        "Checks that the link crawlers of Facebook, X, LinkedIn, Slack, WhatsApp, Discord, "
        "Bluesky, Mastodon, Threads and Telegram get the page: allowed by robots.txt and the "
        "server, served what browsers get, with its "
        "tags in the HTML rather than added by scripts. A crawler that gets nothing shows no "
        "preview of a shared link."
    ),
    help_url="https://developers.facebook.com/docs/sharing/webmasters/web-crawlers",
    category="social",
    requires=("document", "dom", "social"),
    weight=10,
    impact="critical",
    fix=(
        "Serve the same HTML, with every og:, twitter:, title and description tag in it, to"
        " facebookexternalhit, Twitterbot, LinkedInBot, Slackbot, WhatsApp, Discordbot, Bluesky"
        " Cardyb, Mastodon and TelegramBot, and let them fetch the page in robots.txt."
    ),
)
def crawler_visibility(snapshot: PageSnapshot) -> Outcome:
    crawlers = social_facts(snapshot).crawlers
    if not crawlers:
        return Outcome(score=None, display="No crawler fetched the page.")
    findings: list[Finding] = []
    scores: dict[str, float] = {}
    for view in crawlers:
        problem, score = _crawler_problem(snapshot, view)
        scores[view.crawler] = score
        if problem:
            findings.append(problem)
    penalty = 0.0
    # Against the server's HTML the browser got: a crawler served other content is reported
    # on its own above, not twice.
    script_only = _script_only_findings(snapshot, snapshot.server_head)
    if script_only:
        penalty += SCRIPT_ONLY_PENALTY
        findings += script_only
    directives = _robots_directives(snapshot, crawlers)
    for directive, penalty_for in (("noindex", NOINDEX_PENALTY), ("nosnippet", NOSNIPPET_PENALTY)):
        if directive in directives:
            penalty += penalty_for
            findings.append(
                Finding(
                    message=f"{directive} is set ({directives[directive]}): "
                    + (
                        "search engines drop the page."
                        if directive == "noindex"
                        else "search results show no snippet."
                    ),
                    element=Element(
                        'meta[name="robots"]' if "meta" in directives[directive] else "head"
                    ),
                    details={"directive": directive, "where": directives[directive]},
                )
            )
    score = round(max(0.0, sum(scores.values()) / len(scores) - penalty), 2)
    seeing = [name for name, s in scores.items() if s == 1]
    silent = {view.crawler: no_answer_reason(view) for view in crawlers if _no_answer(view)}
    display = f"{len(seeing)} of {len(scores)} crawlers get the page"
    if silent:
        display += f"; no answer for {_grouped(silent)}"
    elif findings:
        display += f"; {findings[0].message}"
    return Outcome(
        score=score,
        display=display,
        value=len(seeing),
        unit="crawlers",
        findings=findings,
        details={
            "crawlers": scores,
            "no_answer": silent,
            "no_preview": {
                view.crawler: reason for view in crawlers if (reason := _no_preview(view))
            },
        },
    )


def no_answer_reason(view: CrawlerView) -> str:
    """Why a crawler got no answer, in words, from the fetch's error."""
    error = (view.error or "").strip()
    lowered = error.lower()
    for needle, words in NO_ANSWER_WORDS:
        if needle in lowered:
            return words
    return error[:200] or "no reason given"


def _no_answer(view: CrawlerView) -> bool:
    return view.status is None and not _robots_blocks(view)


def _robots_blocks(view: CrawlerView) -> bool:
    """robots.txt keeps this crawler from the page (and it is one that reads robots.txt)."""
    return view.robots_allowed is False and view.crawler not in IGNORES_ROBOTS_TXT


def _no_preview(view: CrawlerView) -> str | None:
    """Why this crawler's platform shows no preview, or None when it got the page."""
    if _robots_blocks(view):
        return "is disallowed by robots.txt"
    if view.status is None:
        return f"got no answer ({no_answer_reason(view)})"
    if view.status >= 400:
        return f"got HTTP {view.status}"
    return None


def _grouped(reasons: dict[str, str]) -> str:
    """ "Facebook and X (timed out); Slack (connection refused)": crawlers by reason."""
    by_reason: dict[str, list[str]] = {}
    for crawler, reason in reasons.items():
        by_reason.setdefault(reason, []).append(LABELS.get(crawler, crawler))
    return "; ".join(f"{_and(names)} ({reason})" for reason, names in by_reason.items())


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _crawler_problem(snapshot: PageSnapshot, view: CrawlerView) -> tuple[Finding | None, float]:
    details = {"crawler": view.crawler, "user_agent": view.user_agent, "status": view.status}
    name = f"{LABELS.get(view.crawler, view.crawler)}'s crawler"
    if _robots_blocks(view):
        return (
            Finding(
                message=f"robots.txt disallows {name}: no preview there.",
                details={**details, "robots_txt": True},
            ),
            0.0,
        )
    if view.status is None:
        reason = no_answer_reason(view)
        return (
            Finding(
                message=f"{name} got no answer ({reason}): no preview.",
                element=Element("html"),
                details={**details, "error": view.error, "reason": reason},
            ),
            0.0,
        )
    if view.status >= 400:
        return (
            Finding(
                message=f"The page answers {name} with HTTP {view.status}: no preview.",
                element=Element("html"),
                details=details,
            ),
            0.0,
        )
    differences = _content_differences(snapshot, view)
    if differences:
        return (
            Finding(
                message=(
                    f"{name} gets other content than browsers: " + "; ".join(differences) + "."
                ),
                element=Element("html"),
                details={**details, "differences": differences},
            ),
            DIFFERENT_CONTENT_SCORE,
        )
    return None, 1.0


def _content_differences(snapshot: PageSnapshot, view: CrawlerView) -> list[str]:
    if view.head is None:
        return []
    found = []
    browser = snapshot.server_head
    if (view.head.title or "") != (browser.title or ""):
        found.append(_instead("title", view.head.title, browser.title))
    crawler_og, browser_og = _value(view.head, "og:title"), _value(browser, "og:title")
    if crawler_og != browser_og:
        found.append(_instead("og:title", crawler_og, browser_og))
    browser_bytes = len(snapshot.document.html.encode("utf-8", errors="replace"))
    if browser_bytes and view.html_bytes < browser_bytes * SMALLER_HTML_RATIO:
        found.append(f"{view.html_bytes} bytes of HTML instead of {browser_bytes}")
    return found


def _instead(what: str, crawler: str | None, browser: str | None) -> str:
    """'title "A" instead of "B"', saying "no title" where one side has none."""
    got = f'{what} "{crawler}"' if crawler else f"no {what}"
    wanted = f'"{browser}"' if browser else "none"
    return f"{got} instead of {wanted}"


def _script_only_findings(snapshot: PageSnapshot, served: HeadFacts) -> list[Finding]:
    rendered = snapshot.dom.head
    findings = []
    if (rendered.title or "").strip() and not (served.title or "").strip():
        findings.append(_script_only("<title>", "title", rendered.title or ""))
    seen: set[str] = set()
    for tag in rendered.metas:
        key = meta_key(tag)
        if key in seen or not meta_content(tag):
            continue
        if key == "description" or key.startswith(SHARED_KEYS_PREFIXES):
            seen.add(key)
            if _value(served, key) is None:
                findings.append(_script_only(key, tag.selector, meta_content(tag)))
    return findings


def _script_only(what: str, selector: str, value: str) -> Finding:
    return Finding(
        message=f"{what} is only in the rendered page. {SCRIPT_ONLY_NOTE}",
        element=Element(selector, snippet=value[:200]),
        details={"rendered_only": True, "tag": what},
    )


def _robots_directives(snapshot: PageSnapshot, crawlers: list[CrawlerView]) -> dict[str, str]:
    """noindex / nosnippet -> where it was set (meta robots, or X-Robots-Tag to whom)."""
    found: dict[str, str] = {}
    for tag in snapshot.server_head.metas:
        if meta_key(tag) in ROBOTS_META_NAMES:
            for directive in _directives(meta_content(tag)):
                found.setdefault(directive, f'meta robots "{meta_content(tag)}"')
    sources = [("browser", snapshot.document.headers)] + [(c.crawler, c.headers) for c in crawlers]
    for who, headers in sources:
        header = next((v for k, v in headers.items() if k.lower() == "x-robots-tag"), None)
        for directive in _directives(header or ""):
            found.setdefault(directive, f'X-Robots-Tag "{header}" (to {who})')
    return found


def _directives(value: str) -> set[str]:
    """noindex / nosnippet in a robots value; 'none' means noindex, nofollow. A user-agent
    prefix ("googlebot: noindex") is kept as applying."""
    tokens = set()
    for part in value.lower().replace(";", ",").split(","):
        token = part.split(":")[-1].strip()
        tokens.add(token)
    found = {t for t in tokens if t in ("noindex", "nosnippet")}
    if "none" in tokens:
        found.add("noindex")
    return found


def _value(head: HeadFacts, key: str) -> str | None:
    for tag in head.metas:
        if meta_key(tag) == key and meta_content(tag):
            return meta_content(tag)
    return None
