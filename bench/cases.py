"""The shape of a hostile-input benchmark case, shared by bench/hostile.py and
bench/hostile_http.py (see bench/hostile.py's docstring)."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple


class Case(NamedTuple):
    kind: str
    path: str
    size: int
    setup: Callable[[], Callable[[], object]]


SIZES = {"16K": 16 * 1024, "64K": 64 * 1024, "1M": 1024 * 1024, "3M": 3 * 1024 * 1024}
