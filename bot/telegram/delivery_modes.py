"""How and when a user gets their jobs: /timezone, /digest, /quiet, /settings (with buttons),
/pause and /resume. Each change re-times what the user already holds, so a switch loses
nothing: to instant, what waited for a digest comes now as one summary (the sender's next look,
within seconds)."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from bot.models import Button, OutgoingMessage
from bot.policy import (
    DAYS,
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
from bot.store.held import RESUME_KEEP
from bot.telegram import presses
from bot.telegram.args import echo, parse_id
from bot.telegram.commands import Command, Route
from bot.transport import Incoming, Press, PressAnswer, Reply

COMMANDS: tuple[Command, ...] = (
    Command(
        "settings", "", "How and when you get jobs",
        "Shows your delivery settings with buttons to switch: instant, daily or weekly digest, "
        "quiet hours, and the most instant messages an hour (the rest come in one summary). "
        "/settings cap 10 sets that number (1–100).", "Delivery",
    ),
    Command(
        "digest", "off | daily HH:MM | weekly <day> HH:MM", "Get jobs in a digest",
        "/digest daily 08:00 — one message a day at 08:00 your time, jobs grouped by alert; "
        "/digest weekly fri 17:30 — once a week; /digest off — each job as it arrives "
        "(what waited comes at once, in one summary).", "Delivery",
    ),
    Command(
        "quiet", "HH:MM-HH:MM | off", "Quiet hours",
        "/quiet 22:00-07:00 — nothing is pushed in that window; at its end, one summary of what "
        "was held. A digest due inside it comes at its end. /quiet off ends them.", "Delivery",
    ),
    Command(
        "timezone", "<zone | city | +02:00>", "Your time zone",
        "/timezone Europe/Berlin, /timezone Lisbon or /timezone +02:00 — digests and quiet "
        "hours follow your local time, summer time included. Default UTC.", "Delivery",
    ),
    Command(
        "pause", "[id]", "Pause notifications",
        "/pause — nothing is pushed until /resume, but your alerts keep matching; /pause 3 — "
        "pauses alert #3 only. Resuming sends one summary of what matched meanwhile (7 days).",
        "Delivery",
    ),
    Command(
        "resume", "[id]", "Resume notifications",
        "/resume — notifications on again, with one summary of what matched while paused (the "
        "last 7 days); /resume 3 — the same for alert #3.", "Delivery",
    ),
)  # fmt: skip
CAPS = (5, 10, 20, 50)  # the hourly caps /settings offers as buttons
MAX_CAP = 100
PREFIX = "st"  # press data: "st:instant", "st:daily", "st:weekly", "st:quiet", "st:cap:20"
DEFAULT_QUIET = (22 * 60, 7 * 60)
esc = html.escape


def local_time(when: datetime, tz: str) -> str:
    """'Sun 29 Mar 08:00' in the zone."""
    t = when.astimezone(zone(tz))
    return f"{t:%a} {t.day} {t:%b %H:%M}"


class DeliveryModes:
    """The delivery commands and /settings' buttons. Each runs on a worker thread (dbworker)."""

    def __init__(self, clock: Callable[[], datetime]):
        self.clock = clock

    def routes(self) -> dict[str, Route]:
        return {c.name: getattr(self, f"cmd_{c.name}") for c in COMMANDS}

    def presses(self) -> dict[str, presses.PressRoute]:
        return {PREFIX: self.press_settings}

    def _user(self, store: Stores, chat_id: int) -> None:
        user = store.users.user(chat_id)
        if user is None or user.state in ("stopped", "blocked"):
            store.users.subscribe(chat_id, self.clock())

    def _apply(self, store: Stores, chat_id: int, settings: DeliverySettings) -> int:
        """Save the settings; what the user holds for a time goes at the new time (now, for
        instant outside quiet hours). Returns how many held jobs were re-timed."""
        now = self.clock()
        with store.db.transaction():
            store.users.set_settings(chat_id, settings, now)
            return store.held.retime_held(chat_id, release_at(settings, now) or now)

    def _when(self, settings: DeliverySettings) -> str:
        """When held jobs go next under these settings, in words."""
        until = release_at(settings, self.clock())
        if until is None:
            return "Jobs come as they arrive."
        return f"Next summary: {local_time(until, settings.timezone)} ({esc(settings.timezone)})."

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
            return f"I can't use that time zone: {esc(str(exc))}."
        self._user(store, msg.chat_id)
        settings = replace(store.users.settings(msg.chat_id), timezone=tz)
        self._apply(store, msg.chat_id, settings)
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
            return f"I can't use that: {esc(str(exc))}."
        self._user(store, msg.chat_id)
        current = store.users.settings(msg.chat_id)
        if mode == "instant":
            settings = replace(current, mode=mode)
        else:
            settings = replace(current, mode=mode, digest_at=at, digest_day=day)
        moved = self._apply(store, msg.chat_id, settings)
        reply = f"📬 Done: you get {esc(settings.describe())}. {self._when(settings)}"
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
            return f"I can't use that: {esc(str(exc))}."
        self._user(store, msg.chat_id)
        settings = replace(store.users.settings(msg.chat_id), quiet=quiet)
        self._apply(store, msg.chat_id, settings)
        what = (
            f"quiet hours {fmt_minutes(quiet[0])}–{fmt_minutes(quiet[1])}"
            if quiet
            else "no quiet hours"
        )
        return f"🌙 Done: {what} ({esc(settings.timezone)}). {self._when(settings)}"

    def cmd_settings(self, store: Stores, msg: Incoming, arg: str) -> Reply:
        words = arg.lower().split()
        if words and words[0] == "cap":
            return self._set_cap(store, msg.chat_id, words[1:])
        if words:
            return f"/settings takes no “{echo(arg)}”: try /settings, or /settings cap 10."
        self._user(store, msg.chat_id)
        return self.view(store, msg.chat_id)

    def _set_cap(self, store: Stores, chat_id: int, words: list[str]) -> str:
        raw = words[0] if len(words) == 1 else ""
        n = parse_id(raw)
        if n is None or not 1 <= n <= MAX_CAP:
            return (
                f"The cap is a number of messages an hour from 1 to {MAX_CAP}, e.g. "
                "<code>/settings cap 10</code>."
            )
        self._user(store, chat_id)
        store.users.set_hourly_cap(chat_id, n)
        return f"Done: at most {n} instant message{'s' if n != 1 else ''} an hour; the rest come in one summary."

    def view(self, store: Stores, chat_id: int, note: str = "") -> OutgoingMessage:
        """The settings in words, with buttons to switch."""
        s, cap = store.users.settings(chat_id), store.users.hourly_cap(chat_id)
        user = store.users.user(chat_id)
        paused = store.alerts.paused_alert_ids(chat_id)
        held, _ = store.held.held_count(chat_id)
        lines = [
            "⚙️ <b>Your settings</b>",
            f"Delivery: {esc(s.describe())}",
            f"Time zone: {esc(s.timezone)} (now {local_time(self.clock(), s.timezone)})",
            f"Instant messages: at most {cap} an hour; the rest come in one summary.",
        ]
        if user and user.state == "paused":
            lines.append("⏸ Notifications are paused: /resume.")
        if paused:
            ids = ", ".join(f"#{a}" for a in sorted(paused))
            lines.append(f"⏸ Paused alerts: {ids} (/resume &lt;id&gt;).")
        if held:
            lines.append(f"Waiting for a summary: {held} job{'s' if held != 1 else ''}.")
        lines.append("Commands: /digest, /quiet, /timezone, /settings cap &lt;n&gt;.")
        if note:
            lines.append(f"\n{note}")
        mark = lambda on, text: f"✅ {text}" if on else text  # noqa: E731
        rows = (
            tuple(
                Button(mark(s.mode == m, label), data=f"{PREFIX}:{m}")
                for m, label in (("instant", "Instant"), ("daily", "Daily"), ("weekly", "Weekly"))
            ),
            (Button(f"Quiet hours: {'on' if s.quiet else 'off'}", data=f"{PREFIX}:quiet"),),
            tuple(Button(mark(cap == c, f"{c}/h"), data=f"{PREFIX}:cap:{c}") for c in CAPS),
        )
        text = "\n".join(lines)
        plain = html.unescape(text.replace("<b>", "").replace("</b>", ""))
        return OutgoingMessage(text, plain, rows)

    def press_settings(
        self, store: Stores, press: Press, arg: str, now: datetime | None = None
    ) -> PressAnswer:
        """A /settings button: change one setting and show the settings again. Only the
        chat's own settings change, whatever the data says; a private chat's only by its user.
        (`now` is passed by routers that give the time; the clock is the same.)"""
        if (press.chat_id > 0 and press.user_id != press.chat_id) or store.users.user(
            press.chat_id
        ) is None:
            return PressAnswer("This button isn't yours; send /settings.")
        s = store.users.settings(press.chat_id)
        if arg in ("instant", "daily", "weekly"):
            new, toast = (
                replace(s, mode=arg),
                {"instant": "Instant", "daily": "Daily digest", "weekly": "Weekly digest"}[arg],
            )
        elif arg == "quiet":
            new = replace(s, quiet=None if s.quiet else DEFAULT_QUIET)
            toast = (
                "Quiet hours off"
                if s.quiet
                else "Quiet hours on (22:00–07:00; /quiet changes them)"
            )
        elif arg.startswith("cap:") and arg[4:] in {str(c) for c in CAPS}:
            store.users.set_hourly_cap(press.chat_id, int(arg[4:]))
            return PressAnswer(f"At most {arg[4:]} an hour", self.view(store, press.chat_id))
        else:
            return PressAnswer("This button no longer works; send /settings.")
        self._apply(store, press.chat_id, new)
        if new.mode == "weekly" and s.mode != "weekly":
            toast += f" ({DAYS[new.digest_day].title()} {fmt_minutes(new.digest_at)})"
        return PressAnswer(toast, self.view(store, press.chat_id))

    def cmd_pause(self, store: Stores, msg: Incoming, arg: str) -> Reply:
        now = self.clock()
        if arg:
            alert_id = parse_id(arg)
            if alert_id is None:
                return f"“{echo(arg)}” is not an alert id; ids are numbers, see /alerts."
            if alert_id in store.alerts.paused_alert_ids(msg.chat_id):
                return f"Alert #{alert_id} is already paused: /resume {alert_id} turns it on."
            if not store.alerts.set_alert_paused(msg.chat_id, alert_id, now):
                return f"You have no alert #{alert_id}. /alerts lists yours."
            return (
                f"⏸ Alert #{alert_id} paused. It keeps matching; /resume {alert_id} sends one "
                "summary of what it found meanwhile."
            )
        self._user(store, msg.chat_id)
        if not store.users.pause_user(msg.chat_id, now):
            return "You're paused already: /resume turns notifications back on."
        return (
            "⏸ Paused. Your alerts keep matching; /resume sends one summary of what they found "
            f"meanwhile (up to {RESUME_KEEP.days} days)."
        )

    def cmd_resume(self, store: Stores, msg: Incoming, arg: str) -> Reply:
        now = self.clock()
        if arg:
            alert_id = parse_id(arg)
            if alert_id is None:
                return f"“{echo(arg)}” is not an alert id; ids are numbers, see /alerts."
            if not any(a.id == alert_id for a in store.alerts.alerts(msg.chat_id)):
                return f"You have no alert #{alert_id}. /alerts lists yours."
            if alert_id not in store.alerts.paused_alert_ids(msg.chat_id):
                return f"Alert #{alert_id} isn't paused."
            store.alerts.set_alert_paused(msg.chat_id, alert_id, None)
            return f"▶️ Alert #{alert_id} is on again." + self._released(store, msg.chat_id, now)
        user = store.users.user(msg.chat_id)
        if user is not None and user.state == "active":
            return "Notifications are on already." + self._released(store, msg.chat_id, now)
        store.users.subscribe(msg.chat_id, now, msg.username, msg.first_name)
        store.users.pause_user(msg.chat_id, None)
        reply = "▶️ Notifications are on again." + self._released(store, msg.chat_id, now)
        if paused := store.alerts.paused_alert_ids(msg.chat_id):
            reply += "\nStill paused: " + ", ".join(f"#{a}" for a in sorted(paused)) + "."
        return reply

    @staticmethod
    def _released(store: Stores, chat_id: int, now: datetime) -> str:
        released, dropped = store.held.release_resumed(now, chat_id)
        out = ""
        if released:
            out += f"\n{released} job{'s' if released != 1 else ''} matched meanwhile: a summary follows."
        if dropped:
            out += f"\n{dropped} older than {RESUME_KEEP.days} days {'were' if dropped != 1 else 'was'} dropped."
        return out
