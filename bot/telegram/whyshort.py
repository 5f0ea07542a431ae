"""/why's lines for a user's alerts, short enough for a phone: a reason several alerts miss
for is said once, naming the alerts, and a field of the job is quoted once. Pure: the reasons
are plain text (`bot.why`, `bot.reached`), escaped here."""

from __future__ import annotations

import html
from dataclasses import dataclass

from bot import why
from bot.models import Posting

esc = html.escape


@dataclass(frozen=True, slots=True)
class Verdict:
    """One alert's line in /why (its id, query and status, HTML) and its reasons (plain)."""

    alert_id: int
    line: str
    reasons: tuple[str, ...]
    missed: bool  # the query did not match: its reasons may be shared with other alerts'


def said_once(verdicts: list[Verdict], job: Posting) -> list[str]:
    """Each alert's line with its reasons, short on a phone: a reason several alerts miss for
    said once, under the first of them ("(#2 and #3 too)"), and a field of the job quoted
    once (then "the location")."""
    owners: dict[str, list[int]] = {}
    for v in verdicts:
        for reason in v.reasons if v.missed else ():
            owners.setdefault(reason, []).append(v.alert_id)
    fields = {why.stated_field(n, job): f"the {n}" for n in ("title", "company", "location")}
    quoted: set[str] = set()
    lines = []
    for v in verdicts:
        line = v.line
        for reason in v.reasons:
            shared = owners.get(reason, [v.alert_id]) if v.missed else [v.alert_id]
            if shared[0] != v.alert_id:
                continue  # said under an alert above
            too = f" ({_and(shared[1:])} too)" if shared[1:] else ""
            line += f"\n   • {esc(_quoted_once(reason, fields, quoted))}{too}"
        lines.append(line)
    return lines


def _and(ids: list[int]) -> str:
    said = [f"#{i}" for i in ids]
    return " and ".join([", ".join(said[:-1]), said[-1]] if len(said) > 1 else said)


def _quoted_once(reason: str, fields: dict[str, str], quoted: set[str]) -> str:
    """`reason` with a field of the job quoted before (in `quoted`) only named: "the location"."""
    for said, name in fields.items():
        if said not in reason or said.endswith("(empty)"):
            continue
        if said in quoted:
            reason = reason.replace(said, name)
        else:
            head, _, tail = reason.partition(said)
            reason = head + said + tail.replace(said, name)
            quoted.add(said)
    return reason
