"""/settings: the delivery settings in words, with buttons to switch mode, quiet hours, quiet
weekends and the hourly cap of instant messages; `/settings cap N` sets that cap. A press changes only the
pressing chat's own settings and shows them again."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from bot.models import Button, Keyboard, OutgoingMessage
from bot.policy import DAYS, DeliverySettings, fmt_minutes, weekend_ends
from bot.prefs import MAX_CAP, UserPrefs
from bot.store import Stores
from bot.telegram import pausing, presses
from bot.telegram.args import echo, parse_id
from bot.telegram.commands import Command, Route
from bot.telegram.delivery_modes import apply_settings, local_time, on_default, own_lines
from bot.transport import Incoming, Press, PressAnswer, Reply
from bot.wording import plural

COMMANDS: tuple[Command, ...] = (
    Command(
        "settings", "", "How and when you get jobs",
        "Shows your delivery settings with buttons to switch: instant, a daily, Monday-to-Friday "
        "or weekly digest, quiet hours, quiet weekends, and the most instant messages an hour (the rest come in one summary). "
        f"/settings cap 10 sets that number (1–{MAX_CAP}).", "Delivery",
    ),
)  # fmt: skip
CAPS = (5, 10, 20, 50)  # the hourly caps /settings offers as buttons
PREFIX = "st"  # press data: "st:instant", "st:daily", "st:weekly", "st:quiet", "st:cap:20"…
DEFAULT_QUIET = (22 * 60, 7 * 60)
MODES = {
    "instant": "Instant", "daily": "Daily digest", "weekdays": "Digest Monday to Friday",
    "weekly": "Weekly digest",
}  # fmt: skip
esc = html.escape


def _mark(on: bool, text: str) -> str:
    return f"✅ {text}" if on else text


def _buttons(prefs: UserPrefs) -> Keyboard:
    """Mode, quiet hours and weekends, and cap buttons, the current ones ticked."""
    s, cap = prefs.settings, prefs.hourly_cap
    modes = (
        ("instant", "Instant"),
        ("daily", "Daily"),
        ("weekdays", "Mon–Fri"),
        ("weekly", "Weekly"),
    )
    return (
        tuple(Button(_mark(s.mode == m, label), data=f"{PREFIX}:{m}") for m, label in modes),
        (
            Button(f"Quiet hours: {'on' if s.quiet else 'off'}", data=f"{PREFIX}:quiet"),
            Button(
                f"Quiet weekends: {'on' if s.quiet_weekends else 'off'}", data=f"{PREFIX}:weekends"
            ),
        ),
        tuple(Button(_mark(cap == c, f"{c}/h"), data=f"{PREFIX}:cap:{c}") for c in CAPS),
    )


def _switch(
    s: DeliverySettings, arg: str, kept: tuple[int, int] | None = None
) -> tuple[DeliverySettings, str] | None:
    """The settings a mode or quiet-hours press asks for, and its toast (None: not one).
    Quiet hours turned on are the window `kept` from before, else 22:00–07:00."""
    if arg in MODES:
        new, toast = replace(s, mode=arg), MODES[arg]
    elif arg == "quiet":
        new = replace(s, quiet=None if s.quiet else kept or DEFAULT_QUIET)
        window = "–".join(map(fmt_minutes, new.quiet or ()))
        toast = "Quiet hours off" if s.quiet else f"Quiet hours on ({window}; /quiet changes them)"
    elif arg == "weekends":
        new = replace(s, quiet_weekends=not s.quiet_weekends)
        monday = fmt_minutes(weekend_ends(new))
        toast = (
            f"Quiet weekends: Saturday 00:00 to Monday {monday}"
            if new.quiet_weekends
            else "Quiet weekends off"
        )
    else:
        return None
    if new.mode == "weekly" and s.mode != "weekly":
        toast += f" ({DAYS[new.digest_day].title()} {fmt_minutes(new.digest_at)})"
    return new, toast


class SettingsMenu:
    """/settings and its buttons. Each runs on a worker thread (dbworker)."""

    def __init__(self, clock: Callable[[], datetime]):
        self.clock = clock

    def routes(self) -> dict[str, Route]:
        return {"settings": self.cmd_settings}

    def presses(self) -> dict[str, presses.PressRoute]:
        return {PREFIX: self.press_settings}

    def cmd_settings(self, store: Stores, msg: Incoming, arg: str) -> Reply:
        words = arg.lower().split()
        if words and words[0] == "cap":
            return self._set_cap(store, msg.chat_id, words[1:])
        if words:
            return f"/settings takes no “{echo(arg)}”: try /settings, or /settings cap 10."
        store.users.ensure(msg.chat_id, self.clock())
        return self.view(store, msg.chat_id)

    def _set_cap(self, store: Stores, chat_id: int, words: list[str]) -> str:
        raw = words[0] if len(words) == 1 else ""
        n = parse_id(raw)
        if n is None or not 1 <= n <= MAX_CAP:
            return (
                f"The cap is a number of messages an hour from 1 to {MAX_CAP}, e.g. "
                "<code>/settings cap 10</code>."
            )
        store.users.ensure(chat_id, self.clock())
        store.users.set_hourly_cap(chat_id, n)
        return (
            f"Done: at most {plural(n, 'instant message')} an hour; the rest come in one summary."
        )

    def view(self, store: Stores, chat_id: int) -> OutgoingMessage:
        """The settings in words, with buttons to switch."""
        prefs = store.users.prefs(chat_id)
        text = "\n".join(self._lines(store, chat_id, prefs))
        plain = html.unescape(text.replace("<b>", "").replace("</b>", ""))
        return OutgoingMessage(text, plain, _buttons(prefs))

    def _lines(self, store: Stores, chat_id: int, prefs: UserPrefs) -> list[str]:
        s = prefs.settings
        paused = [a for a in store.alerts.alert_rows(chat_id) if a.paused_at is not None]
        held, _ = store.held.held_count(chat_id)
        lines = [
            "⚙️ <b>Your settings</b>",
            f"Delivery: {esc(s.describe())}",
            f"Time zone: {esc(s.timezone)}{on_default(s)} "
            f"(now {local_time(self.clock(), s.timezone)})",
            f"Instant messages: at most {prefs.hourly_cap} an hour; the rest come in one summary.",
        ]
        if paused_line := pausing.paused_line(store, chat_id):
            lines.append(paused_line)
        if paused:
            ids = ", ".join(
                f"#{a.id}"
                + (f" until {local_time(a.resume_at, s.timezone)}" if a.resume_at else "")
                for a in paused
            )
            lines.append(f"⏸ Paused alerts: {ids} (/resume &lt;id&gt;).")
        if held:
            lines.append(f"Waiting for a summary: {plural(held, 'job')}.")
        lines += own_lines(store, chat_id).strip().splitlines()
        lines.append("Commands: /digest, /quiet, /timezone, /settings cap &lt;n&gt;.")
        return lines

    def press_settings(
        self, store: Stores, press: Press, arg: str, now: datetime | None = None
    ) -> PressAnswer:
        """A /settings button: change one setting and show the settings again. Only the
        chat's own settings change, whatever the data says; a private chat's only by its user.
        (`now` is passed by routers that give the time; the clock is the same.)"""
        foreign = press.chat_id > 0 and press.user_id != press.chat_id
        if foreign or store.users.user(press.chat_id) is None:
            return PressAnswer("This button isn't yours; send /settings.")
        if arg.startswith("cap:") and arg[4:] in {str(c) for c in CAPS}:
            store.users.set_hourly_cap(press.chat_id, int(arg[4:]))
            return PressAnswer(f"At most {arg[4:]} an hour", self.view(store, press.chat_id))
        kept = store.users.kept_quiet(press.chat_id)
        switched = _switch(store.users.settings(press.chat_id), arg, kept)
        if switched is None:
            return PressAnswer("This button no longer works; send /settings.")
        new, toast = switched
        apply_settings(store, press.chat_id, new, self.clock())
        return PressAnswer(toast, self.view(store, press.chat_id))
