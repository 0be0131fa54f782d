"""A gatherer that fails loses its facts, never the page, and never passes a check: the
audits that need those facts are errors, their category is incomplete, and every report says
which checks could not run. The failure is injected into the gatherer alone; the page, the
browser and every other gatherer are real."""

from __future__ import annotations

import json

import pytest

import checker.run.passes
from checker import Config, audit_urls
from checker.report.write import write_reports

SOCIAL_NEEDS = ("canonical", "crawler-visibility", "icons", "share-image")
RESOURCES_NEED = ("image-sizing", "modern-image-formats", "text-compression")


@pytest.fixture(scope="module")
def broken_gatherers_run(site: str, tmp_path_factory):
    async def crawlers_unreachable(*args, **kwargs):
        raise RuntimeError("the crawlers' client broke")

    async def measuring_broke(*args, **kwargs):
        raise OSError("no space left to measure")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(checker.run.passes, "gather_social", crawlers_unreachable)
        patch.setattr(checker.run.passes, "gather_resources", measuring_broke)
        config = Config(
            devices=("iphone-se",),
            block_external=True,
            timeout=20,
            output_dir=tmp_path_factory.mktemp("broken-gatherers"),
        )
        return audit_urls([site + "mobile-ready.html"], config)


def test_audits_whose_facts_failed_are_errors_and_the_others_are_judged(broken_gatherers_run):
    (page,) = broken_gatherers_run.pages
    assert page.status == "ok"
    (device,) = page.devices
    for id in SOCIAL_NEEDS:
        audit = device.audits[id]
        assert audit.score is None, id
        assert audit.error is not None and audit.error.gatherer == "social", id
        assert audit.error.message.endswith("could not be gathered. The crawlers' client broke.")
        assert audit.title.startswith("Not checked: "), id
    for id in RESOURCES_NEED:
        audit = device.audits[id]
        assert audit.score is None and audit.error is not None, id
        assert audit.error.gatherer == "resources", id
    # Facts that were gathered are judged as usual.
    assert device.audits["viewport"].score == 1
    assert device.audits["document-title"].error is None
    assert device.audits["first-contentful-paint"].error is None


def test_categories_with_errored_checks_are_incomplete_never_scored(broken_gatherers_run):
    (page,) = broken_gatherers_run.pages
    (device,) = page.devices
    assert device.scores["layout"] is not None
    assert device.scores["social"] is None
    assert device.scores["overall"] is None
    assert "share-image" in device.incomplete["social"]
    # The savings diagnostics weigh nothing in the speed score (as in Lighthouse): their
    # errors are shown, and the metrics that were measured still score the category.
    assert device.scores["speed"] is not None and "speed" not in device.incomplete
    assert page.scores["social"] is None and "social" in page.incomplete
    assert broken_gatherers_run.summary["incomplete"] == {"overall": 1, "social": 1}


def test_reports_say_which_checks_could_not_run(broken_gatherers_run, tmp_path):
    paths = write_reports(broken_gatherers_run, tmp_path, ("json", "html"))
    by_suffix = {p.suffix: p for p in paths}
    data = json.loads(by_suffix[".json"].read_text())
    (page,) = data["pages"]
    audit = page["devices"][0]["audits"]["share-image"]
    assert audit["score"] is None
    assert audit["error"]["kind"] == "gather"
    assert audit["error"]["gatherer"] == "social"
    assert page["scores"]["social"] is None
    assert page["incomplete"]["social"].startswith("Incomplete: ")
    html = by_suffix[".html"].read_text()
    assert "incomplete" in html
    assert "The check could not run." in html
    assert "could not be scored on 1 page" in html
