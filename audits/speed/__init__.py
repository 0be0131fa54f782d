"""Speed audits.

AUDITS: the audit modules, in the order reports show their audits (the registry returns them
in this order; tests/unit/test_audit_registry.py checks every audit module is listed).
"""

AUDITS = (
    "blocking_time",
    "byte_weight",
    "cache_policy",
    "image_sizing",
    "layout_shift",
    "modern_image_formats",
    "paint",
    "render_blocking",
    "server_response_time",
    "text_compression",
    "third_party",
)
