"""How a run reaches the pages: which hosts it may talk to, and what a logged-in visitor
brings with them (headers, cookies, local storage)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from checker.model.errors import UsageError
from checker.model.urls import host_of

# Cookie names and header names are HTTP tokens (RFC 9110, section 5.6.2).
_TOKEN_CHARS = frozenset(
    "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
)


@dataclass(frozen=True)
class Access:
    """What every browser context of a run is given."""

    # The audited sites' hosts: the only ones that get the run's headers and cookies.
    site_hosts: frozenset[str] = frozenset()
    block_external: bool = False
    headers: dict[str, str] = field(default_factory=dict)
    # Playwright's storage-state format: {"cookies": [...], "origins": [...]}.
    storage_state: dict[str, Any] | None = None
    # Load HTTPS pages whose certificate is not trusted (a staging site's self-signed one).
    ignore_https_errors: bool = False
    # The browser itself refuses every other host (launched with host-resolver rules), so
    # --block-external needs no request interception; a remote browser does not.
    browser_blocks: bool = False

    def is_blocked(self, url: str) -> bool:
        if not self.block_external:
            return False
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https", "ws", "wss"):
            return False  # data:, blob:, about: never leave the browser
        return host_of(url) not in self.site_hosts

    def gets_headers(self, url: str) -> bool:
        # Credentials in a header must not travel to analytics or ad hosts.
        return bool(self.headers) and host_of(url) in self.site_hosts

    @property
    def needs_routing(self) -> bool:
        # Every request of an intercepted page goes through Python: costly on pages of
        # hundreds of requests, and it delays what the speed run observes.
        return bool(self.headers) or (self.block_external and not self.browser_blocks)


def build_access(
    targets: Iterable[str],
    *,
    block_external: bool = False,
    headers: Iterable[str] = (),
    cookies: Iterable[str] = (),
    storage_state: Path | None = None,
    ignore_https_errors: bool = False,
) -> Access:
    hosts = frozenset(host_of(t) for t in targets)
    state = _read_storage_state(storage_state) if storage_state is not None else None
    extra_cookies = [
        cookie for raw in cookies for cookie in _cookies_for_hosts(parse_cookie(raw), hosts)
    ]
    if extra_cookies:
        state = dict(state or {"cookies": [], "origins": []})
        state["cookies"] = [*state.get("cookies", []), *extra_cookies]
    return Access(
        site_hosts=hosts,
        block_external=block_external,
        headers=dict(parse_header(h) for h in headers),
        storage_state=state,
        ignore_https_errors=ignore_https_errors,
    )


def parse_header(raw: str) -> tuple[str, str]:
    name, colon, value = raw.partition(":")
    name = name.strip()
    if not colon or not name or not set(name) <= _TOKEN_CHARS:
        raise UsageError(f"--header {raw!r} must look like NAME:VALUE (Authorization: Bearer x).")
    if "\n" in value or "\r" in value:
        raise UsageError(f"--header {name!r}: a header value cannot span lines.")
    return name, value.strip()


def parse_cookie(raw: str) -> tuple[str, str]:
    name, equals, value = raw.partition("=")
    name = name.strip()
    if not equals or not name or not set(name) <= _TOKEN_CHARS:
        raise UsageError(f"--cookie {raw!r} must look like NAME=VALUE (session=abc123).")
    if any(c in value for c in ";\r\n"):
        raise UsageError(f"--cookie {name!r}: the value cannot contain ';' or line breaks.")
    return name, value.strip()


def _cookies_for_hosts(cookie: tuple[str, str], hosts: frozenset[str]) -> list[dict[str, Any]]:
    name, value = cookie
    return [{"name": name, "value": value, "domain": host, "path": "/"} for host in sorted(hosts)]


def _read_storage_state(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"Cannot read --storage-state {path}: {exc.strerror}.") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"--storage-state {path} is not JSON: {exc}.") from None
    cookies = data.get("cookies", []) if isinstance(data, dict) else None
    origins = data.get("origins", []) if isinstance(data, dict) else None
    if not isinstance(cookies, list) or not isinstance(origins, list):
        raise UsageError(
            f"--storage-state {path} is not in Playwright's format "
            '({"cookies": [...], "origins": [...]}, as context.storage_state() saves it).'
        )
    for cookie in cookies:
        if not isinstance(cookie, dict) or not {"name", "value"} <= cookie.keys():
            raise UsageError(f"--storage-state {path}: every cookie needs a name and a value.")
        if "url" not in cookie and "domain" not in cookie:
            raise UsageError(f"--storage-state {path}: cookie {cookie['name']!r} has no domain.")
    return {"cookies": cookies, "origins": origins}
