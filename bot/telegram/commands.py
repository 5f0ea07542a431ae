"""What a command is: its name, arguments, help and menu group; and the shapes of routes.

Feature modules (alert menu, export, /why...) define their `Command` entries and routes here
without importing `handlers`, which registers them all.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bot.store import Stores
from bot.transport import Incoming, Reply

GROUPS = ("Alerts", "Delivery", "Jobs", "Account")  # /help's sections, in order; then Admin


@dataclass(frozen=True)
class Command:
    """One command as /help and Telegram's command menu show it."""

    name: str
    args: str
    summary: str
    help: str
    group: str = "Alerts"


Route = Callable[[Stores, Incoming, str], Reply]  # a command, run on a worker thread


# "/ alert rust", "/alert: rust": a phone's space after the slash, or its colon after the name
_SPACED = re.compile(r"/(?P<space>\s)?(?P<name>\w{1,40})(?P<bot>@\w{1,64})?(?P<colon>\s?:)?")


def slash_joined(text: str, commands: Mapping[str, Command]) -> str:
    """`text` with the space a phone put after the command's slash, or the colon after its
    name, taken out ("/ alert rust", "/alert: rust": "/alert rust"), when the name is one of
    `commands`; else as it is."""
    m = _SPACED.match(text)
    if not m or m["name"].lower() not in commands or not (m["space"] or m["colon"]):
        return text
    return f"/{m['name']}{m['bot'] or ''} {text[m.end() :].lstrip()}".rstrip()


def help_index(commands: tuple[Command, ...], admin: tuple[Command, ...] = ()) -> str:
    """/help: the commands under their group's heading (Admin last, for admins only)."""
    sections = [(g, [c for c in commands if c.group == g]) for g in GROUPS]
    sections += [(g, [c for c in commands if c.group == g]) for g in {c.group for c in commands}
                 if g not in GROUPS]  # fmt: skip
    if admin:
        sections.append(("Admin", list(admin)))
    parts = ["<b>jobbot commands</b>"]
    for group, cmds in sections:
        if cmds:
            lines = "\n".join(_line(c) for c in cmds)
            parts.append(f"<b>{group}</b>\n{lines}")
    parts.append("/help &lt;command&gt; explains one; /help kinds lists the job boards I read.")
    return "\n\n".join(parts)


def _line(c: Command) -> str:
    args = f" {html.escape(c.args)}" if c.args else ""
    return f"/{c.name}{args} — {html.escape(c.summary)}"
