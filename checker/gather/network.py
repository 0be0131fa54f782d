"""The network log of a page load, from the Chrome DevTools Protocol's Network domain.

CDP gives what Playwright's request events do not: bytes on the wire (encodedDataLength)
next to decoded bytes, and cache hits, as Lighthouse records them.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import BrowserContext, CDPSession, Error, Page

from checker.model.load_facts import NetworkRequest

# Response headers worth keeping for the speed and caching audits; the rest is noise.
KEPT_HEADERS = (
    "content-type",
    "content-length",
    "content-encoding",
    "cache-control",
    "expires",
    "etag",
    "last-modified",
    "age",
    "vary",
    "location",
)
BLOCKED_ERRORS = ("net::ERR_BLOCKED_BY_CLIENT",)


@dataclass
class _Entry:
    url: str
    resource_type: str
    method: str
    start: float
    request_id: str = ""
    status: int | None = None
    mime_type: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    from_cache: bool = False
    decoded_bytes: int = 0
    transfer_bytes: int = 0
    end: float | None = None
    failure: str | None = None
    response: float | None = None


@dataclass(frozen=True)
class DocumentProgress:
    """How far the main frame's latest document got: asked for, answered, ended."""

    url: str
    answered: bool  # the response headers arrived
    finished: bool  # the whole body arrived (or the request failed)
    bytes_received: int  # decoded body bytes so far
    bytes_declared: int | None  # the Content-Length the server announced, if any

    @property
    def size(self) -> int:
        """The body's size as far as it is known: what arrived, or more if announced."""
        return max(self.bytes_received, self.bytes_declared or 0)


class NetworkRecorder:
    """Records every request of one page; `requests()` gives the log as snapshot data."""

    def __init__(self, is_blocked: Callable[[str], bool]) -> None:
        self._is_blocked = is_blocked
        self._entries: dict[str, _Entry] = {}
        self._done: list[_Entry] = []
        self._origin: float | None = None
        self._session: CDPSession | None = None
        self._last_activity = time.monotonic()
        # The page's first document request names the main frame; its latest document entry.
        self._main_frame: str | None = None
        self._document: _Entry | None = None

    async def attach(self, context: BrowserContext, page: Page) -> None:
        session = await context.new_cdp_session(page)
        session.on("Network.requestWillBeSent", self._on_request)
        session.on("Network.responseReceived", self._on_response)
        session.on("Network.dataReceived", self._on_data)
        session.on("Network.loadingFinished", self._on_finished)
        session.on("Network.loadingFailed", self._on_failed)
        session.on("Network.requestServedFromCache", self._on_cache)
        await session.send("Network.enable")
        self._session = session

    @property
    def origin_s(self) -> float | None:
        """The browser's clock (s) at the page's first request, which the log's times count
        from; None before any request."""
        return self._origin

    def idle_for_s(self) -> float:
        """Seconds since the last request started or ended, 0 while any is in flight."""
        if self._entries:
            return 0.0
        return time.monotonic() - self._last_activity

    def document(self) -> DocumentProgress | None:
        """The main frame's latest document request, None before the page asked for one."""
        entry = self._document
        if entry is None:
            return None
        return DocumentProgress(
            url=entry.url,
            answered=entry.status is not None,
            finished=entry.end is not None,
            bytes_received=entry.decoded_bytes,
            bytes_declared=_int_or_none(entry.headers.get("content-length")),
        )

    async def stylesheet_texts(self, max_bytes: int) -> dict[str, str | None]:
        """The text of each style sheet the page loaded, by URL, as the browser received it
        (at most `max_bytes` each); "" for one that failed or was blocked, which never applied
        to the page; None for one whose body the browser no longer holds."""
        texts: dict[str, str | None] = {}
        for entry in self._done:
            if entry.resource_type != "stylesheet" or entry.url in texts:
                continue
            if entry.failure is not None or self._session is None:
                texts[entry.url] = ""
                continue
            try:
                reply = await self._session.send(
                    "Network.getResponseBody", {"requestId": entry.request_id}
                )
            except Error:  # the browser let go of the body: axe fetches it itself
                texts[entry.url] = None
                continue
            body = reply.get("body", "")
            if reply.get("base64Encoded"):
                body = base64.b64decode(body).decode("utf-8", "replace")
            texts[entry.url] = body[:max_bytes]
        return texts

    def requests(self) -> list[NetworkRequest]:
        entries = self._done + list(self._entries.values())
        return [self._to_request(e) for e in sorted(entries, key=lambda e: e.start)]

    def _ms(self, timestamp: float) -> float:
        if self._origin is None:
            self._origin = timestamp
        return round((timestamp - self._origin) * 1000, 2)

    def _on_request(self, event: dict[str, Any]) -> None:
        self._last_activity = time.monotonic()
        request_id = event["requestId"]
        redirect = event.get("redirectResponse")
        if redirect and request_id in self._entries:
            # The same id continues after a redirect: close the hop as its own entry.
            hop = self._entries.pop(request_id)
            self._apply_response(hop, redirect)
            hop.end = self._ms(event["timestamp"])
            self._done.append(hop)
        request = event["request"]
        entry = _Entry(
            url=request["url"],
            resource_type=str(event.get("type", "Other")).lower(),
            method=request.get("method", "GET"),
            start=self._ms(event["timestamp"]),
            request_id=request_id,
        )
        self._entries[request_id] = entry
        if entry.resource_type == "document":
            self._main_frame = self._main_frame or event.get("frameId")
            if event.get("frameId") == self._main_frame:
                self._document = entry

    def _on_response(self, event: dict[str, Any]) -> None:
        entry = self._entries.get(event["requestId"])
        if entry:
            entry.response = self._ms(event["timestamp"])
            self._apply_response(entry, event["response"])

    def _apply_response(self, entry: _Entry, response: dict[str, Any]) -> None:
        entry.status = response.get("status")
        entry.mime_type = response.get("mimeType")
        headers = {k.lower(): str(v) for k, v in (response.get("headers") or {}).items()}
        entry.headers = {k: headers[k] for k in KEPT_HEADERS if k in headers}
        entry.from_cache = bool(response.get("fromDiskCache") or response.get("fromMemoryCache"))
        entry.transfer_bytes = int(response.get("encodedDataLength") or 0)

    def _on_data(self, event: dict[str, Any]) -> None:
        entry = self._entries.get(event["requestId"])
        if entry:
            entry.decoded_bytes += int(event.get("dataLength") or 0)

    def _on_cache(self, event: dict[str, Any]) -> None:
        entry = self._entries.get(event["requestId"])
        if entry:
            entry.from_cache = True

    def _on_finished(self, event: dict[str, Any]) -> None:
        self._last_activity = time.monotonic()
        entry = self._entries.pop(event["requestId"], None)
        if entry:
            entry.transfer_bytes = int(event.get("encodedDataLength") or entry.transfer_bytes)
            entry.end = self._ms(event["timestamp"])
            self._done.append(entry)

    def _on_failed(self, event: dict[str, Any]) -> None:
        self._last_activity = time.monotonic()
        entry = self._entries.pop(event["requestId"], None)
        if entry:
            entry.failure = event.get("errorText") or "failed"
            if event.get("canceled"):
                entry.failure = "canceled"
            entry.end = self._ms(event["timestamp"])
            self._done.append(entry)

    def _to_request(self, entry: _Entry) -> NetworkRequest:
        blocked = entry.failure in BLOCKED_ERRORS or (
            entry.failure is not None and self._is_blocked(entry.url)
        )
        return NetworkRequest(
            url=entry.url,
            resource_type=entry.resource_type,
            method=entry.method,
            status=entry.status,
            mime_type=entry.mime_type,
            transfer_bytes=entry.transfer_bytes,
            decoded_bytes=entry.decoded_bytes,
            start_ms=entry.start,
            end_ms=entry.end,
            response_ms=entry.response,
            from_cache=entry.from_cache,
            headers=entry.headers,
            blocked=blocked,
            failure=entry.failure,
        )


def _int_or_none(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None
