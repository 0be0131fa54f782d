"""Where the HTML report's Jinja2 templates are, and the one environment that renders them."""

from __future__ import annotations

from pathlib import Path

import jinja2

from checker.model.errors import ReadinessError
from checker.model.results import PASS_SCORE

# The `checker` package directory (what Path(checker.__file__).parent names), found from this
# file so that the report does not import the `checker` package itself and, through its
# type-checking imports, the runner.
PACKAGE_DIR = Path(__file__).resolve().parent.parent


def templates_dir() -> Path:
    """The templates folder: `checker/templates` in an installed wheel, `<repo>/templates` in a
    checkout."""
    candidates = (PACKAGE_DIR / "templates", PACKAGE_DIR.parent / "templates")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    tried = " or ".join(str(c) for c in candidates)
    raise ReadinessError(
        f"The HTML report templates are missing (looked in {tried}). "
        "Reinstall readiness-checker, or run it from a full checkout of the repository."
    )


def environment() -> jinja2.Environment:
    """A Jinja2 environment that escapes everything it prints and fails on unknown names;
    templates read the pass line as `pass_score` (0-100)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "j2"), default_for_string=True, default=True
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["pass_score"] = PASS_SCORE
    return env
