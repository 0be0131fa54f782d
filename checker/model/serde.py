"""Dataclasses to and from plain JSON data, driven by their type hints.

One generic converter instead of a hand-written from_dict per class: the model stays the
single source of truth for the JSON shape of snapshots and results.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import types
import typing
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")


def to_data(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple | Sequence) and not isinstance(value, str):
        return [to_data(v) for v in value]
    return value


def from_data(cls: type[T], data: Any) -> T:
    return _converter(cls)(data)


def _identity(data: Any) -> Any:
    return data


@functools.cache
def _converter(hint: Any) -> Callable[[Any], Any]:
    """A function that turns JSON data into `hint`, built once per type: a run reads back
    thousands of findings, and walking the type hints for each value cost ~50 ms a page."""
    if hint is Any:
        return _identity
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) > 1:
            return _tagged_union(options)
        if not options:
            return _identity
        inner = _converter(options[0])
        if inner is _identity:
            return _identity
        return lambda data: None if data is None else inner(data)
    if origin is list or origin is Sequence:
        (item,) = typing.get_args(hint) or (Any,)
        inner = _converter(item)
        if inner is _identity:
            return list
        return lambda data: [inner(v) for v in data]
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            inner = _converter(args[0])
            return lambda data: tuple(inner(v) for v in data)
        inners = [_converter(a) for a in args]
        return lambda data: tuple(c(v) for c, v in zip(inners, data, strict=True))
    if origin is dict:
        _, value_hint = typing.get_args(hint) or (str, Any)
        inner = _converter(value_hint)
        if inner is _identity:
            return dict
        return lambda data: {k: inner(v) for k, v in data.items()}
    if hint is bytes:
        return base64.b64decode
    if dataclasses.is_dataclass(hint):
        return _DataclassConverter(hint)
    if hint is float:
        return lambda data: float(data) if isinstance(data, int) else data
    return _identity


def _tagged_union(options: list[Any]) -> Callable[[Any], Any]:
    """Dataclasses told apart by their `kind` field's default (checker.model.details), the
    one option that is not such a dataclass taking the rest (a plain mapping); without
    tagged options, the data as it is."""
    tagged = {
        f.default: _converter(option)
        for option in options
        if dataclasses.is_dataclass(option)
        for f in dataclasses.fields(option)
        if f.name == "kind" and isinstance(f.default, str)
    }
    if not tagged:
        return _identity
    untagged = [o for o in options if not dataclasses.is_dataclass(o)]
    rest = _converter(untagged[0]) if len(untagged) == 1 else _identity

    def convert(data: Any) -> Any:
        if isinstance(data, dict) and data.get("kind") in tagged:
            return tagged[data["kind"]](data)
        return None if data is None else rest(data)

    return convert


class _DataclassConverter:
    """Its fields' converters are found on first use: a dataclass may contain itself."""

    def __init__(self, cls: type) -> None:
        self._cls = cls
        self._fields: dict[str, Callable[[Any], Any]] | None = None

    def __call__(self, data: dict[str, Any]) -> Any:
        fields = self._fields
        if fields is None:
            hints = typing.get_type_hints(self._cls)
            fields = {
                f.name: _converter(hints[f.name]) for f in dataclasses.fields(self._cls) if f.init
            }
            self._fields = fields
        return self._cls(**{k: fields[k](v) for k, v in data.items() if k in fields})
