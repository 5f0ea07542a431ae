"""Windows of the day's minutes, (start, end), that may run past midnight: their length, whether
one holds or meets another, the shortest that holds two. Pure; `asked_when` words quiet
hours with them."""

from __future__ import annotations


def length(window: tuple[int, int]) -> int:
    """A window's minutes (it may run past midnight)."""
    return (window[1] - window[0]) % 1440 or 1440


def within(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    """Whether `outer` holds all of `inner`."""
    return (inner[0] - outer[0]) % 1440 + length(inner) <= length(outer)


def meet(one: tuple[int, int], other: tuple[int, int]) -> bool:
    """Whether two windows share a minute."""
    return (other[0] - one[0]) % 1440 < length(one) or (one[0] - other[0]) % 1440 < length(other)


def both(one: tuple[int, int], other: tuple[int, int]) -> tuple[int, int] | None:
    """The shortest window that holds both, from the start of one of them; None when it
    would be the whole day."""
    spans = []
    for start in (one[0], other[0]):
        longest = max((w[0] - start) % 1440 + length(w) for w in (one, other))
        spans.append((longest, start))
    longest, start = min(spans)
    return None if longest >= 1440 else (start, (start + longest) % 1440)
