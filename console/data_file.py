"""Reading a JSON or TOML file that people write by hand (layouts, wall configs, tours):
one loader for all of them. Whatever is wrong with the file (unreadable, not UTF-8, a
syntax error, nested too deep, NaN or infinity, a number of the wrong kind) becomes
one message, "FILE: key.path: what is wrong", never a traceback.
"""

from __future__ import annotations

import json
import math
import tomllib
from pathlib import Path
from typing import Any

import jsonschema

MAX_DEPTH = 64  # no hand-written file nests deeper; a deeper one is an attack or a mistake


def read_data_file(path: Path | str, error: type[Exception], default: str = "json") -> Any:
    """The parsed content of ``path`` (.json or .toml; other suffixes are read as ``default``).

    Raises ``error(message)`` for a file that cannot be read or parsed, that nests
    deeper than MAX_DEPTH, or that holds a non-finite number.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not UTF-8 text: {exc}") from None
    suffix = path.suffix.lower().lstrip(".")
    kind = suffix if suffix in ("json", "toml") else default
    try:
        data = tomllib.loads(text) if kind == "toml" else json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise error(f"{path}: line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: invalid TOML: {exc}") from None
    except _NonFinite as exc:
        raise error(f"{path}: {exc.args[0]} is not a number a file may hold") from None
    except RecursionError:
        raise error(f"{path}: nested too deep (more than {MAX_DEPTH} levels)") from None
    except Exception as exc:  # whatever else a parser raises on a hostile file
        raise error(f"{path}: cannot be parsed: {type(exc).__name__}: {exc}") from None
    problem = _walk(data)
    if problem is not None:
        raise error(f"{path}: {problem}")
    return data


class _NonFinite(ValueError):
    pass


def _no_constant(name: str) -> Any:
    raise _NonFinite(name)


def _walk(data: Any) -> str | None:
    """The first key path that nests too deep or holds NaN/infinity, as a message."""
    stack: list[tuple[Any, list]] = [(data, [])]
    while stack:
        value, where = stack.pop()
        if len(where) > MAX_DEPTH:
            return f"{key_path(where[:MAX_DEPTH])}: nested too deep (more than {MAX_DEPTH} levels)"
        if isinstance(value, float) and not math.isfinite(value):
            return f"{key_path(where)}: {value} is not a number a file may hold"
        if isinstance(value, dict):
            stack.extend((v, [*where, k]) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, [*where, i]) for i, v in enumerate(value))
    return None


def first_fault(data: Any) -> str | None:
    """The first key path that nests too deep or holds NaN/infinity, as a message (or None)."""
    return _walk(data)


def key_path(path: Any) -> str:
    """``tiles[2].options.title`` for the path ``["tiles", 2, "options", "title"]``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _strict_integer(checker, instance) -> bool:
    # JSON Schema counts 1.0 as an integer; a layout's "row": 1.0 then breaks range(): not here
    return isinstance(instance, int) and not isinstance(instance, bool)


def _finite_number(checker, instance) -> bool:
    return isinstance(instance, (int, float)) and not isinstance(instance, bool) and math.isfinite(instance)


_Validator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine_many(
        {"integer": _strict_integer, "number": _finite_number}),
)


def check_schema(data: Any, schema: dict[str, Any], origin: str, error: type[Exception]) -> None:
    """Validate ``data``; raise ``error("ORIGIN: key.path: what is wrong")`` at the first fault.

    Integers are integers (not 1.0), numbers are finite.
    """
    try:
        errors = sorted(_Validator(schema).iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    except RecursionError:
        raise error(f"{origin}: nested too deep") from None
    if not errors:
        return
    err = errors[0]
    key = key_path(err.absolute_path)
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        key = key_path([*err.absolute_path, extra[0]]) if extra else key
    raise error(f"{origin}: {key}: {err.message}")


#: the strict validator (integers are integers, numbers finite), for other readers of hand-written files
StrictValidator = _Validator
