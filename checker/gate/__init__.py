"""The CI gate: assertions on a run's results, from a config file, presets and flags."""
