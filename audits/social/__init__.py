"""Social audits, one module per audit, named by its id (dashes as underscores).

AUDITS: the audit modules, in the order reports show their audits (the registry returns them
in this order; tests/unit/test_audit_registry.py checks every audit module is listed).
"""

AUDITS = (
    "ai_crawlers",
    "canonical",
    "crawler_visibility",
    "discover_image",
    "document_title",
    "icons",
    "llms_txt",
    "meta_description",
    "open_graph",
    "share_image",
    "social_profiles",
    "structured_data",
    "twitter_card",
)
