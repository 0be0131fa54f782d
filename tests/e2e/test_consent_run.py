"""--accept-consent in a run: the facts are read without the cookie banner and the speed pass
starts with the consent given, while intrusive-overlays still judges what a first-time
visitor meets."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import Config, audit_urls
from checker.demo.server import serve_directory
from checker.store.snapshots import load_pages

PAGES = Path(__file__).parents[1] / "fixtures" / "pages" / "consent-run"


def _run(tmp_path: Path, accept_consent: bool):
    with serve_directory(PAGES) as base_url:
        config = Config(
            devices=("iphone-se",),
            throttle="none",
            block_external=True,
            timeout=20,
            accept_consent=accept_consent,
            save_snapshots=tmp_path / "snapshots",
            output_dir=tmp_path / "report",
        )
        (page,) = audit_urls([base_url + "banner.html"], config).pages
    ((_, (capture,)),) = load_pages(tmp_path / "snapshots")
    assert page.metadata.get("consent") == (
        {
            "manager": "OneTrust",
            "selector": "#onetrust-accept-btn-handler",
            "text": "Accept All Cookies",
        }
        if accept_consent
        else None
    )
    return page.devices[0].audits, capture.snapshot


@pytest.fixture(scope="module")
def accepted(tmp_path_factory):
    return _run(tmp_path_factory.mktemp("accepted"), accept_consent=True)


@pytest.fixture(scope="module")
def as_found(tmp_path_factory):
    return _run(tmp_path_factory.mktemp("as-found"), accept_consent=False)


def test_the_banner_is_accepted_and_recorded(accepted):
    _, snapshot = accepted
    assert snapshot.consent is not None
    assert snapshot.consent.manager == "OneTrust"
    assert snapshot.consent.selector == "#onetrust-accept-btn-handler"


def test_intrusive_overlays_still_sees_the_first_time_visitors_banner(accepted, as_found):
    for audits, _ in (accepted, as_found):
        overlays = audits["intrusive-overlays"]
        assert not overlays.passed
        assert any("onetrust-banner-sdk" in (f.selector or "") for f in overlays.findings)


def test_the_facts_are_read_without_the_banner(accepted, as_found):
    def banner_text(snapshot):
        return [run for run in snapshot.dom.text_runs if "onetrust" in run.selector]

    assert banner_text(as_found[1])
    assert not banner_text(accepted[1])


def test_the_speed_pass_starts_with_the_consent_given(accepted, as_found):
    (with_consent,) = accepted[1].speed_runs
    (first_visit,) = as_found[1].speed_runs
    # A first-time visitor's largest paint is the banner's text; with consent, the page's.
    assert "onetrust" in first_visit.lcp_element.selector
    assert "onetrust" not in with_consent.lcp_element.selector
