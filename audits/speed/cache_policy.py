"""cache-policy: static assets a repeat visit is likely to download again, as Lighthouse's
uses-long-cache-ttl (core/audits/byte-efficiency/uses-long-cache-ttl.js) finds them.

Its rules, followed here:
- static assets only: scripts, stylesheets, images, fonts and media answered 200, 203 or 206;
- the cache lifetime is Cache-Control max-age, else Expires less the time of the visit (ours:
  the snapshot's capture time, so a re-score gives the same verdict), else none (0);
- assets that ask not to be kept (no-store, no-cache, must-revalidate, private,
  stale-while-revalidate) or whose lifetime is explicitly 0 or past (max-age=0, an Expires in
  the past or unreadable) are left out: a deliberate choice, not an oversight;
- each asset is weighed by the chance that a repeat visit comes after its lifetime ran out
  (Chrome's UMA decile curve below) and is flagged while the chance of a cache hit is at most
  92.5% (a lifetime under about 97 days); the likely re-downloaded bytes are
  (1 - hit probability) x transfer bytes.
Simplified: Lighthouse also skips responses with `Pragma: no-cache` and no Cache-Control; the
gatherer does not keep Pragma. The Age header is ignored, as Lighthouse ignores it.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime

from audits import audit
from audits.common.network_log import fetched, network_run, not_measured, show_bytes, snippet
from audits.common.speed_savings import bytes_to_ms, savings_score
from checker.model.details import SavingsDetails
from checker.model.elements import Element
from checker.model.load_facts import NetworkRequest
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot

# uses-long-cache-ttl.js isCacheableAsset.
CACHEABLE_STATUS_CODES = frozenset({200, 203, 206})
STATIC_RESOURCE_TYPES = frozenset({"font", "image", "media", "script", "stylesheet"})
# uses-long-cache-ttl.js shouldSkipRecord.
DELIBERATELY_UNCACHED = (
    "must-revalidate",
    "no-cache",
    "no-store",
    "stale-while-revalidate",
    "private",
)
# uses-long-cache-ttl.js getCacheHitProbability: the age in hours of a resource at a cache hit
# at the 0th, 10th, ... 100th percentile (Chrome UMA HttpCache.StaleEntry.Validated.Age, 2017),
# and one for overflow.
RESOURCE_AGE_IN_HOURS_DECILES = (0, 0.2, 1, 3, 8, 12, 24, 48, 72, 168, 8760, math.inf)
# uses-long-cache-ttl.js IGNORE_THRESHOLD_IN_PERCENT.
IGNORE_THRESHOLD = 0.925
MAX_FINDINGS = 20


def parse_cache_control(value: str | None) -> dict[str, str | None]:
    """Directives, lowercased, with their values (unquoted) or None."""
    directives: dict[str, str | None] = {}
    for part in (value or "").split(","):
        name, _, arg = part.strip().partition("=")
        if name:
            directives[name.strip().lower()] = arg.strip().strip('"') if arg else None
    return directives


def cache_lifetime_s(headers: dict[str, str], captured_at: datetime | None) -> float | None:
    """max-age, else Expires less the capture time, else None; an unreadable value is 0."""
    directives = parse_cache_control(headers.get("cache-control"))
    if "max-age" in directives:
        try:
            return float(int(directives["max-age"] or ""))
        except ValueError:
            return 0.0
    expires = headers.get("expires")
    if expires is None:
        return None
    try:
        expires_at = parsedate_to_datetime(expires)
    except (TypeError, ValueError):
        return 0.0
    if captured_at is None or expires_at.tzinfo is None:
        return 0.0
    return math.ceil((expires_at - captured_at).total_seconds())


def cache_hit_probability(lifetime_s: float) -> float:
    """The chance a repeat visit falls within the lifetime: linear between the deciles."""
    hours = lifetime_s / 3600
    deciles = RESOURCE_AGE_IN_HOURS_DECILES
    upper = bisect.bisect_left(deciles, hours)  # the first decile >= hours
    if upper == len(deciles) - 1:
        return 1.0
    if upper == 0:
        return 0.0
    low, high = deciles[upper - 1], deciles[upper]
    return (upper - 1) / 10 + (hours - low) * (1 / 10) / (high - low)


@dataclass(frozen=True)
class ShortLived:
    request: NetworkRequest
    lifetime_s: float
    hit_probability: float

    @property
    def wasted_bytes(self) -> float:
        return (1 - self.hit_probability) * self.request.transfer_bytes


def short_lived(request: NetworkRequest, captured_at: datetime | None) -> ShortLived | None:
    """The asset with its lifetime and hit probability, if a repeat visit likely refetches it."""
    if request.resource_type not in STATIC_RESOURCE_TYPES:
        return None
    if request.status not in CACHEABLE_STATUS_CODES:
        return None
    directives = parse_cache_control(request.headers.get("cache-control"))
    if any(d in directives for d in DELIBERATELY_UNCACHED):
        return None
    lifetime = cache_lifetime_s(request.headers, captured_at)
    if lifetime is not None and lifetime <= 0:
        return None
    lifetime = lifetime or 0.0
    probability = cache_hit_probability(lifetime)
    if probability > IGNORE_THRESHOLD:
        return None
    return ShortLived(request, lifetime, probability)


def _captured_at(snapshot: PageSnapshot) -> datetime | None:
    try:
        when = datetime.fromisoformat(snapshot.captured_at)
    except ValueError:
        return None
    return when if when.tzinfo is not None else None


def caching(seconds: float) -> str:
    """How long a resource may be reused, in Lighthouse's duration display ("30 m", "1 d 2 h"),
    or "Not cached" (Lighthouse shows "None", which reads as a program's word)."""
    if seconds <= 0:
        return "Not cached"
    parts = []
    rest = int(seconds)
    for label, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if rest >= size:
            parts.append(f"{rest // size} {label}")
            rest %= size
    return "Cached for " + " ".join(parts[:2])


@audit(
    id="cache-policy",
    title="Static assets are cached for long",
    failure_title="Serve static assets with an efficient cache policy",
    description=(
        "Finds scripts, styles, images and fonts that a repeat visit will likely download again "
        "because they are cached only briefly. On a phone every return visit then pays the "
        "mobile network again."
    ),
    help_url="https://developer.chrome.com/docs/lighthouse/performance/uses-long-cache-ttl/",
    category="speed",
    requires=("speed",),
    weight=0,
    impact="moderate",
    fix=(
        "Send Cache-Control: max-age=31536000 (a year) with scripts, styles, images and "
        "fonts whose file names change when their content does."
    ),
)
def cache_policy(snapshot: PageSnapshot) -> Outcome:
    run = network_run(snapshot)
    if run is None:
        return not_measured()
    captured_at = _captured_at(snapshot)
    flagged = [found for r in fetched(run) if (found := short_lived(r, captured_at)) is not None]
    flagged.sort(key=lambda f: (f.lifetime_s, -f.request.transfer_bytes, f.request.url))
    wasted = round(sum(f.wasted_bytes for f in flagged))
    saved_ms = bytes_to_ms(wasted)
    count = len(flagged)
    return Outcome(
        score=savings_score(wasted, saved_ms),
        display=(
            f"{count} resource{'' if count == 1 else 's'} found"
            if count
            else "Every static asset is cached for long"
        ),
        value=wasted,
        unit="bytes",
        findings=[
            Finding(
                message=(
                    f"{caching(f.lifetime_s)}: a repeat visit will likely "
                    f"download {show_bytes(f.wasted_bytes)} of its "
                    f"{show_bytes(f.request.transfer_bytes)} again."
                ),
                element=Element(snippet=snippet(f.request.url)),
                details={
                    "url": f.request.url,
                    "resource_type": f.request.resource_type,
                    "cache_lifetime_s": f.lifetime_s,
                    "cache_hit_probability": round(f.hit_probability, 3),
                    "transfer_bytes": f.request.transfer_bytes,
                    "wasted_bytes": round(f.wasted_bytes),
                    "cache_control": f.request.headers.get("cache-control"),
                },
            )
            for f in flagged[:MAX_FINDINGS]
        ],
        details=SavingsDetails(
            savings_ms=saved_ms,
            savings_bytes=wasted,
            facts={"resources": count, "throttle": run.throttle},
        ),
    )
