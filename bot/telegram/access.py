"""Who may use the bot ([access] mode), and the admins' /ban, /unban, /broadcast (and the
invite commands of `invites`).

`gate` runs before every command: a banned user, or one not let in by the mode, gets one
polite reply (naming their user id, for an admin) and nothing is stored about them. In
"invite" mode a user is let in by an invite code (`invites.invite_code`: the deep link from
/invite, or the link or code pasted) and stays in (a users row says so: /stop keeps it); in
"allowlist" mode by `[access] allow`. Admins are always in. A chat marked 'blocked' that
writes again has unblocked the bot (Telegram brings nothing from a chat that blocks it): it is
subscribed again, as it was, unless banned.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from datetime import datetime

from bot.config import AccessConfig
from bot.store import Stores, utcnow
from bot.telegram.commands import Command
from bot.telegram.dbworker import StoreWorker
from bot.telegram.invites import INVITE_COMMANDS, INVITE_MENU, InviteCommands, invite_code, named
from bot.telegram.users_command import USERS_MENU, users_reply
from bot.transport import Incoming
from bot.wording import plural

log = logging.getLogger(__name__)
ACCESS_MENU = (
    *USERS_MENU,
    *INVITE_MENU,
    Command("ban", "<user id>", "Ban a user", "No more commands or messages for them.", "Admin"),
    Command(
        "unban", "<user id>", "Lift a ban",
        "They are back as before the ban: their alerts on again (or still paused).", "Admin",
    ),
    Command(
        "broadcast", "<text>", "Message every active user",
        "Sent to every active user at Telegram's pace; survives restarts and outages.", "Admin",
    ),
)  # fmt: skip
ACCESS_COMMANDS = tuple(c.name for c in ACCESS_MENU)
MAX_BROADCAST = 3500
# The refusals name the user's id ({id}): an admin adds it to [access] allow or
# [telegram] admins, and an admin finds their own this way.
INVITE_ONLY = (
    "Sorry, this bot is invite-only. Ask the people who run it for an invite link, then open it."
    "\nYour Telegram user id is <code>{id}</code> (the bot's admin may ask for it)."
)
BAD_CODE = "Sorry, that invite code is not valid, expired or used up. Ask for a new invite link."
NOT_ALLOWED = (
    "Sorry, this bot is private: only the people its admins allowed can use it.\nYour "
    "Telegram user id is <code>{id}</code>: give it to the bot's admin to be let in."
)
BANNED = "Sorry, you can't use this bot."
# How to start, for a user with no alert yet: an alert, or what one looks for said in words
# (the reply offers the alert it means), and the filters people most ask for.
FIRST_ALERT = (
    "Add your first alert, e.g. <code>/alert rust backend</code>, or write what you look for "
    "as you would say it (“remote golang jobs in Germany”) and I'll offer the alert. Filters "
    "narrow it: <code>remote:yes</code>, <code>from:germany</code>, "
    "<code>salary:&gt;=100k</code> (/help alert)."
)
WELCOME = (
    "Welcome to jobbot! Your invite worked. I watch job boards and message you once for every "
    f"new job that matches one of your alerts.\n{FIRST_ALERT}\n/help shows every command."
)


class AccessCommands:
    """The gate in front of every command, and the admins' access commands."""

    def __init__(
        self,
        config: AccessConfig,
        admins: Callable[[], tuple[int, ...]],
        worker: StoreWorker,
        clock: Callable[[], datetime] = utcnow,
        bot_username: Callable[[], str | None] = lambda: None,
        on_broadcast: Callable[[], None] = lambda: None,
    ):
        self.config, self.admins, self.worker, self.clock = config, admins, worker, clock
        self.on_broadcast = on_broadcast
        self.invites = InviteCommands(config, worker, clock, bot_username)

    def is_admin(self, msg: Incoming) -> bool:
        return (msg.user_id or msg.chat_id) in self.admins()

    async def gate(self, name: str, msg: Incoming, arg: str) -> str | None:
        """None to let the command through; else the one reply instead of it."""
        return await self.worker.run(self._gate, name, msg, arg)

    def _gate(self, store: Stores, name: str, msg: Incoming, arg: str) -> str | None:
        admin = self.is_admin(msg)
        if not admin and store.access.is_banned(msg.user_id, msg.chat_id):
            return BANNED
        # Telegram brings nothing from a chat that blocks the bot: it was unblocked.
        if state := store.users.unblock(msg.chat_id, self.clock()):
            log.info("chat %d wrote after blocking the bot: %s again", msg.chat_id, state)
        return None if admin else self._let_in(store, name, msg, arg)

    def _let_in(self, store: Stores, name: str, msg: Incoming, arg: str) -> str | None:
        user_id = msg.user_id or msg.chat_id
        if self.config.mode == "allowlist":
            allowed = {msg.user_id, msg.chat_id} & set(self.config.allow)
            return None if allowed else NOT_ALLOWED.format(id=user_id)
        if self.config.mode == "open" or store.users.known_user(msg.chat_id):
            return None
        code = invite_code(name, arg, msg.text)
        if code is None:
            return INVITE_ONLY.format(id=user_id)
        if not store.access.redeem(code, msg.chat_id, self.clock(), msg.username, msg.first_name):
            log.info(
                "chat %d tried invite %s: not valid, expired or used up", msg.chat_id, code[:4]
            )
            return BAD_CODE
        log.info("chat %d joined with invite %s", msg.chat_id, code[:4])
        return WELCOME

    async def handle(self, name: str, msg: Incoming, arg: str) -> str:
        if not self.is_admin(msg):  # the id: how an admin-to-be finds theirs, in any mode
            return (
                "Sorry, only the bot's admins can do that. Your Telegram user id is "
                f"<code>{msg.user_id or msg.chat_id}</code> ([telegram] admins lists theirs)."
            )
        admin = msg.user_id or msg.chat_id
        commands = self.invites if name in INVITE_COMMANDS else self
        return await getattr(commands, f"cmd_{name}")(admin, arg)

    async def cmd_users(self, admin: int, arg: str) -> str:
        return await self.worker.run(users_reply, arg, self.clock(), admin)

    async def cmd_ban(self, admin: int, arg: str) -> str:
        user = user_id(arg)
        if user is None:
            return "Whom? Send <code>/ban &lt;user id&gt;</code> (a number)."
        if user in self.admins():
            return "Admins can't be banned; remove them from [telegram] admins first."
        return await self.worker.run(self._ban, admin, user, self.clock())

    @staticmethod
    def _ban(store: Stores, admin: int, user: int, now: datetime) -> str:
        """A user never seen is banned all the same (they can't join then), said so with those
        who joined last: a mistyped id shows, and the one meant is there."""
        known = store.users.user(user)
        if not store.access.ban(user, admin, now):
            return f"{named(user, known)} was already banned."
        log.info("admin %d banned user %d", admin, user)
        if known is not None:
            return f"Banned {named(user, known)}: no more commands or messages for them."
        latest = ", ".join(named(u.chat_id, u) for u in store.users.latest_users(3))
        return (
            f"{user} has never used this bot; banned anyway, so they can't join. "
            + (f"The latest to join: {latest}. " if latest else "")
            + f"Mistyped? /unban {user}"
        )

    async def cmd_unban(self, admin: int, arg: str) -> str:
        user = user_id(arg)
        if user is None:
            return "Whom? Send <code>/unban &lt;user id&gt;</code> (a number)."
        return await self.worker.run(self._unban, admin, user, self.clock())

    @staticmethod
    def _unban(store: Stores, admin: int, user: int, now: datetime) -> str:
        """The user is back as before the ban (`Access.unban`), and the reply says how."""
        if not store.access.unban(user, now):
            known = store.users.user(user)
            never = "" if known else " (and has never used this bot)"
            return f"{named(user, known)} was not banned{never}."
        log.info("admin %d unbanned user %d", admin, user)
        known = store.users.user(user)
        who = named(user, known)
        if known is None:
            return f"Unbanned {user}, who has never used this bot."
        if known.state == "paused":
            return f"Unbanned {who}; their notifications stay paused as before (they /resume)."
        if known.state == "stopped":
            return f"Unbanned {who}; they had sent /stop, so nothing goes to them until /start."
        return f"Unbanned {who}; their alerts are on again."

    async def cmd_broadcast(self, admin: int, arg: str) -> str:
        text = arg.strip()
        if not text:
            return "What should I send? <code>/broadcast &lt;text&gt;</code>"
        if len(text) > MAX_BROADCAST:
            return f"That is {len(text):,} characters; a broadcast may have {MAX_BROADCAST:,}."
        now = self.clock()
        count = await self.worker.run(lambda s: s.notices.broadcast(text, admin, now))
        if count is None:
            return "That notice is already on its way (the same text within 10 minutes)."
        self.on_broadcast()
        log.info("admin %d broadcast a notice to %d users", admin, count)
        return (
            f"Queued for {plural(count, 'active user')}: "
            f"“{html.escape(text[:60])}{'…' if len(text) > 60 else ''}”. It goes out at "
            "Telegram's pace, through restarts and outages."
        )


def user_id(arg: str) -> int | None:
    """The user id an admin typed after /ban or /unban."""
    word = arg.strip().split()[0] if arg.strip() else ""
    return int(word) if word.lstrip("-").isdigit() and len(word) < 20 else None
