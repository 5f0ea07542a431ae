"""/why's lines for a user's alerts, short enough for a phone: a reason several alerts miss
for is said once, naming the alerts, and a field of the job is quoted once. Pure: the reasons
are plain text (`bot.why`, `bot.reached`), escaped here."""

from __future__ import annotations

import html
from dataclasses import dataclass

from bot import why
from bot.errors import QueryError
from bot.models import Posting
from bot.query import parse as parse_query
from bot.store import AlertRow
from bot.syntax import Field, Phrase, Word, format_node
from bot.telegram.alter_terms import without
from bot.view import stored_query
from bot.whyhits import Hit

esc = html.escape


@dataclass(frozen=True, slots=True)
class Verdict:
    """One alert's line in /why (its id, query and status, HTML) and its reasons (plain)."""

    alert_id: int
    line: str
    reasons: tuple[str, ...]
    missed: bool  # the query did not match: its reasons may be shared with other alerts'
    hits: tuple[Hit, ...] = ()  # the alert's words the job has (`bot.whyhits`), when it matched


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


def by(hits: tuple[Hit, ...]) -> str:
    """What a matched alert's line adds: the words that did it (': “latam” in the description;
    “go” in the title'), three at most; "" when filters alone did."""
    said = list(dict.fromkeys(h.said for h in hits))
    return (": " + esc("; ".join(said[:3])) + ("; …" if len(said) > 3 else "")) if said else ""


def stop_line(alerts: list[AlertRow], verdicts: list[Verdict], job: Posting) -> str:
    """ "To stop jobs like this: /edit 1 …" when it is clear: one alert matched, and one plain
    word or place of an OR, found outside the title, alone brought the job (`latam` of
    `(from:brazil OR latam)` in the description): that alert without it, which this job would
    not match; "" otherwise."""
    matched = [(a, v) for a, v in zip(alerts, verdicts, strict=True) if not v.missed]
    alone = [h for h in matched[0][1].hits if h.alone] if len(matched) == 1 else []
    if len(alone) != 1 or "title" in alone[0].said or not _plain(alone[0].term):
        return ""
    alert, term = matched[0][0], alone[0].term
    kept = without(stored_query(alert.query).root, term)
    try:
        query = parse_query(format_node(kept)) if kept is not None else None
    except QueryError:
        return ""
    if query is None or why.explain(query, job).matched:
        return ""
    word = format_node(term.child if isinstance(term, Field) else term).strip('"')
    edit = esc(f"/edit {alert.id} {query.normalized}")
    return f"To stop jobs like this: <code>{edit}</code> (without “{esc(word)}”)"


def _plain(term: object) -> bool:
    """A word or phrase, or a place of location: (not a prefix, nor a group)."""
    if isinstance(term, Field):
        return term.name == "location" and isinstance(term.child, Word | Phrase)
    return isinstance(term, Word | Phrase)
