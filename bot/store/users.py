"""Users: who is subscribed, their state and preferences (`bot.prefs`: delivery settings, the
hourly cap); every change bumps `alerts_generation` (routing reads who gets what).

A user who never chose a zone (/timezone) follows the operator's default, read at each use
(`own_zone` 0: [users] timezone, kept in `operator_defaults` by each start), so a change of
the config moves them all; /stop puts a user back on it.

Quiet hours turned off keep their window (`quiet_off`), to turn on again as it was
(`kept_quiet`); quiet weekends (`quiet_weekends`, migration 0043) are a setting of their own."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from bot.policy import DeliverySettings
from bot.prefs import DEFAULT_CAP, MAX_CAP, UserPrefs
from bot.store.db import Table
from bot.store.stamps import from_iso, iso

USER_STATES = ("active", "paused", "stopped", "blocked")


@dataclass(frozen=True, slots=True)
class User:
    chat_id: int
    state: str
    username: str | None = None
    first_name: str | None = None
    resume_at: datetime | None = None  # a pause for a time (/pause 2w) ends then


class Users(Table):
    """The users table."""

    def user(self, chat_id: int) -> User | None:
        row = self.db.one(
            "SELECT chat_id, state, username, first_name, resume_at FROM users WHERE chat_id = ?",
            (chat_id,),
        )
        if row is None:
            return None
        resume_at = from_iso(row["resume_at"])
        return User(row["chat_id"], row["state"], row["username"], row["first_name"], resume_at)

    def known_user(self, chat_id: int) -> bool:
        """Whether the chat has a users row: it was let in once (stopped or not)."""
        return self.db.one("SELECT 1 FROM users WHERE chat_id = ?", (chat_id,)) is not None

    def subscribe(
        self,
        chat_id: int,
        now: datetime,
        username: str | None = None,
        first_name: str | None = None,
    ) -> bool:
        """Make the user active (new, paused, stopped or blocked alike); True when new."""
        self.db.alerts_generation += 1
        existed = self.user(chat_id) is not None
        self.db.execute(
            """INSERT INTO users (chat_id, username, first_name, state, created_at, updated_at)
               VALUES (?, ?, ?, 'active', ?, ?)
               ON CONFLICT (chat_id) DO UPDATE SET state = 'active', username = excluded.username,
                   first_name = excluded.first_name, updated_at = excluded.updated_at,
                   paused_at = NULL, resume_at = NULL""",
            (chat_id, username, first_name, iso(now), iso(now)),
        )
        return not existed

    def ensure(
        self,
        chat_id: int,
        now: datetime,
        username: str | None = None,
        first_name: str | None = None,
    ) -> None:
        """A chat that acts (sets an alert or a setting, follows a company) is subscribed:
        when new, or again after /stop or a block. A paused user stays paused."""
        user = self.user(chat_id)
        if user is None or user.state in ("stopped", "blocked"):
            self.subscribe(chat_id, now, username, first_name)

    def unblock(self, chat_id: int, now: datetime) -> str | None:
        """A 'blocked' user (they blocked the bot, or a ban that was lifted) is back as before:
        'paused' when a pause of theirs was on (its time kept), else 'active'; their new state,
        or None when they were not blocked. The caller checks that they are not banned."""
        row = self.db.one("SELECT state, paused_at FROM users WHERE chat_id = ?", (chat_id,))
        if row is None or row["state"] != "blocked":
            return None
        state = "active" if row["paused_at"] is None else "paused"
        self.set_user_state(chat_id, state, now)
        return state

    def latest_users(self, limit: int) -> list[User]:
        """The users who joined last, the newest first."""
        rows = self.db.execute(
            "SELECT chat_id FROM users ORDER BY created_at DESC, chat_id DESC LIMIT ?", (limit,)
        ).fetchall()
        return [u for r in rows if (u := self.user(r["chat_id"])) is not None]

    def set_user_state(self, chat_id: int, state: str, now: datetime) -> None:
        self.db.alerts_generation += 1
        if state not in USER_STATES:
            raise ValueError(f"unknown user state {state!r}")
        self.db.execute(
            "UPDATE users SET state = ?, updated_at = ? WHERE chat_id = ?",
            (state, iso(now), chat_id),
        )

    def pause_user(
        self, chat_id: int, when: datetime | None, until: datetime | None = None
    ) -> bool:
        """Pause the user at `when` (their jobs are then held for the resume), until /resume
        or `until`; or clear the pause time (None; `subscribe` makes them active). False when
        already paused (`until` is then set all the same: a pause for a time is changed)."""
        self.db.alerts_generation += 1
        if when is None:
            self.db.execute(
                "UPDATE users SET paused_at = NULL, resume_at = NULL WHERE chat_id = ?", (chat_id,)
            )
            return True
        cur = self.db.execute(
            """UPDATE users SET state = 'paused', paused_at = ?, updated_at = ?
               WHERE chat_id = ? AND state != 'paused'""",
            (iso(when), iso(when), chat_id),
        )
        self.db.execute(
            "UPDATE users SET resume_at = ? WHERE chat_id = ? AND state = 'paused'",
            (iso(until), chat_id),
        )
        return cur.rowcount == 1

    def resume_due(self, now: datetime) -> list[int]:
        """Users whose pause for a time is over are active again (their held jobs then go in
        one summary: `Held.release_resumed`); their chats. Reads first: the sender calls this
        every few seconds."""
        rows = self.db.execute(
            "SELECT chat_id FROM users WHERE resume_at <= ? AND state = 'paused'", (iso(now),)
        ).fetchall()
        chats = [r["chat_id"] for r in rows]
        if chats:
            self.db.alerts_generation += 1
            self.db.execute(
                f"""UPDATE users SET state = 'active', paused_at = NULL, resume_at = NULL,
                        updated_at = ?
                    WHERE chat_id IN ({",".join("?" * len(chats))}) AND state = 'paused'""",
                (iso(now), *chats),
            )
        return chats

    def forget_user(self, chat_id: int, now: datetime) -> None:
        """/stop: delete the user's alerts, deliveries, hidden jobs, mutes, saved jobs, follows,
        settings and profile; keep only 'stopped'."""
        self.db.alerts_generation += 1
        with self.db.transaction():
            self.db.execute("DELETE FROM deliveries WHERE chat_id = ?", (chat_id,))
            self.db.execute("DELETE FROM alerts WHERE chat_id = ?", (chat_id,))
            for table in ("hidden_jobs", "muted_companies", "saved_jobs", "follows"):
                self.db.execute(f"DELETE FROM {table} WHERE chat_id = ?", (chat_id,))
            self.db.execute(  # followed boards nobody follows any more are retired
                """UPDATE boards SET enabled = 0 WHERE origin = 'follow' AND enabled = 1
                   AND name NOT IN (SELECT board FROM follows)"""
            )
            self.db.execute(
                """UPDATE users SET state = 'stopped', username = NULL, first_name = NULL,
                       timezone = 'UTC', own_zone = 0, delivery_mode = 'instant', digest_at = 480,
                       digest_day = 0, quiet_start = NULL, quiet_end = NULL, quiet_weekends = 0,
                       hourly_cap = ?,
                       paused_at = NULL, resume_at = NULL, updated_at = ? WHERE chat_id = ?""",
                (DEFAULT_CAP, iso(now), chat_id),
            )

    def migrate_chat(self, old: int, new: int, now: datetime) -> None:
        """A group became a supergroup: carry its user row, alerts, outbox and notices to the
        new id."""
        self.db.alerts_generation += 1
        with self.db.transaction():
            if self.user(new) is None:
                self.db.execute(
                    "UPDATE users SET chat_id = ?, updated_at = ? WHERE chat_id = ?",
                    (new, iso(now), old),
                )
                self.db.execute(  # no foreign key carries these (see `bot.store.notices`)
                    "UPDATE OR IGNORE notice_deliveries SET chat_id = ? WHERE chat_id = ?",
                    (new, old),
                )

    def prefs(self, chat_id: int) -> UserPrefs:
        """The user's preferences whole (the defaults for a chat with no row)."""
        row = self.db.one(
            f"""SELECT {_READ}, min(hourly_cap, ?) AS hourly_cap FROM users
                WHERE chat_id = ?""",
            (MAX_CAP, chat_id),
        )
        if row is None:
            return UserPrefs(DeliverySettings(self.default_timezone()))
        return UserPrefs(_settings(row), int(row["hourly_cap"]))

    def set_prefs(self, chat_id: int, prefs: UserPrefs, now: datetime) -> None:
        """Replace the user's preferences whole (/import)."""
        self.db.execute(
            f"UPDATE users SET {_SET_SETTINGS}, hourly_cap = ?, updated_at = ? WHERE chat_id = ?",
            (*self._values(prefs.settings), prefs.hourly_cap, iso(now), chat_id),
        )

    def settings(self, chat_id: int) -> DeliverySettings:
        row = self.db.one(f"SELECT {_READ} FROM users WHERE chat_id = ?", (chat_id,))
        return DeliverySettings(self.default_timezone()) if row is None else _settings(row)

    def set_settings(self, chat_id: int, settings: DeliverySettings, now: datetime) -> None:
        """Save the settings; quiet hours turned off keep their window (`kept_quiet`)."""
        values = self._values(settings)
        if settings.quiet is None and (kept := self.kept_quiet(chat_id)):
            values = (*values[:-3], *kept, 1)
        self.db.execute(
            f"UPDATE users SET {_SET_SETTINGS}, updated_at = ? WHERE chat_id = ?",
            (*values, iso(now), chat_id),
        )

    def kept_quiet(self, chat_id: int) -> tuple[int, int] | None:
        """The user's quiet hours, on or last turned off (None: never set)."""
        row = self.db.one("SELECT quiet_start, quiet_end FROM users WHERE chat_id = ?", (chat_id,))
        if row is None or row["quiet_start"] is None or row["quiet_end"] is None:
            return None
        return row["quiet_start"], row["quiet_end"]

    def _values(self, settings: DeliverySettings) -> tuple[object, ...]:
        return _settings_values(settings, self.default_timezone())

    def default_timezone(self) -> str:
        """The zone of the users who never chose one: [users] timezone, as the last start set it."""
        row = self.db.one(f"SELECT {_DEFAULT_ZONE} AS zone")
        return str(row["zone"]) if row else "UTC"

    def set_default_timezone(self, zone: str) -> str | None:
        """At each start: [users] timezone. The default before, when this changed it (each user
        who never chose a zone moves with it); None when it is the same."""
        was = self.default_timezone()
        self.db.execute(
            """INSERT INTO operator_defaults (name, value) VALUES ('timezone', ?)
               ON CONFLICT (name) DO UPDATE SET value = excluded.value""",
            (zone,),
        )
        return was if was != zone else None

    def holding_on_default(self) -> list[int]:
        """The chats on the default zone that hold jobs for a time (a digest, quiet hours):
        when the default changes, those go at the times the new one says (`holding.retime`)."""
        rows = self.db.execute(
            """SELECT DISTINCT d.chat_id FROM deliveries d JOIN users u ON u.chat_id = d.chat_id
               WHERE u.own_zone = 0 AND d.state = 'pending' AND d.held_until IS NOT NULL"""
        ).fetchall()
        return [r["chat_id"] for r in rows]

    def hourly_cap(self, chat_id: int) -> int:
        """The cap alone, as each instant delivery reads it: one column, never over `MAX_CAP`
        (a cap /import stored before it was bounded reads as the most)."""
        row = self.db.one(
            "SELECT min(hourly_cap, ?) AS cap FROM users WHERE chat_id = ?", (MAX_CAP, chat_id)
        )
        return int(row["cap"]) if row else DEFAULT_CAP

    def set_hourly_cap(self, chat_id: int, cap: int) -> None:
        self.db.execute("UPDATE users SET hourly_cap = ? WHERE chat_id = ?", (cap, chat_id))


_SETTINGS = (  # the quiet hours' three last: `set_settings` keeps a window turned off
    "timezone, own_zone, delivery_mode, digest_at, digest_day, quiet_weekends, quiet_start, "
    "quiet_end, quiet_off"
)
_SET_SETTINGS = ", ".join(f"{column} = ?" for column in _SETTINGS.split(", "))
_DEFAULT_ZONE = "coalesce((SELECT value FROM operator_defaults WHERE name = 'timezone'), 'UTC')"
_READ = f"{_SETTINGS}, {_DEFAULT_ZONE} AS default_zone"  # the settings, and the zone in effect


def _settings(row: sqlite3.Row) -> DeliverySettings:
    """The delivery settings of a users row read with `_READ`: its zone, or the default."""
    start, end = row["quiet_start"], row["quiet_end"]
    quiet = (start, end) if start is not None and end is not None and not row["quiet_off"] else None
    own = bool(row["own_zone"])
    zone = row["timezone"] if own else row["default_zone"]
    mode, at, day = row["delivery_mode"], row["digest_at"], row["digest_day"]
    weekends = bool(row["quiet_weekends"])
    return DeliverySettings(zone, mode, at, day, quiet, weekends, own_zone=own)


def _settings_values(s: DeliverySettings, default_zone: str) -> tuple[object, ...]:
    """The `_SETTINGS` columns' values for `s`, in their order. Its zone is the user's own when
    they chose it, or when it is not the default (/import of another zone)."""
    own = s.own_zone or s.timezone != default_zone
    quiet = (int(s.quiet_weekends), *(s.quiet or (None, None)), 0)
    return (s.timezone, int(own), s.mode, s.digest_at, s.digest_day, *quiet)
