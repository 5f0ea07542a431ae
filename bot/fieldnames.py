"""A field the alert language does not have ("level:", "city:", "posted:"), one of ours
misspelled ("remtoe:") or written after its value ("yes:remote", "80k:salary"): the error that
says which of ours is meant, and what to write instead (`UnknownField.instead`, which the
/alert reply offers ready to copy).
"""

from __future__ import annotations

import difflib
import re

from bot import salaryterm
from bot.errors import QueryError, UnknownField, at
from bot.salaryterm import Slip
from bot.syntax import ATTRS, FIELD_NAMES, format_node

# Fields other tools have, as the field of ours (or "": the bare word) that means the same.
_MEANT = {
    **dict.fromkeys(("level", "seniority", "role", "position", "job", "jobtitle"), "title"),
    **dict.fromkeys(("city", "country", "place", "where", "loc", "region", "state"), "location"),
    **dict.fromkeys(("employer", "org", "organization", "organisation", "firm"), "company"),
    **dict.fromkeys(("pay", "comp", "compensation", "wage", "wages", "rate", "salaries"), "salary"),
    **dict.fromkeys(("experience", "exp", "yoe"), "years"),
    **dict.fromkeys(("workplace", "work", "onsite", "location_type"), "remote"),
    **dict.fromkeys(("sponsorship", "sponsor"), "visa"),
    **dict.fromkeys(("employment", "jobtype", "job_type", "contract"), "type"),
    **dict.fromkeys(("source", "site", "ats"), "board"),
    **dict.fromkeys(("skill", "skills", "tech", "stack", "tag", "keyword", "keywords"), ""),
    # German, as a German speaker types them ("gehalt: 75k", "ort:berlin")
    **dict.fromkeys(("titel", "stelle", "rolle", "position"), "title"),
    **dict.fromkeys(("ort", "stadt", "land", "standort", "region"), "location"),
    **dict.fromkeys(("firma", "unternehmen", "arbeitgeber"), "company"),
    **dict.fromkeys(("gehalt", "lohn", "verdienst", "jahresgehalt"), "salary"),
    **dict.fromkeys(("erfahrung", "berufserfahrung", "jahre"), "years"),
    **dict.fromkeys(("anstellung", "vertrag", "art"), "type"),
}
_UNNEEDED = ("posted", "date", "since", "age", "new", "fresh", "recent")
_OURS = (*FIELD_NAMES, *ATTRS)
# A value then one of our fields' names, as in "80k:salary" (a word first is `unknown_field`'s).
_VALUE_FIRST = re.compile(r"(?P<value>[^:]+):(?P<name>[A-Za-z]+)")


def unknown_field(typed: str, name: str, value: str, i: int) -> QueryError:
    """The error of a field jobbot does not have, saying what it most likely meant; its span
    is the field and its value, and `instead` what to write there."""
    where, end = f"unknown field “{typed}” {at(i)}", i + len(typed) + len(value)
    if name in _UNNEEDED:
        return UnknownField(
            f"{where}: jobbot has no “{typed}” filter, for an alert sends only jobs found after "
            "it was made and /search lists the latest first",
            i, end, "",
        )  # fmt: skip
    meant = _MEANT.get(name)
    if name in ("language", "languages", "sprache"):  # lang:german; language:rust is the skill
        meant = "lang" if value.lower() in ATTRS["lang"] else ""
    if meant is None and (instead := _ours(typed, name, value)):
        return UnknownField(f"{where} (did you mean {instead}?)", i, end, instead)
    if meant is None:
        known = ", ".join(f"{f}:" for f in _OURS)
        return UnknownField(f"{where}; fields are {known}", i, i + len(typed), None)
    if not meant:
        return UnknownField(f"{where}: write just {value or 'the word'}", i, end, value)
    instead = f"{meant}:{ATTRS.get(meant, {}).get(value.lower(), value)}"
    said = instead if value else f"{meant}: instead"
    return UnknownField(f"{where}: write {said}", i, end, instead)


def _ours(typed: str, name: str, value: str) -> str:
    """Our field a name we do not have means, with its value: misspelled ("remtoe:yes",
    "salry:>=80k") or written after its value ("yes:remote", "lisbon:location"); "" for
    none."""
    close = difflib.get_close_matches(name, _OURS, 1, 0.75) if len(name) > 3 else []
    if close:
        return written(close[0], value) if value else f"{close[0]}:"
    return written(value.lower(), typed.rstrip(":=")) if value.lower() in _OURS else ""


def reversed_field(chunk: str, i: int) -> UnknownField | None:
    """The error of a chunk that writes one of our fields after its value ("80k:salary"), at
    `i` of the query, with the field written first; None for any other chunk."""
    m = _VALUE_FIRST.fullmatch(chunk)
    if m is None or m["name"].lower() not in _OURS:
        return None
    instead = written(m["name"].lower(), m["value"])
    return UnknownField(
        f"“{chunk}” has its field last {at(i)} (did you mean {instead}?)",
        i,
        i + len(chunk),
        instead,
    )


def written(name: str, value: str) -> str:
    """Field `name` (one of ours) with `value` as the filter writes it: remote:yes for
    remote and "Yes", salary:>=80k for salary and "80k"."""
    if name == "salary":
        try:
            typed = salaryterm.node(value, 0, 0, 0)
        except Slip as slip:  # "=>80k:salary"
            return slip.instead or f"salary:{value}"
        except QueryError:
            return f"salary:{value}"
        return format_node(salaryterm.in_thousands(typed) or typed)  # "80:salary": salary:>=80k
    return f"{name}:{ATTRS.get(name, {}).get(value.lower(), value)}"
