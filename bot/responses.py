"""One HTTP exchange in our terms: the conditional headers that go out, and the FetchResult or
BoardHTTPError that comes back. `http.Fetcher` runs the exchange; this says what it means."""

from __future__ import annotations

import email.utils
import time

import httpx

from bot.errors import BoardHTTPError
from bot.models import FetchResult

# A body skipped (304, an error page) is read up to this many bytes, so that its connection
# goes back to the pool; a longer one is not worth reading, and its connection is dropped.
DRAIN_BYTES = 64 * 1024


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # "²" and "٣" are digits to isdigit()
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def moved_to(resp: httpx.Response) -> str | None:
    """The final URL when the request was redirected only by permanent redirects (301, 308)."""
    if resp.history and all(r.status_code in (301, 308) for r in resp.history):
        return str(resp.url)
    return None


async def drain(resp: httpx.Response, limit: int = DRAIN_BYTES) -> None:
    """Read what is left of a body we do not use, so the connection is kept alive: httpx
    pools a connection only once its response has been read to the end."""
    if resp.is_stream_consumed:
        return
    seen = 0
    async for raw in resp.aiter_raw():
        seen += len(raw)
        if seen > limit:
            return  # closing the response drops the connection: cheaper than reading on


def conditional_headers(
    headers: dict[str, str] | None, etag: str | None, last_modified: str | None
) -> dict[str, str]:
    """The request headers, with If-None-Match / If-Modified-Since from the last answer."""
    send = dict(headers or {})
    if etag:
        send["If-None-Match"] = etag
    if last_modified:
        send["If-Modified-Since"] = last_modified
    return send


def not_modified(resp: httpx.Response, etag: str | None, last_modified: str | None) -> FetchResult:
    """The result of a 304: the validators it sent, else the ones we asked with."""
    return FetchResult(
        url=str(resp.url),
        status=304,
        not_modified=True,
        etag=resp.headers.get("etag") or etag,
        last_modified=resp.headers.get("last-modified") or last_modified,
        moved_to=moved_to(resp),
    )


def http_error(resp: httpx.Response) -> BoardHTTPError:
    """The error for a 4xx or 5xx answer, with its Retry-After."""
    return BoardHTTPError(
        resp.status_code,
        f"HTTP {resp.status_code} {resp.reason_phrase or ''}".strip(),
        retry_after=parse_retry_after(resp.headers.get("retry-after")),
    )


def fetched(resp: httpx.Response, body: bytes) -> FetchResult:
    """The result of a successful answer whose decoded body is `body`."""
    return FetchResult(
        url=str(resp.url),
        status=resp.status_code,
        body=body,
        content_type=resp.headers.get("content-type", ""),
        etag=resp.headers.get("etag"),
        last_modified=resp.headers.get("last-modified"),
        encoding=resp.charset_encoding,
        moved_to=moved_to(resp),
        date=resp.headers.get("date"),
    )
