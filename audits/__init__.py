"""The audit registry.

An audit is a plain function of a PageSnapshot to an Outcome, with its metadata given by the
@audit decorator, which registers it when its module is imported. The engine asks
`all_audits()` and never names an audit module itself.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from checker.model.results import Category, Impact, Outcome
from checker.model.snapshot import GATHERERS, PageSnapshot

AuditFunction = Callable[[PageSnapshot], Outcome]

# Audit modules live in these sub-packages, one per category, in the order reports show the
# categories. Each lists its audit modules in AUDITS, in the order reports show its audits.
_CATEGORY_PACKAGES = ("audits.layout", "audits.speed", "audits.social", "audits.accessibility")


@dataclass(frozen=True)
class AuditSpec:
    id: str
    title: str  # when it passes
    failure_title: str
    category: Category
    weight: float
    fix: str  # one or two sentences of how to fix it
    run: AuditFunction
    # The gatherers whose facts it reads: when one failed, the runner makes the result an
    # error instead of running the audit on missing facts.
    requires: tuple[str, ...] = ()
    # What it checks and why that matters on a phone, in one or two sentences.
    description: str = ""
    # A stable public page that explains the check (Lighthouse's docs for its ids, MDN, WCAG).
    help_url: str = ""
    # How much its findings keep people from using the page, in axe-core's words; a finding
    # may say otherwise for itself.
    impact: Impact = "moderate"
    # The W3C ACT rules (act-rules.github.io) whose applicability and expectations it
    # implements, by id, as axe-core lists them (actIds); and the WCAG success criteria it
    # checks ("1.4.10").
    act_rules: tuple[str, ...] = ()
    wcag: tuple[str, ...] = ()


_REGISTRY: dict[str, AuditSpec] = {}


def audit(
    *,
    id: str,
    title: str,
    failure_title: str,
    description: str,
    help_url: str,
    category: Category,
    weight: float,
    impact: Impact,
    fix: str,
    requires: tuple[str, ...],
    act_rules: tuple[str, ...] = (),
    wcag: tuple[str, ...] = (),
) -> Callable[[AuditFunction], AuditFunction]:
    """Register the decorated function as the audit `id`."""
    unknown = set(requires) - set(GATHERERS)
    if unknown:
        raise ValueError(f"audit {id!r} requires unknown facts {sorted(unknown)}")

    def register(run: AuditFunction) -> AuditFunction:
        if id in _REGISTRY and _REGISTRY[id].run is not run:
            raise ValueError(f"two audits share the id {id!r}")
        _REGISTRY[id] = AuditSpec(
            id=id,
            title=title,
            failure_title=failure_title,
            category=category,
            weight=weight,
            fix=fix,
            run=run,
            requires=tuple(requires),
            description=description,
            help_url=help_url,
            impact=impact,
            act_rules=tuple(act_rules),
            wcag=tuple(wcag),
        )
        return run

    return register


def all_audits() -> list[AuditSpec]:
    """Every registered audit, importing each audit module once, in the order reports show
    them: category by category, each category's audits in the order its package lists their
    modules (AUDITS), whatever order the modules happened to be imported in."""
    position: dict[str, int] = {}
    for package_name in _CATEGORY_PACKAGES:
        package = importlib.import_module(package_name)
        for module_name in package.AUDITS:
            module = importlib.import_module(f"{package_name}.{module_name}")
            position[module.__name__] = len(position)
    # Audits registered from elsewhere (a test's probe) come last, in registration order.
    return sorted(_REGISTRY.values(), key=lambda s: position.get(s.run.__module__, len(position)))
