"""URL patterns: the crawl's `--include` and `--exclude`, a gate's `[ignore] urls`.

A pattern is a shell-style glob (fnmatch: `*` any run of characters, slashes included, `?` one
character, `[abc]` one of a set), matched case-sensitively:
- starting with "/", it matches the path and query of the URL: `/blog/*`, `/*.html`,
  `/shop/*?page=*`;
- otherwise it matches the whole URL: `https://example.com/blog/*`, `*://*/amp/*`.
A page is crawled when it matches one of the `--include` patterns (if any are given) and none
of the `--exclude` patterns; the URL matched is the one found, fragment and tracking parameters
dropped. A gate leaves out a page whose URL, or the URL it redirected to, matches one of its
`[ignore] urls`.
"""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatchcase
from urllib.parse import urlsplit

from checker.model.errors import UsageError


def check_patterns(patterns: Iterable[str], option: str) -> tuple[str, ...]:
    """The patterns as a tuple, or a UsageError for one that could never match."""
    if isinstance(patterns, str):  # one pattern given where a list was meant
        patterns = (patterns,)
    checked = []
    for pattern in patterns:
        text = pattern.strip() if isinstance(pattern, str) else ""
        if not text:
            raise UsageError(f"{option} needs a pattern, like /blog/*.")
        if not text.startswith(("/", "*")) and "://" not in text:
            path = "/" + text if any(c in text for c in "*?[") else f"/{text.rstrip('/')}/*"
            raise UsageError(
                f"{option} {text!r}: start it with / to match paths ({path}) "
                "or give a whole URL (https://example.com/blog/*)."
            )
        checked.append(text)
    return tuple(checked)


def matches(url: str, pattern: str) -> bool:
    if pattern.startswith("/"):
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return fnmatchcase(target, pattern)
    return fnmatchcase(url, pattern)


def matches_any(url: str, patterns: Iterable[str]) -> bool:
    return any(matches(url, pattern) for pattern in patterns)
