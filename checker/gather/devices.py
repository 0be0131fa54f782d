"""Device profiles: the screens a page is audited on.

User agents and touch/mobile flags come from Playwright's device registry where it has the
device, so they stay current with Playwright; only what the registry lacks is written here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from checker.model.errors import UsageError
from checker.model.snapshot import DeviceInfo

DEFAULT_DEVICES = ("iphone-se", "pixel-7", "ipad-mini")

# Lighthouse's emulated mobile device (moto g power 2022), from its constants.js; not in
# Playwright's registry.
_LIGHTHOUSE_MOBILE_UA = (
    "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/136.0.0.0 Mobile Safari/537.36"
)


@dataclass(frozen=True)
class DeviceSpec:
    name: str
    registry_name: str | None
    width: int
    height: int
    device_scale_factor: float
    is_mobile: bool | None = None
    has_touch: bool | None = None
    user_agent: str | None = None


# Viewports are the sizes the product promises; for pixel-7 that is the screen (412x915),
# where Playwright's entry subtracts the browser's toolbars (412x839).
DEVICE_SPECS: dict[str, DeviceSpec] = {
    spec.name: spec
    for spec in (
        DeviceSpec("iphone-se", "iPhone SE (3rd gen)", 375, 667, 2),
        DeviceSpec("pixel-7", "Pixel 7", 412, 915, 2.625),
        DeviceSpec("ipad-mini", "iPad Mini", 768, 1024, 2),
        DeviceSpec(
            "moto-g-power",
            None,
            412,
            823,
            1.75,
            is_mobile=True,
            has_touch=True,
            user_agent=_LIGHTHOUSE_MOBILE_UA,
        ),
        # Lighthouse's desktop screen size.
        DeviceSpec("desktop", "Desktop Chrome", 1350, 940, 1, is_mobile=False, has_touch=False),
    )
}


def check_device_names(names: list[str]) -> list[str]:
    """The names, de-duplicated in order; an unknown name is a usage error."""
    unknown = [n for n in names if n not in DEVICE_SPECS]
    if unknown:
        known = ", ".join(DEVICE_SPECS)
        raise UsageError(f"Unknown device {unknown[0]!r}. Known devices: {known}.")
    return list(dict.fromkeys(names))


def resolve(name: str, registry: dict[str, dict[str, Any]]) -> DeviceInfo:
    """The full profile of a device, filling gaps from Playwright's registry."""
    spec = DEVICE_SPECS[name]
    entry = registry.get(spec.registry_name or "", {})
    user_agent = spec.user_agent or entry.get("user_agent")
    if not user_agent:
        raise UsageError(
            f"Playwright's device registry has no {spec.registry_name!r} for {name}; "
            "upgrade playwright (pip install -U playwright)."
        )
    return DeviceInfo(
        name=name,
        width=spec.width,
        height=spec.height,
        device_scale_factor=spec.device_scale_factor,
        is_mobile=_first_set(spec.is_mobile, entry.get("is_mobile"), False),
        has_touch=_first_set(spec.has_touch, entry.get("has_touch"), False),
        user_agent=user_agent,
    )


def context_options(device: DeviceInfo) -> dict[str, Any]:
    """Keyword arguments of Playwright's browser.new_context for this device."""
    size = {"width": device.width, "height": device.height}
    return {
        "viewport": size,
        "screen": size,
        "device_scale_factor": device.device_scale_factor,
        "is_mobile": device.is_mobile,
        "has_touch": device.has_touch,
        "user_agent": device.user_agent,
    }


def short_user_agent(user_agent: str) -> str:
    """The platform part of a user agent: 'iPhone; CPU iPhone OS 18_5 like Mac OS X'."""
    start = user_agent.find("(")
    depth = 0
    for index in range(max(start, 0), len(user_agent)):
        depth += {"(": 1, ")": -1}.get(user_agent[index], 0)
        if start >= 0 and depth == 0:
            return user_agent[start + 1 : index]
    return user_agent[:40]


def _first_set(*values: bool | None) -> bool:
    return next(v for v in values if v is not None)
