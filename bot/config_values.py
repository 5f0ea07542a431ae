"""Config values: durations both ways, and a reader that type-checks TOML, collecting problems."""

from __future__ import annotations

import re
from typing import Any

_DURATION = re.compile(
    r"^\s*(?:(\d+(?:\.\d+)?)\s*d)?\s*(?:(\d+(?:\.\d+)?)\s*h)?\s*"
    r"(?:(\d+(?:\.\d+)?)\s*m)?\s*(?:(\d+(?:\.\d+)?)\s*s)?\s*$"
)


def parse_duration(value: object) -> float:
    """Seconds from "90s", "15m", "2h", "1d", "1h30m" or a bare number of seconds."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float):
        if value <= 0:
            raise ValueError
        return float(value)
    if not isinstance(value, str):
        raise ValueError
    m = _DURATION.match(value.lower())
    if not m or not any(m.groups()):
        raise ValueError
    d, h, mins, s = (float(g) if g else 0.0 for g in m.groups())
    total = d * 86400 + h * 3600 + mins * 60 + s
    if total <= 0:
        raise ValueError
    return total


def format_duration(seconds: float) -> str:
    """The short form of a duration: 90 -> "1m30s", 3600 -> "1h"; over 10 minutes, to the minute."""
    seconds = round(seconds) if seconds < 600 else round(seconds / 60) * 60
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if seconds >= size:
            parts.append(f"{seconds // size}{unit}")
            seconds %= size
    return "".join(parts) or "0s"


class Reader:
    """Pulls typed values out of a TOML table, collecting problems instead of raising."""

    def __init__(self, problems: list[str]):
        self.problems = problems

    def table(self, data: dict, key: str, path: str, allowed: set[str]) -> dict:
        value = data.get(key, {})
        if not isinstance(value, dict):
            self.problems.append(f"{path}: must be a table ([{key}])")
            return {}
        for extra in sorted(set(value) - allowed):
            self.problems.append(
                f"{path}.{extra}: unknown key (known: {', '.join(sorted(allowed))})"
            )
        return value

    def get(
        self,
        data: dict,
        key: str,
        path: str,
        kind: type | tuple,
        default: Any,
        *,
        secret: bool = False,
    ) -> Any:
        """`data[key]` when it is a `kind`; else `default`, and a problem. A `secret` value
        is never echoed back in the problem, only its type."""
        if key not in data:
            return default
        value = data[key]
        ok = isinstance(value, kind) and not (isinstance(value, bool) and kind is not bool)
        if not ok:
            want = (
                kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            )
            got = f"a {type(value).__name__}" if secret else repr(value)
            self.problems.append(f"{path}.{key}: expected {want}, got {got}")
            return default
        return value

    def duration(self, data: dict, key: str, path: str, default: float) -> float:
        if key not in data:
            return default
        try:
            return parse_duration(data[key])
        except ValueError:
            self.problems.append(
                f"{path}.{key}: {data[key]!r} is not a duration like 90s, 15m or 2h"
            )
            return default

    def positive(self, data: dict, key: str, path: str, default: int | float) -> Any:
        value = self.get(
            data, key, path, (int, float) if isinstance(default, float) else int, default
        )
        if value <= 0:
            self.problems.append(f"{path}.{key}: must be greater than 0, got {value!r}")
            return default
        return value
