"""Where a run came from: the git commit and branch, from the CI's environment when it runs in
one (a CI checks out a detached HEAD, where git alone knows no branch), else from git in the
working directory. Neither is required: a marketer's run outside any repository has none."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

GIT_TIMEOUT_S = 2

# (commit variable, branch variables in order) of the CIs that document them. GitHub's
# GITHUB_HEAD_REF is a pull request's own branch; GITHUB_REF_NAME is then "123/merge".
_CI_VARIABLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("GITHUB_SHA", ("GITHUB_HEAD_REF", "GITHUB_REF_NAME")),
    ("CI_COMMIT_SHA", ("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "CI_COMMIT_REF_NAME")),  # GitLab
    ("CIRCLE_SHA1", ("CIRCLE_BRANCH",)),
    ("BUILDKITE_COMMIT", ("BUILDKITE_BRANCH",)),
    ("BITBUCKET_COMMIT", ("BITBUCKET_BRANCH",)),
    ("GIT_COMMIT", ("GIT_LOCAL_BRANCH", "GIT_BRANCH", "BRANCH_NAME")),  # Jenkins
)
# The branch a pull request goes into, where the CI says; else the usual default names.
_TARGET_BRANCH_VARIABLES = ("GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME")
_DEFAULT_BRANCH_VARIABLES = ("CI_DEFAULT_BRANCH",)
USUAL_DEFAULT_BRANCHES = ("main", "master")


@dataclass(frozen=True)
class Origin:
    commit: str | None = None
    branch: str | None = None
    # Branches to compare with when this one has no earlier run: the target of a pull
    # request, the repository's default branch, then main and master.
    fallback_branches: tuple[str, ...] = USUAL_DEFAULT_BRANCHES


def run_origin(environ: Mapping[str, str] | None = None, cwd: Path | None = None) -> Origin:
    env = os.environ if environ is None else environ
    commit, branch = _from_ci(env)
    if commit is None:
        commit = _git(cwd, "rev-parse", "HEAD")
    if branch is None and commit is not None:
        head = _git(cwd, "rev-parse", "--abbrev-ref", "HEAD")
        branch = head if head and head != "HEAD" else None  # "HEAD": detached, no branch
    fallbacks = [
        env[name]
        for name in (*_TARGET_BRANCH_VARIABLES, *_DEFAULT_BRANCH_VARIABLES)
        if env.get(name)
    ]
    fallbacks += [name for name in USUAL_DEFAULT_BRANCHES if name not in fallbacks]
    return Origin(commit, branch, tuple(b for b in fallbacks if b != branch))


def _from_ci(env: Mapping[str, str]) -> tuple[str | None, str | None]:
    for commit_variable, branch_variables in _CI_VARIABLES:
        commit = env.get(commit_variable, "").strip()
        if commit:
            branch = next(
                (env[v].strip() for v in branch_variables if env.get(v, "").strip()), None
            )
            if branch and branch.startswith("origin/"):  # Jenkins' GIT_BRANCH
                branch = branch.removeprefix("origin/")
            return commit[:64], branch[:255] if branch else None
    return None, None


def _git(cwd: Path | None, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None  # no git, or it hung: the run is recorded without a commit
    out = done.stdout.strip()
    return out[:255] if done.returncode == 0 and out else None
