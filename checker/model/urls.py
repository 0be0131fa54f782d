"""URLs, one home for every stage: how readiness takes them from people, when two of them are
the same, and which site one belongs to.

When two URLs are the same, from the strictest test to the loosest (each caller picks the one
its question needs, by name):
- `without_fragment(a) == without_fragment(b)`: the same request. For URLs the browser wrote
  (the network log, an <img>'s resolved src), which it has normalised already; the fragment
  never leaves the browser.
- `same_url_ignoring_trailing_slash(a, b)`: the same address as a browser parses it (scheme and
  host in any case, the default port implied, no fragment), /shop/ and /shop taken as one; the
  query as written. For URLs people wrote in HTML (a canonical against og:url).
- `page_key(a) == page_key(b)`: the same page for a crawl, which also drops tracking
  parameters, sorts the query, folds /index.html into / and normalises percent-escapes.

Which site a URL belongs to, by what each returns:
- `host_of`: the host name alone (the hosts that get a run's credentials, or are "external");
- `host_and_port`: (host, port) with the default port made explicit: what a crawl stays on, so
  http:// and https:// of one host are two sites;
- `host_port_label`: "host[:port]", the default port left out: how reports group pages, so
  http:// and https:// of one host are one site;
- `registrable_domain`: www.example.co.uk and cdn.example.co.uk are one site, example.co.uk.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import SplitResult, quote, unquote, urlsplit, urlunsplit

from checker.model.errors import UsageError

DEFAULT_PORTS = {"http": 80, "https": 443}
SUPPORTED_SCHEMES = tuple(DEFAULT_PORTS)
NO_HOST = "(no host)"

# --- taking URLs ----------------------------------------------------------------------------


def check_url(raw: str) -> str:
    """The URL, or a UsageError that says what is wrong with it. A bare host name
    (example.com) is taken as https://example.com/."""
    text = raw.strip()
    if not text:
        raise UsageError("An empty URL was given.")
    if "://" not in text and not text.startswith("//"):
        scheme, colon, _ = text.partition(":")
        if colon and scheme.isalpha() and scheme.lower() not in ("localhost",):
            raise UsageError(f"Unsupported URL scheme {scheme!r} in {raw!r}: use http or https.")
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme.lower() not in SUPPORTED_SCHEMES:
        raise UsageError(f"Unsupported URL scheme {parts.scheme!r} in {raw!r}: use http or https.")
    try:
        port = parts.port
    except ValueError:
        raise UsageError(
            f"Malformed URL {raw!r}: the port is not a number from 1 to 65535."
        ) from None
    if not parts.hostname or any(c.isspace() for c in text) or port == 0:
        raise UsageError(f"Malformed URL {raw!r}: it needs a host name, like https://example.com/.")
    return text if parts.path else text + "/"


def is_web_url(text: str) -> bool:
    """An absolute http(s) URL with a host and a valid port: one the crawl can fetch."""
    try:
        parts = urlsplit(text.strip())
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return False
    return parts.scheme.lower() in DEFAULT_PORTS and bool(parts.hostname)


# --- sites ----------------------------------------------------------------------------------


def host_of(url: str) -> str:
    """The host name, lower case (an IPv6 address without its brackets); "" when there is
    none or the URL cannot be parsed."""
    try:
        return urlsplit(url).hostname or ""
    except ValueError:  # an unbalanced [ in the host
        return ""


def host_and_port(url: str) -> tuple[str, int | None]:
    """(host, port), the scheme's default port made explicit: what a crawl calls one site
    (http://example.com and https://example.com are two, on ports 80 and 443)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".")
    try:
        port = parts.port or DEFAULT_PORTS.get(parts.scheme.lower())
    except ValueError:
        port = None
    return host, port


def host_port_label(url: str) -> str:
    """The host and a port that is not the scheme's default, as text ("example.com",
    "127.0.0.1:8300"), lower case: what reports group pages by (http://example.com and
    https://example.com are one site). NO_HOST when there is no host; what was written when
    the port or the host cannot be read."""
    try:
        parts = urlsplit(url.strip())
        host, port = parts.hostname or "", parts.port
    except ValueError:  # a port out of range, a broken IPv6 address: keep what was written
        written = url.strip().split("://", 1)[-1].split("/", 1)[0].rsplit("@", 1)[-1]
        return written.lower() or NO_HOST
    if not host:
        return NO_HOST
    return _authority(parts.scheme.lower(), host, port)


# Second-level labels under which many country-code domains register names (example.co.uk,
# example.com.au, example.ne.jp, example.gob.mx): under any two-letter top-level domain they
# make a public suffix.
COMMON_SECOND_LEVELS = frozenset(
    {"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go", "gob"}
)
# Other second-level public suffixes common enough to matter (from the Public Suffix List,
# publicsuffix.org/list/public_suffix_list.dat).
OTHER_SECOND_LEVEL_SUFFIXES = frozenset(
    {
        "me.uk", "ltd.uk", "plc.uk", "sch.uk", "asn.au", "id.au", "govt.nz", "geek.nz",
        "gr.jp", "ad.jp", "firm.in", "gen.in", "ind.in", "web.id", "in.th",
    }
)  # fmt: skip


def registrable_domain(host: str) -> str:
    """The site of a host as the Public Suffix List would have it, approximately:
    example.com for www.example.com, example.co.uk for a.b.example.co.uk. An IP address or a
    host of one or two labels is its own site.

    Without the List (thousands of rules), a host under a suffix we do not know (github.io)
    reads as one site with its neighbours; Lighthouse's rule, the last two labels, would make
    every .co.uk site one."""
    host = host.lower().rstrip(".")
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    else:
        return host
    labels = host.split(".")
    if len(labels) <= 2:
        return host
    top, second = labels[-1], labels[-2]
    suffix_of_two = (len(top) == 2 and second in COMMON_SECOND_LEVELS) or (
        f"{second}.{top}" in OTHER_SECOND_LEVEL_SUFFIXES
    )
    return ".".join(labels[-3:] if suffix_of_two else labels[-2:])


# --- the same URL ---------------------------------------------------------------------------


def without_fragment(url: str) -> str:
    """The URL as the browser requests it: the #fragment never leaves the browser. The rest
    is kept as written, so compare URLs the browser has normalised already."""
    return url.partition("#")[0]


def same_url_ignoring_trailing_slash(a: str, b: str) -> bool:
    """Two absolute URLs name the same address as a browser parses them (scheme and host in
    any case, the default port implied, the fragment ignored), /shop/ and /shop taken as one.
    The query counts as written, and so do tracking parameters and index file names: stricter
    than `page_key`, which is for de-duplicating a crawl."""
    return _slashless(a) == _slashless(b)


def _slashless(url: str) -> tuple[str, str, str, str]:
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    netloc = _authority(scheme, parts.hostname or "", _port(parts))
    return scheme, netloc, parts.path.rstrip("/"), parts.query


# Query parameters that say where a visitor came from, never which page they see.
# utm_*: Google Analytics campaign parameters (support.google.com/analytics/answer/10917952);
# gclid, dclid: Google Ads and Display & Video 360 auto-tagging; fbclid: Meta's click id;
# msclkid: Microsoft Advertising auto-tagging; mc_cid, mc_eid: Mailchimp campaign tracking;
# _ga, _gl: Google's cross-domain linker; yclid: Yandex Direct; igshid: Instagram share id.
TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMETERS = frozenset(
    {"gclid", "fbclid", "msclkid", "dclid", "mc_cid", "mc_eid", "_ga", "_gl", "yclid", "igshid"}
)
# The file names web servers serve for a folder's address (Apache's and nginx's defaults):
# /index.html and / are one page, linked both ways on many static sites.
DIRECTORY_INDEXES = ("index.html", "index.htm", "index.php")

# RFC 3986, section 2.3: these never need escaping, so %41 and A are the same character.
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
# Characters left as they are when escaping a path or query: the reserved ones keep their
# meaning (a %2F is not a /), and % starts an escape already made.
_KEEP_IN_PATH = "!$&'()*+,;=:@/%"
_KEEP_IN_QUERY = "!$&'()*+,;=:@/?%"
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def page_key(url: str) -> str:
    """The key a crawl de-duplicates on: two URLs with the same key are the same page. No
    fragment, lower-case scheme and host, no default port, no tracking parameters, the other
    query parameters sorted, no directory index file name (/shop/index.html is /shop/), no
    trailing slash but on the root, percent-encoding normalised, dot segments resolved."""
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
    netloc = _authority(scheme, (parts.hostname or "").rstrip("."), _port(parts))
    return urlunsplit((scheme, netloc, path, "&".join(pairs), ""))


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


# --- helpers --------------------------------------------------------------------------------


def _port(parts: SplitResult) -> int | None:
    try:
        return parts.port
    except ValueError:  # out of range or not a number: as if none were written
        return None


def _authority(scheme: str, host: str, port: int | None) -> str:
    """host[:port], the IPv6 address in brackets, the scheme's default port left out."""
    if ":" in host:
        host = f"[{host}]"
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
