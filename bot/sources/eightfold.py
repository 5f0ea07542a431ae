"""Eightfold career sites: recognised, not read.

A site lives at `{company}.eightfold.ai/careers` or on the company's own domain, where its page
shows Eightfold's `static.vscdn.net` assets and a site config (entity-escaped JSON in a `<code>`
element) naming the `domain` its job API needs. The job list is loaded in the browser from an
undocumented API that jobbot has no real answer of to read with confidence, so a pasted URL or
a fetched page gets one clear `UnsupportedBoard` line instead of a board that reads nothing."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any, NoReturn

from bot.errors import UnsupportedBoard
from bot.models import FetchResult, RawPosting
from bot.sources.base import NO_OPTIONS, Source, register

_HOSTED = re.compile(r"^(?:https?://)?(?P<company>[A-Za-z0-9-]+)\.eightfold\.ai(?:[/?#]|$)", re.I)
_MARKERS = (b"static.vscdn.net", b".eightfold.ai")
_DOMAIN = re.compile(r'"domain"\s*:\s*"(?P<domain>[A-Za-z0-9.-]+)"')


def site_domain(markup: str) -> str | None:
    """The `domain` an Eightfold page's site config names ("infineon.com"), or None."""
    found = _DOMAIN.search(html.unescape(markup[:2_000_000]))
    return found["domain"] if found else None


def unsupported(url: str, domain: str | None = None) -> NoReturn:
    site = f" (site domain {domain})" if domain else ""
    raise UnsupportedBoard(
        f"{url} is an Eightfold career site{site}; jobbot cannot read Eightfold sites yet "
        "(their job list has no public feed)"
    )


@register
class Eightfold(Source):
    kind = "eightfold"
    title = "Eightfold career site ({company}.eightfold.ai): recognised, not supported"
    example_url = "https://acme.eightfold.ai/careers"
    readable = False

    def endpoint(self, url: str) -> str | None:
        match = _HOSTED.match(url.strip())
        if match and match["company"].lower() not in ("www", "app"):
            unsupported(url.strip())
        return None

    def recognise(self, result: FetchResult) -> str | None:
        """A fetched page that is an Eightfold site raises UnsupportedBoard naming it."""
        head = result.body[:600_000]
        if all(marker in head for marker in _MARKERS):
            unsupported(result.url, site_domain(result.text))
        return None

    def parse(
        self, result: FetchResult, options: Mapping[str, Any] = NO_OPTIONS
    ) -> list[RawPosting]:
        unsupported(result.url)
