"""The audit registry's contract: what every audit declares and how it is found."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import audits
from audits import AuditSpec, all_audits

CATEGORY_PACKAGES = ("audits.layout", "audits.speed", "audits.social")


def _registered() -> list[AuditSpec]:
    """The audits of the audits/ tree (tests may register probes of their own)."""
    return [s for s in all_audits() if s.run.__module__.startswith("audits.")]


@pytest.mark.parametrize("package_name", CATEGORY_PACKAGES)
def test_every_audit_module_is_listed_in_its_category_in_report_order(package_name):
    package = importlib.import_module(package_name)
    registering = set()
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package_name}.{module.name}")
    for spec in audits.all_audits():
        if spec.run.__module__.startswith(f"{package_name}."):
            registering.add(spec.run.__module__.rsplit(".", 1)[1])
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
    assert list(dict.fromkeys(order)) == listed
