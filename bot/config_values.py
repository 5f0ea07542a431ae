"""Config values: durations both ways, time zones, and a reader that fills config dataclasses
from TOML (by their fields' names, types, defaults and specs), collecting problems."""

from __future__ import annotations

import difflib
import functools
import os
import re
from collections.abc import Callable, Hashable, Mapping
from dataclasses import Field, dataclass, fields
from types import UnionType
from typing import Any, TypeVar, Union, cast, get_args, get_origin, get_type_hints

T = TypeVar("T")

_DURATION = re.compile(
    r"^\s*(?:(\d+(?:\.\d+)?)\s*d)?\s*(?:(\d+(?:\.\d+)?)\s*h)?\s*"
    r"(?:(\d+(?:\.\d+)?)\s*m)?\s*(?:(\d+(?:\.\d+)?)\s*s)?\s*$"
)


def parse_duration(value: object) -> float:
    """Seconds from "90s", "15m", "2h", "1d", "1h30m" or a bare number of seconds (the config
    refuses those: `Reader`). ValueError("must be more than 0") for "0s" or "-5m"."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float):
        if value <= 0:
            raise ValueError("must be more than 0")
        return float(value)
    if not isinstance(value, str):
        raise ValueError
    text = value.strip().lower()
    m = _DURATION.match(text.removeprefix("-"))
    if not m or not any(m.groups()):
        raise ValueError
    d, h, mins, s = (float(g) if g else 0.0 for g in m.groups())
    total = d * 86400 + h * 3600 + mins * 60 + s
    if total <= 0 or text.startswith("-"):
        raise ValueError("must be more than 0")
    return total


def meant(word: str, known: list[str], cutoff: float = 0.75) -> str | None:
    """The one of `known` that `word` is likely a typo of (`intervall`: interval), if any."""
    close = difflib.get_close_matches(word, known, n=1, cutoff=cutoff)
    return close[0] if close else None


def unknown_top(name: str, value: object, sections: Mapping[str, Any]) -> str:
    """A table jobbot does not read, with the one likely meant ([poling]: [polling]); or a
    key above every [section] (`timezone = ...`), with the section's key it likely is."""
    known = sorted({*sections, "boards"})
    tables = isinstance(value, list) and all(isinstance(v, dict) for v in value)
    if not (isinstance(value, dict) or tables):
        keys = {f.name: f"{s}.{f.name}" for s, c in [*sections.items()][::-1] for f in fields(c)}
        close = meant(name, sorted(keys))
        hint = f"did you mean {keys[close]}? " if close else ""
        return f"{name}: unknown key above every [section] ({hint}sections: {', '.join(known)})"
    shown = {k: f"[[{k}]]" if k == "boards" else f"[{k}]" for k in known}
    close = meant(name, known, 0.6)
    hint = f"did you mean {shown[close]}? " if close else ""
    return f"{name}: unknown section ({hint}known: {', '.join(known)})"


def format_duration(seconds: float) -> str:
    """The short form of a duration: 90 -> "1m30s", 3600 -> "1h"; over 10 minutes, to the minute."""
    seconds = round(seconds) if seconds < 600 else round(seconds / 60) * 60
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if seconds >= size:
            parts.append(f"{seconds // size}{unit}")
            seconds %= size
    return "".join(parts) or "0s"


@dataclass(frozen=True)
class Spec:
    """How one config field is read, beyond its type: set as `field(metadata=...)`.

    `parse` replaces the type check (raw TOML value -> value); `check` runs after it; both
    raise ValueError with the problem's wording. `env` names a variable that wins over the
    file; a `secret` value is never echoed in a problem, only its type.
    """

    parse: Callable[[object], Any] | None = None
    check: Callable[[Any], Any] | None = None
    secret: bool = False
    env: str | None = None


def _duration(value: object) -> float:
    """A config duration: written with its unit, since a bare 90 could mean days or seconds."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        n = int(value) if float(value).is_integer() else value
        raise ValueError(
            f'{value!r} has no unit: write "{n}d" for days, "{n}s" for seconds '
            '(or m, h: "15m", "1h30m")'
        )
    try:
        return parse_duration(value)
    except ValueError as exc:
        if str(exc):
            raise ValueError(f"{value!r}: {exc}") from None
        raise ValueError(f"{value!r} is not a duration like 90s, 15m or 2h") from None


def _positive(value: int | float) -> int | float:
    if value <= 0:
        raise ValueError(f"must be greater than 0, got {value!r}")
    return value


def _zone(value: str) -> str:
    """A time zone as /timezone takes it (a zone, a city, a country on one clock, an offset),
    by its canonical name."""
    from bot.timezones import parse_timezone  # (its place names load only when one is set)

    try:
        return parse_timezone(value)
    except ValueError as exc:  # (worded for the chat: "send /timezone Lisbon")
        said = str(exc).replace("/timezone ", "").replace("send your", "give a")
        raise ValueError(said.replace("send ", "give ")) from None


SPEC = "jobbot.config"
DURATION = {SPEC: Spec(parse=_duration)}
POSITIVE = {SPEC: Spec(check=_positive)}
ZONE = {SPEC: Spec(check=_zone)}
_PLAIN = Spec()
_MISSING = object()


def _accepts(hint: Any) -> tuple[type, ...]:
    """The TOML value types a field of type `hint` takes (None: the field is left unset)."""
    args = [a for a in get_args(hint) if a is not type(None)]
    if get_origin(hint) in (Union, UnionType):
        return _accepts(args[0])
    origin = get_origin(hint) or hint
    if origin is float:
        return (int, float)
    if origin in (dict, Mapping):
        return (dict,)
    if origin is tuple:
        return (list,)
    return (origin,)


def _typed(value: object, hint: Any, secret: bool) -> Any:
    kinds = _accepts(hint)
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        got = f"a {type(value).__name__}" if secret else repr(value)
        raise ValueError(f"expected {' or '.join(k.__name__ for k in kinds)}, got {got}")
    return float(value) if float in kinds and isinstance(value, int) else value


@functools.cache
def _hints(cls: Hashable) -> dict[str, Any]:
    """The resolved annotations of a config dataclass (resolving compiles each string
    annotation anew: once per class, not once per [[boards]] table)."""
    return get_type_hints(cls)


class Reader:
    """Reads TOML tables into config dataclasses, collecting problems instead of raising."""

    def __init__(self, problems: list[str]):
        self.problems = problems

    def section(self, data: dict, key: str, cls: type[T]) -> T:
        """The `[key]` table of `data` as a `cls`; defaults where it is absent or wrong."""
        value = data.get(key, {})
        if not isinstance(value, dict):
            self.problems.append(f"{key}: must be a table ([{key}])")
            value = {}
        return self.read(value, key, cls)

    def read(self, table: dict, path: str, cls: type[T]) -> T:
        """A `cls` from its fields' names, types, defaults and specs; every problem noted."""
        known = [f for f in fields(cls) if f.init]  # type: ignore[arg-type]
        names = sorted(f.name for f in known)
        for extra in sorted(set(table) - set(names)):
            close = meant(extra, names)
            hint = f"did you mean {close}? " if close else ""
            self.problems.append(f"{path}.{extra}: unknown key ({hint}known: {', '.join(names)})")
        hints = _hints(cast(Hashable, cls))
        values = {f.name: self._value(table, f, hints[f.name], path) for f in known}
        return cls(**{name: v for name, v in values.items() if v is not _MISSING})

    def _value(self, table: dict, f: Field, hint: Any, path: str) -> Any:
        spec: Spec = f.metadata.get(SPEC, _PLAIN)
        from_env = os.environ.get(spec.env, "").strip() if spec.env else ""
        if not from_env and f.name not in table:
            return _MISSING
        try:
            value = from_env or table[f.name]
            value = spec.parse(value) if spec.parse else _typed(value, hint, spec.secret)
            return spec.check(value) if spec.check else value
        except ValueError as exc:  # named as the operator wrote it: the variable, if it won
            where = f"{spec.env} (overrides {path}.{f.name})" if from_env else f"{path}.{f.name}"
            self.problems.append(f"{where}: {exc}")
            return _MISSING
