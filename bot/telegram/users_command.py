"""The admins' /users: who uses the bot, the newest first, each with their state, alerts and
the jobs sent to them in the last 7 days; `/users <name or id>` finds one. What an admin
reads before /ban, /unban or a word with a friend whose alerts bring nothing. A date is the
asking admin's, in their /timezone."""

from __future__ import annotations

import html
from datetime import datetime, timedelta

from bot.policy import zone
from bot.store import Stores
from bot.store.roster import Headcount, Member
from bot.telegram.args import echo
from bot.telegram.commands import Command
from bot.wording import plural, shorten

USERS_MENU = (
    Command(
        "users", "[name or id]", "Who uses the bot",
        "The newest users first: each one's id, name, state (active, paused, stopped, blocked "
        "the bot, banned), alerts, and jobs sent in the last 7 days; a name or id finds one.",
        "Admin",
    ),
)  # fmt: skip
SHOWN = 20  # lines of at most ~180 characters: the reply stays within one message
WEEK = timedelta(days=7)
_STATES = {"stopped": "stopped (/stop)", "blocked": "blocked the bot"}


def _ago(then: datetime, now: datetime) -> str:
    days = (now - then).days
    if days < 1:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"


def _state(m: Member, tz: str) -> str:
    if m.banned:
        return "⛔ banned"
    if m.state == "paused" and m.resume_at is not None:
        return f"paused until {m.resume_at.astimezone(zone(tz)):%Y-%m-%d}"
    return _STATES.get(m.state, m.state)


def _alerts(m: Member) -> str:
    if m.alerts_paused and m.alerts_paused == m.alerts:
        return f"{plural(m.alerts, 'alert')}, all paused"
    paused = f" ({m.alerts_paused} paused)" if m.alerts_paused else ""
    return f"{plural(m.alerts, 'alert')}{paused}" if m.alerts else "no alert"


def member_line(m: Member, now: datetime, tz: str) -> str:
    """One user: "<code>2003</code> Carol (@carol): active · 3 alerts · 12 jobs in 7 days
    (last today) · joined 4 days ago"; a pause's end dated in the zone `tz`."""
    names = [n for n in (m.first_name, m.username and "@" + m.username) if n]
    who = f" {html.escape(shorten(', '.join(names), 40))}" if names else ""
    sent = f"{plural(m.sent, 'job')} in 7 days"
    if m.last_sent is not None:
        sent += f" (last {_ago(m.last_sent, now)})"
    return (
        f"<code>{m.chat_id}</code>{who}: {_state(m, tz)} · {_alerts(m)} · {sent} · "
        f"joined {_ago(m.joined, now)}"
    )


def headline(count: Headcount) -> str:
    """The head counts: "👥 17 users: 14 active, 2 paused, 1 blocked the bot"."""
    order = ("active", "paused", "stopped", "blocked", "banned")
    parts = [f"{count.states[s]} {_STATES.get(s, s)}" for s in order if count.states.get(s)]
    strangers = count.banned_strangers
    more = f"; {plural(strangers, 'more id')} banned before joining" if strangers else ""
    return f"👥 <b>{plural(count.users, 'user')}</b>: {', '.join(parts) or 'none yet'}{more}"


def users_reply(store: Stores, find: str, now: datetime, admin: int) -> str:
    """/users [name or id] as the admin `admin` reads it (Telegram HTML), in their /timezone."""
    tz = store.users.settings(admin).timezone
    count = store.roster.headcount()
    members = store.roster.members(find, now - WEEK, SHOWN + 1)
    if find.strip() and not members:
        return (
            f"No user has the id or a name with “{echo(find, 40)}”. /users lists the newest "
            f"{SHOWN}."
        )
    lines = [] if find.strip() else [headline(count)]
    lines += [member_line(m, now, tz) for m in members[:SHOWN]]
    if len(members) > SHOWN:
        lines.append(f"… the newest {SHOWN} shown: /users &lt;name or id&gt; finds one.")
    if count.users:
        lines.append("/ban &lt;id&gt; removes one; /unban &lt;id&gt; lets them back.")
    return "\n".join(lines)
