"""/mute, /muted and /unmute: the companies whose jobs a user does not want.

A job's `Mute <company>` button mutes the company of a job that came (`buttons.py`); /mute
names one before any of its jobs comes (say, the user's own employer). Companies compare by
`bot.company.company_key`: "Stripe" mutes "Stripe, Inc." too. Names listed with commas are
several (`companies_in`), but a legal form after a comma. For a name no stored job has,
the stored companies that have its words, or have them joined or split ("Fern Point":
Fernpoint Finance), are offered; one spelled only apart ("harbour coin": Harbourcoin) is
muted as the jobs spell it. With none, or in quotes, the name is muted as typed, and the
reply says no job has it yet. Names joined by and/und/& ("Hays und Randstad") that no stored
job has whole are muted each when each is a stored company, else which is asked.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import datetime

from bot.company import company_key, joined_key
from bot.store import Stores
from bot.telegram import mute_topic, stored_search
from bot.telegram.args import echo
from bot.telegram.commands import Command, Route
from bot.transport import Incoming
from bot.wording import plural

esc = html.escape
LONGEST = 100  # characters in a company's name typed to /mute
OFFERED = 5  # stored companies offered for a name no stored job has
_LIST = re.compile(r"\s*[,;\n]\s*")
_JOINED = re.compile(r"\s+(?:and|und|sowie|&|\+)\s+", re.IGNORECASE)
MOST_AT_ONCE = 20  # companies one /mute or /unmute takes
SPLIT_LONGEST = 24  # letters of a word tried split in two ("harbourcoin")
RESPELLINGS = 40  # spellings of a name looked up, each a lookup of the stored jobs' words

COMMANDS: tuple[Command, ...] = (
    Command(
        "mute",
        "<company>",
        "Stop getting a company's jobs",
        "/mute Acme — no more jobs from Acme (“Acme Inc.” too), also not in /search; say, "
        "your own employer. When I have no job from Acme but some from “Acme Robotics” (or from "
        '“Fernpoint” for Fern Point), I ask which; /mute "Acme" in quotes mutes the name as '
        "typed. Several at once: /mute Acme, Initech. The “Mute …” button under a job, or "
        "/mute sent in reply to it, does the same.",
        "Jobs",
    ),
    Command(
        "muted", "", "Companies you muted", "Lists the companies whose jobs you don't get.", "Jobs"
    ),
    Command(
        "unmute",
        "<company>",
        "Get a company's jobs again",
        "/unmute Acme — jobs from Acme reach you again (names as /muted lists them); "
        "/unmute Acme, Initech several; /unmute all, every one.",
        "Jobs",
    ),
)


class MuteCommands:
    """/mute, /muted and /unmute. Each runs on a worker thread (dbworker)."""

    def __init__(self, clock: Callable[[], datetime]):
        self.clock = clock

    def routes(self) -> dict[str, Route]:
        return {"mute": self.cmd_mute, "muted": cmd_muted, "unmute": cmd_unmute}

    def cmd_mute(self, store: Stores, msg: Incoming, arg: str) -> str:
        """Mute a company by name, or several listed with commas or one a line; sent alone in
        reply to a job's message, that job's company."""
        if not arg.strip() and msg.reply_to_message_id is not None:
            job = store.jobs.job_by_message(msg.chat_id, msg.reply_to_message_id)
            if job is not None and company_key(job.posting.company):  # as the job spells it
                return self._mute(store, msg, f'"{job.posting.company}"', known=True)
        names = companies_in(arg)
        if not arg.strip().startswith('"') and (said := self._not_a_company(store, msg, names)):
            return said  # "/mute crypto", "/mute notifications until tomorrow"
        if len(names) == 1 and (apart := self._apart(store, msg, arg)) is not None:
            return apart  # "Hays und Randstad"
        if len(names) > 1 and not stored(store, msg.chat_id, names[-1]):
            names = [*names[:-1], *(joined_names(names[-1]) or names[-1:])]  # "A, B and C"
        if len(names) > 1:
            return "\n".join(self._mute(store, msg, name) for name in names[:MOST_AT_ONCE])
        return self._mute(store, msg, arg)

    def _apart(self, store: Stores, msg: Incoming, name: str) -> str | None:
        """For a name joined by and/und/& that no stored job has whole ("Hays und Randstad"):
        each part muted when each is a stored company, else the choice asked; None for a
        name that is one ("Johnson & Johnson" stored so, or muted)."""
        parts = joined_names(name)
        if not parts or muted_as(store, msg.chat_id, name):
            return None
        if whole := stored(store, msg.chat_id, name):  # "Procter and Gamble": as stored
            return (
                None if company_key(whole) == company_key(name) else self._mute(store, msg, whole)
            )
        said = esc(" ".join(name.split()))
        if all(stored(store, msg.chat_id, p) for p in parts):
            done = "\n".join(self._mute(store, msg, p) for p in parts)
            return f"No job I have stored is from “{said}”, but from each of its names:\n{done}"
        each = esc(", ".join(parts))
        return (
            f"No job I have stored is from “{said}” or from each of its names, so I can't tell "
            f"if it is one company or {len(parts)}. <code>/mute {each}</code> mutes each; "
            f'<code>/mute "{said}"</code> the one name.'
        )

    def _not_a_company(self, store: Stores, msg: Incoming, names: list[str]) -> str | None:
        """The reply to names that are a kind of job, or the bot's messages, unless a stored
        job is from a company of that name."""
        if len(names) == 1 and (pause := mute_topic.pause_meant(names[0])) is not None:
            return pause
        if (kinds := mute_topic.topic(names)) is None or any(
            company_key(c) == company_key(n) for n in names for c in similar(store, msg.chat_id, n)
        ):
            return None
        return mute_topic.reply(store, msg, kinds, ", ".join(names))

    def _mute(self, store: Stores, msg: Incoming, arg: str, known: bool = False) -> str:
        """Mute one company by name: under a stored job's spelling when one has that name, or
        has it spelled apart; a name in quotes (or `known`: a job's own) as typed."""
        name = " ".join(arg.split())
        typed = len(name) > 2 and name[0] == name[-1] == '"'
        name = name[1:-1].strip() if typed else name
        if not company_key(name):
            return (
                "Which company? e.g. <code>/mute Acme</code>, or /mute in reply to a job's "
                "message; /muted lists the ones you muted."
            )
        if len(name) > LONGEST:
            return f"That's longer than a company's name ({LONGEST} characters at most)."
        if (already := muted_as(store, msg.chat_id, name)) is not None:
            return f"You muted {esc(already)} already. /muted lists the companies you muted."
        stored = similar(store, msg.chat_id, name)
        same = [c for c in stored if company_key(c) == company_key(name)]
        if typed or known or same:  # a stored job's spelling, as /muted will list it
            return self._muted(
                store, msg, same[0] if same and not typed else name, known or bool(same)
            )
        alike = spelled_alike(store, msg.chat_id, name)
        spelled = {company_key(c): c for c in alike if joined_key(c) == joined_key(name)}
        if len(spelled) == 1:  # "harbour coin": Harbourcoin, as its jobs spell it
            return self._muted(store, msg, next(iter(spelled.values())), True)
        if offers := list({company_key(c): c for c in [*stored, *alike]}.values()):
            listed = ", ".join(f"<code>/mute {esc(c)}</code>" for c in offers[:OFFERED])
            return (
                f"No job I have stored is from exactly “{esc(name)}”. Did you mean {listed}? "
                f'To mute “{esc(name)}” itself, send <code>/mute "{esc(name)}"</code>.'
            )
        return self._muted(store, msg, name, False)

    def _muted(self, store: Stores, msg: Incoming, name: str, seen: bool) -> str:
        """Mute `name`; when no stored job has it (not `seen`), the reply says so."""
        store.users.ensure(msg.chat_id, self.clock())
        store.choices.mute_company(msg.chat_id, name, self.clock())
        unseen = (
            ""
            if seen
            else " I have no job from them yet to check the name against: one spelled "
            "otherwise would still come."
        )
        return (
            f"🔇 Muted <b>{esc(name)}</b>: no more jobs from them, also not in /search.{unseen} "
            f"<code>/unmute {esc(name)}</code> undoes it."
        )


def companies_in(text: str) -> list[str]:
    """The companies `text` names, listed with commas, semicolons or one a line ("Stripe,
    Revolut; N26"); a legal form after a comma stays with its name ("Stripe, Inc."), and a
    name in quotes is one."""
    if text.strip().startswith('"'):
        return [text]
    names: list[str] = []
    for part in _LIST.split(text.strip()):
        if names and company_key(f"{names[-1]}, {part}") == company_key(names[-1]):
            names[-1] = f"{names[-1]}, {part}"  # "Stripe, Inc.": one name
        elif part:
            names.append(part)
    return names


def joined_names(name: str) -> list[str]:
    """The names `name` joins with and, und, & or + ("Hays und Randstad": Hays, Randstad),
    or [] for a name joining none, or in quotes."""
    if name.strip().startswith('"'):
        return []
    parts = dict.fromkeys(p.strip() for p in _JOINED.split(name.strip()) if p.strip())
    return list(parts) if len(parts) > 1 else []


def stored(store: Stores, chat_id: int, name: str) -> str | None:
    """The company of a stored open job that `name` is, as the job spells it ("Procter and
    Gamble": "Procter & Gamble"), or None."""
    spellings = {n: company_key(n) for n in (name.strip('"'), _JOINED.sub(" & ", name))}
    keys = set(spellings.values())
    found = (c for n in spellings for c in similar(store, chat_id, n) if company_key(c) in keys)
    return next(found, None)


def similar(store: Stores, chat_id: int, name: str) -> list[str]:
    """The companies of stored open jobs whose names have all of `name`'s words (but its legal
    form), newest first, one spelling each."""
    found = stored_search.of_company(store, chat_id, name)
    names = {company_key(p.company): p.company for p in reversed(found)}
    return list(reversed(names.values()))


def spelled_alike(store: Stores, chat_id: int, name: str) -> list[str]:
    """The companies of stored open jobs whose names have `name` with its words joined, or
    split in two ("Fern Point": Fernpoint Finance; "Harbourcoin": Harbour Coin), newest first
    for each spelling tried, one spelling each."""
    joined = joined_key(name)
    found: dict[str, str] = {}
    for tried in _respelled(company_key(name).split()):
        for company in similar(store, chat_id, tried):
            words = company_key(company).split()
            ends = range(1, len(words) + 1)
            if any("".join(words[i:j]) == joined for j in ends for i in range(j)):
                found.setdefault(company_key(company), company)
    return list(found.values())


def _respelled(words: list[str]) -> list[str]:
    """Other spellings of a name's `words` (four at most), `RESPELLINGS` at most: all joined,
    each two side by side joined ("harbour coin labs": harbourcoin labs), and each word split
    in two, each part of three letters at least ("tidalwave labs": tidal wave labs)."""
    if not 0 < len(words) <= 4:
        return []
    joined = ["".join(words)] if len(words) > 1 else []
    for i in range(len(words) - 1):
        joined.append(" ".join([*words[:i], words[i] + words[i + 1], *words[i + 2 :]]))
    split = [
        " ".join([*words[:i], word[:n], word[n:], *words[i + 1 :]])
        for i, word in enumerate(words)
        if len(word) <= SPLIT_LONGEST
        for n in range(3, len(word) - 2)
    ]
    return list(dict.fromkeys([*joined, *split]))[:RESPELLINGS]


def muted_as(store: Stores, chat_id: int, name: str) -> str | None:
    """The name a muted company is listed under when `name` is it, spelled alike or apart
    ("harbour coin" for Harbourcoin), or None."""
    joined = joined_key(name)
    return next(
        (n for n in store.choices.muted_companies(chat_id) if joined_key(n) == joined), None
    )


def cmd_muted(store: Stores, msg: Incoming, arg: str) -> str:
    """The companies the user muted."""
    names = store.choices.muted_companies(msg.chat_id)
    if not names:
        return (
            "You have muted no company. <code>/mute Acme</code> or the “Mute …” button under "
            "a job mutes one."
        )
    lines = "\n".join(f"• {esc(name)}" for name in names)
    return f"Muted companies:\n{lines}\n<code>/unmute &lt;company&gt;</code> undoes one."


def cmd_unmute(store: Stores, msg: Incoming, arg: str) -> str:
    """Unmute a company by name (any case, with or without its legal form), several listed
    with commas, or all of them."""
    if not arg:
        return "Which company? e.g. <code>/unmute Acme</code>; /muted lists them."
    if arg.strip().lower() in ("all", "everything", "everyone") and not store.choices.is_muted(
        msg.chat_id, arg
    ):
        muted = store.choices.muted_companies(msg.chat_id)
        if not muted:
            return "You have muted no company: nothing to unmute."
        for name in muted:
            store.choices.unmute_company(msg.chat_id, name)
        return (
            f"🔔 Unmuted {plural(len(muted), 'company', 'companies')}: their jobs reach you again."
        )
    if len(names := companies_in(arg)) > 1:
        return "\n".join(cmd_unmute(store, msg, name) for name in names[:MOST_AT_ONCE])
    if store.choices.unmute_company(msg.chat_id, arg):
        return f"🔔 {echo(arg, 80)} unmuted: its jobs reach you again."
    if (spelled := muted_as(store, msg.chat_id, arg)) and store.choices.unmute_company(
        msg.chat_id, spelled
    ):  # "harbour coin": Harbourcoin
        return f"🔔 {esc(spelled)} unmuted: its jobs reach you again."
    key = set(company_key(arg).split())
    close = [
        n for n in store.choices.muted_companies(msg.chat_id) if key <= set(company_key(n).split())
    ]
    if close:  # "acme" for "Acme Recruiting": the names muted that have its words
        offers = ", ".join(f"<code>/unmute {esc(n)}</code>" for n in close[:OFFERED])
        return f"You haven't muted “{echo(arg, 80)}”. Did you mean {offers}?"
    return f"You haven't muted “{echo(arg, 80)}”. /muted lists the companies you muted."
