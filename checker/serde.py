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
from typing import Any, TypeVar

T = TypeVar("T")


def to_data(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_data(v) for v in value]
    return value


def from_data(cls: type[T], data: Any) -> T:
    return _convert(cls, data)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(hint: Any, data: Any) -> Any:
    if hint is Any:
        return data
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if data is None:
            return None
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _convert(options[0], data) if len(options) == 1 else data
    if origin is list:
        (item,) = typing.get_args(hint) or (Any,)
        return [_convert(item, v) for v in data]
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], v) for v in data)
        return tuple(_convert(a, v) for a, v in zip(args, data, strict=True))
    if origin is dict:
        _, value_hint = typing.get_args(hint) or (str, Any)
        return {k: _convert(value_hint, v) for k, v in data.items()}
    if hint is bytes:
        return base64.b64decode(data)
    if dataclasses.is_dataclass(hint):
        hints = _hints(hint)
        known = {f.name for f in dataclasses.fields(hint) if f.init}
        return hint(**{k: _convert(hints[k], v) for k, v in data.items() if k in known})
    if hint is float and isinstance(data, int):
        return float(data)
    return data
