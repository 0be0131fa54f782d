"""Why a page could not be audited, in words a marketer can act on."""

from __future__ import annotations

from checker.results import ErrorInfo

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


class PageLoadError(Exception):
    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.info = ErrorInfo(kind=kind, message=message)


def classify_navigation_error(text: str, timeout_s: float) -> ErrorInfo:
    """An ErrorInfo for an exception Playwright raised while navigating."""
    if "Timeout" in text and "exceeded" in text:
        return ErrorInfo("timeout", f"The page did not finish loading within {timeout_s:g} s.")
    for code, kind, message in _NET_ERRORS:
        if code in text:
            return ErrorInfo(kind, f"{message} ({code})")
    first_line = text.strip().splitlines()[0] if text.strip() else "unknown error"
    return ErrorInfo("navigation", f"The page could not be loaded: {first_line[:200]}")


def check_response(status: int, content_type: str) -> None:
    """Raise PageLoadError when the main document is not a page we can audit."""
    if status >= 400:
        raise PageLoadError("http", f"The server answered HTTP {status} for this page.")
    mime = content_type.split(";")[0].strip().lower()
    if mime and mime not in ("text/html", "application/xhtml+xml"):
        raise PageLoadError("not-html", f"The address serves {mime}, not an HTML page.")
