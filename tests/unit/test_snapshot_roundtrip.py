from __future__ import annotations

import json

from checker.model.serde import from_data, to_data
from checker.model.snapshot import PageSnapshot


def test_snapshot_survives_a_json_round_trip(saved_snapshot):
    snapshot = saved_snapshot("bbc-1")
    text = json.dumps(to_data(snapshot))
    assert from_data(PageSnapshot, json.loads(text)) == snapshot


def test_screenshot_bytes_round_trip_as_base64(saved_snapshot):
    import dataclasses

    snapshot = dataclasses.replace(saved_snapshot("mobile-ready"), screenshot=b"\x89PNG\x00\xff")
    data = to_data(snapshot)
    assert isinstance(data["screenshot"], str)
    assert from_data(PageSnapshot, data).screenshot == b"\x89PNG\x00\xff"
