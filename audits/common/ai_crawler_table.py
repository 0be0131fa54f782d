"""The AI crawlers a brand may want in or out, each with what its owner says it is for.

`token` is the name robots.txt addresses (its `User-agent:` line); `purpose` one of:
- training: what it reads may train the owner's models;
- search: it indexes pages so an AI search or assistant can cite and link them;
- user: it fetches a page when a person asks the assistant to (no crawl of its own).
`reads_meta` is False for the tokens that are only a robots.txt switch (Google-Extended and
Applebot-Extended never fetch a page: Googlebot and Applebot do, and their owners read the
token in robots.txt to decide the use), so a robots meta tag cannot speak to them.
`note` says what the owner documents about obeying robots.txt where it is not plain.
"""

from __future__ import annotations

from dataclasses import dataclass

TRAINING, SEARCH, USER = "training", "search", "user"
# The purposes of crawlers that bring people to the page: AI search and assistants.
FINDING_PURPOSES = (SEARCH, USER)

OPENAI = "https://platform.openai.com/docs/bots"
ANTHROPIC = (
    "https://support.claude.com/en/articles/8896518-does-anthropic-crawl-data-from-the-web-and-"
    "how-can-site-owners-block-the-crawler"
)
PERPLEXITY = "https://docs.perplexity.ai/guides/bots"
GOOGLE = (
    "https://developers.google.com/search/docs/crawling-indexing/google-common-crawlers"
    "#google-extended"
)
APPLE = "https://support.apple.com/en-us/119829"
COMMON_CRAWL = "https://commoncrawl.org/ccbot"
META = "https://developers.facebook.com/docs/sharing/webmasters/web-crawlers/"
BYTEDANCE = (
    "observed: ByteDance publishes no crawler page; Bytespider's user agent points to "
    "spider-feedback@bytedance.com (Cloudflare, 'Declaring your AIndependence', 2024-07)"
)


@dataclass(frozen=True)
class AiCrawler:
    token: str
    owner: str
    purpose: str
    source: str
    reads_meta: bool = True
    note: str | None = None


AI_CRAWLERS: tuple[AiCrawler, ...] = (
    AiCrawler("GPTBot", "OpenAI", TRAINING, OPENAI),
    AiCrawler("OAI-SearchBot", "OpenAI", SEARCH, OPENAI),
    AiCrawler(
        "ChatGPT-User",
        "OpenAI",
        USER,
        OPENAI,
        note="OpenAI says robots.txt rules may not apply to fetches a person asked for.",
    ),
    AiCrawler("ClaudeBot", "Anthropic", TRAINING, ANTHROPIC),
    AiCrawler("Claude-SearchBot", "Anthropic", SEARCH, ANTHROPIC),
    AiCrawler("Claude-User", "Anthropic", USER, ANTHROPIC),
    AiCrawler("PerplexityBot", "Perplexity", SEARCH, PERPLEXITY),
    AiCrawler(
        "Perplexity-User",
        "Perplexity",
        USER,
        PERPLEXITY,
        note="Perplexity says it generally ignores robots.txt for fetches a person asked for.",
    ),
    AiCrawler("Google-Extended", "Google", TRAINING, GOOGLE, reads_meta=False),
    AiCrawler("Applebot-Extended", "Apple", TRAINING, APPLE, reads_meta=False),
    AiCrawler("CCBot", "Common Crawl", TRAINING, COMMON_CRAWL),
    AiCrawler("Bytespider", "ByteDance", TRAINING, BYTEDANCE),
    AiCrawler("meta-externalagent", "Meta", TRAINING, META),
    AiCrawler("meta-externalfetcher", "Meta", USER, META),
)
