"""The audit registry's contract (Lighthouse's docs/new-audits.md, DESIGN.md "The audit
contract"): one audit per file, named by its id, in its category's folder; every audit says
what it checks and where to read more; and every audit survives a snapshot with nothing in
it, returning a valid Outcome or saying it cannot measure, never crashing."""

from __future__ import annotations

import importlib
import math
import pkgutil
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import audits
import audits.common
from audits import AuditSpec, all_audits
from checker.model.dom_facts import DomFacts, HeadFacts
from checker.model.load_facts import DocumentResponse, SpeedRun
from checker.model.results import CATEGORIES, IMPACTS, CannotMeasure, Outcome
from checker.model.snapshot import DeviceInfo, PageSnapshot
from checker.model.social_facts import SocialFacts

CATEGORY_PACKAGES = ("audits.layout", "audits.speed", "audits.social", "audits.accessibility")
KEBAB_CASE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
AUDITS_DIR = Path(audits.__file__).parent


def _registered() -> list[AuditSpec]:
    """The audits of the audits/ tree (a test elsewhere may register a probe of its own)."""
    return [s for s in all_audits() if s.run.__module__.startswith("audits.")]


SPECS = _registered()


def _audit_files() -> list[Path]:
    """Every module of every category folder on disk, whether or not the registry lists it."""
    return sorted(
        path
        for folder in AUDITS_DIR.iterdir()
        if folder.is_dir() and (folder / "__init__.py").exists() and folder.name != "common"
        for path in folder.glob("*.py")
        if path.name != "__init__.py"
    )


def test_the_registry_finds_every_audit():
    # Not a fixed number: a count that only grows past what the suite was written with.
    assert len(SPECS) > 30
    assert len(SPECS) == len(_audit_files())


def test_audit_ids_are_unique_and_kebab_case():
    ids = [s.id for s in SPECS]
    assert len(ids) == len(set(ids))
    assert [i for i in ids if not KEBAB_CASE.fullmatch(i)] == []


@pytest.mark.parametrize("path", _audit_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_each_audit_file_holds_one_audit_named_by_its_id_in_its_category_folder(path):
    module_name = f"audits.{path.parent.name}.{path.stem}"
    importlib.import_module(module_name)
    (spec,) = [s for s in all_audits() if s.run.__module__ == module_name]
    assert spec.id.replace("-", "_") == path.stem
    assert spec.category == path.parent.name
    assert spec.category in CATEGORIES


def test_every_category_folder_is_one_the_registry_walks():
    folders = {
        f.name
        for f in AUDITS_DIR.iterdir()
        if f.is_dir() and (f / "__init__.py").exists() and f.name != "common"
    }
    assert folders == {name.rsplit(".", 1)[1] for name in CATEGORY_PACKAGES}


def test_the_helper_package_registers_no_audit():
    for module in pkgutil.iter_modules(audits.common.__path__):
        importlib.import_module(f"audits.common.{module.name}")
    assert [s.id for s in all_audits() if s.run.__module__.startswith("audits.common")] == []


@pytest.mark.parametrize("package_name", CATEGORY_PACKAGES)
def test_every_audit_module_is_listed_in_its_category_in_report_order(package_name):
    package = importlib.import_module(package_name)
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package_name}.{module.name}")
    registering = {
        s.run.__module__.rsplit(".", 1)[1]
        for s in all_audits()
        if s.run.__module__.startswith(f"{package_name}.")
    }
    assert registering, f"{package_name} registers no audit"
    assert sorted(package.AUDITS) == sorted(registering)
    assert len(set(package.AUDITS)) == len(package.AUDITS)


def test_the_registry_keeps_the_order_the_categories_list():
    order = [s.run.__module__ for s in _registered()]
    listed = [
        f"{name}.{module}"
        for name in CATEGORY_PACKAGES
        for module in importlib.import_module(name).AUDITS
    ]
    assert order == listed


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_every_audit_says_what_it_checks_how_to_fix_it_and_where_to_read_more(spec):
    for field in ("title", "failure_title", "description", "fix"):
        assert getattr(spec, field).strip(), f"{spec.id} has no {field}"
    url = urlsplit(spec.help_url)
    assert (url.scheme, bool(url.netloc)) == ("https", True), spec.help_url
    assert spec.help_url.strip() == spec.help_url
    # The link is help_url's; the description is prose.
    assert "http" not in spec.description
    assert spec.weight >= 0
    assert spec.requires
    assert spec.impact in IMPACTS
    # The fix is words; the link is help_url's ("a full https:// URL" is words too).
    assert not re.search(r"https?://\S", spec.fix), spec.fix


def _empty_snapshot(*, mobile: bool) -> PageSnapshot:
    width, height = (375, 667) if mobile else (1280, 800)
    return PageSnapshot(
        url="https://example.com/",
        final_url="https://example.com/",
        device=DeviceInfo(
            name="probe-phone" if mobile else "probe-desktop",
            width=width,
            height=height,
            device_scale_factor=2 if mobile else 1,
            is_mobile=mobile,
            has_touch=mobile,
            user_agent="Mozilla/5.0 (probe)",
        ),
        captured_at="2025-01-01T00:00:00+00:00",
        document=DocumentResponse(url="https://example.com/", status=200, headers={}, html=""),
        server_head=HeadFacts(),
        dom=DomFacts(
            head=HeadFacts(),
            viewport_width=width,
            viewport_height=height,
            scroll_width=width,
            scroll_height=height,
        ),
    )


EMPTY_SNAPSHOTS = {
    "phone, nothing gathered": _empty_snapshot(mobile=True),
    "desktop, nothing gathered": _empty_snapshot(mobile=False),
    # Facts present but empty: crawlers that fetched nothing, a run that measured nothing.
    "phone, empty facts": PageSnapshot(
        **{
            **_empty_snapshot(mobile=True).__dict__,
            "social": SocialFacts(),
            "speed_runs": [SpeedRun(throttle="slow-4g", ttfb_ms=None, fcp_ms=None, lcp_ms=None)],
        }
    ),
}


@pytest.mark.parametrize("snapshot", EMPTY_SNAPSHOTS.values(), ids=EMPTY_SNAPSHOTS.keys())
@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_every_audit_judges_an_empty_snapshot_or_says_it_cannot_measure(spec, snapshot):
    try:
        outcome = spec.run(snapshot)
    except CannotMeasure as exc:
        assert str(exc).strip()
        return
    assert isinstance(outcome, Outcome)
    score = outcome.score
    if score is not None:
        assert isinstance(score, int | float) and not isinstance(score, bool)
        assert not math.isnan(score) and 0 <= score <= 1
    assert isinstance(outcome.display, str)
