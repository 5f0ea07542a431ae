"""A field the alert language does not have ("level:", "city:", "posted:"): the error that
says which of ours means the same, and what to write instead (`UnknownField.instead`, which
the /alert reply offers ready to copy).
"""

from __future__ import annotations

from bot.errors import QueryError, UnknownField, at
from bot.syntax import ATTRS, FIELD_NAMES

# Fields other tools have, as the field of ours (or "": the bare word) that means the same.
_MEANT = {
    **dict.fromkeys(("level", "seniority", "role", "position", "job", "jobtitle"), "title"),
    **dict.fromkeys(("city", "country", "place", "where", "loc", "region", "state"), "location"),
    **dict.fromkeys(("employer", "org", "organization", "organisation", "firm"), "company"),
    **dict.fromkeys(("pay", "comp", "compensation", "wage", "wages", "rate"), "salary"),
    **dict.fromkeys(("experience", "exp", "yoe"), "years"),
    **dict.fromkeys(("workplace", "work", "onsite", "location_type"), "remote"),
    **dict.fromkeys(("sponsorship", "sponsor"), "visa"),
    **dict.fromkeys(("employment", "jobtype", "job_type", "contract"), "type"),
    **dict.fromkeys(("source", "site", "ats"), "board"),
    **dict.fromkeys(("skill", "skills", "tech", "stack", "tag", "keyword", "keywords"), ""),
}
_UNNEEDED = ("posted", "date", "since", "age", "new", "fresh", "recent")


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
    if name in ("language", "languages"):  # lang:german, but language:rust is the skill
        meant = "lang" if value.lower() in ATTRS["lang"] else ""
    if meant is None:
        known = ", ".join(f"{f}:" for f in (*FIELD_NAMES, *ATTRS))
        return UnknownField(f"{where}; fields are {known}", i, i + len(typed), None)
    if not meant:
        return UnknownField(f"{where}: write just {value or 'the word'}", i, end, value)
    instead = f"{meant}:{ATTRS.get(meant, {}).get(value.lower(), value)}"
    said = instead if value else f"{meant}: instead"
    return UnknownField(f"{where}: write {said}", i, end, instead)
