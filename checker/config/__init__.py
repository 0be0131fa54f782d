"""Configuration: the run's settings and readiness.toml."""
