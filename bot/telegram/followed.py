"""What a /follow found, and the reply that tells it: the board followed (within the user's
quota), its open jobs and those the user's alerts match; or why a URL was not followed; and
/following's list of the boards a user follows."""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot import match
from bot.company import company_key
from bot.config_values import format_duration
from bot.errors import QueryError
from bot.follow import platform
from bot.lookup import Looked
from bot.models import Posting
from bot.query import parse as parse_query
from bot.store import BoardState, Followed, Stores
from bot.telegram import stored_search
from bot.telegram.admin import ago
from bot.telegram.stored_search import job_line
from bot.wording import plural, shorten

esc = html.escape

_PLAIN = re.compile(r"[\w.+-]+")


@dataclass(frozen=True)
class Found:
    """A board followed: its row, its open postings, those the user's alerts match, and how
    it was followed before (`was_all`: for every new job or not; None: it was not)."""

    board: BoardState
    postings: int
    hits: list[Posting]
    was_all: bool | None = None


@dataclass(frozen=True)
class Refusal:
    """Why a URL was not followed, as the reply says it; `stop` when no later URL of the same
    /follow can fare better (the hourly tries, a quota, the bot's cap)."""

    text: str
    hint: str = ""
    stop: bool = False


def quoted(name: str) -> str:
    """A board's name as `board:` takes it: quoted when it is more than one word."""
    return name if _PLAIN.fullmatch(name) else f'"{name}"'


def follow(
    store: Stores, chat_id: int, name: str, all_jobs: bool, now: datetime, quota: int
) -> Found | Refusal:
    """Follow within the user's quota (one transaction); the board, its open postings and
    those the user's alerts match, or why not."""
    with store.db.transaction():
        was = next((f for f in store.follows.follows(chat_id) if f.board.name == name), None)
        if was is None and store.follows.follow_count(chat_id) >= quota:
            return Refusal(
                f"You follow {quota} companies, the most I allow. /following lists them; "
                "/unfollow one to make room.",
                stop=True,
            )
        store.follows.follow(chat_id, name, all_jobs, now)
    board = store.boards.board(name)
    assert board is not None
    postings = store.listings.board_postings(name)
    paused = store.alerts.paused_alert_ids(chat_id)
    alerts = [a for a in store.alerts.alerts(chat_id) if a.id not in paused]
    keys = {r.posting_key for r in match.route(postings, alerts)}
    hits = store.choices.visible(chat_id, [p for p in postings if p.key in keys])
    return Found(board, board.open_postings, hits, None if was is None else was.all_jobs)


def _head(found: Found) -> str:
    """ "Acme on Greenhouse: 34 open jobs, 3 match your alerts"."""
    board, hits, postings = found.board, found.hits, found.postings
    head = f"<b>{esc(board.company or board.name)}</b> on {platform(board.kind)}: "
    head += f"{plural(postings, 'open job')}, "
    if not hits:
        return head + "none matches your alerts yet"
    return head + f"{len(hits)} match{'es' if len(hits) == 1 else ''} your alerts"


def _search(board: BoardState) -> str:
    return f"/search board:{esc(quoted(board.name))}"


def found_line(found: Found, all_jobs: bool = False) -> str:
    """One line of a /follow of several: the head, and the /search for the matches (and
    whether it was followed so already)."""
    line = _head(found) + (f": <code>{_search(found.board)}</code>" if found.hits else "")
    return line + (" (you followed it already)" if found.was_all == all_jobs else "")


def found(found: Found, all_jobs: bool) -> str:
    """The head, the first 3 matches linked, and what comes from now on (or that it came so
    already)."""
    lines = [_head(found) + "."]
    lines += [job_line(p) for p in found.hits[:3]]
    if len(found.hits) > 3:
        lines.append(f"…and {len(found.hits) - 3} more: {_search(found.board)}")
    name = esc(found.board.company or found.board.name)
    if found.was_all is True and all_jobs:
        lines.append(f"You follow {name} already: every new job of it reaches you.")
    elif found.was_all is False and not all_jobs:
        lines.append(
            f"You follow {name} already: its new jobs that match your alerts reach you "
            "(<code>/follow … all</code> for every one). /following lists what you follow."
        )
    elif all_jobs:
        lines.append("From now on every new job of it reaches you.")
    else:
        lines.append(
            "From now on its new jobs that match your alerts reach you "
            "(<code>/follow … all</code> for every one). /following lists what you follow."
        )
    return "\n".join(lines)


def following(follows: list[Followed], now: datetime) -> str:
    """/following: each followed board, numbered (for /unfollow), with its health, its open
    jobs, when it was last read, and whether all its jobs come or those the alerts match."""
    lines = ["<b>Companies you follow</b>"]
    for n, f in enumerate(follows, 1):
        b = f.board
        health = (
            f"⚠️ failing ×{b.consecutive_failures}: {esc(shorten(b.last_error or '', 120))}"
            if b.consecutive_failures
            else "✅"
        )
        what = "every new job" if f.all_jobs else "jobs matching your alerts"
        lines.append(
            f"{n}. <b>{esc(b.name)}</b> on {platform(b.kind)} {health}\n"
            f"   {plural(b.open_postings, 'open job')} · last read {ago(b.last_success_at, now)} · {what}"
        )
    if only := _only_these([f.board.name for f in follows if not f.all_jobs]):
        lines.append(
            f"Only these companies' jobs in an alert: add <code>{esc(only)}</code> to its "
            "query (/edit)."
        )
    lines.append("/unfollow &lt;number&gt; stops one.")
    return "\n".join(lines)


def _only_these(names: list[str]) -> str:
    """The filter of the jobs of the boards `names` ("board:(stripe OR adyen)"), to add to
    an alert: an alert matches every board's jobs; "" for none, or too many for a query."""
    if not names:
        return ""
    try:
        return parse_query(f"board:({' OR '.join(quoted(n) for n in names)})").normalized
    except QueryError:
        return ""


def carried(store: Stores, chat_id: int, name: str) -> dict[str, int]:
    """The boards the bot reads (aggregators, most often) that list open jobs of the company
    `name` (without case, accents or legal form), with how many: its jobs reach alerts
    already, though no board of its own is read."""
    key = company_key(name)
    jobs = [
        p for p in stored_search.of_company(store, chat_id, name) if company_key(p.company) == key
    ]
    return dict(Counter(p.board for p in jobs).most_common())


def looked_up(
    name: str, looked: Looked, where: list[str], all_jobs: bool, through: dict[str, int]
) -> str:
    """/follow of a name no board the bot reads has: the boards found under it on `where`
    (platforms' names), each with the company its jobs name, a few titles and the /follow to
    send; or where it was looked for, and where it could not be. Then the boards read already
    that carry its jobs (`through`, from `carried`), and the alert that gets them."""
    text = _looked(name, looked, where, all_jobs)
    if not through:
        return text
    boards = _listed([esc(b) for b in list(through)[:3]], "and")
    query = stored_search.company_query(name)
    command = f"/alert {query}" if all_jobs else f"/search {query}"
    does = "sends you every new one" if all_jobs else "lists them"
    jobs = plural(sum(through.values()), "open job")
    return (
        f"{text}\nIts jobs reach me already through {boards} ({jobs}), and so your alerts: "
        f"<code>{esc(command)}</code> {does}."
    )


def _looked(name: str, looked: Looked, where: list[str], all_jobs: bool) -> str:
    said = esc(shorten(name, 60))
    found = looked.found
    if not found:
        careers = "Send the company's careers page (its web address): I find the board it uses."
        if len(where) > 4 and set(looked.unreached) >= set(where):
            return (
                f"No board I read is called “{said}”, and I couldn't reach any of the "
                f"{len(where)} job platforms I look on: my network may be down. Try again "
                f"later. {careers}"
            )
        if looked.unreached:
            return (
                f"No board I read is called “{said}”, and I couldn't reach "
                f"{_listed(looked.unreached, 'or')} to look for one: try again later. {careers}"
            )
        if len(where) > 4:
            return (
                f"No board I read is called “{said}”, and none of the {len(where)} job "
                f"platforms I know has one under that name ({_listed(where, 'and')}). {careers}"
            )
        return (
            f"No board I read is called “{said}”, and {_listed(where, 'and')} "
            f"{'have' if len(where) > 1 else 'has'} none under that name. {careers}"
        )
    tail = " all" if all_jobs else ""
    lines = [f"No board I read is called “{said}”. Under that name I found:"]
    for f in found:
        some = ", ".join(f"“{esc(shorten(t, 60))}”" for t in f.titles)
        said_jobs = (
            f"{plural(f.jobs, 'open job')} ({some}{', …' if f.jobs > len(f.titles) else ''})"
        )
        if not f.jobs:
            said_jobs = "no open job now (follow it to hear of its next one)"
        who = f"<b>{esc(shorten(f.company, 60))}</b>" if f.company else "A board"
        lines.append(
            f"• {who} on {f.title}: {said_jobs}\n  <code>/follow {esc(f.url)}{tail}</code>"
        )
    lines.append("Another company may have the same name: if one is yours, send its /follow.")
    return "\n".join(lines)


def too_many(wait: timedelta) -> str:
    """The reply to a /follow past the user's hourly tries, `wait` before the next."""
    after = format_duration(wait.total_seconds() + 1)
    return f"That's a lot of /follow at once. Try again in {after}."


def _listed(names: list[str], last: str) -> str:
    """ "Greenhouse, Lever and Ashby"."""
    return ", ".join(names[:-1]) + f" {last} {names[-1]}" if len(names) > 1 else "".join(names)
