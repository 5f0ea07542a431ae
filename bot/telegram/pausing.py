"""/pause and /resume, for every alert or one: a paused user's or alert's matches are held,
not lost, and resuming sends one summary of what matched meanwhile (up to RESUME_KEEP)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.store import Stores
from bot.store.held import RESUME_KEEP
from bot.telegram.args import echo, parse_id
from bot.telegram.commands import Command, Route
from bot.telegram.delivery_modes import ensure_user
from bot.transport import Incoming, Reply

COMMANDS: tuple[Command, ...] = (
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
NOT_AN_ID = "“{}” is not an alert id; ids are numbers, see /alerts."
NO_SUCH = "You have no alert #{}. /alerts lists yours."


def released(store: Stores, chat_id: int, now: datetime) -> str:
    """Release what was held while paused; says how many go in the summary, how many were
    too old."""
    sent, dropped = store.held.release_resumed(now, chat_id)
    out = ""
    if sent:
        out += f"\n{sent} job{'s' if sent != 1 else ''} matched meanwhile: a summary follows."
    if dropped:
        out += f"\n{dropped} older than {RESUME_KEEP.days} days {'were' if dropped != 1 else 'was'} dropped."
    return out


def still_paused(store: Stores, chat_id: int) -> str:
    """The alerts paused one by one, which /resume alone leaves paused, and how to resume one."""
    paused = sorted(store.alerts.paused_alert_ids(chat_id))
    if not paused:
        return ""
    if len(paused) == 1:
        return f"\nAlert #{paused[0]} is still paused: /resume {paused[0]} turns it on."
    ids = ", ".join(f"#{a}" for a in paused)
    return f"\nStill paused: {ids}. /resume &lt;id&gt; turns one on."


class PauseCommands:
    """/pause and /resume. Each runs on a worker thread (dbworker)."""

    def __init__(self, clock: Callable[[], datetime]):
        self.clock = clock

    def routes(self) -> dict[str, Route]:
        return {"pause": self.cmd_pause, "resume": self.cmd_resume}

    def cmd_pause(self, store: Stores, msg: Incoming, arg: str) -> Reply:
        now = self.clock()
        if arg:
            return self._pause_alert(store, msg.chat_id, arg, now)
        ensure_user(store, msg.chat_id, now)
        if not store.users.pause_user(msg.chat_id, now):
            return "You're paused already: /resume turns notifications back on."
        return (
            "⏸ Paused. Your alerts keep matching; /resume sends one summary of what they found "
            f"meanwhile (up to {RESUME_KEEP.days} days)."
        )

    @staticmethod
    def _pause_alert(store: Stores, chat_id: int, arg: str, now: datetime) -> Reply:
        alert_id = parse_id(arg)
        if alert_id is None:
            return NOT_AN_ID.format(echo(arg))
        if alert_id in store.alerts.paused_alert_ids(chat_id):
            return f"Alert #{alert_id} is already paused: /resume {alert_id} turns it on."
        if not store.alerts.set_alert_paused(chat_id, alert_id, now):
            return NO_SUCH.format(alert_id)
        return (
            f"⏸ Alert #{alert_id} paused. It keeps matching; /resume {alert_id} sends one "
            "summary of what it found meanwhile."
        )

    def cmd_resume(self, store: Stores, msg: Incoming, arg: str) -> Reply:
        now = self.clock()
        if arg:
            return self._resume_alert(store, msg.chat_id, arg, now)
        user = store.users.user(msg.chat_id)
        if user is not None and user.state == "active":
            reply = "Notifications are on already." + released(store, msg.chat_id, now)
            return reply + still_paused(store, msg.chat_id)
        store.users.subscribe(msg.chat_id, now, msg.username, msg.first_name)
        store.users.pause_user(msg.chat_id, None)
        reply = "▶️ Notifications are on again." + released(store, msg.chat_id, now)
        return reply + still_paused(store, msg.chat_id)

    @staticmethod
    def _resume_alert(store: Stores, chat_id: int, arg: str, now: datetime) -> Reply:
        alert_id = parse_id(arg)
        if alert_id is None:
            return NOT_AN_ID.format(echo(arg))
        if not any(a.id == alert_id for a in store.alerts.alerts(chat_id)):
            return NO_SUCH.format(alert_id)
        if alert_id not in store.alerts.paused_alert_ids(chat_id):
            return f"Alert #{alert_id} isn't paused."
        store.alerts.set_alert_paused(chat_id, alert_id, None)
        return f"▶️ Alert #{alert_id} is on again." + released(store, chat_id, now)
