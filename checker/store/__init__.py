"""Storage: run logs, saved snapshots, screenshots, and atomic file writes."""
