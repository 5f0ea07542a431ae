"""The words and tables a board's default name is made with (`bot.ats.name_for`); a message
writes such a name as a company's with `bot.render_title.shown_company`.

A board added in chat is named after the company part of its URL. Some URLs have none: a job
site's own feed (news.ycombinator.com/item?id=…, weworkremotely.com/remote-jobs.rss) is named
as people call the site, a platform's own careers site on a word like "career" or "workwithus"
(career.teamtailor.com, workwithus.pinpointhq.com) after the platform, and a path part that is
a page's word, a feed's file or a job's number ("item", "remote-jobs.rss", "4876297") is no
name: the host's first part that is no careers site's word is.
"""

from __future__ import annotations

import re

# Job sites whose boards are the site's own feeds: the site's name as people say it.
_SITES = {
    "news.ycombinator.com": "Hacker News",
    "hn.algolia.com": "Hacker News",
    "weworkremotely.com": "We Work Remotely",
    "remoteok.com": "Remote OK",
    "remoteok.io": "Remote OK",
    "remotive.com": "Remotive",
    "remotive.io": "Remotive",
}
# Platforms with a subdomain per company, by their domain: their own name, for their own
# careers site on a subdomain that is a word (career.teamtailor.com is Teamtailor's).
_PLATFORM_BY_DOMAIN = {
    "teamtailor.com": "Teamtailor",
    "pinpointhq.com": "Pinpoint",
    "recruitee.com": "Recruitee",
    "bamboohr.com": "BambooHR",
    "breezy.hr": "Breezy",
    "personio.de": "Personio",
    "personio.com": "Personio",
    "myworkdayjobs.com": "Workday",
    "eightfold.ai": "Eightfold",
}
# Words of a platform's URL path that name no company (boards.greenhouse.io/embed/...).
GENERIC = frozenset({
    "jobs", "job", "api", "v1", "v2", "boards", "board", "careers", "career", "careerhub",
    "search", "apply", "www", "explore", "talent", "pcsx", "openings", "positions", "companies",
    "company",
})  # fmt: skip
# Words of a careers site's host ("workwithus.pinpointhq.com", "karriere.acme.de") and of a
# page's or a feed's path ("item", "remote-jobs.rss") on a site that is no platform: alone or
# together, they name no company.
_PAGE_WORDS = GENERIC | frozenset({
    "workwithus", "joinus", "join", "work", "with", "us", "karriere", "team", "hiring",
    "recruiting", "vacancies", "stellen", "emplois", "item", "items", "feed", "feeds", "rss",
    "atom", "xml", "json", "submitted", "categories", "category", "remote", "all", "latest",
    "new", "listings", "postings", "posting", "index",
})  # fmt: skip
_FILE = re.compile(r"(?P<stem>[^.]{1,100})\.(?:rss|xml|json|atom|rdf|php|html?|aspx?|jsp)", re.I)
_JOB_NUMBER = re.compile(r"\d{3,}(?:-.{0,200})?|[0-9a-f]{8}-[0-9a-f]{4}-.{0,100}", re.I)
_WORD_PARTS = re.compile(r"[-_.+ ]+")


def site_name(host: str) -> str | None:
    """The name of a job site a board is a feed of ("Hacker News"), or None."""
    host = host.lower().removeprefix("www.")
    return _SITES.get(host)


def platform_name(host: str) -> str | None:
    """The name of the platform whose domain `host` is under ("Teamtailor"), or None."""
    host = host.lower()
    return next((name for d, name in _PLATFORM_BY_DOMAIN.items() if host.endswith("." + d)), None)


def names_nothing(part: str) -> bool:
    """Whether a subdomain, or a path part of a site that is no platform, names no company: a
    page's or a careers site's word ("item", "workwithus"), a feed's file of such words
    ("remote-jobs.rss"; "acme.rss" is Acme's), or a job's number ("4876297")."""
    if _JOB_NUMBER.fullmatch(part):
        return True
    file = _FILE.fullmatch(part)
    words = _WORD_PARTS.split((file["stem"] if file else part).lower())
    return all(w in _PAGE_WORDS for w in words if w)


def host_name(host: str) -> str:
    """A host's first part that is no careers site's word, capitalised ("Infineon" of
    jobs.infineon.com, "Acme" of karriere.acme.de; "Careers-acme" of careers-acme.icims.com,
    a platform's host per company); the host itself when every part is such a word."""
    labels = [x for x in host.split(".")[:-1] if x.lower() not in _PAGE_WORDS]
    return (labels[0] if labels else host or "board").capitalize()
