"""`[sarif] locations` in readiness.toml: URL patterns to the templates that render them, the
first match winning; every other page's results point at the config file; a mistake is one
line naming the file, the line and the key."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from checker.config.merge import run_config
from checker.config.parse import ConfigFile, load_file
from checker.model.errors import UsageError
from checker.report.sarif_locations import SarifSettings, artifact_uri


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def read(path: Path, text: str) -> ConfigFile:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return load_file(path)


def touch(*paths: Path) -> None:
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("<html></html>\n", encoding="utf-8")


def test_locations_map_url_patterns_to_templates_in_the_files_order(tmp_path: Path) -> None:
    touch(tmp_path / "templates" / "post.html", tmp_path / "templates" / "home.html")
    file = read(
        tmp_path / "readiness.toml",
        """
        [sarif.locations]
        "/blog/*" = "templates/post.html"
        "/" = "templates/home.html"
        "/*" = "templates/home.html"
        """,
    )
    sarif = run_config(file, {}).sarif
    assert sarif.locations == (
        ("/blog/*", "templates/post.html"),
        ("/", "templates/home.html"),
        ("/*", "templates/home.html"),
    )
    assert sarif.artifact_for("https://shop.example/blog/2026/hello") == "templates/post.html"
    assert sarif.artifact_for("https://shop.example/") == "templates/home.html"
    assert sarif.artifact_for("https://shop.example/about") == "templates/home.html"
    assert sarif.fallback == "readiness.toml"


def test_without_a_match_results_point_at_the_config_file_else_the_readme(tmp_path: Path) -> None:
    file = read(tmp_path / "readiness.toml", 'urls = ["https://shop.example/"]\n')
    assert run_config(file, {}).sarif == SarifSettings((), "readiness.toml")
    assert run_config(None, {}).sarif.artifact_for("https://shop.example/x") == "README.md"


def test_whole_url_patterns_match_as_the_crawls_do(tmp_path: Path) -> None:
    settings = SarifSettings((("https://blog.example/*", "blog/layout.html"),), "readiness.toml")
    assert settings.artifact_for("https://blog.example/post") == "blog/layout.html"
    assert settings.artifact_for("https://shop.example/post") == "readiness.toml"


def test_paths_are_relative_to_the_config_files_folder_and_written_from_the_working_directory(
    tmp_path: Path,
) -> None:
    touch(tmp_path / "site" / "layouts" / "post page.html")
    file = read(
        tmp_path / "site" / "readiness.toml",
        '[sarif]\nlocations = { "/posts/*" = "layouts/post page.html" }\n',
    )
    assert file.sarif.locations == (("/posts/*", "site/layouts/post%20page.html"),)
    assert file.sarif.fallback == "site/readiness.toml"


def test_a_file_outside_the_working_directory_is_an_absolute_file_uri(tmp_path: Path) -> None:
    elsewhere = tmp_path.parent / "elsewhere.html"
    assert artifact_uri(elsewhere, tmp_path) == elsewhere.resolve().as_uri()
    assert artifact_uri(Path("a/../b/c.html"), tmp_path) == "b/c.html"


def test_pyproject_tables_work_alike(tmp_path: Path) -> None:
    touch(tmp_path / "templates" / "post.html")
    file = read(
        tmp_path / "pyproject.toml",
        """
        [tool.readiness.sarif.locations]
        "/blog/*" = "templates/post.html"
        """,
    )
    assert file.sarif == SarifSettings((("/blog/*", "templates/post.html"),), "pyproject.toml")


@pytest.mark.parametrize(
    ("text", "where", "problem"),
    [
        ("sarif = 3\n", "line 1, sarif", "expected a table, got a number (3)"),
        ("[sarif]\nlocation = {}\n", "line 2, sarif.location", '(did you mean "locations"?)'),
        ("[sarif]\nlocations = []\n", "line 2, sarif.locations", "expected a table, got a list"),
        (
            '[sarif.locations]\n"blog" = "templates/post.html"\n',
            'line 2, sarif.locations.blog',
            "start it with / to match paths",
        ),
        ('[sarif.locations]\n"/blog/*" = 3\n', 'line 2, sarif.locations."/blog/*"',
         "expected a non-empty string, got 3"),
        ('[sarif.locations]\n"/blog/*" = ""\n', 'line 2, sarif.locations."/blog/*"',
         "expected a non-empty string"),
        (
            '[sarif.locations]\n"/blog/*" = "https://github.com/x/y/post.html"\n',
            'line 2, sarif.locations."/blog/*"',
            "expected a file of the repository, like templates/post.html",
        ),
        (
            '[sarif.locations]\n"/blog/*" = "templates/psot.html"\n',
            'line 2, sarif.locations."/blog/*"',
            "\"templates/psot.html\" is not a file (paths are relative to readiness.toml's folder)",
        ),
    ],
)  # fmt: skip
def test_a_bad_location_is_one_line_naming_file_line_and_key(
    tmp_path: Path, text: str, where: str, problem: str
) -> None:
    touch(tmp_path / "templates" / "post.html")
    with pytest.raises(UsageError) as caught:
        read(tmp_path / "readiness.toml", text)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"readiness.toml, {where}: "), message
    assert problem in message
