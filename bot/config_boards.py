"""[[boards]] tables -> `BoardConfig`s: each board's kind and endpoint as given or recognised
from its URL (`sources.detect`), its options checked by its kind, its name unique; a problem
is reported by its path and name (`boards[2] ("Acme").url: ...`) with every other one, not
raised alone."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.config_values import DURATION, SPEC, Reader, Spec, format_duration, meant
from bot.errors import DetectError
from bot.normalize.urls import canonical_url, is_web_url


@dataclass(frozen=True)
class BoardConfig:
    """A board to poll, resolved: `kind` and `endpoint` (what is fetched) are known."""

    name: str
    url: str
    kind: str
    endpoint: str
    interval: float
    company: str | None = None
    enabled: bool = True
    options: Mapping[str, Any] = field(default_factory=dict)


_STRIPPED = {SPEC: Spec(check=str.strip)}


@dataclass(frozen=True)
class BoardTable:
    """One [[boards]] table as written, before its kind and endpoint are resolved."""

    name: str = field(default="", metadata=_STRIPPED)
    url: str = field(default="", metadata=_STRIPPED)
    kind: str = field(default="", metadata=_STRIPPED)
    interval: float | None = field(default=None, metadata=DURATION)  # None: polling.interval
    company: str | None = None
    enabled: bool = True
    selectors: dict[str, Any] | None = None  # the html kind's; kept in options
    options: dict[str, Any] = field(default_factory=dict)


def _check_name(name: str, path: str, seen: set[str], problems: list[str]) -> None:
    """A board's name is required and unique (case-insensitive)."""
    if not name:
        problems.append(f"{path}.name: required, a short unique name for the board")
    elif name.lower() in seen:
        problems.append(f"{path}.name: {name!r} is used by another board")
    seen.add(name.lower())


def _kind_and_endpoint(table: BoardTable, path: str) -> tuple[str, str]:
    """The board's kind and what to poll: as given, else recognised from the URL."""
    from bot import sources

    if not table.kind:
        try:
            return sources.detect(table.url)
        except DetectError as exc:
            if "not a valid URL" in str(exc):
                raise ValueError(f"{path}.url: {exc}") from None
            raise ValueError(f"{path}.url: {_unrecognised(table.url)}") from None
    if table.kind not in sources.kinds():
        close = meant(table.kind, sources.kinds(), 0.6)
        hint = f"did you mean {close}? " if close else ""
        known = ", ".join(sources.kinds())
        raise ValueError(f"{path}.kind: unknown kind {table.kind!r} ({hint}known: {known})")
    return table.kind, table.url


def _unrecognised(url: str) -> str:
    """A URL of no kind's shape, a company's careers page most often: `jobbot detect` finds
    the board behind one (config polls board URLs; it never looks for one at start)."""
    from bot import sources

    kinds = ", ".join(k for k in sources.kinds() if k != "demo")
    return (
        f"{url} is not a board URL jobbot recognises. For a careers page, `jobbot detect "
        f"{url}` prints the board behind it: put that URL here. Otherwise set kind = one of "
        f"{kinds}"
    )


def _url_problem(table: BoardTable) -> str | None:
    """Why the board's URL can never be fetched: missing, or not http(s) with a host (the
    demo's own demo:// aside)."""
    if not table.url:
        return "required, the board's URL"
    if table.kind in ("", "demo") and table.url.lower().startswith("demo:"):
        return None
    if not is_web_url(table.url):
        return f"{table.url!r} is not an http(s) URL with a host, like https://jobs.lever.co/acme"
    return None


def _option_problems(kind: str, options: Mapping[str, Any]) -> list[str]:
    """What the kind says of the board's options, and the options it does not read (a typo
    there would be ignored without a word)."""
    from bot import sources

    source = sources.get(kind)
    accepted = source.option_keys
    reads = f"only {', '.join(accepted)}" if accepted else "no options"
    unknown = [
        "selectors: only html boards have selectors"
        if key == "selectors"
        else f"options.{key}: unknown option (a {kind} board reads {reads})"
        for key in sorted(set(options) - set(accepted))
    ]
    return unknown + source.check_options(options)


def _board(
    table: BoardTable, path: str, default_interval: float, problems: list[str]
) -> BoardConfig | None:
    """A resolved board, or None (with the problem noted) when it cannot be polled."""
    if problem := _url_problem(table):
        problems.append(f"{path}.url: {problem}")
        return None
    try:
        kind, endpoint = _kind_and_endpoint(table, path)
    except ValueError as exc:
        problems.append(str(exc))
        return None
    options = dict(table.options)
    if table.selectors is not None:
        options["selectors"] = table.selectors
    problems.extend(f"{path}.{p}" for p in _option_problems(kind, options))
    interval = table.interval if table.interval is not None else default_interval
    return BoardConfig(
        table.name, table.url, kind, endpoint, interval, table.company, table.enabled, options
    )


def _label(i: int, item: object) -> str:
    """How a problem names a board: its index in the file and its name ('boards[3] ("Acme")'),
    so that it is found without counting [[boards]] tables."""
    name = item.get("name") if isinstance(item, dict) else None
    if isinstance(name, str) and name.strip():
        return f'boards[{i}] ("{name.strip()}")'
    return f"boards[{i}]"


def read_boards(
    raw: object, reader: Reader, default_interval: float, warnings: list[str]
) -> list[BoardConfig]:
    """Every [[boards]] table that resolves; a short interval warns (be kind to the host)."""
    if not isinstance(raw, list):
        reader.problems.append("boards: must be an array of tables ([[boards]])")
        return []
    boards: list[BoardConfig] = []
    labels: list[str] = []  # each board's path, for the warnings
    seen: set[str] = set()
    for i, item in enumerate(raw):
        path = _label(i, item)
        if not isinstance(item, dict):
            reader.problems.append(f"{path}: must be a table")
            continue
        table = reader.read(item, path, BoardTable)
        _check_name(table.name, path, seen, reader.problems)
        board = _board(table, path, default_interval, reader.problems)
        if board is None:
            continue
        labels.append(path)
        if board.interval < 60 and board.kind != "demo":
            warnings.append(
                f"{path}.interval: {format_duration(board.interval)} is short; "
                f"be kind to {board.name}"
            )
        boards.append(board)
    warnings.extend(_same_board_twice(boards, labels))
    return boards


def _same_board_twice(boards: list[BoardConfig], labels: list[str]) -> list[str]:
    """Enabled boards that poll one endpoint (its canonical form) as one kind with the same
    options, each found under two names: a board polled twice."""
    first: dict[tuple[str, str, str], int] = {}
    warnings = []
    for i, board in enumerate(boards):
        if not board.enabled:
            continue
        options = json.dumps(dict(board.options), sort_keys=True, default=str)
        key = (board.kind, canonical_url(board.endpoint).rstrip("/"), options)
        if (earlier := first.setdefault(key, i)) != i:
            warnings.append(
                f"{labels[i]} polls the same board as {labels[earlier]} "
                f"({board.endpoint}): it is polled twice; remove one or set enabled = false"
            )
    return warnings
