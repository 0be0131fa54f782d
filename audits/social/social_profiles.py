"""social-profiles: the page links the brand's own profiles on the major networks.

Read from the server's HTML: every <a href> and every JSON-LD sameAs (Google reads profiles
from sameAs: https://developers.google.com/search/docs/appearance/structured-data/organization);
the accounts the head declares for the platforms that attribute shares to them: twitter:site
(X's "@username of website", or a profile URL; X's Cards markup reference) and
article:publisher (the Facebook page of an article's publisher: https://ogp.me/#type_article);
and the follow widgets the networks document (Facebook's Page plugin, .fb-page or the older
.fb-like-box, with data-href; X's a.twitter-follow-button). `details` says where each profile
was found.
A link to a network's home page or to a share dialog is not a profile. Score 1 when at least
one profile is linked: people can find and follow the brand, and search engines can tie the
profiles to the site; how many networks a brand should be on is its own choice, so more
earn nothing extra.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

from audits import audit
from audits.common.crawler_view import (
    meta_content,
    metas,
    page_links,
    page_metadata,
    resolve,
    server_document,
)
from checker.model.elements import Element
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot

# network -> host names (without www./m.) its profiles live on.
NETWORKS = {
    "Facebook": ("facebook.com", "fb.com"),
    "X": ("x.com", "twitter.com"),
    "LinkedIn": ("linkedin.com",),
    "Instagram": ("instagram.com",),
    "YouTube": ("youtube.com",),
    "TikTok": ("tiktok.com",),
    "Pinterest": ("pinterest.com",),
    "Threads": ("threads.net", "threads.com"),
    "Bluesky": ("bsky.app",),
    "Mastodon": ("mastodon.social",),
    "GitHub": ("github.com",),
}
# First path segments that are a network's own pages or share dialogs, not a profile.
NOT_PROFILES = frozenset(
    {
        "sharer", "sharer.php", "share", "share.php", "intent", "home", "login", "signup",
        "search", "hashtag", "legal", "privacy", "policies", "about", "help", "tos", "watch",
        "embed", "plugins", "dialog", "pin", "shareArticle", "sharing", "i", "explore",
    }
)  # fmt: skip
PREFIXES = ("www.", "m.", "mobile.", "web.")
# X's username rules: 1 to 15 letters, digits or underscores
# (https://help.x.com/en/managing-your-account/x-username-rules).
X_HANDLE = re.compile(r"@([A-Za-z0-9_]{1,15})")
# The networks' follow widgets: (the source named in details, XPath, attribute with the URL).
WIDGETS = (
    ("fb-page", "//*[contains(concat(' ', normalize-space(@class), ' '), ' fb-page ')]",
     "data-href"),
    ("fb-like-box", "//*[contains(concat(' ', normalize-space(@class), ' '), ' fb-like-box ')]",
     "data-href"),
    ("twitter-follow-button",
     "//a[contains(concat(' ', normalize-space(@class), ' '), ' twitter-follow-button ')]",
     "href"),
)  # fmt: skip


@audit(
    id="social-profiles",
    title="Links the brand's social profiles",
    failure_title="Links none of the brand's social profiles",
    description=(
        "Checks that the page links at least one of the brand's own profiles on the major "
        "networks (a link, JSON-LD sameAs, twitter:site). People follow a brand from its site, "
        "and search engines tie the profiles to it."
    ),
    help_url="https://developers.google.com/search/docs/appearance/structured-data/organization",
    category="social",
    requires=("document",),
    weight=2,
    impact="minor",
    fix=(
        "Link the brand's profiles (footer icons and JSON-LD sameAs) so people and search "
        "engines find them."
    ),
)
def social_profiles(snapshot: PageSnapshot) -> Outcome:
    if not snapshot.document.html.strip():
        return Outcome(score=None, display="The server's HTML was not kept in this snapshot.")
    same_as = [v for v in page_metadata(snapshot).jsonld.same_as if isinstance(v, str)]
    candidates = [
        *((u, "sameAs") for u in same_as),
        *_declared_accounts(snapshot),
        *_widgets(snapshot.document.html, snapshot.document.url),
        *((u, "link") for u in page_links(snapshot)),
    ]
    found: dict[str, list[str]] = {}
    sources: dict[str, str] = {}
    for url, source in candidates:
        network = profile_network(url)
        if network and url not in found.get(network, []):
            found.setdefault(network, []).append(url)
            sources.setdefault(url, source)
    details = {
        "profiles": {n: [{"url": u, "from": sources[u]} for u in urls] for n, urls in found.items()}
    }
    if not found:
        finding = Finding(
            message=(
                "No link to a profile on Facebook, X, LinkedIn, Instagram, YouTube, TikTok or "
                "Pinterest, in the page's links, follow widgets, JSON-LD sameAs, twitter:site or "
                "article:publisher."
            ),
            element=Element("body"),
        )
        return Outcome(score=0, display=finding.message, value=0, findings=[finding])
    return Outcome(
        score=1,
        display=f"Links profiles on {', '.join(found)}",
        value=len(found),
        unit="networks",
        details=details,
    )


def _declared_accounts(snapshot: PageSnapshot) -> list[tuple[str, str]]:
    """(profile URL, source) of the accounts the server's head declares: twitter:site as an
    @username or a URL, article:publisher as a URL (a name is no profile)."""
    found = []
    for tag in metas(snapshot.server_head, "twitter:site"):
        value = meta_content(tag)
        handle = X_HANDLE.fullmatch(value)
        if handle:
            found.append((f"https://x.com/{handle.group(1)}", "twitter:site"))
        elif value:
            found.append((value, "twitter:site"))
    for tag in metas(snapshot.server_head, "article:publisher"):
        if value := meta_content(tag):
            found.append((value, "article:publisher"))
    return found


@functools.lru_cache(maxsize=16)
def _widgets(html: str, url: str) -> tuple[tuple[str, str], ...]:
    """(profile URL, widget) of the follow widgets in the server's HTML."""
    root = server_document(html)
    if root is None:
        return ()
    found = []
    for source, path, attribute in WIDGETS:
        for element in root.xpath(path):
            if value := (element.get(attribute) or "").strip():
                found.append((resolve(url, value), source))
    return tuple(found)


def profile_network(url: str) -> str | None:
    """The network whose profile `url` is, or None (another site, a share dialog...)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    for prefix in PREFIXES:
        host = host.removeprefix(prefix)
    segments = [s for s in parts.path.split("/") if s]
    for network, hosts in NETWORKS.items():
        if host in hosts or any(host.endswith("." + h) for h in hosts):
            if not segments or segments[0] in NOT_PROFILES:
                return None
            return network
    return None
