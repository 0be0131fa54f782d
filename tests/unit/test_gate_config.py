"""The gate's configuration: finding the file, reading it, presets, and merging with flags."""

from __future__ import annotations

import re
import textwrap
import tomllib
from pathlib import Path

import pytest

from audits import all_audits
from checker.config.find import find_config
from checker.config.gate_keys import BUDGET_NAMES
from checker.config.merge import merge
from checker.config.parse import load_config
from checker.config.starter import starter_text, write_starter
from checker.judge.presets import PRESETS, apply_preset
from checker.model.errors import UsageError
from checker.model.gate import FUTURE_SPEED_AUDITS, AuditAssertion, Budget, GateConfig


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Messages name the config file relative to the working directory, as a person sees it.
    monkeypatch.chdir(tmp_path)


def write(directory: Path, text: str, name: str = "readiness.toml") -> Path:
    path = directory / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def load_error(tmp_path: Path, text: str, name: str = "readiness.toml") -> str:
    with pytest.raises(UsageError) as caught:
        load_config(write(tmp_path, text, name))
    message = str(caught.value)
    assert "\n" not in message
    return message


def flags(**overrides: object) -> dict[str, object]:
    values: dict[str, object] = dict(preset=None, urls=[], min_scores=[], asserts=[], devices=[])
    return values | overrides


# ---------------------------------------------------------------- find_config


def test_find_config_takes_readiness_toml_in_the_start_directory(tmp_path: Path) -> None:
    config = write(tmp_path, "runs = 1\n")
    assert find_config(tmp_path) == config.resolve()


def test_find_config_walks_up_to_a_parent_directory(tmp_path: Path) -> None:
    config = write(tmp_path, "runs = 1\n")
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    assert find_config(deep) == config.resolve()


def test_find_config_takes_a_pyproject_with_a_tool_readiness_table(tmp_path: Path) -> None:
    pyproject = write(tmp_path, "[tool.readiness]\nruns = 2\n", "pyproject.toml")
    (tmp_path / "src").mkdir()
    assert find_config(tmp_path / "src") == pyproject.resolve()


def test_find_config_skips_a_pyproject_without_the_table_and_walks_on(tmp_path: Path) -> None:
    config = write(tmp_path, "runs = 1\n")
    project = tmp_path / "project"
    project.mkdir()
    write(project, "[project]\nname = 'x'\n[tool.ruff]\nline-length = 100\n", "pyproject.toml")
    assert find_config(project) == config.resolve()


def test_find_config_prefers_readiness_toml_over_pyproject_in_one_directory(
    tmp_path: Path,
) -> None:
    write(tmp_path, "[tool.readiness]\nruns = 2\n", "pyproject.toml")
    config = write(tmp_path, "runs = 1\n")
    assert find_config(tmp_path) == config.resolve()


def test_find_config_stops_at_the_nearest_file(tmp_path: Path) -> None:
    write(tmp_path, "runs = 1\n")
    inner = tmp_path / "inner"
    inner.mkdir()
    nearest = write(inner, "[tool.readiness]\nruns = 3\n", "pyproject.toml")
    assert find_config(inner) == nearest.resolve()


def test_find_config_returns_a_broken_pyproject_that_names_tool_readiness(
    tmp_path: Path,
) -> None:
    broken = write(tmp_path, "[tool.readiness]\nruns = = 2\n", "pyproject.toml")
    assert find_config(tmp_path) == broken.resolve()
    with pytest.raises(UsageError, match=r"line 2, column \d+: not valid TOML"):
        load_config(broken)


def test_find_config_returns_none_when_no_directory_has_one(tmp_path: Path) -> None:
    write(tmp_path, "[project]\nname = 'x'\n", "pyproject.toml")
    found = find_config(tmp_path)
    # A readiness.toml above the temporary directory would be found: only ours must not be.
    assert found is None or not found.is_relative_to(tmp_path.resolve())


# ---------------------------------------------------------------- load_config: valid files


def test_load_config_reads_every_setting(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path,
            """
            urls = ["https://example.com/", "example.org"]
            devices = ["iphone-se", "desktop", "iphone-se"]
            throttle = "slow-4g"
            runs = 3
            preset = "social"

            [min-scores]
            layout = 85
            social = { min = 70, level = "warn" }

            [assertions]
            "tap-targets" = "error"
            "share-image" = "warn"
            "largest-contentful-paint" = { max = 2500, level = "warn" }
            "font-size" = { min-score = 0.5 }

            [budgets]
            total-bytes = "1.5 MB"
            requests = 80
            script-bytes = { max = "400 KB", level = "warn" }

            [ignore]
            audits = ["plugins"]
            urls = ["https://example.com/legacy/*"]
            """,
        )
    )
    assert config.urls == ["https://example.com/", "https://example.org/"]
    assert config.devices == ["iphone-se", "desktop"]
    assert config.throttle == "slow-4g"
    assert config.runs == 3
    assert config.preset == "social"
    assert config.min_scores == {"layout": 85, "social": 70}
    assert config.min_score_levels == {"layout": "error", "social": "warn"}
    assert config.assertions == {
        "tap-targets": AuditAssertion("tap-targets", "error"),
        "share-image": AuditAssertion("share-image", "warn"),
        "largest-contentful-paint": AuditAssertion("largest-contentful-paint", "warn", max=2500),
        "font-size": AuditAssertion("font-size", "error", min_score=0.5),
    }
    assert config.budgets == [
        Budget("total-bytes", 1_500_000),
        Budget("requests", 80),
        Budget("bytes:script", 400_000, "warn"),
    ]
    assert config.ignore_audits == ["plugins"]
    assert config.ignore_urls == ["https://example.com/legacy/*"]


def test_load_config_of_an_empty_file_is_the_default_config(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, ""))
    assert config == GateConfig(source=str(tmp_path / "readiness.toml"))


def test_load_config_reads_tool_readiness_in_pyproject(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        [project]
        name = "site"

        [tool.readiness]
        urls = ["https://example.com/"]

        [tool.readiness.assertions]
        "viewport" = "warn"
        """,
        "pyproject.toml",
    )
    config = load_config(path)
    assert config.urls == ["https://example.com/"]
    assert config.assertions == {"viewport": AuditAssertion("viewport", "warn")}


def test_load_config_of_a_pyproject_without_the_table_is_an_error(tmp_path: Path) -> None:
    message = load_error(tmp_path, "[project]\nname = 'x'\n", "pyproject.toml")
    assert "has no [tool.readiness] table" in message


def test_load_config_accepts_the_speed_audits_to_come(tmp_path: Path) -> None:
    lines = "\n".join(f'"{audit}" = {{ max = 1 }}' for audit in FUTURE_SPEED_AUDITS)
    config = load_config(write(tmp_path, f"[assertions]\n{lines}\n"))
    assert set(config.assertions) == set(FUTURE_SPEED_AUDITS)


def test_load_config_keeps_off_levels_for_merge_to_remove(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path, '[assertions]\nviewport = "off"\n[min-scores]\nlayout = { level = "off" }\n'
        )
    )
    assert config.assertions["viewport"].level == "off"
    assert config.min_score_levels["layout"] == "off"


# ---------------------------------------------------------------- budgets: sizes with units


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("500000", 500_000),
        ("1.5e6", 1_500_000),
        ('"500 KB"', 500_000),
        ('"500KB"', 500_000),
        ('"500 kb"', 500_000),
        ('"1.5 MB"', 1_500_000),
        ('"2 GB"', 2_000_000_000),
        ('"200 KiB"', 204_800),
        ('"1 MiB"', 1_048_576),
        ('"1.5 mib"', 1_572_864),
        ('"750 B"', 750),
        ('"750 bytes"', 750),
        ('"750"', 750),
        ('"0 KB"', 0),
    ],
)
def test_budget_sizes_take_numbers_and_strings_with_units(
    tmp_path: Path, written: str, expected: int
) -> None:
    config = load_config(write(tmp_path, f"[budgets]\nimage-bytes = {written}\n"))
    assert config.budgets == [Budget("bytes:image", expected)]


def test_every_budget_key_maps_to_its_budget_name(tmp_path: Path) -> None:
    lines = "\n".join(f"{key} = 10" for key in BUDGET_NAMES)
    config = load_config(write(tmp_path, f"[budgets]\n{lines}\n"))
    assert [b.name for b in config.budgets] == [
        "total-bytes",
        "requests",
        "bytes:script",
        "bytes:image",
        "bytes:stylesheet",
        "bytes:font",
        "bytes:document",
        "bytes:media",
        "bytes:other",
    ]


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ('"1.5 XB"', "expected a size like"),
        ('"lots"', "expected a size like"),
        ('"-5 KB"', "expected a size like"),
        ("-1", "cannot be negative"),
        ("true", "expected a size like"),
        ("[1]", "expected a size like"),
    ],
)
def test_bad_byte_budgets_name_the_key_and_line(tmp_path: Path, written: str, problem: str) -> None:
    message = load_error(tmp_path, f"runs = 1\n[budgets]\nscript-bytes = {written}\n")
    assert message.startswith("readiness.toml, line 3, budgets.script-bytes: ")
    assert problem in message


@pytest.mark.parametrize("written", ['"80 KB"', "-1", "2.5", "false"])
def test_a_request_budget_is_a_whole_number(tmp_path: Path, written: str) -> None:
    message = load_error(tmp_path, f"[budgets]\nrequests = {written}\n")
    assert "line 2, budgets.requests: expected a number of requests" in message


def test_a_budget_table_needs_max(tmp_path: Path) -> None:
    message = load_error(tmp_path, '[budgets]\ntotal-bytes = { level = "warn" }\n')
    assert 'line 2, budgets.total-bytes: a table needs "max"' in message


def test_an_unknown_budget_is_named_with_a_suggestion(tmp_path: Path) -> None:
    message = load_error(tmp_path, "[budgets]\nscripts-bytes = 10\n")
    assert 'line 2, budgets.scripts-bytes: unknown budget "scripts-bytes"' in message
    assert '(did you mean "script-bytes"?)' in message


# ---------------------------------------------------------------- load_config: errors


def test_bad_toml_names_the_file_line_and_column(tmp_path: Path) -> None:
    message = load_error(tmp_path, 'runs = 1\npreset = "social\n')
    assert re.match(r"readiness\.toml, line 2, column \d+: not valid TOML: \S", message), message


def test_unknown_audit_id_names_the_key_line_and_suggests(tmp_path: Path) -> None:
    message = load_error(
        tmp_path,
        """
        preset = "none"

        [assertions]
        "viewport" = "error"
        "tap-target" = "error"
        """,
    )
    assert message == (
        'readiness.toml, line 5, assertions."tap-target": unknown audit id "tap-target" '
        '(did you mean "tap-targets"?)'
    )


def test_unknown_audit_id_far_from_any_lists_the_known_ones(tmp_path: Path) -> None:
    message = load_error(tmp_path, '[assertions]\nzzzz = "error"\n')
    assert 'unknown audit id "zzzz"; known audits: ' in message
    assert "tap-targets" in message


def test_unknown_top_level_key_names_it_and_suggests(tmp_path: Path) -> None:
    message = load_error(tmp_path, "url = ['https://example.com/']\n")
    assert message.startswith(
        'readiness.toml, line 1, url: unknown key "url" (did you mean "urls"?)'
    )


def test_unknown_key_in_an_assertion_table_names_the_full_path(tmp_path: Path) -> None:
    message = load_error(tmp_path, '[assertions]\n\n"largest-contentful-paint" = { maxi = 2 }\n')
    assert message.startswith(
        'readiness.toml, line 3, assertions."largest-contentful-paint".maxi: unknown key "maxi" '
        '(did you mean "max"?)'
    )


def test_unknown_key_in_a_sub_table_header_form_is_found(tmp_path: Path) -> None:
    message = load_error(
        tmp_path, '[assertions."largest-contentful-paint"]\nmax = 2500\nlevle = "warn"\n'
    )
    assert 'line 3, assertions."largest-contentful-paint".levle: unknown key' in message


def test_unknown_category_names_the_key_and_suggests(tmp_path: Path) -> None:
    message = load_error(tmp_path, "[min-scores]\nlayuot = 80\n")
    assert message.startswith(
        'readiness.toml, line 2, min-scores.layuot: unknown category "layuot" '
        '(did you mean "layout"?)'
    )


@pytest.mark.parametrize("written", ["101", "-1", "80.5", '"80"', "true"])
def test_min_scores_are_whole_numbers_from_0_to_100(tmp_path: Path, written: str) -> None:
    message = load_error(tmp_path, f"[min-scores]\noverall = {written}\n")
    assert "line 2, min-scores.overall: expected a whole number from 0 to 100" in message


def test_a_min_score_table_needs_min_unless_off(tmp_path: Path) -> None:
    message = load_error(tmp_path, '[min-scores]\nsocial = { level = "warn" }\n')
    assert 'line 2, min-scores.social: a table needs "min"' in message


def test_a_min_score_table_with_a_bad_min_names_the_min_key(tmp_path: Path) -> None:
    message = load_error(tmp_path, "[min-scores]\nsocial = { min = 120 }\n")
    assert "line 2, min-scores.social.min: expected a whole number from 0 to 100" in message


def test_a_bad_level_names_the_key_and_suggests(tmp_path: Path) -> None:
    message = load_error(tmp_path, '[assertions]\n"share-image" = "warning"\n')
    assert message.startswith(
        'readiness.toml, line 2, assertions."share-image": unknown level "warning" '
        '(did you mean "warn"?)'
    )


def test_a_bad_level_inside_a_table_names_the_level_key(tmp_path: Path) -> None:
    message = load_error(tmp_path, '[budgets]\nrequests = { max = 5, level = "fatal" }\n')
    assert 'line 2, budgets.requests.level: unknown level "fatal"' in message


def test_an_assertion_of_the_wrong_type_says_what_is_expected(tmp_path: Path) -> None:
    message = load_error(tmp_path, "[assertions]\nviewport = true\n")
    assert 'line 2, assertions."viewport": expected "error", "warn", "off" or a table' in message


@pytest.mark.parametrize(
    ("written", "key", "problem"),
    [
        ('{ max = "fast" }', "max", 'expected a number, got "fast"'),
        ("{ min = true }", "min", "expected a number, got true"),
        ("{ min-score = 50 }", "min-score", "expected a score from 0 to 1, got 50"),
    ],
)
def test_bad_assertion_bounds_name_the_bound(
    tmp_path: Path, written: str, key: str, problem: str
) -> None:
    message = load_error(tmp_path, f'[assertions]\n"font-size" = {written}\n')
    assert f'line 2, assertions."font-size".{key}: {problem}' in message


def test_an_assertion_with_min_above_max_is_an_error(tmp_path: Path) -> None:
    message = load_error(tmp_path, '[assertions]\n"font-size" = { min = 5, max = 2 }\n')
    assert 'assertions."font-size": min (5) is above max (2)' in message


@pytest.mark.parametrize(
    ("text", "where", "problem"),
    [
        ('urls = "https://example.com/"\n', "line 1, urls", "expected a list of strings"),
        ("urls = [1]\n", "line 1, urls[0]", "expected a non-empty string, got 1"),
        ('urls = ["ftp://example.com/"]\n', "line 1, urls[0]", "unsupported URL scheme"),
        ('devices = "iphone-se"\n', "line 1, devices", "expected a list of strings"),
        ("runs = 0\n", "line 1, runs", "expected a whole number of at least 1, got 0"),
        ('runs = "2"\n', "line 1, runs", 'expected a whole number of at least 1, got "2"'),
        ('throttle = "4g"\n', "line 1, throttle", 'unknown throttle "4g"'),
        ("throttle = 3\n", "line 1, throttle", "unknown throttle 3"),
        ('preset = "mobile"\n', "line 1, preset", 'unknown preset "mobile"'),
        ("min-scores = 80\n", "line 1, min-scores", "expected a table, got a number (80)"),
        ('assertions = ["viewport"]\n', "line 1, assertions", "expected a table, got a list"),
        ("[ignore]\naudits = 'plugins'\n", "line 2, ignore.audits", "expected a list of strings"),
        ('[ignore]\npages = ["x"]\n', "line 2, ignore.pages", 'unknown key "pages"'),
    ],
)
def test_wrong_types_and_values_name_the_key_and_line(
    tmp_path: Path, text: str, where: str, problem: str
) -> None:
    message = load_error(tmp_path, text)
    assert message.startswith(f"readiness.toml, {where}: "), message
    assert problem in message


def test_an_unknown_device_in_a_multi_line_list_is_found_on_its_line(tmp_path: Path) -> None:
    message = load_error(
        tmp_path,
        """
        devices = [
            "iphone-se",
            "pixle-7",
        ]
        """,
    )
    assert message.startswith(
        'readiness.toml, line 3, devices[1]: unknown device "pixle-7" (did you mean "pixel-7"?)'
    )


def test_an_unknown_ignored_audit_is_an_error(tmp_path: Path) -> None:
    message = load_error(tmp_path, '[ignore]\naudits = ["plugins", "plugin-s"]\n')
    assert 'line 2, ignore.audits[1]: unknown audit id "plugin-s" (did you mean "plugins"?)' in (
        message
    )


def test_errors_in_pyproject_name_the_tool_readiness_path(tmp_path: Path) -> None:
    message = load_error(
        tmp_path,
        """
        [project]
        name = "site"

        [tool.readiness.assertions]
        "tap-target" = "error"
        """,
        "pyproject.toml",
    )
    assert message.startswith(
        'pyproject.toml, line 5, tool.readiness.assertions."tap-target": unknown audit id'
    )


def test_a_missing_config_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        load_config(tmp_path / "nope.toml")


# ---------------------------------------------------------------- presets


def test_every_preset_asserts_only_registered_audits() -> None:
    registered = {spec.id for spec in all_audits()}
    for name in PRESETS:
        _, assertions = apply_preset(name)
        assert set(assertions) <= registered, name


def test_mobile_friendly_asserts_the_phone_basics_and_layout_80() -> None:
    scores, assertions = apply_preset("mobile-friendly")
    assert scores == {"layout": 80}
    assert assertions == {
        audit: AuditAssertion(audit, "error")
        for audit in ("viewport", "content-width", "font-size", "tap-targets")
    }


def test_social_asserts_the_sharing_audits() -> None:
    scores, assertions = apply_preset("social")
    assert scores == {}
    assert sorted(assertions) == ["open-graph", "share-image", "twitter-card"]
    assert {a.level for a in assertions.values()} == {"error"}


def test_strict_wants_90_in_every_category_and_overall() -> None:
    scores, assertions = apply_preset("strict")
    assert scores == {"layout": 90, "speed": 90, "social": 90, "accessibility": 90, "overall": 90}
    assert assertions == {}


def test_none_asserts_nothing() -> None:
    assert apply_preset("none") == ({}, {})


def test_an_unknown_preset_lists_the_known_ones() -> None:
    with pytest.raises(UsageError, match="Known presets: mobile-friendly, social, strict, none"):
        apply_preset("mobile")


def test_changing_what_apply_preset_returned_leaves_the_preset_alone() -> None:
    scores, assertions = apply_preset("mobile-friendly")
    scores["layout"] = 10
    assertions.clear()
    assert apply_preset("mobile-friendly")[0] == {"layout": 80}
    assert len(apply_preset("mobile-friendly")[1]) == 4


# ---------------------------------------------------------------- merge


def test_merge_without_file_or_flags_is_mobile_friendly() -> None:
    config = merge(None, **flags())
    assert config.preset == "mobile-friendly"
    assert config.min_scores == {"layout": 80}
    assert config.min_score_levels == {"layout": "error"}
    assert sorted(config.assertions) == ["content-width", "font-size", "tap-targets", "viewport"]


def test_merge_uses_the_files_preset(tmp_path: Path) -> None:
    file_config = load_config(write(tmp_path, 'preset = "social"\n'))
    config = merge(file_config, **flags())
    assert config.preset == "social"
    assert sorted(config.assertions) == ["open-graph", "share-image", "twitter-card"]


def test_merge_preset_flag_overrides_the_files_preset(tmp_path: Path) -> None:
    file_config = load_config(write(tmp_path, 'preset = "social"\n'))
    config = merge(file_config, **flags(preset="strict"))
    assert config.preset == "strict"
    assert config.assertions == {}
    assert config.min_scores["speed"] == 90


def test_merge_rejects_an_unknown_preset_flag() -> None:
    with pytest.raises(UsageError, match='Unknown preset "fast"'):
        merge(None, **flags(preset="fast"))


def test_merge_adds_the_files_settings_to_the_preset(tmp_path: Path) -> None:
    file_config = load_config(
        write(
            tmp_path,
            """
            [min-scores]
            social = { min = 60, level = "warn" }
            [assertions]
            "share-image" = "warn"
            "font-size" = { min-score = 0.5 }
            "tap-targets" = "off"
            """,
        )
    )
    config = merge(file_config, **flags())
    assert config.min_scores == {"layout": 80, "social": 60}
    assert config.min_score_levels == {"layout": "error", "social": "warn"}
    assert config.assertions["share-image"] == AuditAssertion("share-image", "warn")
    assert config.assertions["font-size"] == AuditAssertion("font-size", min_score=0.5)
    assert "tap-targets" not in config.assertions
    assert "viewport" in config.assertions


def test_merge_file_can_turn_off_a_preset_min_score(tmp_path: Path) -> None:
    file_config = load_config(write(tmp_path, '[min-scores]\nlayout = { level = "off" }\n'))
    config = merge(file_config, **flags())
    assert config.min_scores == {}
    assert config.min_score_levels == {}


def test_merge_flags_override_the_file(tmp_path: Path) -> None:
    file_config = load_config(
        write(
            tmp_path,
            """
            [min-scores]
            layout = 70
            social = { min = 60, level = "warn" }
            [assertions]
            "largest-contentful-paint" = { max = 2500 }
            """,
        )
    )
    config = merge(
        file_config,
        **flags(
            min_scores=["layout=95", "social=off", "overall=50"],
            asserts=["largest-contentful-paint=warn", "viewport=off", "open-graph=error"],
        ),
    )
    assert config.min_scores == {"layout": 95, "overall": 50}
    assert config.min_score_levels == {"layout": "error", "overall": "error"}
    # A level flag keeps the bound the file set.
    assert config.assertions["largest-contentful-paint"] == AuditAssertion(
        "largest-contentful-paint", "warn", max=2500
    )
    assert "viewport" not in config.assertions
    assert config.assertions["open-graph"] == AuditAssertion("open-graph", "error")


def test_merge_later_flags_win_over_earlier_ones() -> None:
    config = merge(None, **flags(asserts=["plugins=warn", "plugins=error"]))
    assert config.assertions["plugins"].level == "error"


def test_merge_command_line_urls_and_devices_replace_the_files(tmp_path: Path) -> None:
    file_config = load_config(
        write(tmp_path, 'urls = ["https://a.example/"]\ndevices = ["desktop"]\n')
    )
    kept = merge(file_config, **flags())
    assert kept.urls == ["https://a.example/"]
    assert kept.devices == ["desktop"]
    replaced = merge(
        file_config, **flags(urls=["https://b.example/"], devices=["pixel-7", "pixel-7"])
    )
    assert replaced.urls == ["https://b.example/"]
    assert replaced.devices == ["pixel-7"]


def test_merge_keeps_the_files_other_settings(tmp_path: Path) -> None:
    file_config = load_config(
        write(
            tmp_path,
            """
            throttle = "3g"
            runs = 2
            [budgets]
            requests = 50
            total-bytes = { max = "2 MB", level = "off" }
            [ignore]
            audits = ["plugins"]
            urls = ["*/admin/*"]
            """,
        )
    )
    config = merge(file_config, **flags())
    assert (config.throttle, config.runs) == ("3g", 2)
    assert config.budgets == [Budget("requests", 50)]  # "off" removes a budget
    assert config.ignore_audits == ["plugins"]
    assert config.ignore_urls == ["*/admin/*"]
    assert config.source == str(tmp_path / "readiness.toml")


def test_merge_result_holds_no_off_levels(tmp_path: Path) -> None:
    file_config = load_config(write(tmp_path, '[assertions]\n"share-image" = "off"\n'))
    config = merge(file_config, **flags(asserts=["icons=off"]))
    assert all(a.level != "off" for a in config.assertions.values())
    assert "share-image" not in config.assertions


@pytest.mark.parametrize(
    ("flag", "problem"),
    [
        ("layout", "expected CATEGORY=N"),
        ("=80", "expected CATEGORY=N"),
        ("layout=", "expected CATEGORY=N"),
        ("layuot=80", 'unknown category "layuot" (did you mean "layout"?)'),
        ("layout=101", "expected a whole number from 0 to 100"),
        ("layout=high", "expected a whole number from 0 to 100"),
        ("layout=-5", "expected a whole number from 0 to 100"),
    ],
)
def test_bad_min_score_flags_name_the_flag(flag: str, problem: str) -> None:
    with pytest.raises(UsageError) as caught:
        merge(None, **flags(min_scores=[flag]))
    message = str(caught.value)
    assert message.startswith(f'--min-score "{flag}": ')
    assert problem in message


@pytest.mark.parametrize(
    ("flag", "problem"),
    [
        ("tap-targets", "expected AUDIT=LEVEL"),
        ("tap-target=error", 'unknown audit id "tap-target" (did you mean "tap-targets"?)'),
        ("tap-targets=fatal", 'unknown level "fatal"'),
        ("tap-targets=errors", '(did you mean "error"?)'),
    ],
)
def test_bad_assert_flags_name_the_flag(flag: str, problem: str) -> None:
    with pytest.raises(UsageError) as caught:
        merge(None, **flags(asserts=[flag]))
    message = str(caught.value)
    assert message.startswith(f'--assert "{flag}": ')
    assert problem in message
    assert "\n" not in message


def test_assert_flag_accepts_a_speed_audit_to_come() -> None:
    config = merge(None, **flags(asserts=["largest-contentful-paint=warn"]))
    assert config.assertions["largest-contentful-paint"].level == "warn"


def test_an_unknown_device_flag_names_the_flag() -> None:
    with pytest.raises(UsageError, match=r"^--device: Unknown device 'nokia'"):
        merge(None, **flags(devices=["nokia"]))


# ---------------------------------------------------------------- the starter file


def test_the_starter_file_loads_cleanly(tmp_path: Path) -> None:
    write_starter(tmp_path / "readiness.toml")
    config = load_config(tmp_path / "readiness.toml")
    assert config.preset == "mobile-friendly"
    assert merge(config, **flags()).min_scores == {"layout": 80}


def test_every_example_in_the_starter_file_loads_when_uncommented(tmp_path: Path) -> None:
    uncommented = []
    examples = 0
    for line in starter_text().splitlines():
        body = line[2:] if line.startswith("# ") else None
        if body and "=" in body and _is_toml(body):
            uncommented.append(body)
            examples += 1
        else:
            uncommented.append(line)
    assert examples >= 10
    config = load_config(write(tmp_path, "\n".join(uncommented) + "\n"))
    assert config.throttle == "slow-4g"
    assert config.devices == ["iphone-se", "pixel-7", "ipad-mini"]
    assert config.min_scores == {"layout": 80, "social": 70}
    assert "largest-contentful-paint" in config.assertions
    assert {b.name for b in config.budgets} == {
        "total-bytes",
        "requests",
        "bytes:script",
        "bytes:image",
    }
    assert config.ignore_audits == ["plugins"]


def _is_toml(text: str) -> bool:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return False
    return True


def test_the_starter_file_documents_every_key() -> None:
    text = starter_text()
    for key in ("urls", "devices", "throttle", "runs", "preset", "[min-scores]", "[assertions]"):
        assert key in text
    for key in ("[budgets]", "[ignore]", "KiB", *BUDGET_NAMES, *PRESETS):
        assert key in text


def test_write_starter_refuses_to_overwrite_a_file(tmp_path: Path) -> None:
    path = write(tmp_path, "runs = 4\n")
    with pytest.raises(UsageError, match="already exists"):
        write_starter(path)
    assert path.read_text(encoding="utf-8") == "runs = 4\n"
