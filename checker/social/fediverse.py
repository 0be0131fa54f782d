"""Mastodon's author credit, `<meta name="fediverse:creator" content="@user@instance">`
(Mastodon 4.3), read as Mastodon reads it.

Mastodon takes the first such tag (property= or name=; app/lib/link_details_extractor.rb
#author_account) and hands its content to ResolveAccountService, which strips it, drops one
leading "@" and splits the rest at "@": the first part is the username, the second the server
(app/services/resolve_account_service.rb#process_options!). So "user@instance" works as well as
"@user@instance"; "@user" without a server names an account of that name on the server that
fetched the card, a different one for each reader's server; a profile URL
("https://mastodon.social/@user") splits into nonsense and finds nobody.

Even a well-formed handle is credited only when that account lists the page's domain (or a
parent of it) under "Author attribution" in its profile settings: FetchLinkCardService sets
the card's author only if `linked_account.can_be_attributed_from?(domain)`
(app/models/concerns/account/attribution_domains.rb). That is a setting on the author's
Mastodon profile, which a page cannot show: the report says so beside the credit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Mastodon's username rule (app/models/account.rb USERNAME_RE, without the "@"): letters,
# digits and _, with . and - allowed inside.
_USERNAME = re.compile(r"[a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?\Z", re.IGNORECASE)
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]{2,}(?::\d+)?\Z", re.I)


@dataclass(frozen=True)
class Creator:
    username: str
    domain: str | None

    @property
    def handle(self) -> str:
        return f"@{self.username}@{self.domain}" if self.domain else f"@{self.username}"


def read_creator(value: str | None) -> Creator | None:
    """The account Mastodon would look up for this fediverse:creator value; None when it
    looks up nothing (an empty value)."""
    text = (value or "").strip()
    if text.startswith("@"):
        text = text[1:]
    parts = text.split("@")
    username = parts[0]
    domain = parts[1] if len(parts) > 1 and parts[1] else None
    if not username:
        return None
    return Creator(username=username, domain=domain.lower() if domain else None)


def creator_problem(value: str | None) -> str | None:
    """Why Mastodon would credit nobody (or someone else) for this value, in words; None when
    it names an account the way Mastodon expects (@user@instance)."""
    creator = read_creator(value)
    shown = (value or "").strip()[:80]
    if creator is None:
        return "fediverse:creator is empty: Mastodon credits no author."
    if not _USERNAME.match(creator.username):
        return (
            f'fediverse:creator "{shown}" is not a Mastodon handle (@user@instance, not a'
            " profile address): Mastodon finds no account to credit."
        )
    if creator.domain is None:
        return (
            f'fediverse:creator "{shown}" names no server: Mastodon looks for a local account'
            f" called {creator.username} on each reader's own server, so it credits nobody or a"
            f" stranger. Write @{creator.username}@your.instance."
        )
    if not _HOST.match(creator.domain):
        return (
            f'fediverse:creator "{shown}": "{creator.domain}" is not a server name, so Mastodon'
            " finds no account to credit."
        )
    return None
