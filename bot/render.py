"""A posting -> one Telegram message: HTML with every value escaped, well within Telegram's limits."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import datetime, tzinfo

from bot.excerpt import about_the_role
from bot.experience import Asked, asked
from bot.history import listed_before, updated
from bot.job_buttons import job_actions, link_buttons
from bot.models import Earlier, OutgoingMessage, Posting
from bot.render_pay import pay, pay_line
from bot.render_title import LISTED, ONE_JOB, company_cut, shown_company, shown_place, shown_title
from bot.stack import stack
from bot.visa import stance
from bot.wording import WORKPLACE, shorten

MAX_MESSAGE = 4096  # Telegram counts UTF-16 code units of the text after entity parsing
EXCERPT = 280  # characters of the description a job's message shows
PLACES_LISTED = 80  # characters of a job's places a list's line shows (its message: 150)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def excerpt(text: str, limit: int) -> str:
    """The opening of a description, line breaks kept, at most `limit` characters; one cut
    short ends with "…", not on a lead-in ("…our core values:")."""
    out: list[str] = []
    room, cut = limit, False
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        if len(line) >= room:
            if room > 40 or not out:
                out.append(shorten(line, room))
            cut = True
            break
        out.append(line)
        room -= len(line) + 1
    # A heading whose text did not fit, or a fragment the text ends on ("As"), says nothing
    # on its own; a short last bullet that fits ("• Rust") does.
    while len(out) > 1 and len(out[-1]) < 40 and out[-1][-1] not in ".!?…":
        if out[-1].startswith("•") and not cut:
            break
        out.pop()
    if cut and out and out[-1][-1] not in ".!?…":
        out[-1] = out[-1].rstrip(" ,;:-") + "…"
    return "\n".join(out)


def _listed(items: list[str], budget: int) -> str:
    """`items` joined by commas while they fit in `budget` characters, then "and N more"."""
    shown: list[str] = []
    for item in items:
        if shown and sum(len(x) + 2 for x in shown) + len(item) > budget:
            return f"{', '.join(shown)} and {len(items) - len(shown)} more"
        shown.append(item)
    return ", ".join(shown)


def job_line(p: Posting, queries: Sequence[str] = ()) -> tuple[str, str]:
    """• Title (linked to the posting) — Company · Location (remote) · salary: one job in a
    list (a digest, /search, a backtest, /follow's answer), as HTML and as plain text; the
    salary converted too where one of `queries` asks for another currency (`pay`)."""
    where = _where(p, width=PLACES_LISTED, capital=False)
    title = shorten(shown_title(p.title, where), 120) or "(untitled)"
    details = " · ".join(x for x in (_company_where(p, where, LISTED), pay(p, queries)) if x)
    tail = f" — {details}" if details else ""
    if p.url.startswith(("http://", "https://")):
        link = f'<a href="{html.escape(p.url)}">{html.escape(title, quote=False)}</a>'
    else:
        link = html.escape(title, quote=False)
    return f"• {link}{html.escape(tail, quote=False)}", f"• {title}{tail}"


def job_details(p: Posting, queries: Sequence[str] = ()) -> str:
    """Location (remote) · salary, as a list line shows them after the company (plain text)."""
    return " · ".join(
        x for x in (_where(p, width=PLACES_LISTED, capital=False), pay(p, queries)) if x
    )


def _company_where(p: Posting, where: str, width: int) -> str:
    """Company · where: the company as shown (`render_title.company_cut`) and the places
    `where` (`_where`), as the job's message and a list's line show them."""
    return " · ".join(x for x in (company_cut(p.company, p.board, width), where) if x)


# A location that says the job is remote already, in words a message keeps: "Remote - LATAM",
# "Brasil (Remoto)", "Remote-first", "Anywhere in Latin America" (no "(remote)" after it).
_SAYS_REMOTE = re.compile(r"\bremote|\b(?:remot[oa]s?|anywhere|work from home)\b", re.IGNORECASE)


def _where(p: Posting, cities: Sequence[str] = (), width: int = 150, capital: bool = True) -> str:
    """The job's places (its own, then `cities`: the same job's on this board under other
    ids), and its workplace when they do not already say it: "Berlin (remote)"; a workplace
    alone is "Remote" in a message's line, "remote" in a list's ("— Acme · remote · $90k")."""
    places = (shown_place(x) for x in (p.location, *cities) if x)
    where = shorten(" · ".join(dict.fromkeys(places)), width)
    label = WORKPLACE.get(p.workplace or "", "")
    said = bool(_SAYS_REMOTE.search(where)) if label == "remote" else label in where.lower()
    if label and not said:
        alone = label.capitalize() if capital else label
        where = f"{where} ({label})" if where else alone
    return where


def posted_ago(posted: datetime | None, now: datetime) -> str:
    """'posted today', 'posted 3 days ago (18 Nov 2026)', by the calendar of `now`'s zone."""
    if posted is None:
        return ""
    local = posted.astimezone(now.tzinfo)  # the calendar of `now`'s zone, the user's
    days = (now.date() - local.date()).days
    date = f"{local.day} {local:%b %Y}"
    if days <= 0:
        return f"posted today ({date})"
    if days == 1:
        return f"posted yesterday ({date})"
    return f"posted {_ago(days)} ({date})"


def _ago(days: int) -> str:
    """'3 days ago', '5 weeks ago', '4 months ago', '2 years ago': "posted 1948 days ago" is
    hard to read as old."""
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    if days < 365:
        return f"{days // 30} months ago"
    return "a year ago" if days < 730 else f"{days // 365} years ago"


# What a job's message says of visa sponsorship when the posting says something (`bot.visa`).
VISA_LINES = {
    "yes": "🛂 Visa sponsorship offered",
    "no": "🛂 No visa sponsorship",
    "maybe": "🛂 Visa sponsorship in some cases (read the posting)",
}


def notification(
    posting: Posting,
    alert_queries: tuple[str, ...] | list[str],
    now: datetime,
    also: tuple[str, ...] | list[str] = (),
    zone: tzinfo | None = None,
    delivery_id: int | None = None,
    saved: bool = False,
    followed: bool = False,
    earlier: Earlier | None = None,
    edit: tuple[str, datetime | None] | None = None,
) -> OutgoingMessage:
    """The alert message for one job: bold title (`bot.render_title`: without its gender marker
    or a place the location line shows), company, location and workplace, salary,
    visa sponsorship and the years of experience asked when it says, the tech it names,
    posted date (in `zone`, the user's), board, the same job listed before (`earlier`), the
    edit that brought it (`edit`: what changed, and when), an excerpt about the role, matched
    alerts (or, `followed`, the board the user follows for every new job); row 1 of buttons
    opens the job (and with a `delivery_id`, saves it for later, or shows it `saved`), row 2
    hides it, mutes or pauses."""
    others = [entry.split("|", 1) for entry in also]  # "board|location" of the same job
    cities = [loc for board, loc in others if board == posting.board and loc]
    where = _where(posting, cities)
    title = shorten(shown_title(posting.title, where), 200) or "(untitled)"
    lines = [
        (f"<b>{_esc(title)}</b>", title),
        *_facts(posting, where, alert_queries, now, zone, others, earlier, edit),
    ]
    body = excerpt(about_the_role(posting.description, posting.company), EXCERPT)
    if body and _says_more(body, title, posting.company):
        lines += [("", ""), (f"<i>{_esc(body)}</i>", body)]
    if why := _why_sent(posting, alert_queries, followed):
        lines += [("", ""), why]
    return OutgoingMessage(
        html="\n".join(h for h, _ in lines),
        plain="\n".join(p for _, p in lines),
        buttons=link_buttons(posting, delivery_id, saved)
        + job_actions(delivery_id, shown_company(posting.company, posting.board), alert_queries),
    )


def _facts(
    posting: Posting,
    where: str,
    alert_queries: Sequence[str],
    now: datetime,
    zone: tzinfo | None,
    others: list[list[str]],
    earlier: Earlier | None,
    edit: tuple[str, datetime | None] | None = None,
) -> list[tuple[str, str]]:
    """The lines under the title, those the job has: company and where (`where`), pay, visa,
    years, the tech it names, when posted, the edit that brought it, listed before, the other
    boards that list it."""
    boards = [board for board, _ in others if board != posting.board]
    lines = [
        _line(_company_where(posting, where, ONE_JOB)),
        _line(pay_line(posting, alert_queries)),
        _line(VISA_LINES.get(stance(posting.title, posting.description)[0] or "", "")),
        _line(_years(asked(posting.title, posting.description or ""))),
        _line(_stack(posting)),
        _line(_dated(posting, now, zone)),
        _line(updated(*edit, zone, now) if edit is not None else ""),
        _line(listed_before(earlier, zone)),
        _line("Also on " + shorten(", ".join(dict.fromkeys(boards)), 120) if boards else ""),
    ]
    return [line for line in lines if line is not None]


def _why_sent(
    posting: Posting, alert_queries: Sequence[str], followed: bool
) -> tuple[str, str] | None:
    """The last line: the alerts it matched, or the board the user follows for every job."""
    queries = _listed([f"“{shorten(q, 60)}”" for q in alert_queries], 600)
    if queries:
        label = "Matched your alert" if len(alert_queries) == 1 else "Matched your alerts"
        return _line(f"🔔 {label} {queries}")
    if followed:
        board = shorten(posting.board, 60)
        return _line(f"🏢 Every new job of {board}: you follow it (/following)")
    return None


def _stack(posting: Posting) -> str:
    """The tech the posting names, the most named first (`bot.stack`); none when the title
    names it all already ("Rust Engineer" of a text that names only Rust)."""
    named = stack(posting.title, posting.description or "", posting.company)
    if not named or set(named) <= set(stack(posting.title, "", posting.company)):
        return ""
    return "🧰 " + " · ".join(named)


def _years(said: Asked) -> str:
    """What a job's message says of the years of experience it asks (`bot.experience`): at
    least so many, or a range."""
    if said.years is None:
        return ""
    if said.upto is not None and said.upto > said.years:
        return f"🎓 {said.years}–{said.upto} years of experience asked"
    return f"🎓 {said.years}+ year{'s' if said.years != 1 else ''} of experience asked"


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _line(text: str) -> tuple[str, str] | None:
    """A line of plain text as (HTML, plain); None (no line) for an empty text."""
    return (_esc(text), text) if text else None


def _dated(posting: Posting, now: datetime, zone: tzinfo | None) -> str:
    """The date in the user's zone, and the board: "Posted today (4 Dec 2026) · via Acme"."""
    local = now.astimezone(zone) if zone is not None else now
    via = f"via {shorten(posting.board, 60)}"
    when = " · ".join(x for x in (posted_ago(posting.posted_at, local), via) if x)
    return when[0].upper() + when[1:]


def _says_more(body: str, title: str, company: str) -> bool:
    """Whether an excerpt says more than the job's title and company ("Rust Engineer at
    Acme")."""
    rest = body.casefold().replace(title.casefold(), " ")
    rest = rest.replace(company.casefold(), " ") if company else rest
    return len(_FILLER.sub("", rest)) >= 8


_FILLER = re.compile(r"\b(?:at|with|for|in|join|us|the|job|role)\b|[\W_]+")
