"""The board kinds as users read them, generated from the registry (each kind's `title` and
`example_url`), so the docs cannot fall behind the code: the README's board table and the
`/help kinds` reply.

Regenerate the README's table after adding or changing a kind:

    .venv/bin/python -m bot.sources.catalog README.md
"""

from __future__ import annotations

import html
import sys
from collections.abc import Sequence
from pathlib import Path

from bot import sources
from bot.sources.base import Source

COMMAND = "python -m bot.sources.catalog README.md"
START = f"<!-- board kinds: generated from the registry by `{COMMAND}` -->"
END = "<!-- end of board kinds -->"


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def _ordered(kinds: Sequence[Source] | None) -> list[Source]:
    """Boards of one platform first, then the kinds that read any site, the demo last."""
    found = sources.all_sources() if kinds is None else list(kinds)
    return sorted(found, key=lambda s: (s.generic, s.kind == "demo", s.kind))


def readme_table(kinds: Sequence[Source] | None = None) -> str:
    """The Markdown table of every kind: kind, what it reads, an example URL."""
    rows = ["| kind | what | example URL |", "|---|---|---|"]
    for s in _ordered(kinds):
        rows.append(f"| `{s.kind}` | {_cell(s.title)} | `{_cell(s.example_url)}` |")
    return "\n".join(rows)


def help_list(kinds: Sequence[Source] | None = None) -> str:
    """Telegram HTML for `/help kinds`: every kind with what it reads and an example URL."""
    lines = ["<b>Job boards jobbot reads</b>"]
    for s in _ordered(kinds):
        lines.append(
            f"<code>{s.kind}</code> — {html.escape(s.title)}\n  {html.escape(s.example_url)}"
        )
    lines.append("A careers page that links or embeds one of these works too.")
    return "\n".join(lines)


def refresh(readme: str) -> str:
    """`readme` with the table between the START and END markers generated anew; ValueError
    when the markers are missing."""
    head, start, rest = readme.partition(START)
    _, end, tail = rest.partition(END)
    if not start or not end:
        raise ValueError(f"README has no {START!r} ... {END!r} markers")
    return f"{head}{START}\n{readme_table()}\n{END}{tail}"


def main(argv: list[str]) -> int:
    """Rewrite the board table of the README named in `argv` (default README.md)."""
    path = Path(argv[0] if argv else "README.md")
    text = path.read_text()
    fresh = refresh(text)
    if fresh != text:
        path.write_text(fresh)
        print(f"{path}: board table regenerated ({len(sources.kinds())} kinds)")
    else:
        print(f"{path}: board table up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
