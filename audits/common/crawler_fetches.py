"""What the crawler view fetched, in words the social audits share: whether readiness's own
--block-external kept a fetch from leaving (then the check could not run: an error, never the
site's failure), and why a crawler gets no image at an address. Not an audit: it registers
nothing and imports no audit."""

from __future__ import annotations

from urllib.parse import urlsplit

from checker.model.results import CannotMeasure
from checker.model.social_facts import FetchedImage, ManifestFacts, UrlCheck

# The error checker/gather/fetch.py gives a fetch that --block-external kept from leaving.
BLOCKED_BY_OPTION = "blocked: another host than the audited pages'"

Fetch = FetchedImage | ManifestFacts | UrlCheck


def blocked_host(fetched: Fetch) -> str | None:
    """The host readiness's own --block-external kept this fetch from, or None when the fetch
    was made (whatever its answer). Reads the error checker/gather/fetch.py sets."""
    if fetched.status is not None or fetched.error != BLOCKED_BY_OPTION:
        return None
    url = fetched.final_url if isinstance(fetched, FetchedImage) else fetched.url
    return urlsplit(url).hostname or url


def blocked_words(items: list[tuple[str, Fetch]]) -> str:
    """Where our --block-external stopped these (what, fetch) pairs, in words: 'the share
    image and the X image (twitter:image) are on cdn.example.com, which --block-external kept
    readiness from fetching'."""
    by_host: dict[str, list[str]] = {}
    for what, fetched in items:
        host = blocked_host(fetched) or fetched.url
        moved = (urlsplit(fetched.url).hostname or "") != host
        label = f"{what} (redirected from {fetched.url})" if moved else what
        if label not in by_host.setdefault(host, []):
            by_host[host].append(label)
    where = " and ".join(
        f"{' and '.join(labels)} {'are' if len(labels) > 1 else 'is'} on {host}"
        for host, labels in by_host.items()
    )
    which = "which" if len(by_host) == 1 else "hosts"
    return f"{where}, {which} --block-external kept readiness from fetching"


def cannot_check(items: list[tuple[str, Fetch]]) -> CannotMeasure:
    """The error for a verdict that hangs on fetches our --block-external prevented."""
    words = blocked_words(items)
    them = "them" if len({what for what, _ in items}) > 1 else "it"
    return CannotMeasure(
        f"{words[0].upper()}{words[1:]}; run without --block-external to check {them}."
    )


def unreachable(image: FetchedImage) -> str | None:
    """Why a crawler gets no image at this address, or None when it gets one."""
    if image.error and image.status is None:
        return f"could not be fetched ({image.error})"
    if image.status != 200:
        return f"answers HTTP {image.status}"
    content_type = (image.content_type or "").split(";")[0].strip().lower()
    if not content_type.startswith("image/"):
        return f"is served as {content_type or 'no content type'}, not as an image"
    if image.format is None and not image.truncated:
        return f"is not a readable image ({image.error or 'unknown format'})"
    return None
