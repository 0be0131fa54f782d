"""ai-crawlers: which AI crawlers may read the page, by robots.txt and robots meta tags.

Informational (weight 0): letting AI crawlers in or keeping them out is the brand's choice,
so the audit reports it, per crawler with its owner's stated purpose (audits/common/
ai_crawler_table.py), and judges only a contradiction: a page that shuts out every AI search
and assistant crawler while the site's own config says it wants to be found (`[ai] want =
"found"` in readiness.toml). Then it scores 0; otherwise 1.

A crawler may read the page when robots.txt allows its token (read with Protego, as the crawl
reads it; audits/common/robots_rules.py) and no robots directive keeps it out: `noindex` or
`none` in a meta tag or X-Robots-Tag named for its token, or, for AI search crawlers (which
index the page to cite it), in `<meta name="robots">` or an X-Robots-Tag to every crawler.
Google-Extended and Applebot-Extended are robots.txt switches only: no meta tag speaks to them.
"""

from __future__ import annotations

from audits import audit
from audits.common.ai_crawler_table import AI_CRAWLERS, FINDING_PURPOSES, SEARCH, AiCrawler
from audits.common.crawler_view import social_facts
from audits.common.robots_directives import directives_for
from audits.common.robots_rules import robots_verdict
from checker.model.elements import Element
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot
from checker.model.social_facts import SocialFacts

SHUTTING = frozenset({"noindex", "none"})
# How the report shows details["crawlers"] (checker/report/html.py reads "table").
TABLE = {
    "key": "crawlers",
    "caption": "Each AI crawler, and what decides it",
    "columns": {"name": "Crawler", "owner": "Owner", "use": "Reads pages for",
                "allowed": "May read this page", "rule": "Decided by"},
}  # fmt: skip
PURPOSE_WORDS = {
    "training": "training AI models",
    "search": "AI search answers",
    "user": "fetches a person asks an assistant for",
}


@audit(
    id="ai-crawlers",
    title="AI search and assistants may read the page as the site wants",
    failure_title="AI search and assistants are all kept out, though the site wants to be found",
    description=(
        "Lists, for each AI crawler a brand may want in or out (OpenAI's, Anthropic's, "
        "Perplexity's, Google-Extended, Applebot-Extended, Common Crawl's, ByteDance's, Meta's), "
        "whether robots.txt and robots meta tags let it read the page, and what its owner says "
        "it reads pages for: training models, AI search, or fetches a person asked for."
    ),
    help_url="https://developers.google.com/search/docs/crawling-indexing/robots/intro",
    category="social",
    requires=("document", "social"),
    weight=0,
    impact="moderate",
    fix=(
        "Decide per purpose: to be cited by AI search and assistants, allow their crawlers "
        "(OAI-SearchBot, ChatGPT-User, Claude-SearchBot, PerplexityBot...) in robots.txt; to "
        "stay out of model training, disallow the training ones (GPTBot, ClaudeBot, "
        "Google-Extended, CCBot...)."
    ),
)
def ai_crawlers(snapshot: PageSnapshot) -> Outcome:
    social = social_facts(snapshot)
    rows = [_crawler_row(snapshot, social, crawler) for crawler in AI_CRAWLERS]
    kept_out = [row for row in rows if not row["allowed"]]
    finding_rows = [row for row in rows if row["purpose"] in FINDING_PURPOSES]
    all_finders_out = all(not row["allowed"] for row in finding_rows)
    tally = [f"{row['name']} kept out" for row in kept_out] or ["every AI crawler may read it"]
    details: dict[str, object] = {
        "crawlers": rows, "want": social.ai_want, "table": TABLE, "tally": tally,
    }  # fmt: skip
    if not kept_out:
        display = f"All {len(rows)} AI crawlers may read the page"
    else:
        names = ", ".join(str(row["name"]) for row in kept_out)
        display = f"{len(kept_out)} of {len(rows)} AI crawlers kept out: {names}"
    if social.ai_want == "found" and all_finders_out:
        findings = [_kept_out_finding(row) for row in finding_rows]
        display = (
            'Every AI search and assistant crawler is kept out, though [ai] want = "found": '
            "ChatGPT, Claude and Perplexity will not cite the page"
        )
        return Outcome(score=0, display=display, findings=findings, details=details)
    return Outcome(score=1, display=display, details=details)


def _crawler_row(snapshot: PageSnapshot, social: SocialFacts, crawler: AiCrawler) -> dict:
    verdict = robots_verdict(social, snapshot.final_url, crawler.token)
    allowed, rule = verdict.allowed, verdict.rule
    if verdict.group is not None:
        rule = f"User-agent: {verdict.group} / {rule}"
    if allowed and crawler.reads_meta:
        blocking = _blocking_directive(snapshot, crawler)
        if blocking is not None:
            allowed, rule = False, blocking
    row: dict[str, object] = {
        "name": crawler.token,
        "owner": crawler.owner,
        "allowed": allowed,
        "rule": rule,
        "purpose": crawler.purpose,
        "use": PURPOSE_WORDS[crawler.purpose],
        "source": crawler.source,
    }
    if crawler.note:
        row["note"] = crawler.note
    return row


def _blocking_directive(snapshot: PageSnapshot, crawler: AiCrawler) -> str | None:
    """The robots directive that keeps `crawler` out, as written, or None."""
    for directive in directives_for(snapshot.server_head, snapshot.document.headers, crawler.token):
        if directive.name not in SHUTTING:
            continue
        if not directive.to_every_crawler or crawler.purpose == SEARCH:
            return directive.source
    return None


def _kept_out_finding(row: dict) -> Finding:
    return Finding(
        message=(
            f"{row['name']} ({row['owner']}, {row['use']}) may not read the page: {row['rule']}."
        ),
        element=Element("robots.txt" if "User-agent" in str(row["rule"]) else "head"),
        details={"crawler": row["name"], "rule": row["rule"]},
    )
