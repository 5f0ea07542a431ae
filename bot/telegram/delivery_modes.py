"""How a user gets their jobs: /digest, /quiet and /timezone, and the steps every delivery
setting shares (save and re-time, the next summary in words). Each change re-times what the
user already holds, so a switch loses nothing: to instant, what waited for a digest comes now as
one summary (the sender's next look, within seconds). /settings is in settings_menu.py, /pause
and /resume in pausing.py."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from bot.policy import (
    DeliverySettings,
    PolicyError,
    fmt_minutes,
    parse_digest,
    parse_quiet,
    parse_timezone,
    release_at,
    zone,
)
from bot.store import Stores
from bot.telegram.commands import Command, Route
from bot.transport import Incoming, Reply

COMMANDS: tuple[Command, ...] = (
    Command(
        "digest", "off | daily HH:MM | weekly <day> HH:MM", "Get jobs in a digest",
        "/digest daily 08:00 — one message a day at 08:00 your time, jobs grouped by alert; "
        "/digest weekly fri 17:30 — once a week; /digest off — each job as it arrives "
        "(what waited comes at once, in one summary). Times may also be written 8, 8:30, "
        "8am or 5:30pm.", "Delivery",
    ),
    Command(
        "quiet", "HH:MM-HH:MM | off", "Quiet hours",
        "/quiet 22:00-07:00 — nothing is pushed in that window; at its end, one summary of what "
        "was held (also /quiet 22-7 or /quiet 10pm-7am). A digest due inside it comes at its "
        "end. /quiet off ends them.", "Delivery",
    ),
    Command(
        "timezone", "<zone | city | +02:00>", "Your time zone",
        "/timezone Europe/Berlin, /timezone Lisbon or /timezone +02:00 — digests and quiet "
        "hours follow your local time, summer time included. Default UTC. A city may be "
        "typed without accents (krakow); a mistyped name gets the nearest one offered.",
        "Delivery",
    ),
)  # fmt: skip
esc = html.escape


def local_time(when: datetime, tz: str) -> str:
    """'Sun 29 Mar 08:00' in the zone."""
    t = when.astimezone(zone(tz))
    return f"{t:%a} {t.day} {t:%b %H:%M}"


def ensure_user(store: Stores, chat_id: int, now: datetime) -> None:
    """A chat that changes a setting is subscribed (again, after /stop or a block)."""
    user = store.users.user(chat_id)
    if user is None or user.state in ("stopped", "blocked"):
        store.users.subscribe(chat_id, now)


def apply_settings(store: Stores, chat_id: int, settings: DeliverySettings, now: datetime) -> int:
    """Save the settings; what the user holds for a time goes at the new time (now, for
    instant outside quiet hours). Returns how many held jobs were re-timed."""
    with store.db.transaction():
        store.users.set_settings(chat_id, settings, now)
        return store.held.retime_held(chat_id, release_at(settings, now) or now)


def next_summary(settings: DeliverySettings, now: datetime) -> str:
    """When held jobs go next under these settings, in words."""
    until = release_at(settings, now)
    if until is not None:
        return f"Next summary: {local_time(until, settings.timezone)} ({esc(settings.timezone)})."
    if settings.quiet:
        start, end = map(fmt_minutes, settings.quiet)
        return (
            f"Jobs come as they arrive now; those found {start}–{end} come in one summary at {end}."
        )
    return "Jobs come as they arrive."


def refused(what: str, exc: PolicyError) -> str:
    """The reply to a setting that cannot be used: `what` it was ("that"), and why."""
    why = str(exc)
    return f"I can't use {what}: {esc(why)}{'' if why.endswith(('.', '?')) else '.'}"


class DeliveryModes:
    """/digest, /quiet and /timezone. Each runs on a worker thread (dbworker)."""

    def __init__(self, clock: Callable[[], datetime]):
        self.clock = clock

    def routes(self) -> dict[str, Route]:
        return {c.name: getattr(self, f"cmd_{c.name}") for c in COMMANDS}

    def _save(self, store: Stores, chat_id: int, settings: DeliverySettings) -> int:
        return apply_settings(store, chat_id, settings, self.clock())

    def cmd_timezone(self, store: Stores, msg: Incoming, arg: str) -> Reply:
        settings = store.users.settings(msg.chat_id)
        if not arg:
            now = local_time(self.clock(), settings.timezone)
            return (
                f"Your time zone is <b>{esc(settings.timezone)}</b> (now {now}). Change it: "
                "<code>/timezone Europe/Berlin</code>, a city, or <code>/timezone +02:00</code>."
            )
        try:
            tz = parse_timezone(arg)
        except PolicyError as exc:
            return refused("that time zone", exc)
        ensure_user(store, msg.chat_id, self.clock())
        settings = replace(store.users.settings(msg.chat_id), timezone=tz)
        self._save(store, msg.chat_id, settings)
        now = local_time(self.clock(), tz)
        return f"🕒 Your time zone is now <b>{esc(tz)}</b>: it's {now} there."

    def cmd_digest(self, store: Stores, msg: Incoming, arg: str) -> Reply:
        settings = store.users.settings(msg.chat_id)
        if not arg:
            return (
                f"You get {esc(settings.describe())}. Change it: <code>/digest daily 08:00</code>, "
                "<code>/digest weekly fri 17:30</code> or <code>/digest off</code>."
            )
        try:
            mode, at, day = parse_digest(arg)
        except PolicyError as exc:
            return refused("that", exc)
        ensure_user(store, msg.chat_id, self.clock())
        current = store.users.settings(msg.chat_id)
        if mode == "instant":
            settings = replace(current, mode=mode)
        else:
            settings = replace(current, mode=mode, digest_at=at, digest_day=day)
        moved = self._save(store, msg.chat_id, settings)
        reply = (
            f"📬 Done: you get {esc(settings.describe())}. {next_summary(settings, self.clock())}"
        )
        if mode == "instant" and moved:
            reply += f"\nThe {moved} job{'s' if moved != 1 else ''} held for you come now, in one summary."
        return reply

    def cmd_quiet(self, store: Stores, msg: Incoming, arg: str) -> Reply:
        settings = store.users.settings(msg.chat_id)
        if not arg:
            return (
                f"You get {esc(settings.describe())}. Set quiet hours: "
                "<code>/quiet 22:00-07:00</code>, or <code>/quiet off</code>."
            )
        try:
            quiet = parse_quiet(arg)
        except PolicyError as exc:
            return refused("that", exc)
        ensure_user(store, msg.chat_id, self.clock())
        settings = replace(store.users.settings(msg.chat_id), quiet=quiet)
        self._save(store, msg.chat_id, settings)
        what = (
            f"quiet hours {fmt_minutes(quiet[0])}–{fmt_minutes(quiet[1])}"
            if quiet
            else "no quiet hours"
        )
        return f"🌙 Done: {what} ({esc(settings.timezone)}). {next_summary(settings, self.clock())}"
