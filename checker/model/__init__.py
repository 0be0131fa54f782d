"""Plain data handed between the stages: snapshots, results, errors, and their JSON form."""
