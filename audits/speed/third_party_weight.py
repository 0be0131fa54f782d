"""third-party-weight: what the page downloads from other sites, grouped by site.

A request is third-party when its registrable domain differs from the page's final URL's
(www.example.com and cdn.example.com are one site), as checker.model.urls.registrable_domain
approximates the Public Suffix List (publicsuffix.org): a host under a suffix it does not
know (e.g. github.io) reads as one site. Lighthouse groups by entity instead
(third-party-web: a company's several domains are one entity), which we do not ship.

Informative: Lighthouse's third-party-summary fails on the main-thread time third parties
take (over 250 ms of blocking); the speed run's trace does not attribute main-thread time to
sites, so it is not measured, and bytes alone are no fault (a video embed may be the point of
the page). It scores 1 when measured, weighs 0, and lists each site with its bytes.
"""

from __future__ import annotations

from collections import defaultdict

from audits import audit
from audits.common.network_log import (
    bytes_by_type,
    fetched,
    network_run,
    not_measured,
    show_bytes,
)
from checker.model.elements import Element
from checker.model.load_facts import NetworkRequest
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot
from checker.model.urls import host_of, registrable_domain

MAX_URLS_PER_SITE = 5


def registrable_domain_of(url: str) -> str:
    """The registrable domain of the URL's host (checker.model.urls.registrable_domain)."""
    return registrable_domain(host_of(url))


def third_party_requests(
    snapshot: PageSnapshot, requests: list[NetworkRequest]
) -> dict[str, list[NetworkRequest]]:
    """The requests of other sites than the page's, by site."""
    page_site = registrable_domain_of(snapshot.final_url or snapshot.url)
    by_site: dict[str, list[NetworkRequest]] = defaultdict(list)
    for request in requests:
        site = registrable_domain_of(request.url)
        if site and site != page_site:
            by_site[site].append(request)
    return dict(by_site)


@audit(
    id="third-party-weight",
    title="Third-party weight",
    failure_title="Third-party weight",
    description=(
        "Lists what the page downloads from other sites, site by site, for information (weight "
        "0). Third-party tags compete with the page's own files for a phone's bandwidth."
    ),
    help_url="https://developer.chrome.com/docs/lighthouse/performance/third-party-summary/",
    category="speed",
    requires=("speed",),
    weight=0,
    impact="minor",
    fix=(
        "Keep only the third-party tags that earn their cost, load them after the page "
        "(async, defer, or on interaction), and prefer lighter embeds (a facade for video "
        "and chat)."
    ),
)
def third_party_weight(snapshot: PageSnapshot) -> Outcome:
    run = network_run(snapshot)
    if run is None:
        return not_measured()
    requests = fetched(run)
    by_site = third_party_requests(snapshot, requests)
    sites = sorted(by_site.items(), key=lambda kv: (-sum(r.transfer_bytes for r in kv[1]), kv[0]))
    total = sum(r.transfer_bytes for site_requests in by_site.values() for r in site_requests)
    page_total = sum(r.transfer_bytes for r in requests)
    findings = []
    for site, site_requests in sites:
        site_bytes = sum(r.transfer_bytes for r in site_requests)
        types = bytes_by_type(site_requests)
        n = len(site_requests)
        largest = sorted(site_requests, key=lambda r: (-r.transfer_bytes, r.url))
        findings.append(
            Finding(
                message=(
                    f"{site}: {n} request{'' if n == 1 else 's'}, {show_bytes(site_bytes)}"
                    + (f" (scripts {show_bytes(types['script'])})." if types["script"] else ".")
                ),
                element=Element(snippet=site),
                details={
                    "site": site,
                    "requests": n,
                    "transfer_bytes": site_bytes,
                    "bytes_by_type": {k: v for k, v in types.items() if v},
                    "urls": [r.url for r in largest[:MAX_URLS_PER_SITE]],
                },
            )
        )
    share = round(100 * total / page_total) if page_total else 0
    return Outcome(
        score=1.0,
        display=(
            f"{show_bytes(total)} from {len(sites)} other site{'' if len(sites) == 1 else 's'}"
            f" ({share}% of the bytes)"
            if sites
            else "Nothing loaded from other sites"
        ),
        value=total,
        unit="bytes",
        findings=findings,
        details={
            "sites": len(sites),
            "third_party_bytes": total,
            "third_party_script_bytes": sum(
                r.transfer_bytes
                for rs in by_site.values()
                for r in rs
                if r.resource_type == "script"
            ),
            "page_bytes": page_total,
            "page_site": registrable_domain_of(snapshot.final_url or snapshot.url),
            # The trace gives no main-thread time per site: not measured.
            "main_thread_ms": None,
            "throttle": run.throttle,
        },
    )
