"""A posting's location with every other place its board lists for the job, and back.

The location shown and matched is the board's, then each listed place it does not name
already, joined by "; " ("London; Dublin"), so `location:dublin` finds the job. Job identity
(`bot.dedupe`) keys a job by the board's own location: a copy on an aggregator that lists
only the first place is still the same job.
"""

from __future__ import annotations

import re

from bot.words import fold


def with_places(location: str, places: tuple[str, ...]) -> str:
    """The location to show and match: the board's, then each other place it lists for the
    job that the location does not name already ("San Francisco" with Berlin and London
    listed: "San Francisco; Berlin; London"); with no location, the places joined."""
    if not location:
        return ("; " if any("," in p for p in places) else ", ").join(places)
    if not places:
        return location
    named = fold(location)
    return "; ".join((location, *(p for p in places if not _names(named, fold(p)))))


def board_location(location: str, places: tuple[str, ...]) -> str:
    """The board's own location within `with_places`' `location`: its shortest head that
    gives the whole again ("London; Dublin" with Dublin listed: "London")."""
    if not places or "; " not in location:
        return location
    parts, listed = location.split("; "), set(places)
    start = len(parts)  # the head ends where a tail of listed places starts, if anywhere
    while start > 1 and parts[start - 1] in listed:
        start -= 1
    for end in range(start, len(parts)):
        head = "; ".join(parts[:end])
        if with_places(head, places) == location:
            return head
    return location


def _names(location: str, place: str) -> bool:
    """Whether `place` stands in `location` as whole words: "Berlin" in "Berlin, Germany",
    not "Rome" in "Jerome, Idaho"."""
    if place not in location:  # (most places: no pattern to build)
        return False
    return re.search(rf"(?<!\w){re.escape(place)}(?!\w)", location) is not None
