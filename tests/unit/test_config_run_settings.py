"""The run settings of a config file, which feed every command (the gate's tables are
test_gate_config's): read by Config field, checked with one line naming file, line and key,
and merged under the flags."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from checker.config.merge import crawl_options, run_config
from checker.config.parse import ConfigFile, load_file
from checker.config.settings import Config
from checker.model.errors import UsageError
from checker.model.gate import GateConfig
from checker.model.throttling import THROTTLES


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def read(directory: Path, text: str, name: str = "readiness.toml") -> ConfigFile:
    path = directory / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return load_file(path)


def error(tmp_path: Path, text: str) -> str:
    with pytest.raises(UsageError) as caught:
        read(tmp_path, text)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_every_run_setting_is_read_by_the_config_field_it_sets(tmp_path: Path) -> None:
    file = read(
        tmp_path,
        """
        urls = ["https://example.com/"]
        devices = ["pixel-7", "pixel-7", "desktop"]
        throttle = "fast-4g"
        throttle-method = "apply"
        runs = 3
        speed-devices = "all"
        timeout = 12.5
        block-external = true
        accept-consent = true
        ignore-https-errors = false
        output = "reports"
        formats = ["json", "markdown", "junit"]

        [crawl]
        max-pages = 5
        max-depth = 0
        include = ["/blog/*"]
        exclude = ["https://example.com/cart/*"]
        ignore-robots = true
        """,
    )
    assert file.urls == ["https://example.com/"]
    assert file.run == {
        "devices": ("pixel-7", "desktop"),
        "throttle": "fast-4g",
        "throttle_method": "apply",
        "runs": 3,
        "speed_devices": "all",
        "timeout": 12.5,
        "block_external": True,
        "accept_consent": True,
        "ignore_https_errors": False,
        "output_dir": Path("reports"),
        "formats": ("json", "md", "junit"),
    }
    assert file.crawl == {
        "max_pages": 5,
        "max_depth": 0,
        "include": ("/blog/*",),
        "exclude": ("https://example.com/cart/*",),
        "ignore_robots": True,
    }
    # The gate's view keeps what it always had.
    assert (file.gate.devices, file.gate.throttle, file.gate.runs) == (
        ["pixel-7", "desktop"],
        "fast-4g",
        3,
    )


def test_a_file_that_sets_nothing_leaves_every_setting_to_flags_and_defaults(
    tmp_path: Path,
) -> None:
    file = read(tmp_path, "")
    assert (file.run, file.crawl) == ({}, {})
    assert file.gate == GateConfig(source=str(tmp_path / "readiness.toml"))


@pytest.mark.parametrize("name", list(THROTTLES))
def test_the_file_accepts_every_throttle_profile(tmp_path: Path, name: str) -> None:
    assert read(tmp_path, f'throttle = "{name}"\n').run["throttle"] == name


def test_the_output_folder_is_relative_to_the_config_files_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = read(tmp_path, 'output = "out"\n')
    assert file.run["output_dir"] == Path("out")  # in the working directory: as written
    (tmp_path / "src").mkdir()
    monkeypatch.chdir(tmp_path / "src")  # found from below, as readiness finds it
    file = load_file(tmp_path / "readiness.toml")
    assert file.run["output_dir"] == tmp_path.resolve() / "out"


def test_run_settings_in_pyproject_are_read_under_tool_readiness(tmp_path: Path) -> None:
    file = read(
        tmp_path,
        """
        [tool.readiness]
        devices = ["iphone-se"]

        [tool.readiness.crawl]
        max-pages = 3
        """,
        "pyproject.toml",
    )
    assert file.run == {"devices": ("iphone-se",)}
    assert file.crawl == {"max_pages": 3}


@pytest.mark.parametrize(
    ("text", "where", "problem"),
    [
        ('throttle-method = "fast"\n', "line 1, throttle-method", 'unknown throttle method "fast"'),
        ('speed-devices = "some"\n', "line 1, speed-devices", 'unknown speed-devices "some"'),
        ("runs = 50\n", "line 1, runs", "expected a whole number of at most 20, got 50"),
        ("timeout = 0\n", "line 1, timeout", "expected a number of seconds above 0"),
        ('timeout = "30"\n', "line 1, timeout", 'at most 600, got "30"'),
        ('block-external = "yes"\n', "line 1, block-external", 'expected true or false, got "yes"'),
        (
            'pdf-screenshots = "all"\n',
            "line 1, pdf-screenshots",
            'expected true or false, got "all"',
        ),
        ("output = 3\n", "line 1, output", "expected a non-empty string, got 3"),
        ('formats = "html"\n', "line 1, formats", "expected a list of strings"),
        (
            'formats = [\n  "html",\n  "docx",\n]\n',
            "line 3, formats[1]",
            "unknown format 'docx': choose from json, html, junit, md, csv, sarif, pdf",
        ),
        ("crawl = 3\n", "line 1, crawl", "expected a table, got a number (3)"),
        ("[crawl]\nmax-pages = 0\n", "line 2, crawl.max-pages", "at least 1, got 0"),
        ("[crawl]\nmax-depth = -1\n", "line 2, crawl.max-depth", "at least 0, got -1"),
        ('[crawl]\ninclude = ["blog"]\n', "line 2, crawl.include[0]", "start it with /"),
        ("[crawl]\nignore-robots = 1\n", "line 2, crawl.ignore-robots", "expected true or false"),
        ("[crawl]\nmax-page = 3\n", "line 2, crawl.max-page", '(did you mean "max-pages"?)'),
    ],
)
def test_a_bad_run_setting_is_one_line_naming_file_line_and_key(
    tmp_path: Path, text: str, where: str, problem: str
) -> None:
    message = error(tmp_path, text)
    assert message.startswith(f"readiness.toml, {where}: "), message
    assert problem in message


def test_run_config_takes_flags_over_the_file_over_the_commands_defaults(tmp_path: Path) -> None:
    file = read(tmp_path, 'devices = ["pixel-7"]\nthrottle = "none"\nformats = ["json"]\n')
    config = run_config(
        file,
        {"devices": ("iphone-se",), "throttle": None, "timeout": None},
        defaults={"formats": ("html",), "runs": 2},
    )
    assert config.devices == ("iphone-se",)  # the flag
    assert config.throttle == "none"  # the file (the flag was not given)
    assert config.formats == ("json",)  # the file over the command's default
    assert config.runs == 2  # the command's default
    assert config.timeout == Config().timeout  # Config's own default


def test_run_config_takes_only_the_settings_a_command_uses(tmp_path: Path) -> None:
    file = read(tmp_path, 'devices = ["pixel-7"]\nformats = ["json"]\n')
    config = run_config(file, {}, keys=("formats",))
    assert config.formats == ("json",)
    assert config.devices == Config().devices


def test_run_config_without_a_file_is_the_flags_and_defaults() -> None:
    assert run_config(None, {"throttle": "3g"}) == Config(throttle="3g")


def test_crawl_options_take_flags_over_the_files_crawl_table(tmp_path: Path) -> None:
    file = read(tmp_path, '[crawl]\nmax-pages = 5\nexclude = ["/cart/*"]\n')
    options = crawl_options(file, {"max_pages": 9, "max_depth": None, "exclude": None})
    assert (options.max_pages, options.max_depth, options.exclude) == (9, 3, ("/cart/*",))


def test_ai_want_is_read_from_its_table_and_checked(tmp_path: Path) -> None:
    file = read(tmp_path, '[ai]\nwant = "found"\n')
    assert run_config(file, {}).ai_want == "found"
    assert run_config(None, {}).ai_want == "either"
    assert run_config(file, {}).to_report()["ai_want"] == "found"
    message = error(tmp_path, '[ai]\nwant = "hidden"\n')
    assert message.startswith("readiness.toml, line 2, ai.want:")
    assert '"found"' in message and '"either"' in message
    assert "unknown key" in error(tmp_path, '[ai]\nwants = "found"\n')
