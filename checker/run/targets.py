"""Targets: the URLs a run audits, checked before any browser starts."""

from __future__ import annotations

from pathlib import Path

from checker.model.errors import UsageError
from checker.model.urls import check_url
from checker.store.files import read_user_text


def read_url_file(path: Path) -> list[str]:
    """The URLs of a file, one per line; blank lines and lines starting with # are skipped.
    A bad line is a UsageError naming the file and line."""
    text = read_user_text(path, "URL file")
    urls = []
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        try:
            urls.append(check_url(entry))
        except UsageError as exc:
            raise UsageError(f"{path}, line {number}: {exc}") from None
    if not urls:
        raise UsageError(f"The URL file {path} lists no URL.")
    return urls


def parse_shard(text: str) -> tuple[int, int]:
    """ "2/5" as (2, 5)."""
    number, slash, count = text.partition("/")
    try:
        shard = (int(number), int(count))
    except ValueError:
        shard = (0, 0)
    if not slash or not 1 <= shard[0] <= shard[1]:
        raise UsageError(f"--shard {text!r} must be I/N with 1 <= I <= N, like 2/4.")
    return shard
