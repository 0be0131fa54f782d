"""Layout audits, one module per audit, named by its id (dashes as underscores).

AUDITS: the audit modules, in the order reports show their audits (the registry returns them
in this order; tests/unit/test_audit_registry.py checks every audit module is listed).
"""

AUDITS = (
    "content_width",
    "viewport",
    "font_size",
    "form_inputs",
    "image_aspect_ratio",
    "intrusive_overlays",
    "plugins",
    "tap_targets",
    "zoom_allowed",
)
