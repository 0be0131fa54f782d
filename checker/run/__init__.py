"""Orchestration: the runner, the passes over one page, batches, merges, crawled sites."""
