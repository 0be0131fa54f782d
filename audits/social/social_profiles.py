"""social-profiles: the page links the brand's own profiles on the major networks.

Read from the server's HTML: every <a href> and every JSON-LD sameAs (Google reads profiles
from sameAs: https://developers.google.com/search/docs/appearance/structured-data/organization).
A link to a network's home page or to a share dialog is not a profile. Score 1 when at least
one profile is linked: people can find and follow the brand, and search engines can tie the
profiles to the site; how many networks a brand should be on is its own choice, so more
earn nothing extra.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from audits import audit
from audits.social.crawler_view import page_links, page_metadata
from checker.results import Finding, Outcome
from checker.snapshot import PageSnapshot

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


@audit(
    id="social-profiles",
    title="Links the brand's social profiles",
    failure_title="Links none of the brand's social profiles",
    category="social",
    requires=("document",),
    weight=2,
    fix=(
        "Link the brand's profiles (footer icons and JSON-LD sameAs) so people and search "
        "engines find them. "
        "https://developers.google.com/search/docs/appearance/structured-data/organization"
    ),
)
def social_profiles(snapshot: PageSnapshot) -> Outcome:
    if not snapshot.document.html.strip():
        return Outcome(score=None, display="The server's HTML was not kept in this snapshot.")
    same_as = [v for v in page_metadata(snapshot).jsonld.same_as if isinstance(v, str)]
    found: dict[str, list[str]] = {}
    sources: dict[str, str] = {}
    for url, source in [(u, "sameAs") for u in same_as] + [
        (u, "link") for u in page_links(snapshot)
    ]:
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
                "Pinterest, in the page's links or JSON-LD sameAs."
            ),
            selector="body",
        )
        return Outcome(score=0, display=finding.message, value=0, findings=[finding])
    return Outcome(
        score=1,
        display=f"Links profiles on {', '.join(found)}",
        value=len(found),
        unit="networks",
        details=details,
    )


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
