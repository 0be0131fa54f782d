"""Plain HTTP fetches outside the browser, as link crawlers make them: their user agent, their
redirects, a cap on bytes and time, and the run's host blocking at every hop."""

from __future__ import annotations

import asyncio
import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import quote, urljoin, urlsplit

MAX_REDIRECTS = 5  # about what Facebook's and X's crawlers follow (observed)
# What a browser leaves as it is in a URL; the rest (spaces, quotes, control characters) it
# percent-encodes before sending, and so do we (the WHATWG URL standard's encode sets).
URL_SAFE_CHARS = "/:?#[]@!$&'()*+,;=%~"
# RFC 6761: names under .invalid never resolve; no lookup is sent for them.
NEVER_RESOLVES_TLD = "invalid"
READ_CHUNK_BYTES = 65_536

# Response headers the social audits read.
KEPT_HEADERS = ("content-type", "content-length", "location", "x-robots-tag", "cache-control")


@dataclass(frozen=True)
class Fetched:
    url: str
    final_url: str
    status: int | None
    headers: dict[str, str]
    body: bytes
    redirects: list[str] = field(default_factory=list)
    truncated: bool = False  # the body went past max_bytes and was cut there
    error: str | None = None


class _Blocked(Exception):
    pass


def fetch(
    url: str,
    user_agent: str,
    *,
    max_bytes: int,
    timeout_s: float,
    is_blocked: Callable[[str], bool] | None = None,
    follow_redirects: bool = True,
    verify_tls: bool = True,
) -> Fetched:
    """GET `url`; never raises for network trouble, which is reported in `error`."""
    redirects: list[str] = []
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        if is_blocked is not None and is_blocked(current):
            return Fetched(url, current, None, {}, b"", redirects,
                           error="blocked: another host than the audited pages'")  # fmt: skip
        try:
            status, headers, body, truncated = _get(
                current, user_agent, max_bytes, timeout_s, verify_tls
            )
        except _Blocked as exc:
            return Fetched(url, current, None, {}, b"", redirects, error=str(exc))
        except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
            return Fetched(url, current, None, {}, b"", redirects, error=_reason(exc))
        location = absolute_url(current, headers.get("location"))
        if follow_redirects and status in (301, 302, 303, 307, 308) and location:
            redirects.append(current)
            current = location
            continue
        return Fetched(url, current, status, headers, body, redirects, truncated)
    return Fetched(url, current, None, {}, b"", redirects, error="too many redirects")


async def fetch_async(url: str, user_agent: str, **options) -> Fetched:
    return await asyncio.to_thread(fetch, url, user_agent, **options)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # redirects are followed by fetch() itself
        return None


# No proxies from the environment: a fetch goes where the crawler would go, nowhere else.
_OPENERS = {
    True: urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirects()),
    # --ignore-https-errors: a staging site's self-signed certificate is accepted.
    False: urllib.request.build_opener(
        urllib.request.ProxyHandler({}),
        _NoRedirects(),
        urllib.request.HTTPSHandler(context=ssl._create_unverified_context()),
    ),
}


def _get(url: str, user_agent: str, max_bytes: int, timeout_s: float, verify_tls: bool):
    if not url.lower().startswith(("http://", "https://")):
        raise _Blocked(f"not an http(s) address: {url[:100]}")
    host = (urlsplit(url).hostname or "").rstrip(".")
    if host.rsplit(".", 1)[-1] == NEVER_RESOLVES_TLD:
        raise _Blocked(f"the host name {host} does not resolve (.invalid never does)")
    request = urllib.request.Request(
        quote(url, safe=URL_SAFE_CHARS),
        headers={"User-Agent": user_agent, "Accept": "*/*", "Accept-Encoding": "identity"},
    )
    try:
        response = _OPENERS[verify_tls].open(request, timeout=timeout_s)
    except urllib.error.HTTPError as error:  # 3xx (not followed here), 4xx, 5xx
        response = error
    with response:
        headers = _headers(response.headers)
        body = _read(response, max_bytes + 1, deadline=time.monotonic() + timeout_s)
        status = response.status if hasattr(response, "status") else response.code
    return status, headers, body[:max_bytes], len(body) > max_bytes


def _read(response, limit: int, *, deadline: float) -> bytes:
    """Up to `limit` bytes of the body, within the deadline. read1 returns what has arrived,
    so a body that trickles forever is cut at the deadline (a socket timeout only bounds
    the silence between two packets)."""
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        if time.monotonic() > deadline:
            raise TimeoutError("the body did not end in time")
        chunk = response.read1(min(READ_CHUNK_BYTES, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def absolute_url(base: str, reference: str | None) -> str | None:
    """`reference` made absolute against `base`; None when there is none or no client could
    follow it (an unclosed IPv6 bracket)."""
    if not reference:
        return None
    try:
        return urljoin(base, reference)
    except ValueError:
        return None


def _headers(message: Message) -> dict[str, str]:
    return {k: str(message[k]) for k in KEPT_HEADERS if message.get(k) is not None}


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, socket.timeout | TimeoutError):
        return "timeout"
    return f"{type(reason).__name__}: {reason}"[:200]
