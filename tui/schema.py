"""Checking JSON read back from disk against the dataclass it claims to be, before any use.

The expected shape is read from the dataclasses' own type hints, so a field added to the model is
checked without a second description to keep in step. Every value is checked for its exact type
(a bool is not an int, 1.5 is not an offset), enums for their known values, and lists for length
against a cap, so a damaged or hostile file fails here with one `SchemaError` instead of deep in
the reader. Unknown keys are errors too: they mean the file is not what it says.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from enum import Enum
from functools import cache
from typing import Any


class SchemaError(ValueError):
    """The value does not have the dataclass's shape; the message says where."""


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


@cache
def _required(cls: type) -> frozenset[str]:
    return frozenset(
        f.name for f in dataclasses.fields(cls) if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )


def check(cls: type, value: Any, *, max_items: int, where: str = "$") -> None:
    """Raise SchemaError unless `value` (parsed JSON) is a valid `cls` as `dataclasses.asdict`
    writes it. `max_items` caps every list, so no entry can be made expensive to load."""
    _check(cls, value, max_items, where)


def _check(expected: Any, value: Any, cap: int, where: str) -> None:
    origin = typing.get_origin(expected)
    if expected is Any:
        return
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(expected)
        for option in options:
            try:
                _check(option, value, cap, where)
                return
            except SchemaError:
                continue
        raise SchemaError(f"{where}: {_kind(value)} is none of {', '.join(_name(o) for o in options)}")
    if expected is type(None):
        if value is not None:
            raise SchemaError(f"{where}: expected null, got {_kind(value)}")
        return
    if origin in (list, tuple):
        if not isinstance(value, list):
            raise SchemaError(f"{where}: expected a list, got {_kind(value)}")
        if len(value) > cap:
            raise SchemaError(f"{where}: {len(value)} items, more than the {cap} allowed")
        args = typing.get_args(expected)
        if origin is tuple and args and args[-1] is not Ellipsis:
            if len(value) != len(args):
                raise SchemaError(f"{where}: expected {len(args)} items, got {len(value)}")
            for i, (arg, item) in enumerate(zip(args, value)):
                _check(arg, item, cap, f"{where}[{i}]")
            return
        item_type = args[0] if args else Any
        for i, item in enumerate(value):
            _check(item_type, item, cap, f"{where}[{i}]")
        return
    if isinstance(expected, type) and issubclass(expected, Enum):
        if not any(type(value) is type(member.value) and value == member.value for member in expected):
            raise SchemaError(f"{where}: {value!r:.40} is not a known {expected.__name__}")
        return
    if dataclasses.is_dataclass(expected) and isinstance(expected, type):
        if not isinstance(value, dict):
            raise SchemaError(f"{where}: expected an object, got {_kind(value)}")
        hints = _hints(expected)
        unknown = set(value) - set(hints)
        if unknown:
            raise SchemaError(f"{where}: unknown field {sorted(unknown)[0]!r:.40}")
        missing = _required(expected) - set(value)
        if missing:
            raise SchemaError(f"{where}: missing field {sorted(missing)[0]!r}")
        for name, item in value.items():
            _check(hints[name], item, cap, f"{where}.{name}")
        return
    if expected in (int, str, bool, float):
        # Exact types: JSON true is not an offset, 1.5 is not an offset, 3 is fine for a float.
        ok = type(value) is expected or (expected is float and type(value) is int)
        if not ok:
            raise SchemaError(f"{where}: expected {expected.__name__}, got {_kind(value)}")
        return
    raise SchemaError(f"{where}: cannot check a field of type {_name(expected)}")


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), type(value).__name__
    )


def _name(expected: Any) -> str:
    return getattr(expected, "__name__", None) or str(expected)
