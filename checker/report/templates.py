"""Where the HTML report's Jinja2 templates are, and the one environment that renders them."""

from __future__ import annotations

import contextlib
import functools
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
        bytecode_cache=_compiled_templates(),
    )
    env.globals["pass_score"] = PASS_SCORE
    return env


class _KeptCompiles(jinja2.FileSystemBytecodeCache):
    """The templates as Jinja2 compiled them, kept between runs in Jinja2's own folder for
    this user in the temporary directory (which it checks is this user's alone): compiling
    them took a quarter of a second of every run. A template changed since is compiled again
    (the checksum of its text is kept with it); a folder or file that cannot be used only
    costs the compile."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


@functools.cache
def _compiled_templates() -> jinja2.BytecodeCache | None:
    try:
        return _KeptCompiles()
    except (OSError, RuntimeError):  # no temporary folder of our own to keep them in
        return None
