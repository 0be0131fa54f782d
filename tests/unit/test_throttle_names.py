"""The throttle profiles are named once, in checker.model.throttling: the settings, the config
file and the report's labels all take their names from there."""

from __future__ import annotations

import pytest

from checker.config.settings import Config
from checker.model.errors import UsageError
from checker.model.throttling import THROTTLE_LABELS, THROTTLES


def test_every_throttle_has_a_label_and_every_label_a_throttle() -> None:
    assert list(THROTTLE_LABELS) == list(THROTTLES)
    assert all(label.strip() for label in THROTTLE_LABELS.values())


@pytest.mark.parametrize("name", list(THROTTLES))
def test_the_settings_accept_every_throttle_profile(name: str) -> None:
    assert Config(throttle=name).throttle == name


def test_the_settings_refuse_a_name_that_is_no_profile_and_list_the_profiles() -> None:
    with pytest.raises(UsageError) as caught:
        Config(throttle="5g")
    assert ", ".join(THROTTLES) in str(caught.value)


def test_the_speed_report_labels_a_throttle_from_the_one_table() -> None:
    from checker.report import speed_view

    assert speed_view.THROTTLE_LABELS is THROTTLE_LABELS
