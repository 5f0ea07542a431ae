"""Eightfold career sites: recognised, not read.

A site lives at `{company}.eightfold.ai/careers` or on the company's own domain, where its page
shows Eightfold's `static.vscdn.net` assets and a site config (entity-escaped JSON in a `<code>`
element) naming the `domain` its job API needs. The job list is loaded in the browser from an
undocumented API that jobbot has no real answer of to read with confidence, so a pasted URL or
a fetched page gets one clear `UnsupportedBoard` line instead of a board that reads nothing; a
board configured with `kind = "eightfold"` fails each poll with that line (a ParseError)."""

from __future__ import annotations

import html
import re
from typing import NoReturn

from bot.errors import ParseError, UnsupportedBoard
from bot.models import FetchResult
from bot.sources.base import register
from bot.sources.contract import Context, Page, Response, Source

_HOSTED = re.compile(r"^(?:https?://)?(?P<company>[A-Za-z0-9-]+)\.eightfold\.ai(?:[/?#]|$)", re.I)
_MARKERS = (b"static.vscdn.net", b".eightfold.ai")
_DOMAIN = re.compile(r'"domain"\s*:\s*"(?P<domain>[A-Za-z0-9.-]+)"')


def site_domain(markup: str) -> str | None:
    """The `domain` an Eightfold page's site config names ("infineon.com"), or None."""
    found = _DOMAIN.search(html.unescape(markup[:2_000_000]))
    return found["domain"] if found else None


def _why(url: str, domain: str | None = None) -> str:
    site = f" (site domain {domain})" if domain else ""
    return (
        f"{url} is an Eightfold career site{site}; jobbot cannot read Eightfold sites yet "
        "(their job list has no public feed)"
    )


def unsupported(url: str, domain: str | None = None) -> NoReturn:
    raise UnsupportedBoard(_why(url, domain))


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

    def parse(self, response: Response, ctx: Context) -> Page:
        """Nothing to read: the board fails with the one line that says why."""
        raise ParseError(_why(ctx.url or response.url))
