"""structured-data: JSON-LD that parses, naming the brand where the site declares it, and the
author or publisher of each article.

Google reads the site's name, logo and profiles from an Organization node, which it asks for on
the home page or an about page
(https://developers.google.com/search/docs/appearance/structured-data/organization: name, logo,
sameAs), and the site's name from a WebSite node
(https://developers.google.com/search/docs/appearance/site-names). So the brand is judged where
the site declares it: an Organization (or a subtype) or WebSite at the top of a block or of an
@graph, the publisher of a WebSite, the main entity of an about page; not the publisher nested
in every article, nor a graph node that is only an article's publisher or author.

An article (Article, NewsArticle, BlogPosting and the other *Article and *Posting types) and any
other work that credits someone is judged by what Google's Article markup asks
(https://developers.google.com/search/docs/appearance/structured-data/article): the author or
publisher named. A publisher's logo is recommended, not required: its absence is a note.

A block that does not parse is dropped whole by every consumer (Search Console: "Unparsable
structured data").

Score: half for every block parsing (none at all counts as nothing to read: 0), half for the
share of checks passed: the brand node's name, logo and sameAs when the page declares one, and
each work naming who wrote or published it; a page with neither fails the one check "names the
brand".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from audits import audit
from audits.common.crawler_view import page_metadata
from checker.model.elements import Element
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot
from checker.social.jsonld import JsonLdBlock

ORGANIZATION_DOCS = (
    "https://developers.google.com/search/docs/appearance/structured-data/organization"
)
ARTICLE_DOCS = "https://developers.google.com/search/docs/appearance/structured-data/article"
BRAND_FIELDS = ("name", "logo", "sameAs")
CREDIT_ROLES = ("author", "publisher")
# schema.org types that stand for the brand: Organization and its common subtypes
# (NewsMediaOrganization, Corporation, LocalBusiness and its shops...) and WebSite.
BRAND_TYPE_SUFFIXES = ("Organization", "Corporation", "LocalBusiness", "Store", "Restaurant")
WEBSITE_TYPE = "WebSite"
# Article and its subtypes (NewsArticle, ReportageNewsArticle, TechArticle...), and
# SocialMediaPosting with BlogPosting, LiveBlogPosting, DiscussionForumPosting.
ARTICLE_TYPE_SUFFIXES = ("Article", "Posting")
SELECTOR = 'script[type="application/ld+json"]'
NOTE = "A note: it does not lower the score."
MAX_WORKS_IN_DETAILS = 20
MAX_NAMES_IN_DISPLAY = 3


@audit(
    id="structured-data",
    title="Has valid JSON-LD naming the brand, and each article's author or publisher",
    failure_title="JSON-LD is invalid, or does not name the brand or an article's author",
    description=(
        "Checks that the page's JSON-LD parses, names the brand where the site declares it (an "
        "Organization or WebSite), and credits each article's author or publisher. Search "
        "engines read the brand's name, logo and authors from it."
    ),
    help_url=(
        "https://developers.google.com/search/docs/appearance/structured-data/intro-structured-data"
    ),
    category="social",
    requires=("document",),
    weight=5,
    impact="minor",
    fix=(
        'Add <script type="application/ld+json"> as strict JSON: on the home or about page an '
        "Organization with name, logo and sameAs (the brand's profile URLs); on articles, "
        "the author and publisher with their names."
    ),
)
def structured_data(snapshot: PageSnapshot) -> Outcome:
    if not snapshot.document.html.strip():
        return Outcome(score=None, display="The server's HTML was not kept in this snapshot.")
    jsonld = page_metadata(snapshot).jsonld
    if not jsonld.blocks:
        finding = Finding(
            message="No JSON-LD: nothing names the brand, its logo or its profiles.",
            element=Element("head"),
        )
        return Outcome(score=0, display=finding.message, findings=[finding])
    findings = [
        Finding(
            message=f"JSON-LD block {block.index} does not parse, so it is ignored: {block.error}",
            element=Element(_block_selector(block.index), snippet=block.excerpt),
            details={"block": block.index, "error": block.error},
        )
        for block in jsonld.blocks
        if block.error is not None
    ]
    graph = read_graph(jsonld.blocks)
    checks: list[bool] = []
    best = max(graph.brands, key=_completeness, default=None)
    present = [f for f in BRAND_FIELDS if best is not None and _has(best, f)]
    if best is not None:
        checks.extend(f in present for f in BRAND_FIELDS)
        if len(present) < len(BRAND_FIELDS):
            missing = [f for f in BRAND_FIELDS if f not in present]
            findings.append(
                Finding(
                    message=f"The {_type(best)} node has no {', '.join(missing)}.",
                    element=Element(SELECTOR),
                    details={"type": _type(best), "missing": missing, "source": ORGANIZATION_DOCS},
                )
            )
    works = [_judge_work(work, graph) for work in graph.works]
    for work in works:
        checks.append(work.named)
        findings.extend(work.findings)
    if not checks:
        checks.append(False)
        findings.append(
            Finding(
                message=(
                    "No Organization or WebSite node names the brand, and no article names "
                    "its author or publisher."
                ),
                element=Element(SELECTOR),
                details={"types": jsonld.types},
            )
        )
    parses = all(block.error is None for block in jsonld.blocks)
    score = round(0.5 * parses + 0.5 * sum(checks) / len(checks), 2)
    faults = [f for f in findings if not f.details.get("note")]
    return Outcome(
        score=score,
        display=faults[0].message if faults else _passing_display(best, works),
        value=len(jsonld.blocks),
        unit="JSON-LD blocks",
        findings=findings,
        details={
            "types": jsonld.types,
            "brand": {f: best.get(f) for f in BRAND_FIELDS} if best is not None else None,
            "works": [w.summary for w in works[:MAX_WORKS_IN_DETAILS]],
        },
    )


# --- reading the graph ----------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    """A node at the top of a block or of its @graph, with the block it is in."""

    data: dict[str, Any]
    block: int


@dataclass
class Graph:
    brands: list[dict[str, Any]] = field(default_factory=list)  # where the brand is declared
    works: list[Node] = field(default_factory=list)  # articles and works that credit someone
    by_id: dict[str, dict[str, Any]] = field(default_factory=dict)


def read_graph(blocks: list[JsonLdBlock]) -> Graph:
    """The brand declarations and the works of the parsed blocks, @id references resolved."""
    graph = Graph()
    top = [Node(data, b.index) for b in blocks if b.error is None for data in _top_nodes(b.data)]
    for node in _all_nodes([n.data for n in top]):
        key = node.get("@id")
        if isinstance(key, str) and len(node) > len(graph.by_id.get(key, {"@id": key})):
            graph.by_id[key] = node
    graph.works = [n for n in top if _is_work(n.data)]
    credit_refs: set[str] = set()
    other_refs: set[str] = set()
    for node in _all_nodes([n.data for n in top]):
        refs = credit_refs if _is_article(node) and not _is_brand(node) else other_refs
        for value in node.values():
            refs.update(_references(value))
    for node in top:
        data = node.data
        if _is_brand(data):
            ref = data.get("@id")
            if not (ref in credit_refs and ref not in other_refs):  # not merely a credit
                _add(graph.brands, data)
            if WEBSITE_TYPE in _short_types(data):
                _add_brands(graph, data.get("publisher"))
        elif any(t.endswith("Page") for t in _short_types(data)):  # AboutPage, WebPage...
            _add_brands(graph, data.get("mainEntity"))
    return graph


def _top_nodes(data: Any) -> list[dict[str, Any]]:
    """The nodes at the top of a parsed block: the object, a list's items, @graph's items."""
    found: list[dict[str, Any]] = []
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            if "@graph" in node:
                graph = node["@graph"]
                stack.extend(reversed(graph) if isinstance(graph, list) else [graph])
            if "@graph" not in node or "@type" in node:
                found.append(node)
    return found


def _all_nodes(roots: list[Any]) -> list[dict[str, Any]]:
    """Every object under `roots`, nested ones too (@context aside)."""
    found: list[dict[str, Any]] = []
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            found.append(node)
            stack.extend(
                v for k, v in node.items() if k != "@context" and isinstance(v, dict | list)
            )
    return found


def _references(value: Any) -> list[str]:
    """The @ids `value` points to: {"@id": ...} objects, alone or in a list."""
    values = value if isinstance(value, list) else [value]
    return [v["@id"] for v in values if isinstance(v, dict) and isinstance(v.get("@id"), str)]


def _resolve(value: Any, graph: Graph) -> Any:
    if isinstance(value, dict) and isinstance(value.get("@id"), str):
        return graph.by_id.get(value["@id"], value)
    return value


def _add_brands(graph: Graph, value: Any) -> None:
    for item in _as_list(value):
        node = _resolve(item, graph)
        if isinstance(node, dict) and _is_brand(node):
            _add(graph.brands, node)


def _add(nodes: list[dict[str, Any]], node: dict[str, Any]) -> None:
    if not any(n is node for n in nodes):
        nodes.append(node)


# --- judging a work -------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkVerdict:
    named: bool
    article: bool
    findings: list[Finding]
    summary: dict[str, Any]


def _judge_work(work: Node, graph: Graph) -> WorkVerdict:
    kind = _type(work.data)
    selector = _block_selector(work.block)
    credits = {
        role: [_resolve(v, graph) for v in _as_list(work.data.get(role))] for role in CREDIT_ROLES
    }
    names = {role: [n for n in map(_name, values) if n] for role, values in credits.items()}
    findings: list[Finding] = []
    for role, values in credits.items():
        unnamed = len(values) - len(names[role])
        if unnamed:
            findings.append(
                Finding(
                    message=f"The {kind}'s {role} has no name.",
                    element=Element(selector),
                    details={
                        "type": kind,
                        "role": role,
                        "unnamed": unnamed,
                        "source": ARTICLE_DOCS,
                    },
                )
            )
    if _is_article(work.data) and not any(credits.values()):
        findings.append(
            Finding(
                message=f"The {kind} names no author or publisher.",
                element=Element(selector),
                details={"type": kind, "source": ARTICLE_DOCS},
            )
        )
    for publisher in credits["publisher"]:
        if _name(publisher) and _is_article(work.data) and not _has_logo(publisher):
            findings.append(
                Finding(
                    message=(
                        f"The {kind}'s publisher, {_name(publisher)}, has no logo: Google "
                        f"recommends one, it does not require it. {NOTE}"
                    ),
                    element=Element(selector),
                    details={"type": kind, "role": "publisher", "note": True},
                )
            )
    return WorkVerdict(
        article=_is_article(work.data),
        named=not any(not f.details.get("note") for f in findings),
        findings=findings,
        summary={"type": kind, "block": work.block, **names},
    )


def _passing_display(best: dict[str, Any] | None, works: list[WorkVerdict]) -> str:
    if best is not None:
        return f"{_type(best)} with name, logo and sameAs"
    first = next((w for w in works if w.article), works[0]).summary
    roles = [role for role in CREDIT_ROLES if first[role]]
    names = [name for role in roles for name in first[role]]
    shown = ", ".join(names[:MAX_NAMES_IN_DISPLAY])
    if len(names) > MAX_NAMES_IN_DISPLAY:
        shown += f" and {len(names) - MAX_NAMES_IN_DISPLAY} more"
    return f"{first['type']} names its {' and '.join(roles)}: {shown}"


# --- node helpers ---------------------------------------------------------------------------


def _is_brand(node: dict[str, Any]) -> bool:
    return any(t == WEBSITE_TYPE or t.endswith(BRAND_TYPE_SUFFIXES) for t in _short_types(node))


def _is_article(node: dict[str, Any]) -> bool:
    return any(t.endswith(ARTICLE_TYPE_SUFFIXES) for t in _short_types(node))


def _is_work(node: dict[str, Any]) -> bool:
    """An article, or another node (VideoObject, Review...) that credits an author or
    publisher; brand nodes are not works."""
    if _is_brand(node):
        return False
    return _is_article(node) or any(_as_list(node.get(role)) for role in CREDIT_ROLES)


def _short_types(node: dict[str, Any]) -> list[str]:
    # "https://schema.org/Organization" -> "Organization"
    return [t.rsplit("/", 1)[-1] for t in _types(node)]


def _types(node: dict[str, Any]) -> list[str]:
    return [v for v in _as_list(node.get("@type")) if isinstance(v, str)]


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _name(value: Any) -> str | None:
    """The name a credit gives: a non-empty string, or a node's non-empty name."""
    if isinstance(value, dict):
        value = value.get("name")
        value = value[0] if isinstance(value, list) and value else value
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _has_logo(node: Any) -> bool:
    return isinstance(node, dict) and _has(node, "logo")


def _has(node: dict[str, Any], field: str) -> bool:
    value = node.get(field)
    if isinstance(value, str):
        return bool(value.strip())
    return bool(value)


def _completeness(node: dict[str, Any]) -> tuple[int, bool]:
    # The most complete node; an Organization before a WebSite when equal.
    return sum(_has(node, f) for f in BRAND_FIELDS), WEBSITE_TYPE not in _short_types(node)


def _type(node: dict[str, Any]) -> str:
    return "/".join(_types(node)) or "untyped"


def _block_selector(index: int) -> str:
    return f"{SELECTOR}:nth-of-type({index})"
