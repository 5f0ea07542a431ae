"""Board sources, one module per kind. Importing this package registers every kind."""

from bot.sources import (  # noqa: F401  (registration)
    ashby,
    bamboohr,
    breezy,
    demo,
    eightfold,
    gem,
    getro,
    greenhouse,
    hn,
    html,
    icims,
    join,
    jsonld,
    lever,
    personio,
    phenom,
    pinpoint,
    recruitee,
    remoteok,
    remotive,
    rippling,
    rss,
    smartrecruiters,
    teamtailor,
    workable,
    workday,
)
from bot.sources.base import Source, all_sources, detect, get, kinds, known, register
from bot.sources.discover import detect_remote

__all__ = ["Source", "all_sources", "detect", "detect_remote", "get", "kinds", "known", "register"]
