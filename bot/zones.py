"""North America's time zones as US postings write them ("Remote (ET)", "Remote (ET/CT)",
"Remote - Pacific Time"), each written as "EST", which `bot.geodata.TIME_ZONES` reads as
North America. Pure.

ET is Ethiopia's code too, but a job there names Ethiopia or its capital; PT, CT and MT are
also Portugal, Connecticut and Malta or Montana, so they count as zones only beside another
zone or before "time" ("PT/ET", "CT hours").
"""

from __future__ import annotations

import re

_ZONE_NAMES = re.compile(
    r"\b(?:eastern|central|mountain|pacific)(?: standard| daylight)? time\b", re.IGNORECASE
)
_ET = re.compile(r"\bET\b")
_ZONE = r"(?:EST|EDT|PST|PDT|MST|MDT|CDT|PT|CT|MT)"
_ZONE_GROUP = re.compile(rf"\b{_ZONE}(?:\s*(?:[/&,-]|or|and)\s*{_ZONE})+\b")
_SHORT_ZONES = re.compile(r"\b(?:PT|CT|MT)\b")
_LONG_ZONE = re.compile(r"\b(?:EST|EDT|PST|PDT|MST|MDT|CDT)\b")
_SHORT_ZONE_TIME = re.compile(r"\b(?:PT|CT|MT)(?=\s+(?i:time|hours|tz|zone|timezone)\b)")
_ETHIOPIA = re.compile(r"ethiopia|addis", re.IGNORECASE)


def us_zones(location: str) -> str:
    """`location` with North America's time zones written as "EST" ("Remote (ET/PT)" ->
    "Remote (EST/EST)")."""
    if "T" not in location and "t" not in location:
        return location
    text = _ZONE_NAMES.sub("EST", location)
    if not _ETHIOPIA.search(text):
        text = _ET.sub("EST", text)
    text = _ZONE_GROUP.sub(_group, text)
    return _SHORT_ZONE_TIME.sub("EST", text)


def _group(m: re.Match[str]) -> str:
    """Zones written together ("EST/PT"): PT, CT and MT are zones there too, beside one."""
    return _SHORT_ZONES.sub("EST", m[0]) if _LONG_ZONE.search(m[0]) else m[0]
