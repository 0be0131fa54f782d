"""fediverse:creator read as Mastodon reads it (ResolveAccountService#process_options!)."""

from __future__ import annotations

import pytest

from checker.social.fediverse import Creator, creator_problem, read_creator


@pytest.mark.parametrize(
    ("value", "creator"),
    [
        ("@ann@example.social", Creator("ann", "example.social")),
        ("ann@Example.Social", Creator("ann", "example.social")),  # the @ is optional
        ("  @ann@example.social  ", Creator("ann", "example.social")),
        ("@ann", Creator("ann", None)),  # a local account of each reader's server
        ("@ann@", Creator("ann", None)),
        ("@a@b@c", Creator("a", "b")),  # Ruby's split: the third part is dropped
        ("", None),
        ("@", None),
        (None, None),
    ],
)
def test_read_creator_splits_as_mastodon_does(value, creator):
    assert read_creator(value) == creator


def test_a_well_formed_handle_has_no_problem():
    assert creator_problem("@ann@example.social") is None
    assert creator_problem("ann@example.social") is None
    assert read_creator("ann@example.social").handle == "@ann@example.social"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("@ann", "names no server"),
        ("", "is empty"),
        ("https://mastodon.social/@ann", "is not a Mastodon handle"),
        ("@ann@not a host", "is not a server name"),
    ],
)
def test_a_malformed_creator_says_why_mastodon_credits_nobody(value, words):
    assert words in (creator_problem(value) or "")
