"""How a user gets their jobs: /digest (theirs, or one alert's: /digest 3 daily), /quiet (hours
and weekends) and /timezone, and the steps every delivery setting shares (save and re-time, the
next summary in words). Each change re-times what the user already holds, so a switch loses nothing: to
instant, what waited for a digest comes now as one summary (the sender's next look, within
seconds). /settings is in settings_menu.py, /pause and /resume in pausing.py."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

from bot.holding import DeliveryStores, retime
from bot.pausetime import parse_quiet, parse_weekends
from bot.policy import (
    DeliverySettings,
    PolicyError,
    fmt_minutes,
    for_alert,
    parse_digest,
    release_at,
    weekend_ends,
    zone,
)
from bot.store import AlertRow, Stores
from bot.telegram.args import leading_ids, no_such_alert, parse_id
from bot.telegram.commands import Command, Route
from bot.timezones import parse_timezone
from bot.transport import Incoming, Reply
from bot.wording import shorten

COMMANDS: tuple[Command, ...] = (
    Command(
        "digest", "[alert id] off | daily HH:MM | weekdays HH:MM | weekly <day> HH:MM",
        "Get jobs in a digest",
        "/digest daily 08:00 — one message a day at 08:00 your time, jobs grouped by alert; "
        "/digest weekdays 8am — Monday to Friday (the weekend's jobs come on Monday; also "
        "mon-fri); /digest weekly fri 17:30 — once a week; /digest off — each job as it arrives "
        "(what waited comes at once, in one summary). Times may also be written 8, 8:30, "
        "8am or 5:30pm, and a digest as said: every day at 9am, mondays at 9. One alert its own way: /digest 3 daily (alert #3 in a daily digest, "
        "the others as they are), /digest 3 off (alert #3's jobs as they arrive, even in a "
        "digest), /digest 3 default (as your /digest says). A job that several alerts "
        "match comes at the earliest time one of them asks.", "Delivery",
    ),
    Command(
        "quiet", "HH:MM-HH:MM | weekends | off", "Quiet hours",
        "/quiet 22:00-07:00 — nothing is pushed in that window; at its end, one summary of what "
        "was held (also /quiet 22-7, /quiet 10pm-7am or /quiet from 10pm to 7am). A digest due inside it comes at its "
        "end. /quiet off ends them. /quiet weekends — nothing from Saturday 00:00 until Monday "
        "morning, then one summary (at the end of your quiet hours, else 08:00); "
        "/quiet weekends off.", "Delivery",
    ),
    Command(
        "timezone", "<zone | city | +02:00>", "Your time zone",
        "/timezone Europe/Berlin, /timezone Lisbon, /timezone +02:00, /timezone PST or "
        "/timezone India — digests and quiet hours follow your local time, summer time "
        "included. Until you set one, the bot's default (UTC unless its operator chose another). "
        "A city may be typed without accents (krakow); a mistyped name "
        "gets the nearest one offered; a country of several zones, its cities to choose from.",
        "Delivery",
    ),
)  # fmt: skip
esc = html.escape


def local_time(when: datetime, tz: str) -> str:
    """'Sun 29 Mar 08:00' in the zone."""
    t = when.astimezone(zone(tz))
    return f"{t:%a} {t.day} {t:%b %H:%M}"


def on_default(settings: DeliverySettings) -> str:
    """After the zone in effect: ", this bot's default" until the user chooses one."""
    return "" if settings.own_zone else ", this bot's default"


def apply_settings(store: Stores, chat_id: int, settings: DeliverySettings, now: datetime) -> int:
    """Save the settings; what the user holds for a time goes at the new time (now, for
    instant outside quiet hours). Returns how many held jobs are due now."""
    with store.db.transaction():
        store.users.set_settings(chat_id, settings, now)
        return retime(store.view(DeliveryStores), chat_id, now)


def next_summary(
    settings: DeliverySettings, now: datetime, others: Sequence[tuple[int, str]] = ()
) -> str:
    """When held jobs go next under these settings, in words. `others`: the alerts that go
    another way than the user's (`other_ways`), each with its way in words."""
    until = release_at(settings, now)
    window = ""
    if settings.quiet:
        start, end = map(fmt_minutes, settings.quiet)
        window = f"; those found {start}–{end} come in one summary at {end}"
    if settings.quiet_weekends:  # (all of Saturday and Sunday)
        monday = fmt_minutes(weekend_ends(settings))
        window += f"; those found at the weekend come in one summary on Monday at {monday}"
    ids = " and ".join(f"#{i}" for i, _ in others)
    if until is not None:
        said = f"Next summary: {local_time(until, settings.timezone)} ({esc(settings.timezone)})."
        if others and settings.mode != "instant":  # a digest, but alerts of their own instant
            said += f" Alert {ids}: each job as it arrives{window}."
        elif others:
            said += "".join(f" Alert #{i}: {how}." for i, how in others)
        return said
    but = "".join(f", except alert #{i}'s ({how})" for i, how in others)
    return f"Jobs come as they arrive{' now' if window else ''}{but}{window}."


def other_ways(store: Stores, chat_id: int, settings: DeliverySettings) -> list[tuple[int, str]]:
    """The alerts on whose own delivery is a digest when the user's is instant, or instant when
    the user's is a digest: (id, their way in words)."""
    out = []
    for a in store.alerts.alert_rows(chat_id):
        own = for_alert(settings, a.delivery)
        if a.paused_at is None and (own.mode == "instant") != (settings.mode == "instant"):
            out.append((a.id, own.how()))
    return out


def refused(what: str, exc: PolicyError) -> str:
    """The reply to a setting that cannot be used: `what` it was ("that"), and why."""
    why = str(exc)
    return f"I can't use {what}: {esc(why)}{'' if why.endswith(('.', '?')) else '.'}"


def _come_now(count: int, which: str) -> str:
    several = f"The {count} jobs {which} come now, in one summary."
    return f"The job {which} comes now." if count == 1 else several


def _named(alert: AlertRow) -> str:
    return f"Alert #{alert.id} “{esc(shorten(alert.query, 60))}”"


def _how(user: DeliverySettings, spec: str | None) -> str:
    """How an alert's jobs come, in words."""
    if spec is None:
        return f"as your /digest says: {user.how()}"
    own = for_alert(user, spec)
    if own.mode == "instant":
        return "its own way: each job as it arrives, whatever your /digest says"
    return f"its own way: {own.how()} ({esc(own.timezone)})"


def own_lines(store: Stores, chat_id: int) -> str:
    """The alerts with a delivery of their own, one line each ("" when none has)."""
    user = store.users.settings(chat_id)
    own = [a for a in store.alerts.alert_rows(chat_id) if a.delivery is not None]
    lines = "".join(f"\n• {_named(a)}: {for_alert(user, a.delivery).how()}" for a in own)
    return f"\nAlerts with their own delivery:{lines}" if own else ""


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
                f"Your time zone is <b>{esc(settings.timezone)}</b>{on_default(settings)} "
                f"(now {now}). Change it: "
                "<code>/timezone Europe/Berlin</code>, a city, or <code>/timezone +02:00</code>."
            )
        try:
            tz = parse_timezone(arg)
        except PolicyError as exc:
            return refused("that time zone", exc)
        store.users.ensure(msg.chat_id, self.clock())
        settings = replace(store.users.settings(msg.chat_id), timezone=tz, own_zone=True)
        self._save(store, msg.chat_id, settings)
        now = local_time(self.clock(), tz)
        fixed = "\nA fixed offset stays the same all year, through summer time: a city's zone "
        fixed += "(<code>/timezone Berlin</code>) follows its clock."
        return f"🕒 Your time zone is now <b>{esc(tz)}</b>: it's {now} there.{fixed if tz[:1] in '+-' else ''}"

    def cmd_digest(self, store: Stores, msg: Incoming, arg: str) -> Reply:
        first, _, rest = arg.partition(" ")
        several = leading_ids(arg, bool)
        if several is not None and several[1]:
            return self._alerts_digest(store, msg.chat_id, *several)
        if (alert_id := parse_id(first)) is not None:
            return self._alert_digest(store, msg.chat_id, alert_id, rest.strip())
        settings = store.users.settings(msg.chat_id)
        if not arg:
            alerts = store.alerts.alerts(msg.chat_id)
            one = f"; one alert: <code>/digest {alerts[0].id} daily</code>" if alerts else ""
            return (
                f"You get {esc(settings.describe())}. Change it: "
                "<code>/digest daily 08:00</code>, <code>/digest weekdays 8am</code>, "
                "<code>/digest weekly fri 17:30</code> or "
                f"<code>/digest off</code>{one}." + own_lines(store, msg.chat_id)
            )
        try:
            mode, at, day = parse_digest(arg, settings)
        except PolicyError as exc:
            return refused("that", exc)
        store.users.ensure(msg.chat_id, self.clock())
        current = store.users.settings(msg.chat_id)
        if mode == "instant":
            settings = replace(current, mode=mode)
        else:
            settings = replace(current, mode=mode, digest_at=at, digest_day=day)
        moved = self._save(store, msg.chat_id, settings)
        reply = (
            f"📬 Done: you get {esc(settings.describe())}. {next_summary(settings, self.clock())}".removesuffix(
                " Jobs come as they arrive."
            )  # ("each job as it arrives": said)
            + own_lines(store, msg.chat_id)
        )
        if moved:
            reply += f"\n{_come_now(moved, 'held for you')}"
        return reply

    def _alerts_digest(self, store: Stores, chat_id: int, ids: list[int], arg: str) -> Reply:
        """/digest 1 2 daily: each alert as /digest 1 daily sets one; none when an id names
        none of the user's alerts, or the delivery cannot be read."""
        rows = store.alerts.alert_rows(chat_id)
        if missing := [i for i in ids if i not in {a.id for a in rows}]:
            return no_such_alert(missing[0], rows)
        first = self._alert_digest(store, chat_id, ids[0], arg)
        if not first.startswith("📬 Done"):
            return first  # refused: the rest would be too
        return "\n".join([first, *(self._alert_digest(store, chat_id, i, arg) for i in ids[1:])])

    def _alert_digest(self, store: Stores, chat_id: int, alert_id: int, arg: str) -> str:
        """/digest 3 daily: one alert's own delivery; /digest 3 default: the user's again."""
        rows = store.alerts.alert_rows(chat_id)
        alert = next((a for a in rows if a.id == alert_id), None)
        if alert is None:
            hour = f" A daily digest at that hour: <code>/digest daily {alert_id:02d}:00</code>."
            return no_such_alert(alert_id, rows) + (hour if not arg and alert_id < 24 else "")
        user = store.users.settings(chat_id)
        if not arg:
            return (
                f"{_named(alert)} comes {_how(user, alert.delivery)}. Give it its own: "
                f"<code>/digest {alert_id} daily</code>, <code>/digest {alert_id} weekly fri "
                f"17:30</code> or <code>/digest {alert_id} off</code> (each job as it arrives); "
                f"<code>/digest {alert_id} default</code>: as your /digest says."
            )
        spec: str | None = None
        if arg.lower() not in ("default", "reset", "same"):
            try:
                mode, at, day = parse_digest(arg, user)
            except PolicyError as exc:
                return refused("that", exc)
            spec = replace(user, mode=mode, digest_at=at, digest_day=day).spec()
        now = self.clock()
        with store.db.transaction():
            store.alerts.set_alert_delivery(chat_id, alert_id, spec)
            moved = retime(store.view(DeliveryStores), chat_id, now)
        reply = f"📬 Done: {_named(alert)} comes {_how(user, spec)}."
        if spec is not None and (until := release_at(for_alert(user, spec), now)):
            reply += f" Next: {local_time(until, user.timezone)}."
        if moved:
            reply += f"\n{_come_now(moved, 'it held')}"
        return reply

    def cmd_quiet(self, store: Stores, msg: Incoming, arg: str) -> Reply:
        """/quiet 22-7 and /quiet off (each night); /quiet weekends, /quiet weekends off."""
        settings = store.users.settings(msg.chat_id)
        if not arg:
            how = "<code>/quiet 22:00-07:00</code>, <code>/quiet weekends</code>"
            return f"You get {esc(settings.describe())}. Set quiet hours: {how}, or <code>/quiet off</code>."
        try:
            weekends = parse_weekends(arg)
            quiet = parse_quiet(arg) if weekends is None else None
        except PolicyError as exc:
            return refused("that", exc)
        store.users.ensure(msg.chat_id, self.clock())
        settings = store.users.settings(msg.chat_id)
        tz = esc(settings.timezone)
        if weekends is None:
            was, settings = settings.quiet, replace(settings, quiet=quiet)
            what = f"quiet hours {'–'.join(map(fmt_minutes, quiet))} ({tz})" if quiet else ""
            if quiet and was and was != quiet:  # one window is kept: say which one went
                what += f", in place of {'–'.join(map(fmt_minutes, was))} (one window is kept)"
        else:
            settings = replace(settings, quiet_weekends=weekends)
            monday = fmt_minutes(weekend_ends(settings))
            what = f"quiet weekends, Saturday 00:00 to Monday {monday} ({tz})" if weekends else ""
        self._save(store, msg.chat_id, settings)
        what = what or f"no quiet {'hours' if weekends is None else 'weekends'}"
        others = other_ways(store, msg.chat_id, settings)
        said = f"🌙 Done: {what}. {next_summary(settings, self.clock(), others)}"
        if (settings.quiet or settings.quiet_weekends) and not settings.own_zone:  # the default
            said += " Not your clock? <code>/timezone Berlin</code> (a city or a zone) sets yours."
        return said
