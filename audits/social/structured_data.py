"""structured-data: JSON-LD that parses, naming the brand with its name, logo and profiles.

Google reads the site's name, logo and profiles from an Organization node
(https://developers.google.com/search/docs/appearance/structured-data/organization: name, logo,
sameAs) and its name from a WebSite node
(https://developers.google.com/search/docs/appearance/site-names). A block that does not parse
is dropped whole by every consumer (Search Console: "Unparsable structured data").

Score: half for every block parsing (none at all counts as nothing to read: 0), half for the
best brand node's share of name, logo and sameAs.
"""

from __future__ import annotations

from typing import Any

from audits import audit
from audits.social.crawler_view import page_metadata
from checker.results import Finding, Outcome
from checker.snapshot import PageSnapshot

ORGANIZATION_DOCS = (
    "https://developers.google.com/search/docs/appearance/structured-data/organization"
)
BRAND_FIELDS = ("name", "logo", "sameAs")
# schema.org types that stand for the brand: Organization and its common subtypes
# (NewsMediaOrganization, Corporation, LocalBusiness and its shops...) and WebSite.
BRAND_TYPE_SUFFIXES = ("Organization", "Corporation", "LocalBusiness", "Store", "Restaurant")
WEBSITE_TYPE = "WebSite"
SELECTOR = 'script[type="application/ld+json"]'


@audit(
    id="structured-data",
    title="Has valid JSON-LD naming the brand with its logo and profiles",
    failure_title="JSON-LD is invalid or does not name the brand with logo and profiles",
    category="social",
    weight=5,
    fix=(
        'Add <script type="application/ld+json"> with an Organization (name, logo, sameAs: '
        f"the brand's profile URLs), as strict JSON. {ORGANIZATION_DOCS}"
    ),
)
def structured_data(snapshot: PageSnapshot) -> Outcome:
    if not snapshot.document.html.strip():
        return Outcome(score=None, display="The server's HTML was not kept in this snapshot.")
    jsonld = page_metadata(snapshot).jsonld
    if not jsonld.blocks:
        finding = Finding(
            message="No JSON-LD: nothing names the brand, its logo or its profiles.",
            selector="head",
        )
        return Outcome(score=0, display=finding.message, findings=[finding])
    findings = [
        Finding(
            message=f"JSON-LD block {block.index} does not parse, so it is ignored: {block.error}",
            selector=f"{SELECTOR}:nth-of-type({block.index})",
            snippet=block.excerpt,
            details={"block": block.index, "error": block.error},
        )
        for block in jsonld.blocks
        if block.error is not None
    ]
    nodes = [n for block in jsonld.blocks if block.error is None for n in brand_nodes(block.data)]
    best = max(nodes, key=_completeness, default=None)
    present = [f for f in BRAND_FIELDS if best is not None and _has(best, f)]
    if best is None:
        findings.append(
            Finding(
                message="No Organization or WebSite node names the brand.",
                selector=SELECTOR,
                details={"types": jsonld.types},
            )
        )
    elif len(present) < len(BRAND_FIELDS):
        missing = [f for f in BRAND_FIELDS if f not in present]
        findings.append(
            Finding(
                message=f"The {_type(best)} node has no {', '.join(missing)}.",
                selector=SELECTOR,
                details={"type": _type(best), "missing": missing, "source": ORGANIZATION_DOCS},
            )
        )
    parses = all(block.error is None for block in jsonld.blocks)
    score = round(0.5 * parses + 0.5 * len(present) / len(BRAND_FIELDS), 2)
    display = (
        f"{_type(best)} with name, logo and sameAs"
        if not findings and best is not None
        else findings[0].message
    )
    return Outcome(
        score=score,
        display=display,
        value=len(jsonld.blocks),
        unit="JSON-LD blocks",
        findings=findings,
        details={
            "types": jsonld.types,
            "brand": {f: best.get(f) for f in BRAND_FIELDS} if best is not None else None,
        },
    )


def brand_nodes(data: Any) -> list[dict[str, Any]]:
    """Organization-like and WebSite nodes anywhere in a parsed block (@graph, nesting)."""
    found: list[dict[str, Any]] = []
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            if any(_is_brand_type(t) for t in _types(node)):
                found.append(node)
            stack.extend(
                v for k, v in node.items() if k != "@context" and isinstance(v, dict | list)
            )
    return found


def _is_brand_type(type_name: str) -> bool:
    name = type_name.rsplit("/", 1)[-1]  # "https://schema.org/Organization"
    return name == WEBSITE_TYPE or name.endswith(BRAND_TYPE_SUFFIXES)


def _types(node: dict[str, Any]) -> list[str]:
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, str)]


def _has(node: dict[str, Any], field: str) -> bool:
    value = node.get(field)
    if isinstance(value, str):
        return bool(value.strip())
    return bool(value)


def _completeness(node: dict[str, Any]) -> tuple[int, bool]:
    # The most complete node; an Organization before a WebSite when equal.
    return sum(_has(node, f) for f in BRAND_FIELDS), WEBSITE_TYPE not in _types(node)


def _type(node: dict[str, Any] | None) -> str:
    return "/".join(_types(node)) if node else "?"
