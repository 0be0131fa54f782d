"""Why a page could not be audited, in words a marketer can act on."""

from __future__ import annotations

from http import HTTPStatus

from checker.gather.network import DocumentProgress
from checker.model.results import ErrorInfo
from checker.model.urls import host_of

# Chromium's net error codes, grouped into the kinds report.json uses.
_NET_ERRORS = (
    ("ERR_NAME_NOT_RESOLVED", "dns", "The host name does not resolve (DNS): check the address."),
    ("ERR_NAME_RESOLUTION_FAILED", "dns", "The host name could not be resolved (DNS)."),
    ("ERR_CONNECTION_REFUSED", "connection", "The server refused the connection: is it running?"),
    ("ERR_CONNECTION_RESET", "connection", "The server reset the connection."),
    ("ERR_CONNECTION_CLOSED", "connection", "The server closed the connection without answering."),
    ("ERR_EMPTY_RESPONSE", "connection", "The server closed the connection without answering."),
    ("ERR_ADDRESS_UNREACHABLE", "connection", "The server's address is unreachable."),
    ("ERR_CONNECTION_TIMED_OUT", "timeout", "Connecting to the server timed out."),
    ("ERR_TIMED_OUT", "timeout", "The server did not answer in time."),
    ("ERR_UNSAFE_PORT", "connection", "Browsers refuse to connect to this port (unsafe port)."),
    ("ERR_TOO_MANY_REDIRECTS", "redirect", "The page redirects in a loop."),
    ("ERR_CERT", "tls", "The site's HTTPS certificate is not trusted."),
    ("ERR_SSL", "tls", "The HTTPS connection failed."),
    ("ERR_BLOCKED_BY_CLIENT", "blocked", "The page's address was blocked by --block-external."),
    ("ERR_ABORTED", "aborted", "The browser aborted the page load (often a download)."),
)
# Playwright's words when the tab's renderer process died (out of memory, a browser bug)...
_CRASH_TEXTS = ("Page crashed", "Target crashed")
CRASH_MESSAGE = (
    "The browser tab crashed on this page (it ran out of memory, or hit a browser bug); "
    "the other pages were audited without it."
)
# ...and when the whole browser went away under the page (it crashed or was killed).
_BROWSER_GONE_TEXTS = ("has been closed", "Browser closed", "browser has disconnected")
BROWSER_GONE_MESSAGE = (
    "The browser stopped while loading this page (it crashed or was killed); it was started "
    "again for the other pages."
)
# Googlebot reads the first 15 MB of an HTML file and ignores the rest (Google Search Central,
# "Googlebot"); a page past that is cut off for search too, and would take a phone minutes.
MAX_DOCUMENT_BYTES = 15 * 1024 * 1024
# What a marketer can do about the commonest answers.
_HTTP_HINTS = {
    401: "the page needs a login (give one with --header, --cookie or --storage-state)",
    403: "the server refuses to show it (a firewall or bot protection?)",
    404: "nothing is published at this address",
    410: "the page was removed on purpose",
    429: "the server asks for fewer requests: audit fewer pages at once",
    500: "the server failed while building the page",
    502: "a gateway in front of the server got no valid answer from it",
    503: "the server is down or overloaded",
    504: "a gateway in front of the server got no answer from it in time",
}


class PageLoadError(Exception):
    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.info = ErrorInfo(kind=kind, message=message)


def classify_navigation_error(
    text: str, timeout_s: float, document: DocumentProgress | None = None
) -> ErrorInfo:
    """An ErrorInfo for an exception Playwright raised while navigating; `document` (how far
    the page's own document got) tells a silent server from one that never stops sending."""
    if "Timeout" in text and "exceeded" in text:
        return ErrorInfo("timeout", _timeout_message(timeout_s, document))
    if any(crash in text for crash in _CRASH_TEXTS):
        return ErrorInfo("crash", CRASH_MESSAGE)
    if any(gone in text for gone in _BROWSER_GONE_TEXTS):
        return ErrorInfo("crash", BROWSER_GONE_MESSAGE)
    if "Download is starting" in text:
        return ErrorInfo("not-html", "The address starts a download, not an HTML page.")
    for code, kind, message in _NET_ERRORS:
        if code in text:
            return ErrorInfo(kind, f"{message} ({code})")
    first_line = text.strip().splitlines()[0] if text.strip() else "unknown error"
    return ErrorInfo("navigation", f"The page could not be loaded: {first_line[:200]}")


def _timeout_message(timeout_s: float, document: DocumentProgress | None) -> str:
    if document is None or not document.answered:
        return f"The server did not answer within {timeout_s:g} s."
    if not document.finished:
        return (
            f"The server kept sending the page for {timeout_s:g} s without finishing it "
            f"({document.bytes_received:,} bytes so far)."
        )
    return (
        f"The page did not finish loading within {timeout_s:g} s: something it loads "
        "(a script, a style sheet, an image, a frame) never finished."
    )


def too_large(size: int) -> PageLoadError:
    return PageLoadError(
        "too-large",
        f"The page's HTML is {size / 1024 / 1024:.0f} MB or more, over the "
        f"{MAX_DOCUMENT_BYTES // 1024 // 1024} MB an audit reads (and Google indexes): "
        "phones would take minutes on it.",
    )


def redirected_off_site(target: str) -> ErrorInfo:
    host = host_of(target) or target
    return ErrorInfo(
        "blocked",
        f"The page redirects to another host, {host}, which --block-external blocks: "
        f"audit {target[:200]} itself, or leave --block-external out.",
    )


def check_response(status: int, content_type: str, retry_after: str | None = None) -> None:
    """Raise PageLoadError when the main document is not a page we can audit."""
    if status >= 400:
        raise PageLoadError("http", _http_message(status, retry_after))
    mime = content_type.split(";")[0].strip().lower()
    if mime and mime not in ("text/html", "application/xhtml+xml"):
        raise PageLoadError("not-html", f"The address serves {mime}, not an HTML page.")


def _http_message(status: int, retry_after: str | None) -> str:
    try:
        answer = f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        answer = f"HTTP {status}"
    hint = _HTTP_HINTS.get(status) or (
        "the server failed" if status >= 500 else "the server refuses this request"
    )
    message = f"The server answered {answer} for this page: {hint}"
    if retry_after and retry_after.strip():
        when = retry_after.strip()[:40]
        message += f"; it asks to come back {f'in {when} s' if when.isdigit() else f'after {when}'}"
    return message + "."


def first_line(exc: BaseException, limit: int | None = 200) -> str:
    """The exception's first line (its type's name when it has no text), cut at `limit`."""
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:limit]
