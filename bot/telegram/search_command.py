"""/search: the latest stored jobs a query matches, a page at a time (`search_pages`), with the
tips of the query as typed; a link instead offers its /follow and /why."""

from __future__ import annotations

import html
from datetime import datetime

from bot.errors import QueryError
from bot.store import Stores
from bot.telegram import alert_commands, search_pages, tips
from bot.telegram.commands import Command, Route
from bot.telegram.linked import link_reply
from bot.telegram.tips.repair import query_fix
from bot.transport import Incoming, Press, PressAnswer, Reply

esc = html.escape

SEARCH = Command(
    "search",
    "<query>",
    "Search stored jobs",
    "/search golang remote:yes — the latest stored jobs that match, written like an alert, 5 a "
    "page: Older ▶ and ◀ Newer turn the pages. Written as a sentence (rust jobs in berlin), "
    "it shows what the filters it likely means find when the words alone find nothing.",
    "Jobs",
)


class SearchCommand:
    """/search and its page buttons, reading queries as /alert does (`alert_cmds`)."""

    def __init__(self, alert_cmds: alert_commands.AlertCommands):
        self.alert_cmds = alert_cmds

    def routes(self) -> dict[str, Route]:
        return {"search": self.cmd_search}

    def cmd_search(self, store: Stores, msg: Incoming, arg: str) -> Reply:
        """The latest stored jobs that match, a page at a time."""
        if not arg:
            return "What should I look for? e.g. <code>/search golang</code>. /help search"
        if "://" in arg and (said := link_reply(arg.strip())):  # a job's or a board's link
            return said
        try:
            query, _, typed = self.alert_cmds.parse(arg)
        except QueryError as exc:
            fix = query_fix(exc, alert_commands.clean_query(arg)[0], "/search")
            return f"I can't search for that: {esc(str(exc))}.{fix or ' /help search shows how.'}"
        reply, shown, found = search_pages.first_page(store, msg.chat_id, query, typed)
        if isinstance(reply, str):  # one page or none: maybe "rust, go" meant either
            tipped = tips.search_tips(query.root, typed) if shown is query else ""
            unstated = self.alert_cmds.search_unstated_tip(store, msg.chat_id, shown)
            reply += tipped + unstated
            if not found and not tipped:  # (a tip offers a search that finds it already)
                reply += search_pages.held_back(store, msg.chat_id, shown, not unstated)
        return reply

    def press(self, store: Stores, press: Press, rest: str, now: datetime) -> PressAnswer:
        """Older ▶, ◀ Newer: another page of the search."""
        return search_pages.press(store, press, rest, now)
