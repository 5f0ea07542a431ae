"""Who may use the bot ([access] mode), and the admins' /invite, /ban, /unban, /broadcast.

`gate` runs before every command: a banned user, or one not let in by the mode, gets one
polite reply and nothing is stored about them. In "invite" mode a user is let in by
`/start <code>` (a deep link from /invite) and stays in (a users row says so: /stop keeps
it); in "allowlist" mode by `[access] allow`. Admins are always in.
"""

from __future__ import annotations

import html
import logging
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.config import AccessConfig
from bot.config_values import format_duration, parse_duration
from bot.store import Stores, utcnow
from bot.telegram.args import echo
from bot.telegram.commands import Command
from bot.telegram.dbworker import StoreWorker
from bot.transport import Incoming
from bot.wording import plural

log = logging.getLogger(__name__)
ACCESS_MENU = (
    Command(
        "invite", "[uses] [expiry]", "Make an invite link",
        "An invite code and its t.me link: one use and 7 days unless you say, e.g. /invite 20 30d.",
        "Admin",
    ),
    Command("ban", "<user id>", "Ban a user", "No more commands or messages for them.", "Admin"),
    Command("unban", "<user id>", "Lift a ban", "They can /start again.", "Admin"),
    Command(
        "broadcast", "<text>", "Message every active user",
        "Sent to every active user at Telegram's pace; survives restarts and outages.", "Admin",
    ),
)  # fmt: skip
ACCESS_COMMANDS = tuple(c.name for c in ACCESS_MENU)
MAX_USES, MAX_BROADCAST = 10_000, 3500
INVITE_ONLY = (
    "Sorry, this bot is invite-only. Ask the people who run it for an invite link, then open it."
)
BAD_CODE = "Sorry, that invite code is not valid, expired or used up. Ask for a new invite link."
NOT_ALLOWED = "Sorry, this bot is private: only the people its admins allowed can use it."
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
        db: StoreWorker,
        clock: Callable[[], datetime] = utcnow,
        bot_username: Callable[[], str | None] = lambda: None,
        on_broadcast: Callable[[], None] = lambda: None,
    ):
        self.config, self.admins, self.db, self.clock = config, admins, db, clock
        self.bot_username, self.on_broadcast = bot_username, on_broadcast

    def is_admin(self, msg: Incoming) -> bool:
        return (msg.user_id or msg.chat_id) in self.admins()

    async def gate(self, name: str, msg: Incoming, arg: str) -> str | None:
        """None to let the command through; else the one reply instead of it."""
        if self.is_admin(msg):
            return None
        return await self.db.run(self._gate, name, msg, arg)

    def _gate(self, store: Stores, name: str, msg: Incoming, arg: str) -> str | None:
        if store.access.is_banned(msg.user_id, msg.chat_id):
            return BANNED
        if self.config.mode == "allowlist":
            allowed = {msg.user_id, msg.chat_id} & set(self.config.allow)
            return None if allowed else NOT_ALLOWED
        if self.config.mode == "open" or store.users.known_user(msg.chat_id):
            return None
        if name != "start" or not arg:
            return INVITE_ONLY
        code = arg.split()[0][:64]
        if not store.access.redeem(code, msg.chat_id, self.clock(), msg.username, msg.first_name):
            return BAD_CODE
        log.info("chat %d joined with invite %s", msg.chat_id, code[:4])
        return WELCOME

    async def handle(self, name: str, msg: Incoming, arg: str) -> str:
        if not self.is_admin(msg):
            return "Sorry, only the bot's admins can do that."
        admin = msg.user_id or msg.chat_id
        return await getattr(self, f"cmd_{name}")(admin, arg)

    async def cmd_invite(self, admin: int, arg: str) -> str:
        uses, expiry = 1, self.config.invite_expiry
        for word in arg.split():
            if word.isdigit() and 0 < int(word) <= MAX_USES:
                uses = int(word)
                continue
            try:
                expiry = parse_duration(word)
            except ValueError:
                return (
                    f"I don't understand “{echo(word, 40)}”. Send <code>/invite [uses] "
                    f"[expiry]</code>, e.g. /invite 20 30d (uses 1-{MAX_USES:,})."
                )
        now = self.clock()
        code, until = secrets.token_urlsafe(12), now + timedelta(seconds=expiry)
        invite = await self.db.run(lambda s: s.access.add_invite(code, admin, now, until, uses))
        username = self.bot_username()
        how = (
            f"https://t.me/{username}?start={invite.code}"
            if username
            else f"<code>/start {invite.code}</code>"
        )
        note = "" if self.config.mode == "invite" else (
            f"\n(Access mode is {self.config.mode}: set [access] mode = \"invite\" for codes to matter.)"
        )  # fmt: skip
        return (
            f"Invite for {uses} {'person' if uses == 1 else 'people'}, valid "
            f"{format_duration(expiry)} (until {invite.expires_at:%Y-%m-%d %H:%M} UTC):\n{how}{note}"
        )

    async def cmd_ban(self, admin: int, arg: str) -> str:
        user = _user_id(arg)
        if user is None:
            return "Whom? Send <code>/ban &lt;user id&gt;</code> (a number)."
        if user in self.admins():
            return "Admins can't be banned; remove them from [telegram] admins first."
        now = self.clock()
        added = await self.db.run(lambda s: s.access.ban(user, admin, now))
        log.info("admin %d banned user %d", admin, user)
        return f"Banned {user}." if added else f"{user} was already banned."

    async def cmd_unban(self, admin: int, arg: str) -> str:
        user = _user_id(arg)
        if user is None:
            return "Whom? Send <code>/unban &lt;user id&gt;</code> (a number)."
        if await self.db.run(lambda s: s.access.unban(user)):
            return f"Unbanned {user}; they can /start again."
        return f"{user} was not banned."

    async def cmd_broadcast(self, admin: int, arg: str) -> str:
        text = arg.strip()
        if not text:
            return "What should I send? <code>/broadcast &lt;text&gt;</code>"
        if len(text) > MAX_BROADCAST:
            return f"That is {len(text):,} characters; a broadcast may have {MAX_BROADCAST:,}."
        now = self.clock()
        count = await self.db.run(lambda s: s.notices.broadcast(text, admin, now))
        if count is None:
            return "That notice is already on its way (the same text within 10 minutes)."
        self.on_broadcast()
        log.info("admin %d broadcast a notice to %d users", admin, count)
        return (
            f"Queued for {plural(count, 'active user')}: "
            f"“{html.escape(text[:60])}{'…' if len(text) > 60 else ''}”. It goes out at "
            "Telegram's pace, through restarts and outages."
        )


def _user_id(arg: str) -> int | None:
    word = arg.strip().split()[0] if arg.strip() else ""
    return int(word) if word.lstrip("-").isdigit() and len(word) < 20 else None
