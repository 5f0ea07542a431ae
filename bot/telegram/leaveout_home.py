"""A region's own jobs left out ("I don't want US-only jobs", "no US-only roles"): -"us only"
finds only the postings that say it, not "Remote - US" nor "US-based only", so the from: of
the user's /timezone's country is offered (from:brazil: the jobs in Brazil or open to it),
each alert's /edit with it and whatever else was asked left out; with no /timezone, that
from: is named as the better way. `leaveout` answers with it."""

from __future__ import annotations

import html

from bot.config import AlertsConfig
from bot.errors import QueryError
from bot.gazetteer import gazetteer
from bot.models import Alert
from bot.placewords import where
from bot.query import parse as parse_query
from bot.store import Stores
from bot.syntax import OPEN_TO, And, Field, Node, Not, Or, Phrase, Word, format_node
from bot.telegram.edit_all import offer, plan, terms_of
from bot.telegram.excluded import not_yet
from bot.telegram.tips.dollars import zone_country
from bot.view import stored_query

esc = html.escape
_ONLY = frozenset({"only", "based"})  # "us only", "us based"
MOST = 5  # alerts offered an edit


def regions_only(exclusion: Node) -> tuple[Node | None, list[str]]:
    """The exclusion without the regions' own jobs it names ( -"us only"), and those regions
    ("us"); the exclusion whole and [] when it names none."""
    child = exclusion.child if isinstance(exclusion, Not) else None
    kids = child.children if isinstance(child, Or) else (child,) if child else ()
    only = [k for k in kids if isinstance(k, Phrase) and k.tokens[-1] in _ONLY]
    rest = tuple(k for k in kids if k not in only)
    if not only:
        return exclusion, []
    left = Not(rest[0] if len(rest) == 1 else Or(rest)) if rest else None
    return left, [" ".join(k.tokens[:-1]) for k in only if isinstance(k, Phrase)]


def home_of(store: Stores, chat_id: int, regions: list[str]) -> Field | None:
    """from: the country of the user's own /timezone (from:brazil), when it is outside every
    region named; None with no /timezone of their own, or one in such a region."""
    settings = store.users.settings(chat_id)
    code = zone_country(settings.timezone) if settings.own_zone else ""
    names = [" ".join(n) for n in gazetteer().words.get(code, ())] if code else []
    name = "us" if code == "US" else next((n for n in names if len(n) > 2), "")
    if not name or any(r == name or tuple(r.split()) in where(name).names for r in regions):
        return None
    return Field(OPEN_TO, Word(name) if " " not in name else Phrase(tuple(name.split())))


def home_reply(store: Stores, chat_id: int, exclusion: Node, said: str) -> str | None:
    """The reply to a text that leaves out a region's own jobs, for a user whose /timezone
    is elsewhere: each alert's /edit with the from: of their country (and the rest of the
    exclusion); None when the exclusion names no such region, or the country is unknown."""
    rest, regions = regions_only(exclusion)
    if not regions or (home := home_of(store, chat_id, regions)) is None:
        return None
    shown, place = esc(format_node(home)), esc(_named(format_node(home.child).strip('"')))
    lead = (
        f"Jobs only for {esc(' or '.join(_named(r) for r in regions))} are not open to {place}, "
        f"your /timezone's country: <code>{shown}</code> keeps to the jobs there or open to it "
        "(“Remote - US” never says “only”)"
    )
    if rest is not None:
        lead += f"; <code>{esc(format_node(rest))}</code> leaves out the others you named"
    alerts = store.alerts.alerts(chat_id)
    if not alerts:
        return f"{lead}. E.g. <code>/alert backend {shown}</code>."
    each = [(a.id, e) for a in alerts if (e := _edit(a.id, a.query, home, rest))]
    if not each:
        return f"{lead}. Your alerts have it already: /alerts lists them."
    edits = [e for _, e in each[:MOST]]
    change, ids = home if rest is None else And((home, rest)), [i for i, _ in each]
    if len(each) >= 2 and _same(alerts, change, ids):  # /edit all adds just these
        every = offer(change, ids)
        edits = [every, *edits] if len(each) == 2 else [every]
    return f"{lead} (tap to copy):\n" + "\n".join(edits)


def _same(alerts: list[Alert], change: Node, ids: list[int]) -> bool:
    """Whether /edit all of `change` does what the alerts' /edits do: no alert asks for another
    from: (its /edit keeps that one), and it changes just those offered (none too long)."""
    try:
        planned = plan(alerts, change, AlertsConfig())
    except QueryError:
        return False
    terms = [t for p in planned for t in terms_of(stored_query(p.alert.query).root)]
    home = terms_of(change)[0]
    other = any(isinstance(t, Field) and t.name == OPEN_TO and t != home for t in terms)
    return not other and [p.alert.id for p in planned if p.query is not None] == ids


def _named(place: str) -> str:
    """A place as a sentence names it: "the US", "the EU", "Brazil", "Latin America"."""
    return f"the {place.upper()}" if len(place) <= 3 else place.title()


def _edit(alert_id: int, query: str, home: Field, rest: Node | None) -> str:
    """The /edit of one alert with `home` (unless it asks for a from: already) and `rest`
    (what it does not leave out yet); "" when it needs neither, or would be too long."""
    try:
        root = parse_query(query).root
    except QueryError:
        return ""
    terms = root.children if isinstance(root, And) else (root,)
    has_home = any(isinstance(t, Field) and t.name == OPEN_TO for t in terms)
    more: list[Node] = [] if has_home else [home]
    if rest is not None and (left := not_yet(terms, rest)) is not None:
        more.append(left)
    if not more:
        return ""
    try:
        edited = parse_query(format_node(And((*terms, *more))))
    except QueryError:
        return ""
    return f"<code>/edit {alert_id} {esc(edited.normalized)}</code>"


def only_hint(exclusion: Node) -> str:
    """For an exclusion of a region's own jobs, with no /timezone to read the country from:
    that from: the user's country does it better; "" for another exclusion."""
    if not regions_only(exclusion)[1]:
        return ""
    return (
        "\nBetter: <code>from:&lt;your country&gt;</code> (e.g. <code>from:brazil</code>) keeps "
        "to the jobs open to you, “Remote - US” too, which never says “only”; "
        "<code>/timezone &lt;your city&gt;</code> lets me offer it."
    )
