"""The admins' invite codes: /invite makes one (its uses and expiry read as /pause reads a
time: "1w", "2 weeks", "30d", "until dec 24", in the admin's /timezone), /invites lists the live ones with who joined with each,
/revoke ends one. `invite_code` finds a code however a friend sends it: the link opened
(`/start <code>`), the link pasted after /start or alone, or the bare code."""

from __future__ import annotations

import html
import logging
import re
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.config import AccessConfig
from bot.config_values import format_duration, parse_duration
from bot.pausetime import parse_pause
from bot.policy import PolicyError, zone
from bot.store import Stores
from bot.store.users import User
from bot.telegram.args import echo
from bot.telegram.commands import Command
from bot.telegram.dbworker import StoreWorker
from bot.wording import plural

log = logging.getLogger(__name__)
INVITE_MENU = (
    Command(
        "invite", "[uses] [expiry]", "Make an invite link",
        "An invite code and its t.me link: one use and 7 days unless you say, e.g. /invite 20 "
        "30d, /invite 3 2 weeks or /invite until dec 24 (times in your /timezone).", "Admin",
    ),
    Command(
        "invites", "", "The live invite links",
        "Each code that still lets someone in: uses left, expiry, and who joined with it.",
        "Admin",
    ),
    Command(
        "revoke", "<code>", "End an invite link",
        "Nobody more gets in with it (its first 4 characters are enough); who joined with it "
        "stays: /ban removes one.", "Admin",
    ),
)  # fmt: skip
INVITE_COMMANDS = tuple(c.name for c in INVITE_MENU)
MAX_USES = 10_000
EXPIRY_HINT = "e.g. 30d, 2 weeks, 1w or until dec 24"
_LINK = re.compile(r"(?:https?://)?t\.me/\w+/?\?start=([\w-]{1,64})", re.IGNORECASE)
_BARE = re.compile(r"[\w-]{12,64}", re.ASCII)  # secrets.token_urlsafe(12): 16 characters
_USES = re.compile(r"(?<!\S)(?:(\d+)\s*(?:uses?|x|×)|[x×](\d+))(?!\S)", re.IGNORECASE)


def invite_code(name: str, arg: str, text: str) -> str | None:
    """The invite code a message from someone not let in yet carries: `/start <code>`, the
    whole link after /start or alone, or the bare code as text; None when none."""
    if name == "start" and arg:
        word = arg.split()[0]
        link = _LINK.search(word)
        return link.group(1) if link else word[:64]
    if name:
        return None
    text = text.strip()
    if link := _LINK.fullmatch(text):
        return link.group(1)
    if not _BARE.fullmatch(text):
        return None
    words = text.isalpha() and (text.islower() or text.isupper() or text.istitle())
    return None if words else text  # "Thankyouuuuuu" is no code; "dILU-NKSiDrlWeUk" is


def named(chat_id: int, user: User | None) -> str:
    """A user as the admin commands name them: "2003 (Carol, @carol)", or the id alone."""
    names = (
        [n for n in (user.first_name, user.username and "@" + user.username) if n] if user else []
    )
    return f"{chat_id} ({html.escape(', '.join(names))})" if names else str(chat_id)


def spelled(seconds: float) -> str:
    """A duration as people say it: "14 days", "1 day", "12 hours"; else "32d23h" (not "791
    hours")."""
    if seconds % 86400 == 0:
        return plural(int(seconds // 86400), "day")
    if seconds % 3600 == 0 and seconds < 2 * 86400:
        return plural(int(seconds // 3600), "hour")
    return format_duration(seconds)


def local_stamp(when: datetime, tz: str) -> str:
    """A time as the admin's replies show it, in their /timezone: "2026-12-24 08:00 CET"."""
    local = when.astimezone(zone(tz))
    return f"{local:%Y-%m-%d %H:%M} {local.tzname() or tz}"


def read_invite(
    arg: str, default: float, now: datetime, tz: str = "UTC"
) -> tuple[int, float] | str:
    """/invite's uses and expiry (seconds), or the reply that says what is wrong. The expiry
    as /pause reads it in the admin's zone `tz` ("1w", "2 weeks", "until dec 24", "until
    friday"); the uses a number alone before or after it ("20 30d", "30d 20") or said so
    ("20 uses", "20x"). A text that is an expiry as a whole is one: "until dec 24" is not 24
    uses."""
    uses, text = _uses(" ".join(arg.split()), now, tz)
    if not 0 < uses <= MAX_USES:
        return f"An invite has 1 to {MAX_USES:,} uses, not {uses:,}."
    if not text:
        return uses, default
    if text.isdigit():
        return f"{text} what? Give the expiry its unit, {EXPIRY_HINT}."
    if (seconds := _expiry(text, now, tz)) is not None:
        return uses, seconds
    return (
        f"I don't understand “{echo(text, 40)}” as an expiry: send <code>/invite [uses] "
        f"[expiry]</code>, {EXPIRY_HINT} (longer than 90 days: in days, e.g. 180d)."
    )


def _uses(text: str, now: datetime, tz: str) -> tuple[int, str]:
    """The uses `text` gives (1 when none) and the rest of it, the expiry's words."""
    if said := _USES.search(text):
        return int(said[1] or said[2]), " ".join(
            (text[: said.start()] + text[said.end() :]).split()
        )
    words = text.split()
    if not words or _expiry(text, now, tz) is not None:
        return 1, text
    splits = [(words[0], words[1:])] if words[0].isdigit() else []
    if len(words) > 1 and words[-1].isdigit():
        splits.append((words[-1], words[:-1]))  # the expiry first: "30d 20"
    for number, rest in splits:  # the one whose rest is an expiry: "2 weeks 3"
        if not rest or _expiry(" ".join(rest), now, tz) is not None:
            return int(number), " ".join(rest)
    return (int(splits[0][0]), " ".join(splits[0][1])) if splits else (1, text)


def _expiry(text: str, now: datetime, tz: str) -> float | None:
    """Seconds from `now` to the expiry `text` says ("30d", "2 weeks", "until dec 24"), or
    None when it says none (or one past, or further than a pause goes)."""
    try:
        return parse_duration(text)
    except ValueError:
        pass
    try:
        return (parse_pause(text, now, tz) - now).total_seconds()
    except PolicyError:
        return None


class InviteCommands:
    """/invite, /invites and /revoke (AccessCommands checks that an admin sent them)."""

    def __init__(
        self,
        config: AccessConfig,
        worker: StoreWorker,
        clock: Callable[[], datetime],
        bot_username: Callable[[], str | None],
    ):
        self.config, self.worker, self.clock = config, worker, clock
        self.bot_username = bot_username

    async def cmd_invite(self, admin: int, arg: str) -> str:
        now = self.clock()
        tz = await self.worker.run(lambda s: s.users.settings(admin).timezone)
        read = read_invite(arg, self.config.invite_expiry, now, tz)
        if isinstance(read, str):
            return read
        uses, expiry = read
        code, until = secrets.token_urlsafe(12), now + timedelta(seconds=expiry)
        invite = await self.worker.run(lambda s: s.access.add_invite(code, admin, now, until, uses))
        log.info(
            "admin %d made invite %s (%s, until %s)", admin, code[:4], plural(uses, "use"), until
        )
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
            f"Invite: {plural(uses, 'use')}, {spelled(expiry)} (until "
            f"{local_stamp(invite.expires_at, tz)}):\n{how}{note}"
        )

    async def cmd_invites(self, admin: int, arg: str) -> str:
        return await self.worker.run(self._invites, admin, self.clock())

    def _invites(self, store: Stores, admin: int, now: datetime) -> str:
        live = store.access.live_invites(now)
        tz = store.users.settings(admin).timezone
        if not live:
            return "No invite lets anyone in now. /invite makes one."
        lines = [f"Live invites ({len(live)}):"]
        for i in live:
            joined = ", ".join(named(u.chat_id, u) for u in store.access.joined_with(i.code))
            lines.append(
                f"• <code>{i.code}</code>: {i.max_uses - i.uses} of {plural(i.max_uses, 'use')} "
                f"left, until {local_stamp(i.expires_at, tz)}. "
                + (f"Joined with it: {joined}." if joined else "Nobody joined with it yet.")
            )
        lines.append("/revoke &lt;code&gt; ends one; /ban &lt;user id&gt; removes someone.")
        return "\n".join(lines)

    async def cmd_revoke(self, admin: int, arg: str) -> str:
        code = invite_code("start", arg, arg) if arg.strip() else None
        if code is None or len(code) < 4:
            return "Which invite? Send <code>/revoke &lt;code&gt;</code> (/invites lists them)."
        return await self.worker.run(self._revoke, admin, code, self.clock())

    def _revoke(self, store: Stores, admin: int, code: str, now: datetime) -> str:
        found = store.access.revoke(code, now)
        if not found:
            return f"No live invite starts with “{echo(code, 20)}”. /invites lists them."
        if len(found) > 1:
            return f"“{echo(code, 20)}” starts {len(found)} invites: send more of it (/invites)."
        log.info("admin %d revoked invite %s", admin, found[0][:4])
        joined = store.access.joined_with(found[0])
        who = ", ".join(named(u.chat_id, u) for u in joined)
        stay = (
            f" {who} joined with it and stay in: /ban &lt;user id&gt; removes one." if who else ""
        )
        return f"Revoked <code>{found[0]}</code>: nobody more gets in with it.{stay}"
