"""/alert, /alerts (an inline menu), /edit and /delete, and the menu's button presses.

The menu is pages of at most `PAGE` alerts; each alert has a row of buttons (pause/resume,
edit, delete with a confirm step, its backtest) and a press edits the menu in place. Callback
data is `a:<action>:<alert id>:<page>` (well under Telegram's 64 bytes, no secret); a press
acts only on an alert of the chat it came from, so a forged or stale one changes nothing.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import datetime, timedelta

from bot import places, render
from bot.config import AlertsConfig
from bot.errors import QueryError
from bot.models import Button, OutgoingMessage, Posting
from bot.query import Query
from bot.query import parse as parse_query
from bot.render import shorten
from bot.store import AlertRow, Stores
from bot.syntax import (
    ATTRS,
    OPEN_TO,
    And,
    Attr,
    Field,
    Node,
    Not,
    Or,
    Phrase,
    Salary,
    Word,
    format_node,
)
from bot.telegram import stored_search
from bot.telegram.args import echo, parse_id
from bot.telegram.commands import Command
from bot.telegram.split import visible_text
from bot.transport import Incoming
from bot.view import stored_query

esc = html.escape
PAGE = 10  # alerts on one page of the menu
SHOWN = 150  # characters of a query in the menu: 10 of them stay far within 4096
WEEK = timedelta(days=7)
_MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")

COMMANDS = (
    Command(
        "alert",
        "<query>",
        "Add a keyword alert",
        "/alert rust backend — tells you about every new job that matches, once. Replies with "
        "the alert as understood, its id, and the jobs posted in the last 7 days it would have "
        "matched. The same alert twice is refused.",
    ),
    Command(
        "alerts",
        "",
        "Your alerts, with buttons",
        "Lists your alerts, 10 a page, each with buttons: pause or resume it, edit it, delete it "
        "(after a confirm), and see what it matched in the last 7 days.",
    ),
    Command(
        "edit",
        "<id> <query>",
        "Change an alert",
        "/edit 3 rust backend — alert #3 now looks for this; it keeps its id.",
    ),
    Command(
        "delete", "<id>", "Delete an alert", "/delete 3 — deletes alert #3 (ids are in /alerts)."
    ),
)


# Words a job seeker types meaning where the job is done: the word alone matches only text
# that has it ("Remote (EU)"), not a job the board marks remote, as the remote: filter does.
_WORKPLACE_WORDS = ("remote", "hybrid", "onsite")


def workplace_tip(root: Node) -> str:
    """A line for the reply when the query has "remote", "hybrid" or "onsite" as a plain word
    of its own, or after location: (not inside OR or NOT): the `remote:` filter is likely what
    was meant."""
    terms = root.children if isinstance(root, And) else (root,)
    for term in terms:
        where = "text"
        if isinstance(term, Field) and term.name == "location":
            term, where = term.child, "location"
        if isinstance(term, Word) and term.token in _WORKPLACE_WORDS:
            word, attr = term.token, f"remote:{ATTRS['remote'][term.token]}"
            typed = word if where == "text" else f"location:{word}"
            return (
                f"\nTip: <b>{typed}</b> matches the word in a job's {where}; "
                f"<code>{attr}</code> matches every job the board marks {word}, "
                "whatever its text says."
            )
    return ""


_VISA_WORDS = frozenset({"visa", "visas", "sponsorship", "sponsor"})


def visa_tip(root: Node, command: str) -> str:
    """A line for the reply when the query looks for the words "visa" or "sponsorship" (not
    inside OR or NOT): they also find the jobs that say they will *not* sponsor, which
    visa:yes leaves out. `command` ("/edit 3", "/search") with visa:yes for them is offered."""
    terms = root.children if isinstance(root, And) else (root,)
    named = [
        t for t in terms if isinstance(t, Word | Phrase) and _VISA_WORDS & set(_words(t).split())
    ]
    if not named or any(isinstance(t, Attr) and t.name == "visa" for t in terms):
        return ""
    rest = [t for t in terms if t not in named]
    meant = And((*rest, Attr("visa", "yes"))) if rest else Attr("visa", "yes")
    return (
        f"\nTip: {esc(' '.join(map(format_node, named)))} also finds the jobs that say they will not "
        f"sponsor a visa. Only those that offer it: <code>{command} {esc(format_node(meant))}</code>."
    )


def language_tip(root: Node, command: str) -> str:
    """A line for the reply when a language's name is a word of its own ("rust berlin
    english", not inside OR or NOT): it finds the word ("fluent English and German"), while
    lang: finds the jobs written in it, which is likely what was meant. `command` ("/edit 3",
    "/search") with lang: instead is offered."""
    terms = root.children if isinstance(root, And) else (root,)
    for i, term in enumerate(terms):
        word = term.token if isinstance(term, Word) else ""
        code = ATTRS["lang"].get(word)
        if code is not None and len(word) > 2:  # a name, not "de"
            meant = (*terms[:i], Attr("lang", code), *terms[i + 1 :])
            fixed = esc(format_node(And(meant) if len(meant) > 1 else meant[0]))
            return (
                f"\nTip: <b>{esc(word)}</b> finds the word in a job's text (“fluent "
                f"{esc(word.title())} required”); for the jobs written in it: "
                f"<code>{command} {fixed}</code>."
            )
    return ""


def remote_from_tip(root: Node, command: str) -> str:
    """A line for the reply when a remote-only query asks for a place with location: ("rust
    remote:yes location:germany"): remote jobs open to all of Europe say "Europe", not
    Germany, and location: misses them. `command` ("/edit 3") with from: is offered."""
    terms = root.children if isinstance(root, And) else (root,)
    if Attr("remote", "yes") not in terms:
        return ""
    for i, term in enumerate(terms):
        if (
            isinstance(term, Field)
            and term.name == "location"
            and isinstance(term.child, Word | Phrase)
            and places.names_a_place(_words(term.child))
        ):
            meant = (*terms[:i], Field(OPEN_TO, term.child), *terms[i + 1 :])
            fixed = esc(format_node(And(meant)))
            return (
                f"\nTip: {esc(format_node(term))} misses remote jobs open to a whole region "
                f"(“Remote (EU)”, “Worldwide”). For those too: <code>{command} {fixed}</code>."
            )
    return ""


def open_tip(root: Node) -> str:
    """A line for the reply when from: names no place we know ("from:mars"): it then finds
    only the jobs open worldwide, which is likely not what was meant."""
    unknown = [
        name
        for name in _open_places(root)
        if not places.names_a_place(name) and len(places.open_names(name)) == 1  # worldwide
    ]
    if not unknown:
        return ""
    return (
        f"\nTip: I know no place “{esc(unknown[0])}”, so from: finds only the jobs open "
        "worldwide. It takes a country, a state or a big city: <code>from:germany</code>."
    )


def _open_places(node: Node) -> list[str]:
    """The places named after from: anywhere in the query, as words joined by spaces."""
    if isinstance(node, Field) and node.name == OPEN_TO:
        leaves = node.child.children if isinstance(node.child, Or) else (node.child,)
        return [_words(leaf) for leaf in leaves if isinstance(leaf, Word | Phrase)]
    children = node.children if isinstance(node, And | Or) else ()
    child = (node.child,) if isinstance(node, Not) else ()
    return [name for c in (*children, *child) for name in _open_places(c)]


def _words(term: Word | Phrase) -> str:
    return term.token if isinstance(term, Word) else " ".join(term.tokens)


def grouping_tip(root: Node, text: str, command: str) -> str:
    """A line for the reply when OR sits beside words it does not group, with no parentheses
    typed: "rust OR go remote:yes" is rust, or go that is remote, which few mean. The
    `command` ("/edit 3") with the grouping most mean is offered, ready to copy."""
    if (
        "(" in text
        or not isinstance(root, Or)
        or not any(isinstance(c, And) for c in root.children)
    ):
        return ""
    meant = _regrouped(root)
    offer = (
        f"If you meant <code>{command} {html.escape(format_node(meant))}</code>, send that."
        if meant is not None
        else "To group otherwise, write them: <code>(rust OR go) remote:yes</code>."
    )
    return f"\nTip: AND binds tighter than OR, as the parentheses above show. {offer}"


def _regrouped(root: Or) -> Node | None:
    """The query with OR binding tighter, in its two common shapes: "a OR b x y" -> "(a OR
    b) x y" and "x y a OR b" -> "x y (a OR b)"; None for any other shape."""
    *first, last = root.children
    if isinstance(last, And) and not any(isinstance(c, And) for c in first):
        return And((Or((*first, last.children[0])), *last.children[1:]))
    head, *rest = root.children
    if isinstance(head, And) and not any(isinstance(c, And) for c in rest):
        return And((*head.children[:-1], Or((head.children[-1], *rest))))
    return None


def place_tip(root: Node, command: str) -> str:
    """A line for the reply when location: is followed by words that name one place with its
    own ("location:new york"): the field takes one word, so the others are looked for
    anywhere, which few mean. `command` ("/edit 3", "/search") with the place quoted is
    offered, ready to copy."""
    terms = root.children if isinstance(root, And) else (root,)
    for i, term in enumerate(terms):
        if not (
            isinstance(term, Field) and term.name == "location" and isinstance(term.child, Word)
        ):
            continue
        for n in range(min(4, len(terms) - i), 1, -1):
            words = [t.token for t in terms[i + 1 : i + n] if isinstance(t, Word)]
            name = (term.child.token, *words)
            if len(name) == n and places.names_a_place(" ".join(name)):
                meant = (*terms[:i], Field("location", Phrase(name)), *terms[i + n :])
                fixed = esc(format_node(And(meant) if len(meant) > 1 else meant[0]))
                return (
                    f"\nTip: location: takes the one word after it, so “{esc(' '.join(words))}” "
                    f"is looked for anywhere. For the place: <code>{command} {fixed}</code>."
                )
    return ""


_UNSTATED = Attr("salary", "none")


def or_unstated(root: Node) -> Node | None:
    """The query with every salary amount it requires also taking the jobs that state no
    salary ("rust salary:>=100k" -> "rust (salary:>=100k OR salary:none)"); None when it
    requires none, or names salary:none already."""
    if _has(root, _UNSTATED):
        return None
    loose = _loosened(root)
    return loose if loose != root else None


def _loosened(node: Node) -> Node:
    if isinstance(node, Salary):
        return Or((node, _UNSTATED))
    if isinstance(node, And):
        return And(tuple(_loosened(c) for c in node.children))
    if isinstance(node, Or):
        loose = [_loosened(c) for c in node.children]
        return Or(tuple(n for c in loose for n in (c.children if isinstance(c, Or) else (c,))))
    return node  # a NOT, a field (which holds no salary) or a term


def _has(node: Node, part: Node) -> bool:
    children = node.children if isinstance(node, And | Or) else ()
    inner = (node.child,) if isinstance(node, Not | Field) else ()
    return node == part or any(_has(c, part) for c in (*children, *inner))


def unstated_tip(root: Node, command: str, more: int | None) -> str:
    """A line for the reply when `more` jobs of the last 7 days (None: some stored jobs) would
    match but for a salary amount they do not state, as most jobs state none. `command`
    ("/edit 3", "/search") with the query that takes them too (`or_unstated`) is offered,
    ready to copy."""
    loose = or_unstated(root)
    if loose is None or more == 0:
        return ""
    amount = next(format_node(n) for n in _leaves(root) if isinstance(n, Salary))
    found = (
        "Jobs that state none match the rest"
        if more is None
        else f"{_plural(more, 'more job')} of the last 7 days {'match' if more > 1 else 'matches'} the rest"
    )
    return (
        f"\nTip: {esc(amount)} leaves out the jobs that state no salary, and most state none. "
        f"{found}. For those too: <code>{command} {esc(format_node(loose))}</code>."
    )


def _leaves(node: Node) -> list[Node]:
    children = node.children if isinstance(node, And | Or) else ()
    return [node] if not children else [n for c in children for n in _leaves(c)]


# A comma between terms, not inside a number ("salary:>=120,000").
_LIST_COMMA = re.compile(r"\s*,(?!\d)\s*")
_LIST_ITEM = re.compile(r"\.?\w[\w.+#*/-]*")  # one word: no field, negation or space


def list_tip(root: Node, text: str, command: str) -> str:
    """A line for the reply when single words are listed with commas and no OR: "rust, go,
    scala" needs all three words, as spaces would; most who write it mean any of them, so
    `command` ("/edit 3", "/search") with OR is offered, ready to copy."""
    if isinstance(root, Or) or '"' in text or re.search(r"\bOR\b|\|", text, re.I):
        return ""
    items = [item for item in _LIST_COMMA.split(text.strip(" ,")) if item]
    if len(items) < 2 or not all(_LIST_ITEM.fullmatch(item) for item in items):
        return ""  # "senior rust, berlin", "rust, -java", "rust, remote:yes": all meant
    either = html.escape(" OR ".join(items))
    what = "search" if command == "/search" else "alert"
    return (
        f"\nTip: a comma joins words as a space does, so this {what} needs all of them. For "
        f"any one of them: <code>{command} {either}</code>."
    )


def clean_query(text: str) -> tuple[str, bool]:
    """A query without HTML tags or entities (`<b>rust</b>` -> `rust`); True when any went."""
    cleaned = html.unescape(_MARKUP.sub(" ", text))
    cleaned = " ".join(cleaned.split()) if cleaned != text else text
    return cleaned, cleaned != text


def job_line(p: Posting) -> str:
    """One job as a list line (HTML): see `bot.render.job_line`."""
    return render.job_line(p)[0]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


class AlertCommands:
    """The alert commands and the menu; every method runs on a worker thread (dbworker.py)."""

    def __init__(self, limits: AlertsConfig, clock: Callable[[], datetime], scan_limit: int):
        self.limits = limits
        self.clock = clock
        self.scan_limit = scan_limit

    def routes(self) -> dict[str, Callable[[Stores, Incoming, str], str | OutgoingMessage]]:
        return {c.name: getattr(self, f"cmd_{c.name}") for c in COMMANDS}

    # -- shared parts ----------------------------------------------------------------------
    def parse(self, arg: str) -> tuple[Query, str, str]:
        """The query of `arg`, a note for the reply, and `arg` cleaned of markup (what the
        tips read); QueryError."""
        text, cleaned = clean_query(arg)
        query = parse_query(
            text, max_length=self.limits.max_length, max_terms=self.limits.max_terms
        )
        note = "\n(I left out the HTML markup: write just the words.)" if cleaned else ""
        return query, note + workplace_tip(query.root) + open_tip(query.root), text

    def backtest(
        self, store: Stores, query: str | Query, chat_id: int
    ) -> tuple[list[Posting], str]:
        """The open jobs posted in the last 7 days that match, and how to say where from; not
        the jobs the user hid, nor those of companies they muted."""
        query = stored_query(query)
        hits, read = stored_search.recent(
            store, chat_id, query, self.clock() - WEEK, self.scan_limit
        )
        scope = (
            f"among the latest {read} of the last 7 days" if read else "posted in the last 7 days"
        )
        return hits, scope

    def _unstated(
        self, store: Stores, query: Query, hits: list[Posting], chat_id: int, command: str
    ) -> str:
        """`unstated_tip` when jobs of the last 7 days that state no salary match the rest."""
        loose = or_unstated(query.root)
        if loose is None:
            return ""
        more, _ = self.backtest(store, format_node(loose), chat_id)
        return unstated_tip(query.root, command, len({p.key for p in more} - {p.key for p in hits}))

    def search_unstated_tip(self, store: Stores, chat_id: int, query: Query) -> str:
        """For a search that found nothing: `unstated_tip` when jobs that state no salary
        match the rest."""
        loose = or_unstated(query.root)
        if loose is None:
            return ""
        found, _ = stored_search.latest(
            store, chat_id, stored_query(format_node(loose)), 1, self.scan_limit
        )
        return unstated_tip(query.root, "/search", None if found else 0)

    def _summary(self, hits: list[Posting], scope: str, would: bool) -> str:
        if not hits:
            return f"No job {scope} matches it yet; I'll tell you when one appears."
        verb = "It would have matched" if would else "It matches"
        latest = "\n".join(job_line(p) for p in hits[:3])
        return f"{verb} {_plural(len(hits), 'job')} {scope}. Latest:\n{latest}"

    # -- commands --------------------------------------------------------------------------
    def cmd_alert(self, store: Stores, msg: Incoming, arg: str) -> str:
        """Add an alert and show what it would have matched in the last 7 days."""
        if not arg:
            return "Tell me what to look for, e.g. <code>/alert rust backend</code>. /help alert"
        try:
            query, note, typed = self.parse(arg)
        except QueryError as exc:
            return f"I can't use that alert: {esc(str(exc))}. /help alert shows how to write one."
        user = store.users.user(msg.chat_id)
        if user is None or user.state in ("stopped", "blocked"):
            store.users.subscribe(msg.chat_id, self.clock(), msg.username, msg.first_name)
        alerts = store.alerts.alerts(msg.chat_id)
        same = next((a for a in alerts if a.query == query.normalized), None)
        if same is not None:
            return f"You already have this alert: #{same.id} <b>{esc(same.query)}</b>{note}"
        if len(alerts) >= self.limits.max_per_user:
            return (
                f"You already have {self.limits.max_per_user} alerts, the most allowed. "
                "/delete one first."
            )
        alert = store.alerts.add_alert(msg.chat_id, query.normalized, self.clock())
        hits, scope = self.backtest(store, query, msg.chat_id)
        edit = f"/edit {alert.id}"
        note += grouping_tip(query.root, typed, edit) + list_tip(query.root, typed, edit)
        note += place_tip(query.root, edit) + remote_from_tip(query.root, edit)
        note += visa_tip(query.root, edit) + language_tip(query.root, edit)
        note += self._unstated(store, query, hits, msg.chat_id, edit)
        reply = f"✅ Alert #{alert.id} saved: <b>{esc(query.normalized)}</b>{note}\n"
        reply += self._summary(hits, scope, would=True)
        if user and user.state == "paused":
            reply += "\nNotifications are paused: /resume to get them."
        return reply

    def cmd_edit(self, store: Stores, msg: Incoming, arg: str) -> str:
        """Give an alert a new query; it keeps its id."""
        raw_id, _, text = arg.partition(" ")
        alert_id = parse_id(raw_id) if raw_id else None
        if alert_id is None or not text.strip():
            return "Send <code>/edit 3 rust backend</code>: the alert's id (see /alerts), then its new query."
        mine = {a.id: a for a in store.alerts.alerts(msg.chat_id)}
        if alert_id not in mine:
            return f"You have no alert #{alert_id}. /alerts lists yours."
        try:
            query, note, typed = self.parse(text.strip())
        except QueryError as exc:
            return f"I can't use that alert: {esc(str(exc))}. Alert #{alert_id} is unchanged."
        other = next((a for a in mine.values() if a.query == query.normalized), None)
        if other is not None and other.id != alert_id:
            return f"You already have this alert: #{other.id} <b>{esc(other.query)}</b>. Nothing changed."
        store.alerts.update_alert(msg.chat_id, alert_id, query.normalized)
        edit = f"/edit {alert_id}"
        note += grouping_tip(query.root, typed, edit) + list_tip(query.root, typed, edit)
        note += place_tip(query.root, edit) + remote_from_tip(query.root, edit)
        hits, scope = self.backtest(store, query, msg.chat_id)
        note += visa_tip(query.root, edit) + language_tip(query.root, edit)
        note += self._unstated(store, query, hits, msg.chat_id, edit)
        return f"✏️ Alert #{alert_id} now: <b>{esc(query.normalized)}</b>{note}\n" + self._summary(
            hits, scope, would=False
        )

    def cmd_delete(self, store: Stores, msg: Incoming, arg: str) -> str:
        """Delete one alert by id."""
        if not arg.lstrip("#").strip():
            return "Which alert? Send <code>/delete 3</code>; /alerts shows the ids."
        alert_id = parse_id(arg)
        if alert_id is None:
            return f"“{echo(arg)}” is not an alert id; ids are numbers, see /alerts."
        if store.alerts.delete_alert(msg.chat_id, alert_id):
            return f"Alert #{alert_id} deleted."
        return f"You have no alert #{alert_id}. /alerts lists yours."

    def cmd_alerts(self, store: Stores, msg: Incoming, arg: str) -> str | OutgoingMessage:
        """The menu's first page (or page `arg`)."""
        page = (parse_id(arg) or 1) - 1 if arg else 0
        return self.menu(store, msg.chat_id, page)

    # -- the menu --------------------------------------------------------------------------
    def menu(self, store: Stores, chat_id: int, page: int, note: str = "") -> OutgoingMessage:
        """One page of the alert list with its buttons."""
        alerts = store.alerts.alert_rows(chat_id)
        if not alerts:
            text = f"{note}\nYou have no alerts. Add one: <code>/alert rust backend</code>."
            return OutgoingMessage(text.strip(), visible_text(text.strip()))
        pages = (len(alerts) + PAGE - 1) // PAGE
        page = min(max(page, 0), pages - 1)
        shown = alerts[page * PAGE : (page + 1) * PAGE]
        counts = store.alerts.alert_sent_counts(chat_id, self.clock() - WEEK)
        head = "Your alerts" + (f" (page {page + 1} of {pages})" if pages > 1 else "") + ":"
        lines = [note, head] if note else [head]
        rows: list[tuple[Button, ...]] = []
        for a in shown:
            lines.append(self._line(a, counts.get(a.id, 0)))
            rows.append(self._buttons(a, page))
        nav = []
        if page > 0:
            nav.append(Button("◀ Prev", data=f"a:l:0:{page - 1}"))
        if page < pages - 1:
            nav.append(Button("Next ▶", data=f"a:l:0:{page + 1}"))
        if nav:
            rows.append(tuple(nav))
        lines.append("/edit &lt;id&gt; &lt;query&gt; changes one; /delete &lt;id&gt; removes one.")
        user = store.users.user(chat_id)
        if user and user.state == "paused":
            lines.append("⏸ Notifications are paused: /resume.")
        text = "\n".join(lines)
        return OutgoingMessage(text, visible_text(text), tuple(rows))

    @staticmethod
    def _line(a: AlertRow, sent: int) -> str:
        state = "⏸ paused" if a.paused_at else f"{_plural(sent, 'job')} sent in 7 days"
        return f"#{a.id} <b>{esc(shorten(a.query, SHOWN))}</b> — {state}"

    @staticmethod
    def _buttons(a: AlertRow, page: int) -> tuple[Button, ...]:
        at = f"{a.id}:{page}"
        toggle = (
            Button(f"▶️ Resume #{a.id}", data=f"a:r:{at}")
            if a.paused_at
            else Button(f"⏸ Pause #{a.id}", data=f"a:p:{at}")
        )
        return (
            toggle,
            Button("✏️ Edit", data=f"a:e:{at}"),
            Button("🗑 Delete", data=f"a:d:{at}"),
            Button("🔎 7 days", data=f"a:b:{at}"),
        )
