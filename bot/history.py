"""What a job's message says of the job's past: the same job listed before (a repost), and an
edit that brought it to the user days after it was first listed ("✏️ Updated 4 Dec: pay
added"), so a job posted a week ago does not arrive unexplained."""

from __future__ import annotations

from datetime import datetime, tzinfo

from bot.models import Earlier, Posting
from bot.salary import posting_salary
from bot.wording import WORKPLACE, shorten


def changes(old: Posting, new: Posting) -> str:
    """What an edit changed that a job seeker weighs, in the order they weigh it: "pay added",
    "title was “Backend Engineer”", "now remote", "description changed"; '' when none of them
    did (a department renamed)."""
    said: list[str] = []
    was_pay, pay = posting_salary(old), posting_salary(new)
    if pay != was_pay:
        said.append(
            "pay added" if was_pay is None else
            "pay removed" if pay is None else f"pay was {was_pay}"
        )  # fmt: skip
    if new.title != old.title:
        said.append(f"title was “{shorten(old.title, 80)}”")
    if (new.location, new.locations) != (old.location, old.locations) and old.location:
        said.append(f"location was “{shorten(old.location, 80)}”")
    if new.workplace != old.workplace and new.workplace in WORKPLACE:
        said.append(f"now {WORKPLACE[new.workplace]}")
    if new.description != old.description:
        said.append("description changed")
    return ", ".join(said)


def _day(when: datetime, zone: tzinfo | None) -> str:
    local = when.astimezone(zone) if zone is not None else when
    return f"{local.day} {local:%b %Y}"


def updated(
    edit: str | None, when: datetime | None, zone: tzinfo | None, now: datetime | None = None
) -> str:
    """ "✏️ Updated 4 Dec 2026: pay added" ("today", "yesterday" by `now`): the edit that
    queued the job for the user (`edit`, as `changes` words it) and when it was seen; '' for
    a job queued as new."""
    if edit is None:
        return ""
    day = f" {_day(when, zone)}" if when is not None else ""
    if when is not None and now is not None:
        ago = (now.astimezone(zone).date() - when.astimezone(zone).date()).days
        day = {0: " today", 1: " yesterday"}.get(ago, day)
    return f"✏️ Updated{day}: {edit}" if edit else f"✏️ Updated{day}"


def listed_before(earlier: Earlier | None, zone: tzinfo | None) -> str:
    """ "🔁 Listed before: first seen 12 Aug 2026 · sent to you 12 Aug 2026 · you applied 3 Sep
    2026": the same job title listed before (`earlier`), and what the user did with it."""
    if earlier is None:
        return ""
    parts = [f"🔁 Listed before: first seen {_day(earlier.first_seen, zone)}"]
    if earlier.sent_at is not None:
        parts.append(f"sent to you {_day(earlier.sent_at, zone)}")
    if earlier.applied_at is not None:
        parts.append(f"you applied {_day(earlier.applied_at, zone)}")
    return " · ".join(parts)
