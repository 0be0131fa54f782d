"""Speed audits, one module per audit, named by its id (dashes as underscores).

AUDITS: the audit modules, in the order reports show their audits (the registry returns them
in this order; tests/unit/test_audit_registry.py checks every audit module is listed).
"""

AUDITS = (
    "total_blocking_time",
    "total_byte_weight",
    "request_count",
    "cache_policy",
    "image_sizing",
    "cumulative_layout_shift",
    "modern_image_formats",
    "time_to_first_byte",
    "first_contentful_paint",
    "largest_contentful_paint",
    "render_blocking_resources",
    "server_response_time",
    "text_compression",
    "third_party_weight",
)
