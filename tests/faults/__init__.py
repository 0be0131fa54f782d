"""A local server of hostile and broken pages, one fault per path (tests/faults/server.py)."""
