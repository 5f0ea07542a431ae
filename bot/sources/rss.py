"""RSS 2.0 and Atom job feeds, We Work Remotely's among them, read with feedparser."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import feedparser

from bot.errors import ParseError
from bot.models import FetchResult, RawPosting
from bot.sources.base import NO_OPTIONS, Source, register

WWR_FEED = "https://weworkremotely.com/remote-jobs.rss"
_FEED_SUFFIXES = (".rss", ".atom", ".xml")
_FEED_SEGMENTS = frozenset({"feed", "feeds", "rss", "atom"})


def _is_wwr(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return host == "weworkremotely.com" or host.endswith(".weworkremotely.com")


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _date(entry: Any) -> object:
    """feedparser's parsed time (a UTC struct_time) as a datetime, else the raw string."""
    for key in ("published", "updated"):
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return datetime(*parsed[:6], tzinfo=UTC)
        if entry.get(key):
            return entry[key]
    return None


def _body(entry: Any) -> tuple[str | None, str | None]:
    """(html, plain text) of an entry: Atom content first, else the RSS description."""
    for content in entry.get("content") or ():
        value = _text(content.get("value"))
        if value:
            is_plain = content.get("type") == "text/plain"
            return (None, value) if is_plain else (value, None)
    summary = _text(entry.get("summary"))
    detail = entry.get("summary_detail") or {}
    if summary and detail.get("type") == "text/plain":
        return None, summary
    return summary, None


def _link_from_id(external_id: str) -> str:
    return external_id if external_id.startswith(("http://", "https://")) else ""


def _split_title(title: str) -> tuple[str | None, str]:
    """ "Company: Role" -> (company, role); a title without ": " is all role."""
    company, sep, role = title.partition(": ")
    if sep and company.strip() and role.strip():
        return company.strip(), role.strip()
    return None, title


@register
class Rss(Source):
    kind = "rss"
    generic = True
    title = "RSS or Atom job feed (e.g. weworkremotely.com/remote-jobs.rss)"
    example_url = WWR_FEED

    def endpoint(self, url: str) -> str | None:
        url = url.strip()
        if "://" not in url and "." in url.split("/", 1)[0]:
            url = "https://" + url
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return None
        path = parts.path.lower()
        if _is_wwr(url):
            if path.endswith(".rss"):
                return url
            if path.startswith("/categories/"):
                return f"https://weworkremotely.com{parts.path.rstrip('/')}.rss"
            return WWR_FEED
        segments = set(path.split("/"))
        if path.endswith(_FEED_SUFFIXES) or segments & _FEED_SEGMENTS:
            return url
        return None

    def parse(
        self, result: FetchResult, options: Mapping[str, Any] = NO_OPTIONS
    ) -> list[RawPosting]:
        """Feed entries as postings. "Company: Role" titles are split when no author is given."""
        feed = feedparser.parse(result.body)
        entries = feed.entries
        if not entries and not (feed.get("version") or feed.feed.get("title")):
            reason = feed.get("bozo_exception") or (
                "an empty body" if not result.body.strip() else "no feed elements"
            )
            raise ParseError(f"expected an RSS or Atom feed, got something else ({reason})")
        wwr = _is_wwr(feed.feed.get("link") or "") or _is_wwr(result.url)
        # Split "Company: Role" on WWR, or on feeds where every title has that shape.
        split = wwr or (
            bool(entries) and all(": " in (entry.get("title") or "") for entry in entries)
        )
        postings: list[RawPosting] = []
        seen: set[str] = set()
        for entry in entries:
            external_id = _text(entry.get("id")) or _text(entry.get("link"))
            if not external_id or external_id in seen:
                continue
            seen.add(external_id)
            title = _text(entry.get("title")) or ""
            company = _text(entry.get("company")) or _text(entry.get("author"))
            if company is None and split:
                company, title = _split_title(title)
            html, text = _body(entry)
            postings.append(
                RawPosting(
                    external_id=external_id,
                    title=title,
                    url=_text(entry.get("link")) or _link_from_id(external_id),
                    company=company,
                    location=_text(entry.get("region")) or _text(entry.get("location")),
                    description_html=html,
                    description_text=text,
                    posted_at=_date(entry),
                    remote=True if wwr else None,
                    employment_type=_text(entry.get("type")) or _text(entry.get("job_type")),
                )
            )
        return postings
