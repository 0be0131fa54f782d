"""Where a key is in a TOML file, for messages: tomllib gives no positions for valid TOML.

A key path is a tuple of table keys and array indexes: ("assertions", "tap-target"),
("devices", 1). `line_of` finds the line that defines it; `format_path` writes it as a person
reads it: `assertions."tap-target"`, `devices[1]`."""

from __future__ import annotations

import re
import tomllib

KeyPath = tuple[str | int, ...]

_KEY_PART = r"""(?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)"""
_DOTTED_KEY = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_HEADER_LINE = re.compile(rf"^\s*\[\[?\s*({_DOTTED_KEY})\s*\]\]?")
_KEY_LINE = re.compile(rf"^\s*({_DOTTED_KEY})\s*=")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'')


def format_path(path: KeyPath) -> str:
    """`assertions."tap-target"`, `devices[1]`: audit ids quoted, as the file writes them."""
    text = ""
    for index, part in enumerate(path):
        if isinstance(part, int):
            text += f"[{part}]"
            continue
        parent = path[index - 1] if index else None
        quoted = parent == "assertions" or not re.fullmatch(r"[A-Za-z0-9_-]+", part)
        text += ("." if text else "") + (_quote(part) if quoted else part)
    return text


def line_of(text: str, path: KeyPath) -> int | None:
    """The 1-based line that defines the key path, or the nearest enclosing key or table.

    This reads the lines the way a person would: table headers and `key = value` lines (inline
    tables count as their key's line). An array item is found by its value after the array's
    key. Multi-line strings may fool it; it is a pointer for a message, not a parser."""
    keys = tuple(part for part in path if isinstance(part, str))
    best_line, best_depth = None, -1
    table: tuple[str, ...] = ()
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        header = _HEADER_LINE.match(line)
        if header:
            table = _split_key(header[1])
            defined = table
        else:
            assignment = _KEY_LINE.match(line)
            if not assignment:
                continue
            defined = (*table, *_split_key(assignment[1]))
        if keys[: len(defined)] == defined and len(defined) > best_depth:
            best_line, best_depth = number, len(defined)
    if best_line is not None and best_depth == len(keys) and len(keys) < len(path):
        return _find_item(lines, best_line, path) or best_line
    return best_line


def _find_item(lines: list[str], start: int, path: KeyPath) -> int | None:
    """The line of an array item, by counting the strings from the array's key on."""
    index = path[len([p for p in path if isinstance(p, str)])]
    if not isinstance(index, int):
        return None
    seen = 0
    for number in range(start, min(len(lines), start + 200) + 1):
        line = lines[number - 1]
        content = line.split("=", 1)[1] if number == start and "=" in line else line
        for _ in _STRING.finditer(content.split("#", 1)[0]):
            if seen == index:
                return number
            seen += 1
        if "]" in content.split("#", 1)[0]:
            break
    return None


def _quote(key: str) -> str:
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _split_key(dotted: str) -> tuple[str, ...]:
    return tuple(_unquote(part) for part in re.findall(_KEY_PART, dotted))


def _unquote(part: str) -> str:
    if part[:1] in "\"'":
        try:
            return str(tomllib.loads(f"k = {part}")["k"])
        except tomllib.TOMLDecodeError:
            return part[1:-1]
    return part
