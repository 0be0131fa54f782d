"""Accessibility audits, one module per audit, named by its id (dashes as underscores): axe-core's
rules that matter on a phone, run on each device, and our own checks of what axe cannot see
(reflow, text spacing, orientation, text zoom).

AUDITS: the audit modules, in the order reports show their audits (the registry returns them
in this order; tests/unit/test_audit_registry.py checks every audit module is listed).
"""

AUDITS = (
    "target_size",
    "meta_viewport",
    "meta_viewport_large",
    "color_contrast",
    "link_name",
    "button_name",
    "image_alt",
    "input_image_alt",
    "label",
    "autocomplete_valid",
    "html_has_lang",
    "page_title",
    "scrollable_region_focusable",
    "css_orientation_lock",
    "text_spacing",
    "zoom_text",
    "reflow",
    "orientation",
)
