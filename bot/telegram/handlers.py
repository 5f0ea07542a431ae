"""The bot's commands, independent of the chat they arrive through. Replies are Telegram HTML."""

from __future__ import annotations

import asyncio
import html
import logging
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from bot.config import AlertsConfig, FollowConfig
from bot.errors import StoreBusy
from bot.models import OutgoingMessage
from bot.store import Db, Stores, utcnow
from bot.telegram import (
    alert_commands,
    alert_list,
    alert_presses,
    backup,
    buttons,
    control,
    delivery_modes,
    deutsch,
    follow,
    media,
    muting,
    pausing,
    saving,
    search_pages,
    settings_menu,
    texts,
)
from bot.telegram.access import ACCESS_COMMANDS, FIRST_ALERT, AccessCommands
from bot.telegram.admin import ADMIN_COMMANDS, ADMIN_MENU, AdminCommands
from bot.telegram.commands import Command, Route, slash_joined
from bot.telegram.dbworker import StoreWorker
from bot.telegram.help import help_reply, unknown_command
from bot.telegram.presses import Presses
from bot.telegram.search_command import SEARCH, SearchCommand
from bot.telegram.split import visible_text
from bot.telegram.talk import ASKS_WHY, suggestion
from bot.transport import Incoming, Press, PressAnswer, Reply
from bot.wording import plural, shorten

log = logging.getLogger(__name__)
esc = html.escape


COMMANDS: tuple[Command, ...] = (
    Command(
        "start", "", "Subscribe to job alerts", "Subscribe. Then add alerts with /alert.", "Account"
    ),
    Command(
        "help",
        "[command]",
        "How to use the bot",
        "Lists the commands; /help alert explains one.",
        "Account",
    ),
    *alert_commands.COMMANDS,
    *settings_menu.COMMANDS,
    *delivery_modes.COMMANDS,
    *pausing.COMMANDS,
    SEARCH,
    *follow.COMMANDS,
    *muting.COMMANDS,
    *saving.COMMANDS,
    control.WHY,
    *backup.COMMANDS,
    control.STOP,
)
_BY_NAME = {c.name: c for c in COMMANDS}


_COMMAND = re.compile(r"^/(\w+)(?:@\w+)?(?:\s+(.*))?$", re.S)  # (/löschen: no command of ours)
BATCH = 10  # commands answered from one message
_FILES = ("export", "import")  # their answer, or what they read, is a file: one a message


def _joined(replies: list[Reply | None], cut: bool) -> Reply:
    """The replies to a message of several commands as one, in order; it keeps the buttons of
    the last that has any (a /stop's confirm, the /alerts menu), which its text comes with."""
    said = [r.html if isinstance(r, OutgoingMessage) else r for r in replies]
    text = "\n\n".join(s for s in said if isinstance(s, str))
    text += f"\n\n(I took the first {BATCH}; send the rest again.)" if cut else ""
    rows = next(
        (r.buttons for r in reversed(replies) if isinstance(r, OutgoingMessage) and r.buttons), ()
    )
    return OutgoingMessage(text, visible_text(text), rows) if rows else text


def command_lines(text: str) -> list[str] | None:
    """The lines of `text` when it is several commands, one a line ("/alert rust" then
    "/alert go"), none of them /export or /import; else None."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    found = [_COMMAND.match(slash_joined(line, _BY_NAME)) for line in lines]
    if len(lines) < 2 or not all(found):
        return None
    if any(m and m.group(1).lower() in _FILES for m in found):
        return None
    return [slash_joined(line, _BY_NAME) for line in lines]


# Help asked for in another language is answered, not offered ("did you mean /help?").
ASKED_FOR_HELP = dict.fromkeys(("hilfe", "ayuda", "aide", "ajuda", "hulp"), "help")
BUSY = "⏳ I'm busy right now (the database is locked or full). Please try again in a moment."
OOPS = "Sorry, something went wrong on my side. Please try again later."


class Handlers:
    """Answers a text: a command goes to the route its feature module gives (`_command_routes`),
    run on the `worker`'s threads with their own connections, off the event loop (dbworker.py),
    or to /follow's, the admins' or access's async `handle`; a text that is no command to
    `texts.answer`, else a suggestion. `database` is the app's `Db`, over which a worker is
    made, or a `StoreWorker` to share."""

    def __init__(
        self,
        database: Db | StoreWorker,
        alerts: AlertsConfig = AlertsConfig(),
        clock: Callable[[], datetime] = utcnow,
        admin: AdminCommands | None = None,
        access: AccessCommands | None = None,
        follows: follow.FollowCommands | None = None,
    ):
        self.access = access  # who may use the bot; /invite, /ban, /broadcast
        self.worker = StoreWorker.over(database)
        self.limits = alerts  # AlertsConfig: an alert's limits (as alert_commands.py names it)
        self.clock = clock
        self.admin = admin
        self.follows = follows
        self.alert_cmds = alert_commands.AlertCommands(alerts, clock)
        self.control = control.ControlCommands(clock)
        self.backup = backup.BackupCommands(
            alerts, clock, follows.config.max_per_user if follows else FollowConfig().max_per_user
        )
        self.modes = delivery_modes.DeliveryModes(clock)
        self.settings = settings_menu.SettingsMenu(clock)
        self.search = SearchCommand(self.alert_cmds)
        self._routes = self._command_routes(clock)
        self.presses = Presses(self.worker, clock)
        self.presses.register(buttons.PRESSES)
        self.presses.register(
            {
                alert_list.PREFIX: alert_presses.AlertMenu(self.alert_cmds).press,
                "s": self.control.press_stop,
                search_pages.PREFIX: self.search.press,
            }
        )
        self.presses.register(self.settings.presses())

    def _command_routes(self, clock: Callable[[], datetime]) -> dict[str, Route]:
        """Each command's name -> the method that answers it, wherever it is defined."""
        own = {
            c.name: getattr(self, f"cmd_{c.name}")
            for c in COMMANDS
            if hasattr(self, f"cmd_{c.name}")
        }
        return (
            own
            | self.alert_cmds.routes()
            | self.control.routes()
            | self.backup.routes()
            | self.modes.routes()
            | self.settings.routes()
            | pausing.PauseCommands(clock).routes()
            | muting.MuteCommands(clock).routes()
            | saving.routes(clock)
            | self.search.routes()
        )

    async def __call__(self, msg: Incoming) -> Reply | None:
        """Answer one incoming text. Never raises: a busy database or a bug still gets a reply.
        A group's talk that is not a command gets none: the bot speaks when spoken to. Several
        commands, one a line (pasted from notes), are each answered, in one reply."""
        if (lines := command_lines(msg.text)) is not None:
            replies = [await self._answer(replace(msg, text=line)) for line in lines[:BATCH]]
            return _joined(replies, len(lines) > BATCH)
        return await self._answer(msg)

    async def _answer(self, msg: Incoming) -> Reply | None:
        m = _COMMAND.match(slash_joined(msg.text.strip(), _BY_NAME))  # ("/ alert rust")
        if not m and msg.group:
            return None
        name, arg = (m.group(1).lower(), (m.group(2) or "").strip()) if m else ("", "")
        if not m and msg.reply_to_message_id is not None and ASKS_WHY.match(msg.text.strip()):
            name = "why"  # "why?" in reply to a job's message: /why, as a reply, answers it
        awaiting = self.alert_cmds.awaiting
        if m:
            awaiting.forget(msg.chat_id)  # a command instead of the new query asked for
        elif (
            not name
            and msg.text.strip()
            and (edited := awaiting.take_edit(msg.chat_id, self.clock()))
        ):
            name, arg = "edit", f"{edited} {msg.text.strip()}"  # after the ✏️ Edit button
        try:
            if self.access is not None and (refused := await self.access.gate(name, msg, arg)):
                return refused
            if not name and msg.media:  # a sticker, a voice message, a file: what to do
                return media.reply(msg.media)
            if not name:  # "bin 2 wochen im urlaub": read as "I'm on holiday for 2 weeks"
                msg = replace(msg, text=deutsch.english(msg.text))
            said = (msg, self.clock(), self.limits.max_length, _BY_NAME)  # (an /edit fits it)
            if not name and (spoken := await asyncio.to_thread(texts.answer, *said)):
                return await self.worker.run(spoken)  # "any new jobs?", "no more crypto jobs"
            if not name:  # both off the loop: reading places may wait for the gazetteer
                return await asyncio.to_thread(suggestion, msg.text, _BY_NAME)
            return await self._run(name, msg, arg)
        except StoreBusy as exc:
            log.warning("/%s from chat %s answered busy: %s", shorten(name, 40), msg.chat_id, exc)
            return BUSY
        except Exception:
            log.exception("/%s from chat %s failed", shorten(name, 40), msg.chat_id)
            return OOPS

    async def _run(self, name: str, msg: Incoming, arg: str) -> Reply:
        route = self._routes.get(ASKED_FOR_HELP.get(name.lower(), name))  # (/hilfe: /help)
        if route is not None:
            return await self.worker.run(route, msg, arg)
        if self.admin is not None and name in ADMIN_COMMANDS:
            return await self.admin.handle(name, msg, arg)
        if self.access is not None and name in ACCESS_COMMANDS:
            return await self.access.handle(name, msg, arg)
        if self.follows is not None and name in follow.FOLLOW_COMMANDS:
            return await self.follows.handle(name, msg, arg)
        return unknown_command(name, arg, _BY_NAME)

    async def press(self, press: Press) -> PressAnswer:
        """Answer one button press (routed by its data's prefix, run on a db worker)."""
        return await self.presses(press)

    def close(self) -> None:
        """Close the worker threads' connections (the admin commands' too, when their own)."""
        self.worker.close()
        if self.admin is not None and self.admin.worker is not self.worker:
            self.admin.worker.close()

    def cmd_start(self, store: Stores, msg: Incoming, arg: str) -> str:
        """Subscribe (or come back after /stop or /pause)."""
        new = store.users.subscribe(msg.chat_id, self.clock(), msg.username, msg.first_name)
        n = len(store.alerts.alerts(msg.chat_id))
        hello = "Welcome to jobbot!" if new else "You're subscribed."
        tail = f"You have {plural(n, 'alert')}: /alerts lists them." if n else FIRST_ALERT
        return (
            f"{hello} I watch job boards and message you once for every new job that "
            f"matches one of your alerts.\n{tail}\n/help shows every command."
        )

    def cmd_help(self, store: Stores, msg: Incoming, arg: str) -> str:
        """Every command by group, or the details of one (an admin's, for an admin), of a
        filter of the alert language (/help salary) or of the board kinds (help.py)."""
        admin = self.admin is not None and self.admin.is_admin(msg)
        return help_reply(arg, COMMANDS, ADMIN_MENU, admin)
