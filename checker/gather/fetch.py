"""Plain HTTP fetches outside the browser, as link crawlers make them: their user agent, their
redirects, a cap on bytes and time, and the run's host blocking at every hop."""

from __future__ import annotations

import asyncio
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urljoin

MAX_REDIRECTS = 5  # about what Facebook's and X's crawlers follow (observed)

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
        except (urllib.error.URLError, OSError, ValueError, ssl.SSLError) as exc:
            return Fetched(url, current, None, {}, b"", redirects, error=_reason(exc))
        location = headers.get("location")
        if follow_redirects and status in (301, 302, 303, 307, 308) and location:
            redirects.append(current)
            current = urljoin(current, location)
            continue
        return Fetched(url, current, status, headers, body, redirects, truncated)
    return Fetched(url, current, None, {}, b"", redirects, error="too many redirects")


async def fetch_async(url: str, user_agent: str, **options) -> Fetched:
    return await asyncio.to_thread(fetch, url, user_agent, **options)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # redirects are followed by fetch() itself
        return None


# No proxies from the environment: a fetch goes where the crawler would go, nowhere else.
# No proxies from the environment: the audit must reach the site itself, as crawlers do.
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
    request = urllib.request.Request(
        url, headers={"User-Agent": user_agent, "Accept": "*/*", "Accept-Encoding": "identity"}
    )
    try:
        response = _OPENERS[verify_tls].open(request, timeout=timeout_s)
    except urllib.error.HTTPError as error:  # 3xx (not followed here), 4xx, 5xx
        response = error
    with response:
        headers = _headers(response.headers)
        body = response.read(max_bytes + 1) or b""
        status = response.status if hasattr(response, "status") else response.code
    return status, headers, body[:max_bytes], len(body) > max_bytes


def _headers(message: Message) -> dict[str, str]:
    return {k: str(message[k]) for k in KEPT_HEADERS if message.get(k) is not None}


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, socket.timeout | TimeoutError):
        return "timeout"
    return f"{type(reason).__name__}: {reason}"[:200]
