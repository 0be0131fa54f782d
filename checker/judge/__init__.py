"""Judging: audits run over snapshots, scores, the site view, and the CI gate's verdicts."""
