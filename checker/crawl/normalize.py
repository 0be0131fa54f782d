"""When two addresses are the same page: the key a crawl de-duplicates on, and the address it
audits."""

from __future__ import annotations

import re
from urllib.parse import SplitResult, quote, unquote, urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443}

# Query parameters that say where a visitor came from, never which page they see.
# utm_*: Google Analytics campaign parameters (support.google.com/analytics/answer/10917952);
# gclid, dclid: Google Ads and Display & Video 360 auto-tagging; fbclid: Meta's click id;
# msclkid: Microsoft Advertising auto-tagging; mc_cid, mc_eid: Mailchimp campaign tracking;
# _ga, _gl: Google's cross-domain linker; yclid: Yandex Direct; igshid: Instagram share id.
TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMETERS = frozenset(
    {"gclid", "fbclid", "msclkid", "dclid", "mc_cid", "mc_eid", "_ga", "_gl", "yclid", "igshid"}
)

# RFC 3986, section 2.3: these never need escaping, so %41 and A are the same character.
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
# Characters left as they are when escaping a path or query: the reserved ones keep their
# meaning (a %2F is not a /), and % starts an escape already made.
_KEEP_IN_PATH = "!$&'()*+,;=:@/%"
_KEEP_IN_QUERY = "!$&'()*+,;=:@/?%"
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


# The file names web servers serve for a folder's address (Apache's and nginx's defaults):
# /index.html and / are one page, linked both ways on many static sites.
DIRECTORY_INDEXES = ("index.html", "index.htm", "index.php")


def page_key(url: str) -> str:
    """The de-duplication key: two URLs with the same key are the same page. No fragment,
    lower-case scheme and host, no default port, no tracking parameters, the other query
    parameters sorted, no directory index file name (/shop/index.html is /shop/), no trailing
    slash but on the root, percent-encoding normalised, dot segments resolved."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    path = _remove_dot_segments(_normalise_escapes(parts.path, _KEEP_IN_PATH)) or "/"
    folder, _, name = path.rpartition("/")
    if name.lower() in DIRECTORY_INDEXES:
        path = folder + "/"
    if path != "/" and path.endswith("/"):
        path = path.rstrip("/") or "/"
    pairs = sorted(
        _normalise_escapes(pair, _KEEP_IN_QUERY)
        for pair in parts.query.split("&")
        if pair and not is_tracking_parameter(pair)
    )
    return urlunsplit((scheme, _netloc(scheme, parts), path, "&".join(pairs), ""))


def clean_url(url: str) -> str:
    """The address to audit: the URL as first seen, without its fragment and its tracking
    parameters (so analytics do not count the audit as a campaign visit)."""
    parts = urlsplit(url.strip())
    kept = [pair for pair in parts.query.split("&") if pair and not is_tracking_parameter(pair)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", "&".join(kept), ""))


def is_tracking_parameter(pair: str) -> bool:
    """`pair` is one name=value of a query string."""
    name = unquote(pair.partition("=")[0]).strip().lower()
    return name.startswith(TRACKING_PREFIXES) or name in TRACKING_PARAMETERS


def is_web_url(text: str) -> bool:
    """An absolute http(s) URL with a host and a valid port: one the crawl can fetch."""
    try:
        parts = urlsplit(text.strip())
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return False
    return parts.scheme.lower() in DEFAULT_PORTS and bool(parts.hostname)


def site_of(url: str) -> tuple[str, int | None]:
    """(host, port) of a URL, the port made explicit: what "the same site" compares."""
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".")
    try:
        port = parts.port or DEFAULT_PORTS.get(parts.scheme.lower())
    except ValueError:
        port = None
    return host, port


def _netloc(scheme: str, parts: SplitResult) -> str:
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:
        host = f"[{host}]"  # IPv6
    try:
        port = parts.port
    except ValueError:
        return host
    if port is None or port == DEFAULT_PORTS.get(scheme):
        return host
    return f"{host}:{port}"


def _normalise_escapes(text: str, keep: str) -> str:
    """%7e and ~ are one character; %2f and %2F too. Escapes what must be escaped (spaces,
    non-ASCII as UTF-8), decodes escaped unreserved characters, upper-cases the rest."""
    text = _STRAY_PERCENT.sub("%25", quote(text, safe=keep))

    def one(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in _UNRESERVED else "%" + match.group(1).upper()

    return _ESCAPE.sub(one, text)


def _remove_dot_segments(path: str) -> str:
    # RFC 3986, section 5.2.4: /a/./b/../c is /a/c.
    if "." not in path:
        return path
    output: list[str] = []
    segments = path.split("/")
    for segment in segments[1:]:
        if segment == "..":
            if output:
                output.pop()
        elif segment != ".":
            output.append(segment)
    result = "/" + "/".join(output)
    if segments[-1] in (".", "..") and not result.endswith("/"):
        result += "/"
    return result
