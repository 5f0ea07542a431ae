"""Typed records that cross module boundaries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # (imported where routing runs: the reader process never needs numpy)
    import numpy as np
    import numpy.typing as npt


@dataclass(frozen=True, slots=True)
class FetchResult:
    """One board response, as the fetcher got it. `url` is the final URL (after redirects)."""

    url: str
    status: int = 200
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    encoding: str | None = None
    moved_to: str | None = None  # the new URL when every redirect on the way was permanent
    date: str | None = None  # the Date header: "now" for boards that only say "3 days ago"

    @property
    def text(self) -> str:
        """The body decoded: BOM first, then the declared charset, then UTF-8 (with replacement)."""
        body = self.body
        if body.startswith(b"\xef\xbb\xbf"):
            return body[3:].decode("utf-8", errors="replace")
        for enc in (self.encoding, "utf-8"):
            if not enc:
                continue
            try:
                return body.decode(enc)
            except (LookupError, UnicodeDecodeError):
                continue
        return body.decode("utf-8", errors="replace")


@dataclass(frozen=True, slots=True)
class RawPosting:
    """A posting as a source's parser read it: values as the source gave them, barely touched.

    `posted_at` may be an ISO string, an RFC 822 string, epoch seconds or milliseconds, or a
    datetime; `normalize` turns it into UTC. `description_html` may still be entity-escaped.
    """

    external_id: str
    title: str
    url: str
    company: str | None = None
    location: str | None = None
    locations: tuple[str, ...] = ()
    description_html: str | None = None
    description_text: str | None = None
    posted_at: Any = None
    workplace: str | None = None
    remote: bool | None = None
    employment_type: str | None = None
    department: str | None = None
    apply_url: str | None = None
    salary_min: float | None = None
    salary_max: float | None = None
    salary_currency: str | None = None
    salary_period: str | None = None  # "year", "month", "week", "day", "hour"
    partial: bool = False  # the description was not fetched (known posting): keep the stored one


def posting_key(board: str, external_id: object) -> str:
    """A posting's stable key: its board's name and the id the source gave it."""
    return f"{board}:{external_id}"


@dataclass(frozen=True, slots=True)
class BoardInfo:
    """What normalising needs to know about the board a posting came from."""

    name: str
    kind: str
    url: str
    company: str | None = None


@dataclass(frozen=True, slots=True)
class Posting:
    """A normalised posting: clean text, absolute URL, UTC date, stable key and content hash."""

    key: str
    board: str
    external_id: str
    title: str
    company: str
    location: str
    url: str
    description: str = ""
    posted_at: datetime | None = None
    workplace: str | None = None
    employment_type: str | None = None
    apply_url: str | None = None
    content_hash: str = ""
    locations: tuple[str, ...] = ()
    department: str | None = None
    salary_min: float | None = None
    salary_max: float | None = None
    salary_currency: str | None = None
    salary_period: str | None = None
    partial: bool = False


@dataclass(frozen=True, slots=True)
class Alert:
    """One saved alert of one user."""

    id: int
    chat_id: int
    query: str


@dataclass(frozen=True, slots=True)
class Earlier:
    """A job listed before under the same company, title and place (or text), not linked to
    this one as a copy (first seen over `dedupe.WINDOW` earlier): when jobbot first saw it,
    and when the user was sent it and applied to it, if they were and did."""

    first_seen: datetime
    sent_at: datetime | None = None
    applied_at: datetime | None = None


class AlertSpec(NamedTuple):
    """An alert as /export writes it and /import restores it: its normalized query, whether
    it is paused (and until when), its own delivery (`DeliverySettings.spec`; None: the
    user's)."""

    query: str
    paused: bool = False
    delivery: str | None = None
    paused_until: datetime | None = None  # a pause for a time ends then (/pause 3 2w)


class Delivery(NamedTuple):
    """One job for one user, with every alert of theirs that matched it (`Outbox.enqueue`,
    `Routed.deliveries`); routing's hot path makes none, see `Routed`."""

    chat_id: int
    posting_key: str
    alert_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Routed:
    """The users one posting goes to, as (chat, alert) pairs in two arrays of 64-bit ints,
    sorted by chat, then alert: a user's several alerts are neighbours. One object per
    posting, not one per user: routing a burst makes a million users, and building a Python
    object for each of them was most of its cost. `users` is how many distinct chats."""

    posting_key: str
    chats: npt.NDArray[np.int64]
    alert_ids: npt.NDArray[np.int64]
    users: int

    def per_user(self) -> tuple[npt.NDArray[np.int64], list[int | str]]:
        """Its users (the distinct chats, in order) and, for each, what goes between the
        brackets of their alert ids' JSON list: the one id (most users) or "7, 9". Made in C
        but for the few users with several alerts; the outbox writes them as they are."""
        import numpy as np  # (loaded already by whatever routed: see the imports above)

        chats, ids = self.chats, self.alert_ids
        if self.users == len(chats):
            return chats, ids.tolist()
        first = np.flatnonzero(np.concatenate(([True], chats[1:] != chats[:-1])))
        ends = np.append(first[1:], len(chats))
        inner: list[int | str] = ids[first].tolist()
        id_list = ids.tolist()
        for at in np.flatnonzero(ends - first > 1).tolist():
            inner[at] = ", ".join(map(str, id_list[first[at] : ends[at]]))
        return chats[first], inner

    def deliveries(self) -> list[Delivery]:
        """One `Delivery` per user, naming their alerts (sorted): the readable form, for
        tests and tools. The poll's write path takes `per_user` instead, without an object
        per user."""
        alerts: dict[int, list[int]] = {}
        for chat, alert in zip(self.chats.tolist(), self.alert_ids.tolist(), strict=True):
            alerts.setdefault(chat, []).append(alert)
        return [Delivery(chat, self.posting_key, tuple(ids)) for chat, ids in alerts.items()]


@dataclass(frozen=True, slots=True)
class Button:
    """An inline button: opens `url`, or sends `data` (at most 64 bytes) back as a press."""

    text: str
    url: str | None = None
    data: str | None = None


Keyboard = tuple[tuple[Button, ...], ...]  # rows of buttons


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    """A rendered message: Telegram HTML, its plain-text twin, and rows of inline buttons."""

    html: str
    plain: str
    buttons: Keyboard = ()

    @property
    def urls(self) -> list[str]:
        """The URLs of its link buttons, in order."""
        return [b.url for row in self.buttons for b in row if b.url]


@dataclass(frozen=True, slots=True)
class Document:
    """A file sent to a chat (an /export): its name, its bytes and a caption (HTML)."""

    filename: str
    content: bytes
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Normalised:
    """A board's postings after `intake.normalise`: the clean new or changed ones, the keys
    of those unchanged, every key's fingerprint; and the board as they were read against."""

    info: BoardInfo
    postings: list[Posting]
    unchanged: list[str]
    fingerprints: dict[str, str]
