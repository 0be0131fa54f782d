"""llms-txt: /llms.txt at the site's root follows the llmstxt.org format.

Judged as Lighthouse 13's own llms-txt audit judges it (core/audits/agentic/llms-txt.js): a
Markdown file with an H1 title (`# Title` on a line of its own), at least one Markdown link
(`[name](url)`) and some substance (50 characters or more). No file (a 4xx answer) is not
applicable: the file is optional. A server error fails. Where Lighthouse scores a fetch that
got no answer 0, readiness makes it an error result: it could not look, so it does not say.

Informational (weight 0): llmstxt.org is a proposal (https://llmstxt.org/) that no AI
assistant's owner has said it reads; the audit keeps a file that exists from being broken.
"""

from __future__ import annotations

import re

from audits import audit
from audits.common.crawler_view import social_facts
from checker.model.elements import Element
from checker.model.results import CannotMeasure, Finding, Outcome
from checker.model.snapshot import PageSnapshot

# Lighthouse's own tests: /^\s*#\s+.+/m, /\[.+\]\(.+\)/ and 50 characters.
H1 = re.compile(r"^[ \t]*#[ \t]+\S.*$", re.MULTILINE)
LINK = re.compile(r"\[[^\]\n]+\]\([^)\n]+\)")
MIN_CHARS = 50
NO_FILE = {"tally": ["no llms.txt"]}
MISSING = {
    "title": 'It has no H1 title: its first line should be "# " and the site\'s name.',
    "link": "It has no Markdown link ([name](https://...)) to the pages that matter.",
    "substance": f"It is under {MIN_CHARS} characters: too short to say what the site holds.",
}


@audit(
    id="llms-txt",
    title="llms.txt follows the llmstxt.org format",
    failure_title="llms.txt does not follow the llmstxt.org format",
    description=(
        "Checks /llms.txt, a Markdown file proposed by llmstxt.org to tell AI assistants what "
        "a site holds and where: a title, links to the pages that matter, a short summary. "
        "Judged as Lighthouse's llms-txt audit judges it; a site without one is not judged."
    ),
    help_url="https://llmstxt.org/",
    category="social",
    requires=("social",),
    weight=0,
    impact="minor",
    fix=(
        'Start /llms.txt with "# " and the site\'s name, then a "> " summary, then "## " '
        "sections listing the key pages as Markdown links, [Pricing](/pricing), each with "
        "what it holds."
    ),
)
def llms_txt(snapshot: PageSnapshot) -> Outcome:
    llms = social_facts(snapshot).llms_txt
    if llms is None:
        raise CannotMeasure(
            "/llms.txt was not fetched for this snapshot (saved by a readiness that did not "
            "fetch it): audit the page again."
        )
    if llms.status is None:
        raise CannotMeasure(f"/llms.txt could not be fetched ({llms.error or 'no answer'}).")
    if llms.status >= 500:
        finding = Finding(
            message=f"/llms.txt answers HTTP {llms.status}: AI assistants get an error.",
            element=Element(llms.url),
            details={"status": llms.status},
        )
        tally = {"tally": [f"llms.txt answers HTTP {llms.status}"]}
        return Outcome(score=0, display=f"HTTP {llms.status}", findings=[finding], details=tally)
    if llms.status >= 400:
        return Outcome(score=None, display=f"No /llms.txt (HTTP {llms.status})", details=NO_FILE)
    if 300 <= llms.status < 400:  # redirects are followed: one left means too many
        raise CannotMeasure(f"/llms.txt still redirects (HTTP {llms.status}).")
    text = llms.text
    if _is_html(llms.content_type, text):
        # A site that answers every path with its app's page: it has no llms.txt.
        return Outcome(
            score=None,
            display="No /llms.txt (the server answers with an HTML page)",
            details=NO_FILE,
        )
    missing = []
    if not H1.search(text):
        missing.append("title")
    if not LINK.search(text):
        missing.append("link")
    if len(text) < MIN_CHARS:
        missing.append("substance")
    snippet = text.strip()[:200]
    links = len(LINK.findall(text))
    details: dict[str, object] = {"url": llms.url, "chars": len(text), "links": links}
    if not missing:
        title = H1.search(text)
        name = title.group(0).strip().lstrip("#").strip() if title else ""
        return Outcome(
            score=1,
            display=f'"{name[:80]}", {links} link{"" if links == 1 else "s"}',
            details={**details, "tally": ["llms.txt follows the format"]},
        )
    findings = [
        Finding(
            message=MISSING[what],
            element=Element(llms.url, snippet=snippet),
            details={"missing": what},
        )
        for what in missing
    ]
    display = "/llms.txt lacks " + ", ".join(
        {"title": "an H1 title", "link": "links", "substance": "substance"}[m] for m in missing
    )
    tally = [display.replace("/llms.txt", "llms.txt")]
    return Outcome(
        score=0,
        display=display,
        findings=findings,
        details={**details, "missing": missing, "tally": tally},
    )


def _is_html(content_type: str | None, text: str) -> bool:
    """An HTML page, not a Markdown file (even one a server mislabels as text/html)."""
    start = text.lstrip()[:15].lower()
    if start.startswith(("<!doctype html", "<html")):
        return True
    return start.startswith("<") and "html" in (content_type or "").lower()
