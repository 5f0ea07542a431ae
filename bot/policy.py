"""When a user gets their jobs: instant, a daily or weekly digest, quiet hours, in their zone.

Pure time arithmetic over a user's `Delivery settings`; the sender asks `release_at` for each
held job. Local times follow the zone's daylight-saving rules (zoneinfo): a digest at 02:30 on
the night the clocks skip 02:00-03:00 goes out at 03:30 (the same offset before the gap), and
one in the hour that repeats goes out once, at its first occurrence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# 7, 07, 7:30, 7.30, 19h, 19h30, 7am, 7:30 pm (the am/pm case-blind; 12am is midnight)
_CLOCK = re.compile(r"^(\d{1,2})(?:[:.](\d\d)|h(\d\d)?)?\s*(?:([ap])\.?m\.?)?$", re.IGNORECASE)
_MERIDIEM = re.compile(r"(?<=\d)\s+([ap]\.?m\.?)(?!\w)", re.IGNORECASE)  # "7 pm" -> "7pm"
_FROM = re.compile(r"^(?:from|between|ab|von|zwischen)\s+")  # ("ab 22 uhr bis 7 uhr": German)
_BETWEEN = re.compile(r"\s+(?:to|until|till|til|and|bis|und)\s+")  # ("22 bis 7")
_OCLOCK = re.compile(r"\s*\buhr\b")  # "22 uhr": 22
_OFF = ("off", "none", "no", "aus", "keine", "nein")  # ("aus": German)


class PolicyError(ValueError):
    """A time, day, window or zone a user typed that cannot be used; the message says why."""


@dataclass(frozen=True, slots=True)
class DeliverySettings:
    """One user's delivery choices. Times are minutes after local midnight."""

    timezone: str = "UTC"
    mode: str = "instant"  # "instant" | "daily" | "weekly"
    digest_at: int = 8 * 60
    digest_day: int = 0  # Monday, for weekly digests
    quiet: tuple[int, int] | None = None  # (start, end); may wrap past midnight
    # The user chose `timezone` (/timezone); False: it is the operator's default, which they
    # follow ([users] timezone). Where the zone comes from, not a setting: not compared.
    own_zone: bool = field(default=False, compare=False)

    def how(self) -> str:
        """The mode in words: "a daily digest at 08:00", "each job as it arrives"."""
        if self.mode == "daily":
            return f"a daily digest at {fmt_minutes(self.digest_at)}"
        if self.mode == "weekly":
            day = DAYS[self.digest_day].title()
            return f"a weekly digest on {day} at {fmt_minutes(self.digest_at)}"
        return "each job as it arrives"

    def spec(self) -> str:
        """The mode as an alert stores it and /digest takes it: "instant", "daily 08:00",
        "weekly fri 17:30"."""
        at = fmt_minutes(self.digest_at)
        if self.mode == "daily":
            return f"daily {at}"
        if self.mode == "weekly":
            return f"weekly {DAYS[self.digest_day]} {at}"
        return "instant"

    def describe(self) -> str:
        """The settings in words, as /settings shows them."""
        how = self.how()
        quiet = (
            f"; quiet {fmt_minutes(self.quiet[0])}–{fmt_minutes(self.quiet[1])}"
            if self.quiet
            else ""
        )
        return f"{how}{quiet} ({self.timezone})"


def fmt_minutes(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_hhmm(text: str) -> int:
    """ "07:30" -> 450 (minutes after midnight); also "7", "7.30", "19h", "7am", "6:30pm".
    A clear PolicyError otherwise."""
    m = _CLOCK.match(text.strip())
    hour, minute = (int(m[1]), int(m[2] or m[3] or 0)) if m else (-1, 0)
    if m and m[4]:  # 12-hour clock: 1-12, and 12am is midnight
        hour = hour % 12 + (12 if m[4].lower() == "p" else 0) if 1 <= hour <= 12 else -1
    if not 0 <= hour <= 23 or minute > 59:
        raise PolicyError(f"“{text[:20]}” is not a time like 08:00, 18:30, 8am or 6:30pm")
    return hour * 60 + minute


def parse_quiet(text: str) -> tuple[int, int] | None:
    """ "22:00-07:00" -> (1320, 420); also "10pm to 7am", "from 22 until 7", "between 22:00
    and 07:00"; "off" -> None."""
    text = _OCLOCK.sub("", _MERIDIEM.sub(r"\1", text.strip().lower()))
    if text in _OFF:
        return None
    text = _BETWEEN.sub("-", _FROM.sub("", text))  # "from 10pm to 7am", "between 22 and 7"
    start, sep, end = text.replace("–", "-").replace("—", "-").partition("-")
    if not sep and "weekend" in text:  # a day is no window of hours
        raise PolicyError(
            "quiet hours are a window of each day, like 22:00-07:00; for a weekend without "
            "jobs, /pause for the weekend"
        )
    if not sep:
        raise PolicyError("quiet hours are a window like 22:00-07:00 (or 10pm-7am), or off")
    window = parse_hhmm(start), parse_hhmm(end)
    if window[0] == window[1]:
        raise PolicyError("quiet hours must not start and end at the same minute")
    return window


_KINDS = {
    "täglich": "daily", "taeglich": "daily", "wöchentlich": "weekly", "woechentlich": "weekly",
    "aus": "off", "jeden": "every", "jede": "every", "jedem": "every", "tag": "day",
    "woche": "week", "montag": "mon", "dienstag": "tue", "mittwoch": "wed", "donnerstag": "thu",
    "freitag": "fri", "samstag": "sat", "sonntag": "sun", "montags": "mon", "dienstags": "tue",
    "mittwochs": "wed", "donnerstags": "thu", "freitags": "fri", "samstags": "sat",
    "sonntags": "sun",
    **{f"{short}{dot}": day for short, day in (("mo", "mon"), ("di", "tue"), ("mi", "wed"),
       ("do", "thu"), ("fr", "fri"), ("sa", "sat"), ("so", "sun")) for dot in ("", ".")},
}  # fmt: skip  # German
# "every morning" (jeden morgen, morgens), "every evening" (abends): daily, at 08:00 or 18:00
# unless a time is said.
_PARTS = {"morning": "8", "morgen": "8", "morgens": "8", "evening": "18", "abend": "18",
          "abends": "18"}  # fmt: skip


def _digest_words(words: list[str]) -> list[str]:
    """A digest as people say it, in the words `parse_digest` reads: "every day at 9am" ->
    daily 9am; "every monday 9:00", "mondays at 9", "each week" -> weekly …"""
    words = [_KINDS.get(w, w) for w in words if w not in ("at", "@", "on", "around", "um", "uhr")]
    for kind in ("daily", "weekly"):  # "9am daily", "mon 9 weekly": the kind first
        if kind in words[1:]:
            words = [kind, *(w for w in words if w != kind)]
    if words[:1] in (["every"], ["each"]):
        words = words[1:]
    if len(words) == 1 and _CLOCK.match(words[0]):  # "/digest 9am": a time alone is a day's
        return ["daily", words[0]]
    if words[:1] and words[0] in _PARTS:  # "every morning 8": daily 8
        return ["daily", *(words[1:] or [_PARTS[words[0]]])]
    if words[:1] in (["day"], ["everyday"], ["day,"]):
        return ["daily", *words[1:]]
    if words[:1] == ["week"]:
        return ["weekly", *words[1:]]
    if (
        words
        and words[0] not in ("daily", "weekly")
        and words[0][:3] in DAYS
        and words[0][:1].isalpha()
    ):
        return ["weekly", *words]
    return words


def parse_digest(text: str, base: DeliverySettings | None = None) -> tuple[str, int, int]:
    """ "daily 08:00" -> ("daily", 480, 0); "weekly fri 17:30"; "off" -> ("instant", ...).
    A day or time left out is `base`'s ("daily", "weekly fri", "weekly 17:30")."""
    words = _digest_words(_MERIDIEM.sub(r"\1", text.lower()).split())
    base = base or DeliverySettings()
    if words in (["off"], ["instant"]):
        return "instant", DeliverySettings().digest_at, 0
    if 1 <= len(words) <= 2 and words[0] == "daily":
        return "daily", parse_hhmm(words[1]) if len(words) == 2 else base.digest_at, 0
    if 1 <= len(words) <= 3 and words[0] == "weekly":
        rest, day = words[1:], base.digest_day
        if rest and (len(rest) == 2 or rest[0][:1].isalpha()):
            if rest[0][:3] not in DAYS:
                raise PolicyError(f"“{rest[0][:12]}” is not a day: use mon, tue, … sun")
            day, rest = DAYS.index(rest[0][:3]), rest[1:]
        return "weekly", parse_hhmm(rest[0]) if rest else base.digest_at, day
    raise PolicyError("use /digest daily HH:MM, /digest weekly <mon..sun> HH:MM, or /digest off")


def zone(name: str) -> tzinfo:
    """The tzinfo for a stored zone name or "+HH:MM" offset (UTC when unknown)."""
    if name[:1] in "+-":
        sign = -1 if name[0] == "-" else 1
        hours, minutes = int(name[1:3]), int(name[4:6])
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def local_at(day: date, minutes: int, tz: tzinfo) -> datetime:
    """Local `day` at `minutes`, in UTC. A time in a DST gap maps forward by the gap (fold=0
    gives the pre-gap offset), one in the repeated hour to its first occurrence."""
    local = datetime.combine(day, time(minutes // 60, minutes % 60), tz)
    return local.astimezone(UTC)


def next_digest(settings: DeliverySettings, now: datetime) -> datetime:
    """The first digest time strictly after `now` (UTC)."""
    tz = zone(settings.timezone)
    today = now.astimezone(tz).date()
    for ahead in range(0, 9):
        day = today + timedelta(days=ahead)
        if settings.mode == "weekly" and day.weekday() != settings.digest_day:
            continue
        when = local_at(day, settings.digest_at, tz)
        if when > now:
            return when
    raise AssertionError("a digest time always falls within 8 days")  # pragma: no cover


def quiet_until(settings: DeliverySettings, now: datetime) -> datetime | None:
    """When the quiet window holding `now` ends (UTC), or None outside quiet hours."""
    if not settings.quiet:
        return None
    start, end = settings.quiet
    tz = zone(settings.timezone)
    local = now.astimezone(tz)
    minute = local.hour * 60 + local.minute
    inside = start <= minute < end if start < end else minute >= start or minute < end
    if not inside:
        return None
    day = local.date() + timedelta(days=1 if start > end and minute >= start else 0)
    return local_at(day, end, tz)


def for_alert(user: DeliverySettings, spec: str | None) -> DeliverySettings:
    """The settings an alert's jobs follow: the user's zone and quiet hours with the alert's own
    mode and time (`spec`, as `DeliverySettings.spec` writes it), or the user's (None)."""
    if spec is None:
        return user
    try:
        mode, at, day = parse_digest(spec)
    except PolicyError:  # never stored so; the user's own settings are the safe reading
        return user
    if mode == "instant":
        return replace(user, mode=mode)
    return replace(user, mode=mode, digest_at=at, digest_day=day)


def release_at(settings: DeliverySettings, now: datetime) -> datetime | None:
    """None: push a matched job now. Otherwise hold it until the returned time (UTC): the next
    digest, or the end of quiet hours; a digest due inside quiet hours waits for their end."""
    if settings.mode in ("daily", "weekly"):
        when = next_digest(settings, now)
        return quiet_until(settings, when) or when
    return quiet_until(settings, now)
