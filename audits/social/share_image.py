"""share-image: the picture link previews show, as each platform's crawler fetches it.

Score: 0 without an image or when it cannot be fetched. Otherwise the mean over the ten
platforms (Facebook, X, LinkedIn, WhatsApp, Slack, Discord, Bluesky, Mastodon, Threads,
Telegram) of 1 when the image meets that platform's rules, 0.5 when it shows but worse (a small
thumbnail instead of the large card, or cropped; on Bluesky a file over 1 MB, which its app
shrinks but posts made through the API lose), 0 when the platform shows no image (format, file
size, dimensions); minus fixed deductions for
page-level problems every platform shares (a relative URL, mixed content, declared dimensions
that lie, no alt text). A share of platforms says plainly who loses the image.

An image that readiness's own --block-external kept it from fetching is not the site's fault:
the crawlers would fetch it. Its platforms are not checked. When what was checked fails
anyway (a relative URL, another image too small), the audit fails on that, scored over the
platforms it could check; when the verdict hangs on the blocked image, the audit raises
CannotMeasure and the runner makes it an error result (never a pass, never "not applicable").
"""

from __future__ import annotations

from dataclasses import dataclass

from audits import audit
from audits.common.crawler_fetches import blocked_host, blocked_words, cannot_check, unreachable
from audits.common.crawler_view import (
    first_value,
    is_absolute_http,
    missing_finding,
    social_facts,
)
from audits.common.platform_rules import ASPECT_TOLERANCE, ImageRule, rules_for
from checker.model.dom_facts import HeadFacts, Tag
from checker.model.elements import Element
from checker.model.results import PASS_THRESHOLD, Finding, Outcome
from checker.model.snapshot import PageSnapshot
from checker.model.social_facts import FetchedImage

OG_IMAGE_KEYS = ("og:image", "og:image:url", "og:image:secure_url")
TWITTER_IMAGE_KEYS = ("twitter:image", "twitter:image:src")
ALT_KEYS = ("og:image:alt", "twitter:image:alt")

# Deductions for problems that touch every platform at once.
RELATIVE_URL_PENALTY = 0.25  # the Open Graph protocol wants a full URL; crawlers disagree
MIXED_CONTENT_PENALTY = 0.1
DECLARED_SIZE_PENALTY = 0.1
MISSING_ALT_PENALTY = 0.05
# A platform that shows the image, but small or cropped, counts half.
DEGRADED_SCORE = 0.5

FAIL, WARN, NOTE = "fail", "warn", "note"


@dataclass(frozen=True)
class Problem:
    kind: str
    severity: str  # fail: no image on that platform; warn: shown worse; note: no effect
    detail: str


@audit(
    id="share-image",
    title="The share image suits every platform",
    failure_title="The share image is missing, broken or unsuitable on some platforms",
    description=(
        "Checks the picture link previews show (og:image) as each platform's crawler fetches "
        "it: reachable, and in a format, size, shape and file size each platform takes. Without "
        "a suitable one a shared link shows a cropped picture or none."
    ),
    help_url="https://developers.facebook.com/docs/sharing/webmasters/images",
    category="social",
    requires=("document", "dom", "social"),
    weight=15,
    impact="serious",
    fix=(
        'Point <meta property="og:image"> at a full https:// URL of a 1200x630 JPEG or PNG '
        "under 300 KB, with og:image:width, og:image:height and og:image:alt."
    ),
)
def share_image(snapshot: PageSnapshot) -> Outcome:
    head = snapshot.server_head
    og_tag, og_raw = first_value(head, *OG_IMAGE_KEYS)
    tw_tag, tw_raw = first_value(head, *TWITTER_IMAGE_KEYS)
    fetched = {i.role: i for i in social_facts(snapshot).images}
    og_image, tw_image = fetched.get("og:image"), fetched.get("twitter:image")
    primary = og_image or tw_image
    tag = og_tag if og_image is not None else tw_tag
    if primary is None:
        return _no_image(snapshot, og_raw or tw_raw)
    broken = None if blocked_host(primary) else unreachable(primary)
    if broken:
        finding = Finding(
            message=f"The share image {broken}; no platform will show it.",
            element=Element(_selector(tag), snippet=tag.snippet if tag else primary.url),
            details=_image_details(primary),
        )
        return Outcome(score=0, display=finding.message, findings=[finding])

    _, x_card = first_value(head, "twitter:card")
    per_platform: dict[str, list[Problem]] = {}
    not_checked: dict[str, FetchedImage] = {}  # platform label -> the image we kept it from
    for rule in rules_for(x_card):
        image = (tw_image or og_image) if rule.platform == "x" else primary
        assert image is not None
        if blocked_host(image):
            not_checked[rule.label] = image
            continue
        problem = unreachable(image)
        per_platform[rule.label] = (
            [Problem("unreachable", FAIL, f"the image {problem}")]
            if problem
            else check_rule(image, rule)
        )
    platform_scores = {label: platform_score(p) for label, p in per_platform.items()}
    findings = _platform_findings(per_platform, tag)
    page_findings, penalty = _page_problems(snapshot, head, primary, tag, og_raw or tw_raw)
    findings += page_findings
    checked = len(platform_scores)
    if not_checked:
        # The best the site could score if every image we did not fetch were perfect: when
        # even that fails, the failure stands on what was checked; otherwise the verdict
        # hangs on the fetch our own option prevented.
        best = (sum(platform_scores.values()) + len(not_checked)) / (checked + len(not_checked))
        if round(best - penalty, 2) >= PASS_THRESHOLD:
            raise cannot_check([_named(i, og_image, tw_image) for i in not_checked.values()])
    mean = sum(platform_scores.values()) / checked if checked else 1.0
    score = round(max(0.0, min(1.0, mean - penalty)), 2)
    failing = [label for label, s in platform_scores.items() if s == 0]
    details: dict[str, object] = {"image": _image_details(primary), "platforms": platform_scores}
    if not_checked:
        details["not_checked"] = {
            label: blocked_words([_named(image, og_image, tw_image)])
            for label, image in not_checked.items()
        }
    if blocked_host(primary):
        # Something failed without the image (else CannotMeasure above): lead with it.
        headline = next((f for f in findings if f.details.get("severity") != NOTE), findings[0])
        display = (
            f"{headline.message} The image itself was not checked: "
            f"{blocked_words([_named(primary, og_image, tw_image)])}."
        )
        return Outcome(score=score, display=display, findings=findings, details=details)
    size = f"{primary.width}x{primary.height}" if primary.width else None
    described = " ".join(filter(None, [size, primary.format, "image,", _kb(primary.bytes)]))
    display = described + (f"; not shown on {', '.join(failing)}" if failing else "")
    if not_checked:  # only the X image can be blocked when the primary one was fetched
        blocked = next(iter(not_checked.values()))
        display += (
            f"; not checked on {', '.join(not_checked)}: "
            f"{blocked_words([_named(blocked, og_image, tw_image)])}"
        )
    return Outcome(score=score, display=display, value=size, findings=findings, details=details)


def _named(
    image: FetchedImage, og_image: FetchedImage | None, tw_image: FetchedImage | None
) -> tuple[str, FetchedImage]:
    x_only = image is tw_image and og_image is not None
    return ("the X image (twitter:image)" if x_only else "the share image"), image


def check_rule(image: FetchedImage, rule: ImageRule) -> list[Problem]:
    """What keeps `rule.platform` from showing `image` well (an image that was fetched)."""
    problems: list[Problem] = []
    if image.format and image.format not in rule.formats:
        accepted = ", ".join(sorted(rule.formats))
        problems.append(Problem("format", FAIL, f"{image.format} not shown (takes {accepted})"))
    if rule.max_bytes is not None and (image.truncated or image.bytes > rule.max_bytes):
        size = f"over {_kb(image.bytes)}" if image.truncated else _kb(image.bytes)
        detail = f"{size}, limit {_kb(rule.max_bytes)}"
        if rule.oversize_shown:
            problems.append(Problem("file-size-shrunk", WARN, f"{detail}: {rule.oversize_shown}"))
        else:
            problems.append(Problem("file-size", FAIL, detail))
    width, height = image.width, image.height
    if width and height:
        problems += _dimension_problems(width, height, rule)
    if image.animated and rule.animation:
        problems.append(Problem("animated", NOTE, rule.animation))
    return problems


def _dimension_problems(width: int, height: int, rule: ImageRule) -> list[Problem]:
    found: list[Problem] = []
    if _below(width, height, rule.min_width, rule.min_height):
        need = f"{rule.min_width or 0}x{rule.min_height or 0}"
        found.append(Problem("too-small", FAIL, f"{width}x{height}, needs at least {need}"))
        return found
    if (rule.max_width and width > rule.max_width) or (
        rule.max_height and height > rule.max_height
    ):
        limit = f"{rule.max_width}x{rule.max_height}"
        found.append(Problem("too-large", FAIL, f"{width}x{height}, at most {limit}"))
    if rule.large_if_landscape and width <= height:
        found.append(
            Problem("not-wide", WARN, f"{width}x{height}: a small thumbnail (large when wider)")
        )
        return found
    if _below(width, height, rule.large_min_width, rule.large_min_height):
        need = f"{rule.large_min_width or 0}x{rule.large_min_height or 0}"
        found.append(
            Problem("small-card", WARN, f"{width}x{height}: a small thumbnail (large from {need})")
        )
    elif _below(width, height, rule.recommended_width, rule.recommended_height):
        best = f"{rule.recommended_width}x{rule.recommended_height}"
        found.append(Problem("below-recommended", NOTE, f"{width}x{height}, best {best}"))
    if rule.aspect_ratio:
        ratio = width / height
        if abs(ratio / rule.aspect_ratio - 1) > ASPECT_TOLERANCE:
            found.append(
                Problem("aspect", WARN, f"{ratio:.2f}:1 is cropped to {rule.aspect_ratio:g}:1")
            )
    return found


def _below(width: int, height: int, min_width: int | None, min_height: int | None) -> bool:
    return (min_width is not None and width < min_width) or (
        min_height is not None and height < min_height
    )


def platform_score(problems: list[Problem]) -> float:
    severities = {p.severity for p in problems}
    if FAIL in severities:
        return 0.0
    return DEGRADED_SCORE if WARN in severities else 1.0


_KIND_MESSAGES = {
    "unreachable": "The image this platform uses cannot be fetched",
    "format": "The image format is not shown",
    "file-size": "The image file is too large, so no image is shown",
    "file-size-shrunk": "The image file is over the platform's limit: some posts lose it",
    "too-small": "The image is too small to be shown",
    "too-large": "The image is larger than the platform accepts",
    "small-card": "The image is too small for the large card: a small thumbnail is shown",
    "not-wide": "The image is not wider than high: a small thumbnail is shown",
    "aspect": "The image's shape does not fit the card: it is cropped",
    "below-recommended": "The image is smaller than recommended for sharp high-density screens",
    "animated": "The image is an animated GIF",
}


def _platform_findings(per_platform: dict[str, list[Problem]], tag: Tag | None) -> list[Finding]:
    """One finding per kind of problem, naming the platforms it affects."""
    by_kind: dict[str, dict[str, Problem]] = {}
    for label, problems in per_platform.items():
        for problem in problems:
            by_kind.setdefault(problem.kind, {})[label] = problem
    findings = []
    for kind, affected in by_kind.items():
        severity = next(iter(affected.values())).severity
        findings.append(
            Finding(
                message=f"{_KIND_MESSAGES[kind]} on {', '.join(affected)}.",
                element=Element(_selector(tag), snippet=tag.snippet if tag else ""),
                details={
                    "problem": kind,
                    "severity": severity,
                    "platforms": {label: p.detail for label, p in affected.items()},
                },
            )
        )
    order = {FAIL: 0, WARN: 1, NOTE: 2}
    return sorted(findings, key=lambda f: order[f.details["severity"]])


def _page_problems(
    snapshot: PageSnapshot,
    head: HeadFacts,
    image: FetchedImage,
    tag: Tag | None,
    raw: str | None,
) -> tuple[list[Finding], float]:
    findings: list[Finding] = []
    penalty = 0.0
    selector, snippet = _selector(tag), tag.snippet if tag else None
    if raw and not is_absolute_http(raw):
        penalty += RELATIVE_URL_PENALTY
        findings.append(
            Finding(
                message=(
                    f'The share image URL "{raw[:100]}" is not a full http(s) URL; the Open '
                    "Graph protocol asks for one and some crawlers do not resolve it."
                ),
                element=Element(selector, snippet=snippet),
                details={"problem": "relative-url", "resolved": image.url},
            )
        )
    if snapshot.document.url.lower().startswith("https:") and image.url.lower().startswith("http:"):
        penalty += MIXED_CONTENT_PENALTY
        findings.append(
            Finding(
                message="The page is https but its share image is http (mixed content).",
                element=Element(selector, snippet=snippet),
                details={"problem": "mixed-content", "url": image.url},
            )
        )
    mismatch = _declared_mismatch(head, image)
    if mismatch:
        penalty += DECLARED_SIZE_PENALTY
        findings.append(
            Finding(
                message=(
                    f"og:image:width/height say {mismatch}, the image is "
                    f"{image.width}x{image.height}; platforms lay the card out from the "
                    "declared size before they fetch the image."
                ),
                element=Element('meta[property="og:image:width"]'),
                details={"problem": "declared-size", "declared": mismatch},
            )
        )
    _, alt = first_value(head, *ALT_KEYS)
    if alt is None:
        penalty += MISSING_ALT_PENALTY
        findings.append(
            Finding(
                message="No og:image:alt: people using screen readers get no description.",
                element=Element("head"),
                details={"problem": "alt"},
            )
        )
    return findings, penalty


def _declared_mismatch(head: HeadFacts, image: FetchedImage) -> str | None:
    _, width = first_value(head, "og:image:width")
    _, height = first_value(head, "og:image:height")
    if not (width and height and image.width and image.height):
        return None
    if not (width.isdigit() and height.isdigit()):
        return f"{width}x{height}"
    if (int(width), int(height)) != (image.width, image.height):
        return f"{width}x{height}"
    return None


def _no_image(snapshot: PageSnapshot, declared: str | None) -> Outcome:
    if declared:
        finding = Finding(
            message=f'The share image "{declared[:100]}" was not fetched.', element=Element("head")
        )
    else:
        _, rendered = first_value(snapshot.dom.head, *OG_IMAGE_KEYS, *TWITTER_IMAGE_KEYS)
        finding = missing_finding(
            "A share image (og:image)",
            rendered_value=rendered,
            selector='meta[property="og:image"]',
        )
        finding = Finding(
            message=finding.message + " Previews will show no picture, or one they guess.",
            element=finding.element,
            details=finding.details,
        )
    return Outcome(score=0, display=finding.message, findings=[finding])


def _image_details(image: FetchedImage) -> dict[str, object]:
    return {
        "url": image.url,
        "status": image.status,
        "content_type": image.content_type,
        "bytes": image.bytes,
        "width": image.width,
        "height": image.height,
        "format": image.format,
        "animated": image.animated,
    }


def _selector(tag: Tag | None) -> str:
    return tag.selector if tag else "head"


def _kb(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{round(size / 1000)} KB" if size >= 1000 else f"{size} bytes"
