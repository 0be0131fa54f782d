"""Presets: named starting points for the gate, so one command line needs no config file.

A preset gives minimum category scores and audits asserted at error level; a config file and
command-line flags then add to it or take from it (`"tap-targets" = "off"`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from checker.model.errors import UsageError
from checker.model.gate import AuditAssertion

DEFAULT_PRESET = "mobile-friendly"


@dataclass(frozen=True)
class Preset:
    name: str
    description: str
    min_scores: Mapping[str, int]  # category or "overall" -> minimum score 0..100
    error_audits: tuple[str, ...]  # audits that must pass, at error level


def _preset(
    name: str, description: str, min_scores: dict[str, int], error_audits: tuple[str, ...]
) -> Preset:
    # Read-only views: a caller mutating what apply_preset returned must not change the preset.
    return Preset(name, description, MappingProxyType(min_scores), error_audits)


PRESETS: dict[str, Preset] = {
    preset.name: preset
    for preset in (
        _preset(
            "mobile-friendly",
            "The page works on a phone: viewport, content width, legible text, tappable "
            "targets, and a layout score of at least 80.",
            {"layout": 80},
            ("viewport", "content-width", "font-size", "tap-targets"),
        ),
        _preset(
            "social",
            "The page shares well: Open Graph tags, a usable share image and a Twitter card.",
            {},
            ("open-graph", "share-image", "twitter-card"),
        ),
        _preset(
            "strict",
            "Every category, and the overall score, at 90 or more.",
            {"layout": 90, "speed": 90, "social": 90, "accessibility": 90, "overall": 90},
            (),
        ),
        _preset("none", "Nothing: only what the config file and flags assert.", {}, ()),
    )
}


def apply_preset(name: str) -> tuple[dict[str, int], dict[str, AuditAssertion]]:
    """The preset's minimum scores and its assertions, as fresh dicts the caller may change."""
    preset = PRESETS.get(name)
    if preset is None:
        raise UsageError(f'Unknown preset "{name}". Known presets: {", ".join(PRESETS)}.')
    assertions = {audit: AuditAssertion(audit, "error") for audit in preset.error_audits}
    return dict(preset.min_scores), assertions
