"""Absolute, canonical posting URLs: no fragment, no tracking parameters, lower-case host; and
whether a URL is one a board can be fetched at."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

_TRACKING = frozenset({"gclid", "fbclid", "mc_cid", "mc_eid", "ref_src", "igshid", "_hsenc"})


def _is_tracking(param: str) -> bool:
    key = param.split("=", 1)[0].lower()
    return key.startswith("utm_") or key in _TRACKING


_URL_ODD = re.compile(r"[^ -~]|[#\[\]]")  # what urlsplit strips, rejects or splits off


def _canonical_already(url: str) -> bool:
    """Whether `canonical_url` would give an absolute http(s) URL back as it is: plain ASCII,
    no fragment, a lower-case host, and a non-empty query without tracking parameters."""
    if _URL_ODD.search(url):
        return False
    start = url.find("//") + 2
    query_at = url.find("?", start)
    path_at = url.find("/", start, None if query_at < 0 else query_at)
    host = url[start : path_at if path_at >= 0 else query_at if query_at >= 0 else len(url)]
    if not host or host.lower() != host:
        return False
    if query_at < 0:
        return True
    params = url[query_at + 1 :].split("&")
    return all(p and not _is_tracking(p) for p in params)


def joined(base: str, href: str) -> str:
    """`href` resolved against `base`; `href` as it is when urllib cannot read one of them
    (a page's "http://[::1": a bracketed host that is no IP address), which then fails
    where it is fetched, not where it is read."""
    try:
        return urljoin(base, href)
    except ValueError:
        return href


def canonical_url(url: str | None, base: str | None = None) -> str:
    """An absolute URL without its fragment or tracking parameters (utm_*, gclid, fbclid, mc_*).

    Other parameters are kept as they were (Greenhouse's `gh_jid` identifies the job)."""
    url = (url or "").strip()
    if url.startswith(("https://", "http://")):
        if _canonical_already(url):
            return url
    elif base:
        url = joined(base.strip(), url)
    if not url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    query = parts.query
    if query:
        params = query.split("&")
        kept = [p for p in params if p and not _is_tracking(p)]
        if len(kept) != len(params):
            query = "&".join(kept)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, query, ""))


def is_web_url(url: str) -> bool:
    """Whether `url` is an absolute http(s) URL with a host: what a board is fetched at (not
    ftp://, file://, a bare word or a path)."""
    try:
        parts = urlsplit(url.strip())
        return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:  # "http://[::1": a bracketed host that is no address
        return False
