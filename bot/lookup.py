"""A company looked up by its name on the boards its name makes ("Acme Pay":
boards.greenhouse.io/acmepay, jobs.lever.co/acme-pay, acmepay.recruitee.com, ... on fourteen
platforms): what /follow offers when no board the bot reads has the name, and the user knows
the company, not its careers page. Each board's list is read once (no posting's detail),
through the poll's own path, within the poller's fetch deadline, all at once; what is found is
offered, not followed: another company may have the same name. A host that does not exist
(acmepay.breezy.hr when there is no such portal) is no board, not an unreached platform.
"""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot import sources
from bot.company import company_key
from bot.errors import BoardHTTPError, BoardUnreachable, JobbotError, NoSuchHost
from bot.intake import Read, fetch_and_read
from bot.models import BoardInfo
from bot.poller import Poller
from bot.sources.contract import Context


@dataclass(frozen=True, slots=True)
class Place:
    """A board a name may have: its kind, the platform's name, its public URL (with `{slug}`)
    and, where the kind's own `endpoint` of that URL is not what to read, the endpoint; and
    whether the platform answers an unknown name with an error, so that an empty list is a
    board that lists no job now (Lever and SmartRecruiters answer it with an empty list)."""

    kind: str
    title: str
    url: str
    endpoint: str = ""
    empty_is_board: bool = False  # an empty list is a board with no open job (else: none)
    cased: bool = False  # board keys tell case ("Mamo" is not "mamo"): the name's case too


# The platforms whose boards companies name after themselves. Each is read for its list only
# (no posting's detail): a look needs the titles, not the texts. Those marked answer an unknown
# name with an error (404, a redirect, a page that says so).
PLACES = (
    Place("greenhouse", "Greenhouse", "https://boards.greenhouse.io/{slug}", empty_is_board=True),
    Place("lever", "Lever", "https://jobs.lever.co/{slug}", cased=True),  # postings-api#57
    Place("ashby", "Ashby", "https://jobs.ashbyhq.com/{slug}"),
    Place("workable", "Workable", "https://apply.workable.com/{slug}"),
    Place("smartrecruiters", "SmartRecruiters", "https://jobs.smartrecruiters.com/{slug}"),
    Place("recruitee", "Recruitee", "https://{slug}.recruitee.com"),
    Place("personio", "Personio", "https://{slug}.jobs.personio.de", empty_is_board=True),
    Place("teamtailor", "Teamtailor", "https://{slug}.teamtailor.com/jobs", empty_is_board=True),
    Place("bamboohr", "BambooHR", "https://{slug}.bamboohr.com/careers", empty_is_board=True),
    Place("breezy", "Breezy", "https://{slug}.breezy.hr", empty_is_board=True),
    Place("pinpoint", "Pinpoint", "https://{slug}.pinpointhq.com"),
    Place("gem", "Gem", "https://jobs.gem.com/{slug}"),
    Place("rippling", "Rippling", "https://ats.rippling.com/{slug}/jobs"),
    Place("join", "JOIN", "https://join.com/companies/{slug}"),
)


@dataclass(frozen=True, slots=True)
class Named:
    """A board found under a name: where, the company its jobs name, how many open jobs it
    lists and the titles of a few (none: a board that lists no job now)."""

    title: str
    url: str
    company: str
    jobs: int
    titles: tuple[str, ...]


def slugs(name: str, cased: bool = False) -> list[str]:
    """The board keys a company's name makes: "Acme Pay, Inc." -> ["acmepay", "acme-pay"];
    [] for a name that makes none (no letter or digit). `cased`: also as the name spells them
    ("AcmePay", "Acme-Pay"), for a platform whose keys tell case."""
    words = company_key(name).replace("&", " ").replace("+", " ").split()
    spelled = [w for w in re.findall(r"\w+", name) if w.lower() in words][: len(words)]
    forms = [words, spelled] if cased and [w.lower() for w in spelled] == words else [words]
    keys = [k for ws in forms for k in (["".join(ws), "-".join(ws)] if len(ws) > 1 else ws)]
    return [k for k in dict.fromkeys(keys) if k.isascii() and k.replace("-", "").isalnum()]


@dataclass(frozen=True, slots=True)
class Looked:
    """What a look-up found (`found`), and the platforms it could not reach (`unreached`:
    there, a board may be)."""

    found: list[Named]
    unreached: list[str]


async def look_up(name: str, poller: Poller, places: tuple[Place, ...] = PLACES) -> Looked:
    """The boards `name` has on `places` that list at least one open job, in the order of
    `places`, and the platforms that did not answer."""
    tries = [(place, slug) for place in places for slug in slugs(name, place.cased)]
    got = await asyncio.gather(*(_read(poller, place, slug) for place, slug in tries))
    # DNS that says even a platform's own API host does not exist is broken (no network),
    # and says nothing of the slugs' hosts either.
    read = [(place, g) for (place, _), g in zip(tries, got, strict=True)]
    broken = any(g is _NO_NAME and not _own_host(p) for p, g in read)
    unreached = [
        p.title
        for p, g in read
        if g is _UNREACHED or (g is _NO_NAME and (broken or not _own_host(p)))
    ]
    found: dict[tuple[object, ...], Named] = {}  # one board under two keys: once
    for g in got:
        if isinstance(g, Named):
            found.setdefault((g.title, company_key(g.company), g.jobs, g.titles), g)
    return Looked(list(found.values()), list(dict.fromkeys(unreached)))


def _own_host(place: Place) -> bool:
    """Whether a board on `place` has a host of its own (acmepay.breezy.hr)."""
    endpoint = place.endpoint or place.url
    return "{slug}" in (urlsplit(endpoint).hostname or "")


_UNREACHED = object()  # no answer (DNS, connection, time): a board may be there
_NO_NAME = object()  # DNS says the host does not exist: for a host of the slug's, no board
# Statuses that say "not now" (rate limits, a blocked client, a server down), not "no board".
_NOT_NOW = frozenset({403, 429})


async def _read(poller: Poller, place: Place, slug: str) -> Named | object | None:
    """The board at `place` under `slug`, read; None when there is none (a 404, an answer in
    no board's shape) or it lists no job, `_UNREACHED` when there was no answer or one that
    says "not now" (429, 403, 5xx: Workable answers many clients 429)."""
    url = place.url.format(slug=slug)
    source = sources.get(place.kind)
    endpoint = place.endpoint.format(slug=slug) if place.endpoint else source.endpoint(url)
    if endpoint is None:
        return None
    try:
        async with poller.fetcher.deadline(poller.polling.fetch_timeout):
            info = BoardInfo(slug, place.kind, endpoint)
            read = await fetch_and_read(
                poller.fetcher, source, Context(slug, endpoint), info,
                run=poller.reader.run, alone=poller.reader.read, details=False,
            )  # fmt: skip
    except NoSuchHost:
        return _NO_NAME
    except BoardUnreachable:
        return _UNREACHED
    except BoardHTTPError as exc:
        return _UNREACHED if exc.status in _NOT_NOW or exc.status >= 500 else None
    except JobbotError:
        return None
    postings = read.postings if isinstance(read, Read) else []
    if not postings:  # a board that lists no job now may list the next one
        return Named(place.title, url, "", 0, ()) if place.empty_is_board else None
    company = Counter(p.company for p in postings).most_common(1)[0][0]
    return Named(place.title, url, company, len(postings), tuple(p.title for p in postings[:3]))
