"""Reading the Chromium features Playwright disables, to name them in our own switch."""

from __future__ import annotations

from checker.gather.chromium_features import (
    UNSEEN_UI_FEATURES,
    disable_features_args,
    parse_disabled_features,
    playwright_disabled_features,
)

DRIVER_SOURCE = """
    disabledFeatures = [
      // See https://github.com/microsoft/playwright/issues/14047 ("quoted" in a comment)
      "AvoidUnnecessaryBeforeUnloadCheckSync",
      'PaintHolding',
      options.assistantMode ? "" : "ThirdPartyStoragePartitioning",
    ].filter(Boolean);
    enabledFeatures = () => ["CDPScreenshotNewSurface"];
"""


def test_the_driver_list_is_read_without_its_comments():
    assert parse_disabled_features(DRIVER_SOURCE) == (
        "AvoidUnnecessaryBeforeUnloadCheckSync",
        "PaintHolding",
        "ThirdPartyStoragePartitioning",
    )


def test_a_driver_that_does_not_say_gives_no_list():
    assert parse_disabled_features("const chromiumSwitches = () => [];") is None
    assert parse_disabled_features("disabledFeatures = [];") is None


def test_our_switch_names_the_installed_playwrights_features_and_ours():
    theirs = playwright_disabled_features()
    assert theirs is not None and "PaintHolding" in theirs  # read from the installed driver
    (switch,) = disable_features_args()
    named = switch.removeprefix("--disable-features=").split(",")
    assert named == [*dict.fromkeys([*theirs, *UNSEEN_UI_FEATURES])]
