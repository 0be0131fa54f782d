"""Which slice of a sharded run this process is (`--shard auto`), read from the environment of
the scheduler that started it:

- a Kubernetes Indexed Job: JOB_COMPLETION_INDEX (0-based, set by the Job controller). The
  count is the Job's `spec.completions`, which Kubernetes does not give the pod (issue
  kubernetes/kubernetes#106009): the manifest sets JOB_COMPLETIONS to it, or --shard-count;
- GitLab CI's `parallel:`: CI_NODE_INDEX (1-based) and CI_NODE_TOTAL;
- readiness's own, for a GitHub Actions matrix (which sets no variable) or any scheduler:
  READINESS_SHARD_INDEX (0-based, as `strategy.job-index`) and READINESS_SHARD_TOTAL
  (`strategy.job-total`), which the workflow passes.

A pure function of the environment, so each scheduler's case is tested without one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from checker.model.errors import UsageError
from checker.run.targets import parse_shard

K8S_INDEX, K8S_COUNT = "JOB_COMPLETION_INDEX", "JOB_COMPLETIONS"
GITLAB_INDEX, GITLAB_TOTAL = "CI_NODE_INDEX", "CI_NODE_TOTAL"
OWN_INDEX, OWN_TOTAL = "READINESS_SHARD_INDEX", "READINESS_SHARD_TOTAL"

NONE_FOUND = (
    f"--shard auto found no slice in the environment: it reads {K8S_INDEX} (a Kubernetes "
    f"Indexed Job, with {K8S_COUNT} or --shard-count), {GITLAB_INDEX} and {GITLAB_TOTAL} "
    f"(GitLab CI's parallel:), or {OWN_INDEX} (0-based) and {OWN_TOTAL} (a GitHub Actions "
    "matrix passes strategy.job-index and strategy.job-total); or give --shard I/N."
)


@dataclass(frozen=True)
class Shard:
    """Slice `number` (1-based) of `count`, and where it was found, in words."""

    number: int
    count: int
    source: str = "--shard"

    @property
    def pair(self) -> tuple[int, int]:
        return self.number, self.count


def choose_shard(option: str | None, count: int | None, environ: Mapping[str, str]) -> Shard | None:
    """The slice `--shard` and `--shard-count` name: None without --shard, I/N as given, or
    for `auto` the one the environment names."""
    if option is None:
        if count is not None:
            raise UsageError("--shard-count goes with --shard auto.")
        return None
    if option.strip().lower() != "auto":
        if count is not None:
            raise UsageError(
                f"--shard-count goes with --shard auto: --shard {option} names its count."
            )
        number, total = parse_shard(option)
        return Shard(number, total)
    return shard_from_environment(environ, count)


def shard_from_environment(environ: Mapping[str, str], count: int | None = None) -> Shard:
    """The slice the scheduler's variables name; a UsageError in one line when they name none,
    or name it inconsistently (an index out of range, a count that disagrees with
    --shard-count, two schedulers naming different slices)."""
    if count is not None and count < 1:
        raise UsageError(f"--shard-count {count}: a run has at least one slice.")
    found = [
        shard
        for shard in (_own(environ, count), _kubernetes(environ, count), _gitlab(environ, count))
        if shard is not None
    ]
    if not found:
        total = _value(environ, GITLAB_TOTAL)
        if total == "1":  # a GitLab job without parallel: is the whole run
            return _checked(1, 1, count, f"GitLab CI without parallel: ({GITLAB_TOTAL}=1)")
        raise UsageError(NONE_FOUND)
    first = found[0]
    for other in found[1:]:
        if other.pair != first.pair:
            raise UsageError(
                f"--shard auto: the environment names two slices, {first.number}/{first.count} "
                f"({first.source}) and {other.number}/{other.count} ({other.source}); give "
                "--shard I/N."
            )
    return first


def _own(environ: Mapping[str, str], count: int | None) -> Shard | None:
    index, total = _value(environ, OWN_INDEX), _value(environ, OWN_TOTAL)
    if index is None and total is None:
        return None
    if index is None or total is None:
        missing = OWN_INDEX if index is None else OWN_TOTAL
        raise UsageError(
            f"--shard auto: {OWN_INDEX} and {OWN_TOTAL} go together; {missing} is not set."
        )
    source = f"{OWN_INDEX}={index}, {OWN_TOTAL}={total}"
    return _checked(_number(OWN_INDEX, index) + 1, _number(OWN_TOTAL, total), count, source, 0)


def _kubernetes(environ: Mapping[str, str], count: int | None) -> Shard | None:
    index, total = _value(environ, K8S_INDEX), _value(environ, K8S_COUNT)
    if index is None:
        if total is not None:
            raise UsageError(
                f"--shard auto: {K8S_COUNT}={total} but no {K8S_INDEX}: is the Job's "
                "completionMode Indexed?"
            )
        return None
    if total is None and count is None:
        raise UsageError(
            f"--shard auto: {K8S_INDEX}={index} (a Kubernetes Indexed Job) but no count: set "
            f"{K8S_COUNT} in the manifest to the Job's completions, or give --shard-count N."
        )
    source = f"a Kubernetes Indexed Job: {K8S_INDEX}={index}"
    source += f", {K8S_COUNT}={total}" if total is not None else f", --shard-count {count}"
    jobs = _number(K8S_COUNT, total) if total is not None else count
    assert jobs is not None
    return _checked(_number(K8S_INDEX, index) + 1, jobs, count, source, 0)


def _gitlab(environ: Mapping[str, str], count: int | None) -> Shard | None:
    index, total = _value(environ, GITLAB_INDEX), _value(environ, GITLAB_TOTAL)
    if index is None:
        if total is not None and total != "1":
            raise UsageError(f"--shard auto: {GITLAB_TOTAL}={total} but no {GITLAB_INDEX}.")
        return None
    if total is None:
        raise UsageError(f"--shard auto: {GITLAB_INDEX}={index} but no {GITLAB_TOTAL}.")
    source = f"GitLab CI parallel: {GITLAB_INDEX}={index}, {GITLAB_TOTAL}={total}"
    return _checked(_number(GITLAB_INDEX, index), _number(GITLAB_TOTAL, total), count, source)


def _checked(number: int, total: int, count: int | None, source: str, first: int = 1) -> Shard:
    """Slice `number` (1-based) of `total`, found as an index counted from `first`."""
    if total < 1:
        raise UsageError(f"--shard auto: {source}: a run has at least one slice.")
    if not 1 <= number <= total:
        raise UsageError(
            f"--shard auto: {source}: the index must be from {first} to {total - 1 + first}."
        )
    if count is not None and count != total:
        raise UsageError(f"--shard auto: {source}, but --shard-count {count}.")
    return Shard(number, total, source)


def _value(environ: Mapping[str, str], name: str) -> str | None:
    value = environ.get(name, "").strip()
    return value or None


def _number(name: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise UsageError(f"--shard auto: {name}={value!r} is not a whole number.") from None
