"""Gatherers: the only code that talks to the browser. Each returns plain data."""
