"""The report's Jinja2 environment keeps its compiled templates between runs."""

from __future__ import annotations

import os
import tempfile

import jinja2
import pytest

from checker.report import templates
from checker.report.templates import environment


@pytest.fixture
def temporary_folder(tmp_path, monkeypatch):
    """A temporary directory of the test's own, where Jinja2 keeps its compiled templates."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    templates._compiled_templates.cache_clear()
    yield tmp_path
    templates._compiled_templates.cache_clear()


@pytest.fixture
def compiles(monkeypatch):
    """The names of the templates Jinja2 compiles from their text."""
    compiled: list[str] = []
    compile_source = jinja2.Environment.compile

    def counted(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return compile_source(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return compiled


def _load_all() -> list[str]:
    env = environment()
    return [env.get_template(name).filename for name in env.list_templates()]


def test_templates_are_compiled_once_and_read_back_by_the_next_run(temporary_folder, compiles):
    first = _load_all()
    assert sorted(compiles) == sorted(environment().list_templates())
    compiles.clear()
    assert _load_all() == first
    assert compiles == []
    kept = list(temporary_folder.glob("_jinja2-cache-*/*.cache"))
    assert len(kept) == len(first)


def test_a_temporary_folder_that_is_not_ours_costs_only_the_compile(temporary_folder, compiles):
    # Something else holds the name of Jinja2's folder: nothing is kept, everything renders.
    (temporary_folder / f"_jinja2-cache-{os.getuid()}").write_text("not a folder")
    assert _load_all()
    assert _load_all()
    assert len(compiles) == 2 * len(environment().list_templates())
