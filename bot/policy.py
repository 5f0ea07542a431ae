"""When a user gets their jobs: instant, a digest (daily, Monday to Friday, weekly), quiet hours
and quiet weekends, in their zone.

Pure time arithmetic over a user's `Delivery settings`; the sender asks `release_at` for each
held job. Local times follow the zone's daylight-saving rules (zoneinfo): a digest at 02:30 on
the night the clocks skip 02:00-03:00 goes out at 03:30 (the same offset before the gap), and
one in the hour that repeats goes out once, at its first occurrence. A quiet weekend holds all
from Saturday 00:00 until Monday morning (`weekend_ends`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DIGESTS = ("daily", "weekdays", "weekly")  # the digest modes, the most often first
WEEKEND_END = 8 * 60  # Monday 08:00: a quiet weekend's end without quiet hours running into it
# 7, 07, 7:30, 7.30, 19h, 19h30, 7am, 7:30 pm (the am/pm case-blind; 12am is midnight)
_CLOCK = re.compile(r"^(\d{1,2})(?:[:.](\d\d)|h(\d\d)?)?\s*(?:([ap])\.?m\.?)?$", re.IGNORECASE)
MERIDIEM = re.compile(r"(?<=\d)\s+([ap]\.?m\.?)(?!\w)", re.IGNORECASE)  # "7 pm" -> "7pm"


class PolicyError(ValueError):
    """A time, day, window or zone a user typed that cannot be used; the message says why."""


@dataclass(frozen=True, slots=True)
class DeliverySettings:
    """One user's delivery choices. Times are minutes after local midnight."""

    timezone: str = "UTC"
    mode: str = "instant"  # "instant" | "daily" | "weekdays" (Monday to Friday) | "weekly"
    digest_at: int = 8 * 60
    digest_day: int = 0  # Monday, for weekly digests
    quiet: tuple[int, int] | None = None  # (start, end); may wrap past midnight
    quiet_weekends: bool = False  # nothing from Saturday 00:00 to Monday morning
    # The user chose `timezone` (/timezone); False: it is the operator's default, which they
    # follow ([users] timezone). Where the zone comes from, not a setting: not compared.
    own_zone: bool = field(default=False, compare=False)

    def how(self) -> str:
        """The mode in words: "a daily digest at 08:00", "each job as it arrives"."""
        if self.mode == "daily":
            return f"a daily digest at {fmt_minutes(self.digest_at)}"
        if self.mode == "weekdays":
            return f"a digest at {fmt_minutes(self.digest_at)} Monday to Friday"
        if self.mode == "weekly":
            day = DAYS[self.digest_day].title()
            return f"a weekly digest on {day} at {fmt_minutes(self.digest_at)}"
        return "each job as it arrives"

    def spec(self) -> str:
        """The mode as an alert stores it and /digest takes it: "instant", "daily 08:00",
        "weekdays 08:00", "weekly fri 17:30"."""
        at = fmt_minutes(self.digest_at)
        if self.mode in ("daily", "weekdays"):
            return f"{self.mode} {at}"
        if self.mode == "weekly":
            return f"weekly {DAYS[self.digest_day]} {at}"
        return "instant"

    def describe(self) -> str:
        """The settings in words, as /settings shows them."""
        quiet = [f"{fmt_minutes(self.quiet[0])}–{fmt_minutes(self.quiet[1])}"] if self.quiet else []
        quiet += ["all weekend"] if self.quiet_weekends else []
        said = f"; quiet {' and '.join(quiet)}" if quiet else ""
        return f"{self.how()}{said} ({self.timezone})"


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


_KINDS = {
    "täglich": "daily", "taeglich": "daily", "wöchentlich": "weekly", "woechentlich": "weekly",
    "aus": "off", "jeden": "every", "jede": "every", "jedem": "every", "tag": "day",
    "woche": "week", "montag": "mon", "dienstag": "tue", "mittwoch": "wed", "donnerstag": "thu",
    "freitag": "fri", "samstag": "sat", "sonntag": "sun", "montags": "mon", "dienstags": "tue",
    "mittwochs": "wed", "donnerstags": "thu", "freitags": "fri", "samstags": "sat",
    "sonntags": "sun", "wochentags": "weekdays", "werktags": "weekdays", "nur": "only",
    **dict.fromkeys(("weekday", "workdays", "werktäglich", "werktaeglich"), "weekdays"),
    **{f"{short}{dot}": day for short, day in (("mo", "mon"), ("di", "tue"), ("mi", "wed"),
       ("do", "thu"), ("fr", "fri"), ("sa", "sat"), ("so", "sun")) for dot in ("", ".")},
    # Portuguese and Spanish: "/digest diário 19h", "/digest semanal sexta às 18h"
    **dict.fromkeys(("diário", "diario", "diária", "diaria", "diariamente"), "daily"),
    **dict.fromkeys(("semanal", "semanalmente"), "weekly"), "todo": "every", "toda": "every",
    "cada": "every", "dia": "day", "día": "day", "semana": "week", "às": "at", "as": "at",
    "noite": "evening", "noche": "evening", "manhã": "morning", "manha": "morning",
    "mañana": "morning", "desligado": "off", "desligar": "off", "segunda": "mon",
    "terça": "tue", "terca": "tue", "quarta": "wed", "quinta": "thu", "sexta": "fri",
    "sábado": "sat", "sabado": "sat", "domingo": "sun", "lunes": "mon", "martes": "tue",
    "miércoles": "wed", "miercoles": "wed", "jueves": "thu", "viernes": "fri",
}  # fmt: skip  # German, Portuguese, Spanish
# Monday to Friday as people write it: "mon-fri", "monday to friday", "mo-fr" (German).
_MON_FRI = re.compile(
    r"\b(?:mon(?:day)?s?|mo)\.?\s*(?:-|–|—|to|through|thru|till|until|bis)\s*(?:fri(?:day)?s?|fr)\b\.?"
)
# "every morning" (jeden morgen, morgens), "every evening" (abends): daily, at 08:00 or 18:00
# unless a time is said.
_PARTS = {"morning": "8", "morgen": "8", "morgens": "8", "evening": "18", "abend": "18",
          "abends": "18"}  # fmt: skip


def _digest_words(words: list[str]) -> list[str]:
    """A digest as people say it, in the words `parse_digest` reads: "every day at 9am" ->
    daily 9am; "every monday 9:00", "mondays at 9", "each week" -> weekly …"""
    words = [_KINDS.get(w, w) for w in words]
    words = [w for w in words if w not in ("at", "@", "on", "around", "um", "uhr", "only")]
    for kind in ("daily", "weekly", "weekdays"):  # "9am daily", "mon 9 weekly": the kind first
        if kind in words[1:]:
            words = [kind, *(w for w in words if w != kind)]
    if words[:1] in (["every"], ["each"]):
        words = words[1:]
    if words[:1] == ["weekdays"]:  # "daily on weekdays at 8"
        return ["weekdays", *(w for w in words[1:] if w not in ("daily", "every", "each"))]
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


def _day(word: str) -> int | None:
    """A day's number: "fri", "frid", "friday", "fridays"; None for another word ("mon-fri")."""
    said = (i for i, n in enumerate(_DAY_NAMES) if n.startswith(word) or word == f"{n}s")
    return next(said, None) if len(word) >= 3 else None


def parse_digest(text: str, base: DeliverySettings | None = None) -> tuple[str, int, int]:
    """ "daily 08:00" -> ("daily", 480, 0); "weekdays 8am" (Monday to Friday, "mon-fri");
    "weekly fri 17:30"; "off" -> ("instant", ...). A day or time left out is `base`'s ("daily",
    "weekly fri", "weekly 17:30"). What is not read whole is refused, never guessed."""
    text = _MON_FRI.sub(" weekdays ", MERIDIEM.sub(r"\1", text.lower()))
    words = _digest_words(text.split())
    base = base or DeliverySettings()
    if words in (["off"], ["instant"]):
        return "instant", DeliverySettings().digest_at, 0
    if 1 <= len(words) <= 2 and words[0] in ("daily", "weekdays"):
        return words[0], parse_hhmm(words[1]) if len(words) == 2 else base.digest_at, 0
    if 1 <= len(words) <= 3 and words[0] == "weekly":
        rest, day = words[1:], base.digest_day
        if rest and (len(rest) == 2 or rest[0][:1].isalpha()):
            if (said := _day(rest[0].rstrip(".,"))) is None:
                raise PolicyError(
                    f"“{rest[0][:12]}” is not a day: use mon, tue, … sun, or /digest weekdays "
                    "8am for Monday to Friday"
                )
            day, rest = said, rest[1:]
        return "weekly", parse_hhmm(rest[0]) if rest else base.digest_at, day
    raise PolicyError(USAGE)


USAGE = (
    "use /digest daily HH:MM, /digest weekdays HH:MM (Monday to Friday: /digest weekdays 8am), "
    "/digest weekly <mon..sun> HH:MM, or /digest off"
)


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
        if settings.mode == "weekdays" and day.weekday() > 4:
            continue
        when = local_at(day, settings.digest_at, tz)
        if when > now:
            return when
    raise AssertionError("a digest time always falls within 8 days")  # pragma: no cover


def quiet_until(settings: DeliverySettings, now: datetime) -> datetime | None:
    """When the quiet holding `now` ends (UTC): the quiet hours' end, or a quiet weekend's
    (`weekend_ends`), and past the other when one ends in it (Friday 22:00-07:00 ends on
    Saturday: Monday); None when `now` is in neither."""
    until = None
    for _ in range(3):  # hours, a weekend, hours: each ends past the last
        ends = _weekend_until(settings, now) or _window_until(settings, now)
        if ends is None:
            break
        until = now = ends
    return until


def _inside(window: tuple[int, int], minute: int) -> bool:
    start, end = window  # (a window may wrap past midnight)
    return start <= minute < end if start < end else minute >= start or minute < end


def _window_until(settings: DeliverySettings, now: datetime) -> datetime | None:
    """When the quiet hours holding `now` end (UTC), or None outside them."""
    if not settings.quiet:
        return None
    start, end = settings.quiet
    tz = zone(settings.timezone)
    local = now.astimezone(tz)
    minute = local.hour * 60 + local.minute
    if not _inside(settings.quiet, minute):
        return None
    day = local.date() + timedelta(days=1 if start > end and minute >= start else 0)
    return local_at(day, end, tz)


def weekend_ends(settings: DeliverySettings) -> int:
    """The minute on Monday a quiet weekend ends, its summary in the morning: the end of quiet
    hours that hold Monday 00:00 (22:00-07:00: 07:00), else 08:00 (`WEEKEND_END`)."""
    if settings.quiet and _inside(settings.quiet, 0):
        return settings.quiet[1]
    return WEEKEND_END


def _weekend_until(settings: DeliverySettings, now: datetime) -> datetime | None:
    """When the quiet weekend holding `now` (Saturday 00:00 to Monday's `weekend_ends`) ends,
    in UTC; None outside it."""
    if not settings.quiet_weekends:
        return None
    tz = zone(settings.timezone)
    local = now.astimezone(tz)
    if 0 < local.weekday() < 5:
        return None
    monday = local.date() + timedelta(days=(7 - local.weekday()) % 7)
    ends = local_at(monday, weekend_ends(settings), tz)
    return ends if now < ends else None


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
    digest, or the end of quiet hours or a quiet weekend; a digest due inside them waits for
    their end."""
    if settings.mode in DIGESTS:
        when = next_digest(settings, now)
        return quiet_until(settings, when) or when
    return quiet_until(settings, now)
