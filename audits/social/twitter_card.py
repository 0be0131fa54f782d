"""twitter-card: a card type X renders, with the tags that card needs.

From X's Cards markup reference (https://developer.x.com/en/docs/x-for-websites/cards/overview/
markup): twitter:card is one of summary, summary_large_image, app, player; title and image fall
back to og:title and og:image; without twitter:card X "may" render a summary card from og:type,
og:title and og:description. The player card needs twitter:player (an https iframe URL),
twitter:player:width, twitter:player:height and twitter:image (.../player-card); the app card an
app id (.../app-card); both need twitter:site or twitter:site:id.

twitter:site is "the @username of the website" (same page): an @ and the account's username,
which X allows to be at most 15 letters, digits or underscores
(https://help.x.com/en/managing-your-account/x-username-rules). A value that is not one (a
name, a URL, no @, spaces, backticks) gives the card no attribution, and is flagged with the
value as written.

Score: 1 with a valid card and what it needs; 0.5 when the card lacks something it needs, its
twitter:site is not a handle, or it is absent but Open Graph gives X a summary card; 0 for an
unknown card type or no card at all.
"""

from __future__ import annotations

import re

from audits import audit
from audits.common.crawler_view import first_value, missing_finding
from audits.common.platform_rules import TWITTER_CARD_TYPES
from checker.model.dom_facts import HeadFacts
from checker.model.elements import Element
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot

X_MARKUP = "https://developer.x.com/en/docs/x-for-websites/cards/overview/markup"
# X's markup reference: title at most 70 characters, description at most 200.
TITLE_MAX_CHARS = 70
DESCRIPTION_MAX_CHARS = 200
INCOMPLETE_SCORE = 0.5
APP_IDS = ("twitter:app:id:iphone", "twitter:app:id:ipad", "twitter:app:id:googleplay")
USERNAME_RULES = "https://help.x.com/en/managing-your-account/x-username-rules"
# X's username rules: at most 15 characters, letters A-Z, digits 0-9 and underscores.
HANDLE_MAX_CHARS = 15
HANDLE = re.compile(rf"@[A-Za-z0-9_]{{1,{HANDLE_MAX_CHARS}}}")
_HANDLE_CHAR = re.compile(r"[A-Za-z0-9_]")
SHOWN_VALUE_CHARS = 80


@audit(
    id="twitter-card",
    title="Has a complete X (Twitter) card",
    failure_title="The X (Twitter) card is missing, unknown or incomplete",
    description=(
        "Checks for a twitter:card type X renders, with the tags that card needs (or the Open "
        "Graph tags X falls back on). Without a card X shows a shared link as plain text or a "
        "small summary."
    ),
    help_url="https://developer.x.com/en/docs/x-for-websites/cards/overview/markup",
    category="social",
    requires=("document", "dom"),
    weight=5,
    impact="moderate",
    fix=(
        'Add <meta name="twitter:card" content="summary_large_image"> (with og:title and '
        "og:image, or twitter:title and twitter:image)."
    ),
)
def twitter_card(snapshot: PageSnapshot) -> Outcome:
    head = snapshot.server_head
    tag, card = first_value(head, "twitter:card")
    if card is None:
        return _no_card(snapshot, head)
    card = card.lower()
    if card not in TWITTER_CARD_TYPES:
        finding = Finding(
            message=(
                f'twitter:card "{card}" is not a card X renders ({", ".join(TWITTER_CARD_TYPES)}).'
            ),
            element=Element(tag.selector if tag else "head", snippet=tag.snippet if tag else ""),
            details={"card": card, "source": X_MARKUP},
        )
        return Outcome(score=0, display=finding.message, value=card, findings=[finding])
    missing = needs(head, card)
    findings = [
        Finding(
            message=f"A {card} card needs {what}.",
            element=Element("head"),
            details={"card": card, "missing": what, "source": X_MARKUP},
        )
        for what in missing
    ]
    site = site_finding(head)
    if site is not None:
        findings.append(site)
    findings += _length_notes(head)
    score = INCOMPLETE_SCORE if missing or site is not None else 1
    display = f"twitter:card {card}" + (f", missing {', '.join(missing)}" if missing else "")
    if site is not None:
        display += f"; {site.details['summary']}"
    return Outcome(score=score, display=display, value=card, findings=findings)


def site_finding(head: HeadFacts) -> Finding | None:
    """A finding when twitter:site is given but is not an @username; None when it is one or
    is absent (whether a card needs it is needs()'s to say)."""
    tag, value = first_value(head, "twitter:site")
    if value is None or HANDLE.fullmatch(value):
        return None
    problems = handle_problems(value)
    shown = value if len(value) <= SHOWN_VALUE_CHARS else value[: SHOWN_VALUE_CHARS - 1] + "…"
    summary = f'twitter:site "{shown}" is not an X handle'
    message = (
        f"{summary}: {'; '.join(problems)}. X wants the site's @username there, an @ and at "
        f"most {HANDLE_MAX_CHARS} letters, digits or underscores"
    )
    suggested = _suggested_handle(value)
    message += f" (here perhaps {suggested})." if suggested else "."
    return Finding(
        message=message,
        element=Element(
            tag.selector if tag else 'meta[name="twitter:site"]',
            snippet=tag.snippet if tag else "",
        ),
        details={
            "value": value[:200],
            "problems": problems,
            "summary": summary,
            "suggested": suggested,
            "source": USERNAME_RULES,
        },
    )


def handle_problems(value: str) -> list[str]:
    """What keeps `value` from being an @username, in words."""
    problems = []
    if not value.startswith("@"):
        problems.append("it does not start with @")
    name = value.removeprefix("@")
    if any(c.isspace() for c in name):
        problems.append("it has spaces")
    others = list(dict.fromkeys(c for c in name if not c.isspace() and not _HANDLE_CHAR.match(c)))
    if others:
        shown = " ".join(others[:10]) + (" …" if len(others) > 10 else "")
        problems.append(f"it has characters X does not allow in a username: {shown}")
    if len(name) > HANDLE_MAX_CHARS:
        problems.append(f"{len(name)} characters for the username, X allows {HANDLE_MAX_CHARS}")
    if not name:
        problems.append("nothing follows the @")
    return problems


def _suggested_handle(value: str) -> str | None:
    """The handle a value plainly meant ("folha", "`@brand`"), when there is one."""
    candidate = "@" + value.strip("`'\" \t").removeprefix("@")
    return candidate if HANDLE.fullmatch(candidate) else None


def needs(head: HeadFacts, card: str) -> list[str]:
    """What `card` needs that the head does not give (with X's Open Graph fallbacks)."""

    def has(*keys: str) -> bool:
        return first_value(head, *keys)[1] is not None

    missing: list[str] = []
    if card in ("summary", "summary_large_image", "player") and not has(
        "twitter:title", "og:title"
    ):
        missing.append("a title (twitter:title or og:title)")
    if card in ("summary_large_image", "player") and not has(
        "twitter:image", "twitter:image:src", "og:image"
    ):
        missing.append("an image (twitter:image or og:image)")
    if card == "player":
        _, player = first_value(head, "twitter:player")
        if player is None:
            missing.append("twitter:player")
        elif not player.lower().startswith("https://"):
            missing.append("an https:// twitter:player")
        missing += [k for k in ("twitter:player:width", "twitter:player:height") if not has(k)]
    if card == "app" and not has(*APP_IDS):
        missing.append("an app id (twitter:app:id:iphone, :ipad or :googleplay)")
    if card in ("player", "app") and not has("twitter:site", "twitter:site:id"):
        missing.append("twitter:site or twitter:site:id")
    return missing


def _no_card(snapshot: PageSnapshot, head: HeadFacts) -> Outcome:
    fallback = all(first_value(head, k)[1] for k in ("og:type", "og:title", "og:description"))
    site = [f for f in (site_finding(head),) if f is not None]
    _, rendered = first_value(snapshot.dom.head, "twitter:card")
    finding = missing_finding(
        "twitter:card", rendered_value=rendered, selector='meta[name="twitter:card"]'
    )
    if fallback:
        message = (
            "No twitter:card: X may render a small summary card from the Open Graph tags, "
            "never the large image card."
        )
        finding = Finding(
            message=message,
            element=finding.element,
            details={**finding.details, "source": X_MARKUP},
        )
        return Outcome(score=INCOMPLETE_SCORE, display=message, findings=[finding, *site])
    return Outcome(score=0, display=finding.message, findings=[finding, *site])


def _length_notes(head: HeadFacts) -> list[Finding]:
    notes = []
    for keys, limit in (
        (("twitter:title", "og:title"), TITLE_MAX_CHARS),
        (("twitter:description", "og:description"), DESCRIPTION_MAX_CHARS),
    ):
        tag, value = first_value(head, keys[0])
        if value is None:
            tag, value = first_value(head, keys[1])
        if value is not None and len(value) > limit:
            notes.append(
                Finding(
                    message=(
                        f"{keys[0]} is {len(value)} characters; X shows at most {limit} "
                        "(a note: it does not lower the score)."
                    ),
                    element=Element(tag.selector if tag else "head", snippet=value[:200]),
                    details={"chars": len(value), "limit": limit, "source": X_MARKUP},
                )
            )
    return notes
