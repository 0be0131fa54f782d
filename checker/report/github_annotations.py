"""GitHub Actions annotations: one workflow command per failed assertion.

`::error title=readiness: viewport::https://shop.example/ [pixel-7]: expected pass, got fail`
shows as a red annotation on the run (`::warning` for warn level). The runner reads a command
from one line, so page-derived text is escaped as the Actions toolkit does (issueCommand's
escapeData and escapeProperty): `%`, CR and LF as %25, %0D, %0A in the message, and also `:`
and `,` in properties, which would otherwise end the title. Other control characters are
dropped: a hostile message must not move the cursor or colour the log.

GitHub shows at most 10 error and 10 warning annotations per step; every one is emitted, in
the gate's order (errors first), and the log keeps them all.
"""

from __future__ import annotations

import re

from checker.model.gate import AssertionOutcome, GateResult

# A message longer than this is cut: an annotation is a pointer to the report, not the report.
MESSAGE_CHARS = 1000

_CONTROLS = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]")


def github_annotations(gate: GateResult) -> list[str]:
    return [
        *(_command("error", outcome) for outcome in gate.failed),
        *(_command("warning", outcome) for outcome in gate.warnings),
    ]


def escape_data(text: str) -> str:
    return _CONTROLS.sub("", text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, outcome: AssertionOutcome) -> str:
    where = outcome.page if outcome.device is None else f"{outcome.page} [{outcome.device}]"
    message = f"{where}: expected {outcome.expected}, got {outcome.actual}"
    if outcome.message:
        message += f" — {outcome.message}"
    if len(message) > MESSAGE_CHARS:
        message = message[: MESSAGE_CHARS - 1] + "…"
    title = escape_property(f"readiness: {outcome.assertion}")
    return f"::{kind} title={title}::{escape_data(message)}"
