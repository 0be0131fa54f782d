"""The pieces of a pull-request comment: one line per site for `readiness ci` to print, and
the address of the run's code-scanning alerts on GitHub.

`shop.example: FAILED overall 72 (layout 61, speed 93, social 80, accessibility 76) · 3
assertions failed · report.sarif` — the site (host[:port], as checker.judge.sitewide groups
pages), the gate's verdict on its pages (FAILED when an error-level assertion failed on one of
them), its mean scores over the audited pages, what failed, and the SARIF file when one was
written. Plain text: a host is letters, digits, dots, dashes and a port, nothing a terminal or
a Markdown comment would run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from urllib.parse import quote

from checker.judge.sitewide import site_summaries
from checker.model.gate import GateResult
from checker.model.results import RunResult
from checker.model.urls import host_port_label

SEPARATOR = " · "


def site_lines(run: RunResult, gate: GateResult, sarif_file: str | None = None) -> list[str]:
    """One line per site of the run, in the order the run met them."""
    failed = Counter(host_port_label(o.page) for o in gate.failed)
    warned = Counter(host_port_label(o.page) for o in gate.warnings)
    lines = []
    for site in site_summaries(run):
        if not site.audited:
            verdict = f"FAILED: no page could be audited ({_plural(site.pages, 'page')})"
        else:
            verdict = ("FAILED " if failed[site.site] else "passed ") + _scores(
                site.scores, ("overall", *run.categories_run)
            )
        parts = [f"{site.site}: {verdict}"]
        if failed[site.site]:
            parts.append(f"{_plural(failed[site.site], 'assertion')} failed")
        if warned[site.site]:
            parts.append(_plural(warned[site.site], "warning"))
        if site.errored and site.audited:
            parts.append(f"{site.errored} of {_plural(site.pages, 'page')} not audited")
        if sarif_file:
            parts.append(sarif_file)
        lines.append(SEPARATOR.join(parts))
    return lines


def code_scanning_url(env: Mapping[str, str]) -> str | None:
    """The run's alerts in the repository's code-scanning view, from a GitHub Actions job's
    environment: filtered on this tool and the pull request (`pr:N`) or the branch
    (`branch:NAME`), the filters GitHub's alert list takes. None outside a workflow."""
    server = env.get("GITHUB_SERVER_URL", "").rstrip("/")
    repository = env.get("GITHUB_REPOSITORY", "")
    if env.get("GITHUB_ACTIONS") != "true" or not server.startswith("https://") or not repository:
        return None
    ref = env.get("GITHUB_REF", "")
    filters = ["is:open", "tool:readiness"]
    if ref.startswith("refs/pull/"):
        filters.append(f"pr:{ref.removeprefix('refs/pull/').split('/')[0]}")
    elif ref.startswith("refs/heads/"):
        filters.append(f"branch:{ref.removeprefix('refs/heads/')}")
    query = quote(" ".join(filters), safe=":/")
    return f"{server}/{quote(repository, safe='/')}/security/code-scanning?query={query}"


def _scores(scores: Mapping[str, int | float | None], keys: Sequence[str]) -> str:
    overall, *categories = keys
    shown = ", ".join(f"{key} {_number(scores.get(key))}" for key in categories)
    return f"{overall} {_number(scores.get(overall))} ({shown})"


def _number(value: object) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return str(round(value))
    return str(value)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
