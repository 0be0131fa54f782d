"""robots.txt read for any crawler, with the line that decides: Protego, as the crawl and the
link crawlers' view read it (checker/gather/robots.py), so the three never disagree.

When robots.txt cannot be had, RFC 9309 decides (https://www.rfc-editor.org/rfc/rfc9309
section 2.3.1): "unavailable" (a 4xx other than 429) allows everything; "unreachable" (a server
error, 429, no answer) means complete disallow, and Google does the same for a while.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from protego import Protego

from checker.model.results import CannotMeasure
from checker.model.social_facts import SocialFacts


@dataclass(frozen=True)
class RobotsVerdict:
    allowed: bool
    rule: str  # the line that decides ("Disallow: /"), or why there is none
    group: str | None = None  # the User-agent line whose group holds the rule, as written


def robots_verdict(social: SocialFacts, url: str, token: str) -> RobotsVerdict:
    """Whether robots.txt lets `token` fetch `url`, and why; CannotMeasure when a snapshot
    has the answer but not the text."""
    check = social.robots_txt
    status = check.status if check is not None else None
    if social.robots_text is not None:
        return _decide(social.robots_text, url, token)
    if status is not None and 200 <= status < 300:
        raise CannotMeasure(
            "robots.txt answered, but its text is not in this snapshot (saved by a readiness "
            "that did not keep it): audit the page again."
        )
    if status is not None and 400 <= status < 500 and status != 429:
        return RobotsVerdict(True, f"no robots.txt (HTTP {status}): everything is allowed")
    trouble = f"HTTP {status}" if status is not None else ((check and check.error) or "no answer")
    return RobotsVerdict(
        False, f"robots.txt unreachable ({trouble}): crawlers take it as Disallow: /"
    )


def _decide(text: str, url: str, token: str) -> RobotsVerdict:
    rules = _parsed(text)
    allowed = rules.can_fetch(url, token)
    explained = _deciding_rule(rules, url, token)
    if explained is None:  # Protego's inner layout changed: the verdict stands unexplained
        return RobotsVerdict(allowed, "Allow" if allowed else "Disallow")
    group, rule = explained
    if group is None:
        return RobotsVerdict(allowed, "robots.txt has no group for it or *: allowed")
    written = _written_agents(text).get(group, group)
    return RobotsVerdict(allowed, rule or "no rule matches: allowed", written)


@functools.lru_cache(maxsize=8)
def _parsed(text: str) -> Protego:
    return Protego.parse(text)


def _deciding_rule(rules: Protego, url: str, token: str) -> tuple[str | None, str | None] | None:
    """(the group's user agent, "Allow: pattern" or "Disallow: pattern", None when none
    matches), read from Protego's own rule set and order (longest match, Allow on a tie), or
    None when its internals are not as expected."""
    try:
        from protego._utils import _quote_path

        rule_set = rules._get_matching_rule_set(token)
        if rule_set is None:
            return None, None
        quoted = _quote_path(url)
        for rule in rule_set._rules:
            if rule.value.match(quoted):
                return rule_set.user_agent, f"{rule.field.capitalize()}: {rule.value._pattern}"
        return rule_set.user_agent, None
    except (AttributeError, ImportError, TypeError):
        return None


def _written_agents(text: str) -> dict[str, str]:
    """User-agent values in lower case -> as written."""
    agents = {}
    for line in text.splitlines():
        key, colon, value = line.partition("#")[0].partition(":")
        if colon and key.strip().lower() == "user-agent" and value.strip():
            agents.setdefault(value.strip().lower(), value.strip())
    return agents
