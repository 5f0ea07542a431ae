"""/follow of companies by their names. A board the bot reads already, named by its name or
its company's ("/follow stripe all"), is followed with nothing fetched; any other name is
looked for on the platforms whose boards companies name after themselves (`bot.lookup`) and
what is found is offered. Several names ("/follow Stripe, Adyen, Wise", a list pasted from
notes) get a reply each, in the order named; names joined by and/und/& ("Zalando and N26")
that no board has whole, each, or the choice offered.
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import Awaitable, Callable

from bot.company import company_key
from bot.follow import Window
from bot.lookup import Place, look_up, slugs
from bot.poller import Poller
from bot.store import BoardState, Stores
from bot.telegram import followed
from bot.telegram.admin import url_problem
from bot.telegram.companies_asked import AT_ONCE
from bot.telegram.dbworker import StoreWorker
from bot.telegram.muting import joined_names
from bot.transport import Incoming

esc = html.escape

FollowBoard = Callable[[Incoming, BoardState, bool], Awaitable[str]]


class ByName:
    """The name half of /follow: `follow` follows a board the bot reads (the other half's)."""

    def __init__(
        self,
        worker: StoreWorker,
        poller: Poller,
        places: tuple[Place, ...],
        tries: Window,
        follow: FollowBoard,
        usage: str,
    ):
        self.worker = worker
        self.poller = poller
        self.places = places
        self.tries = tries
        self.follow = follow
        self.usage = usage

    async def reply(
        self, msg: Incoming, names: list[str], all_jobs: bool, look: bool
    ) -> str | None:
        """The reply to a /follow of `names`; None when it is one name no board the bot reads
        has and it is not to be looked up (`look` is false: a word of it is an address)."""
        if len(names) > 1 and look:  # "Stripe, Revolut and Canva": "and" joins the last two
            apart = [part for name in names for part in (await self._apart(name) or [name])]
            return await self._several(msg, apart, all_jobs)
        if look and len(names) == 1 and (parts := await self._apart(names[0])):
            if all([await self.named(p) for p in parts]):  # each a board the bot reads
                return await self._several(msg, parts, all_jobs)
            return _each(names[0], parts, all_jobs)
        if boards := await self.named(" ".join(names)):
            return await self._follow_named(msg, boards, all_jobs)
        return (await self.look_up(msg, " ".join(names), all_jobs))[0] if look else None

    async def _several(self, msg: Incoming, names: list[str], all_jobs: bool) -> str:
        """Each name as /follow of one name, side by side, at most AT_ONCE: the replies in the
        order named, then one /follow of every board found alone under its name."""
        got = await asyncio.gather(*(self._one(msg, n, all_jobs) for n in names[:AT_ONCE]))
        said = list(
            dict.fromkeys(
                _named_in(text, n) for n, (text, _) in zip(names[:AT_ONCE], got, strict=True)
            )
        )
        tail = " all" if all_jobs else ""
        if len(found := [url for _, url in got if url]) > 1:
            said.append(
                f"To follow the {len(found)} boards found at once: "
                f"<code>/follow {esc(' '.join(found))}{tail}</code>"
            )
        if left := names[AT_ONCE:]:
            again = esc(", ".join(left) + tail)
            said.append(f"I take {AT_ONCE} at a time. For the rest: <code>/follow {again}</code>")
        return "\n\n".join(said)

    async def _apart(self, name: str) -> list[str]:
        """The names `name` joins with and/und/& ("Zalando and N26"), when no board the bot
        reads has it whole ("Johnson & Johnson" may be one)."""
        parts = joined_names(name)
        return parts if parts and not await self.named(name) else []

    async def _one(self, msg: Incoming, name: str, all_jobs: bool) -> tuple[str, str]:
        """/follow of one name: the board the bot reads that has it, or a look for one; and
        the board found, when the look found one alone."""
        if boards := await self.named(name):
            return await self._follow_named(msg, boards, all_jobs), ""
        return await self.look_up(msg, name, all_jobs)

    async def named(self, name: str) -> list[BoardState]:
        """The boards this bot reads that are called `name`, or whose company is (without
        case, accents or legal form: "stripe" is "Stripe, Inc.")."""
        key = company_key(name)
        if not key:
            return []
        companies = await self.worker.run(lambda s: s.boards.companies())
        names = [n for n, c in companies.items() if key in (company_key(n), company_key(c or ""))]
        return await self.worker.run(_boards, names[:5])

    async def look_up(self, msg: Incoming, name: str, all_jobs: bool) -> tuple[str, str]:
        """A name no board the bot reads has, looked for on the boards it makes (`lookup`),
        and the boards read already that carry its jobs; and the board found, when one alone
        was."""
        if not slugs(name):
            return (url_problem(name) or self.usage) + " No board I read has that name.", ""
        if wait := self.tries.take(msg.chat_id):
            return followed.too_many(wait), ""
        looked = await look_up(name, self.poller, self.places)
        through = await self.worker.run(followed.carried, msg.chat_id, name)
        where = [p.title for p in self.places]
        alone = looked.found[0].url if len(looked.found) == 1 else ""
        return followed.looked_up(name, looked, where, all_jobs, through), alone

    async def _follow_named(self, msg: Incoming, boards: list[BoardState], all_jobs: bool) -> str:
        """Follow a board this bot reads, named by the user; a name several boards have gets
        their URLs offered."""
        if len(boards) > 1:
            offered = "\n".join(f"<code>/follow {esc(b.url)}</code>" for b in boards)
            return f"Several boards I read are called that; which one?\n{offered}"
        return await self.follow(msg, boards[0], all_jobs)


def _each(name: str, parts: list[str], all_jobs: bool) -> str:
    """The /follow of each name joined in `name`, and of the one name, to choose from: each
    look-up is a try of the hour's, so none is made on a guess."""
    tail = " all" if all_jobs else ""
    each = ", ".join(f"<code>/follow {esc(p + tail)}</code>" for p in parts)
    return (
        f"No board I read is called “{esc(name)}”. Several companies? {each} (all at once: "
        f"<code>/follow {esc(', '.join(parts) + tail)}</code>). One company of that name: "
        f'<code>/follow "{esc(name)}"{tail}</code>.'
    )


def _named_in(text: str, name: str) -> str:
    """`text`, led by the name it answers when it does not say it ("Adyen: I couldn't read
    that board: …"); one "too many tries" stays one (the replies are said once each)."""
    if company_key(name) in company_key(html.unescape(text)) or text.startswith("That's a lot"):
        return text
    return f"<b>{esc(name)}</b>: {text}"


def _boards(store: Stores, names: list[str]) -> list[BoardState]:
    return [b for n in names if (b := store.boards.board(n)) is not None]
