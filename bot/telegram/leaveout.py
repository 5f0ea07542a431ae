"""A text that asks for fewer of some jobs ("stop sending me crypto jobs", "no more senior
roles please"): the user's alerts, each with the exclusion added, ready to copy. Alerts decide
what comes, so this is the edit that does what was asked."""

from __future__ import annotations

import html
import re

from bot.errors import QueryError
from bot.language import NAMES
from bot.query import parse as parse_query
from bot.store import Stores
from bot.syntax import Attr, Field, Node, Not, Or, Phrase, Word, format_node
from bot.telegram.edit_all import each_edit, offer
from bot.telegram.leaveout_asked import (
    TITLED,
    VISA_NO,
    asked_of_jobs,
    levels_alone,
    no_right_to_work,
    right_to_work,
    years_left_out,
)
from bot.telegram.leaveout_home import home_reply, only_hint
from bot.telegram.tips.exclude import excluded_at
from bot.telegram.tips.sentence import meant
from bot.telegram.tips.stated import language_left_out
from bot.telegram.tips.where import workplace_spelled
from bot.telegram.tips.words import LEVELS
from bot.telegram.topics import TOPICS, word_forms
from bot.transport import Incoming
from bot.words import tokens

esc = html.escape

_ASKS = re.compile(
    r"(?:please\s+)?(?:stop\s+(?:sending|showing|giving)(?:\s+me)?|no\s+more|exclude|filter\s+out|"
    r"i\s+(?:really\s+)?hate|never\s+(?:send|show)(?:\s+me)?|i\s+(?:don'?t|do\s+not)\s+like|"
    r"(?:i\s+)?(?:don'?t|do\s+not)\s+(?:want|need|send(?:\s+me)?)(?:\s+any(?:\s+more)?)?|"
    r"(?:i'?m\s+|i\s+am\s+)?not\s+interested\s+in|fewer|less|(?:way\s+)?(?:too|so)\s+many"
    r"|(?:no|keine?)(?=\s.*\b(?:jobs?|roles?|positions?|stellen)\b))"
    r"\s+(?P<what>.+?)"
    r"(?:\s+(?:jobs?|roles?|positions?|postings?|offers?|ads?|companies|stuff|things|stellen))?"
    r"(?:\s+(?:please|pls|anymore|any\s*more|thanks?|bitte|mehr))?[\s.!]*",
    re.IGNORECASE,
)
_VAGUE = frozenset({
    "these", "those", "this", "that", "such", "the", "them", "it", "any", "jobs", "than", "so",
    "too", "many", "much", "all", "more", "from", "by", "at", "messages", "alerts",
    "notifications", "pings", "emails", "spam",
})  # fmt: skip
# "jobs in London", "roles based in the US": a place, left out as location:.
_IN_PLACE = re.compile(
    r"(?:(?:jobs?|roles?|positions?|postings?)\s+)?(?:(?:based|located)\s+)?in\s+(?P<place>.+)",
    re.IGNORECASE,
)
_COMPANY = re.compile(r"(?:(?:jobs?|roles?|offers?)\s+)?(?:from|by|at)\s+(?P<name>\S.{0,60}?)")
MOST = 5  # alerts offered an edit
_WORKPLACE = {"yes": "remote", "no": "on-site"}  # remote: values as said


def unwanted(text: str) -> tuple[Node, str] | None:
    """What a text asks to see no more of, as the exclusion an alert would add (-crypto,
    -title:senior for a level, -remote:yes, -location:london for "jobs in London") and in
    words after "the ones" ("about crypto", "marked remote", "in London"); None when it asks
    no such thing (or names nothing a job could say: "stop sending me these")."""
    if no_right_to_work(text):  # "I can't work in the US, no visa": those that ask it
        return VISA_NO
    if code := language_left_out(text):  # "no jobs in German": those written in it
        return Not(Attr("lang", code)), f"written in {NAMES.get(code, code)}"
    if german := _KEINE.fullmatch(" ".join(text.split())):  # "keine crypto und gambling"
        return _german(german)
    if (required := asked_of_jobs(text)) is not None:  # "nothing asking for 5+ years"
        return years_left_out(required) or _required(required)
    if levels := levels_alone(text):  # "no senior stuff", "no staff or senior or lead"
        return words_left_out(levels)
    if (clauses := _clauses(text)) is not None:  # "I hate crypto, never send me web3 …"
        return clauses
    return _asked(text)


def _asked(text: str) -> tuple[Node, str] | None:
    """What "stop sending me …", "no more …", "no agencies please" and the like leave out."""
    asked = _ASKS.fullmatch(" ".join(text.split()))
    if asked and _FEELS.match(asked[0]) and _CLAUSE.search(asked["what"]):
        asked = None  # "I hate mondays, rust jobs please": not all of it left out
    if asked is None and (topic := _NO_TOPIC.fullmatch(" ".join(text.split()))):
        lasts = [tokens(i)[-1:] for i in _ITEMS.split(topic["what"]) if tokens(i)]
        if lasts and all(w and w[0] in TOPICS for w in lasts):  # "no agencies please"
            return words_left_out(topic["what"])
    if asked and (place := _IN_PLACE.fullmatch(asked["what"])):
        return place_left_out(place["place"])
    if asked is None:
        return None
    named = asked["what"][:1].isupper() and "interested" in asked[0]
    if named and (there := place_left_out(asked["what"])):  # "not interested in Berlin"
        return there
    return words_left_out(asked["what"])


def _required(what: str) -> tuple[Node, str] | None:
    """What jobs ask for ("us citizenship"), left out as words: "that ask for us citizenship";
    the right to work ("us work authorization") as the jobs that ask it, -visa:no."""
    if right_to_work(what):
        return VISA_NO
    found = words_left_out(what)
    return (found[0], f"that ask for {what.strip()}") if found else None


# "no agencies please", "no recruiters": "no" and a kind of job alone (`topics`).
_NO_TOPIC = re.compile(
    r"(?:please\s+)?no\s+(?:more\s+)?(?P<what>[\w\s,/-]{2,60}?)(?:\s+(?:please|pls|thanks?))?[\s.!]*",
    re.IGNORECASE,
)
_ITEMS = re.compile(r"\s*(?:,|/|\b(?:or|and|nor|oder|und|noch)\b)\s*", re.IGNORECASE)
# German: "keine crypto und gambling", "ich will keine sales jobs", "keine Krypto oder
# Glücksspiel Firmen bitte": "keine" says what to leave out, whatever follows it.
_KEINE = re.compile(
    r"(?:(?:ich\s+)?(?:will|m[öo]e?chte|brauche)\s+)?(?:bitte\s+)?keine?\s+(?:mehr\s+)?"
    r"(?P<what>[\w\s,/-]{2,60}?)(?P<kind>\s+(?:jobs?|stellen|firmen|unternehmen|angebote))?"
    r"(?:\s+(?:bitte|mehr|danke))?[\s.!]*",
    re.IGNORECASE,
)


def _german(asked: re.Match[str]) -> tuple[Node, str] | None:
    """What "keine …" leaves out: a place ("keine jobs in Berlin"), kinds of job ("keine
    sales jobs", "keine crypto und gambling", "keine praktika"); None for talk ("keine
    Ahnung": no kind of job, list or known topic)."""
    if place := _IN_PLACE.fullmatch(asked["what"]):
        return place_left_out(place["place"])
    items = [tokens(i)[-1:] for i in _ITEMS.split(asked["what"]) if tokens(i)]
    if asked["kind"] or len(items) > 1 or all(w and w[0] in TOPICS for w in items):
        return words_left_out(asked["what"])
    return None


# Recruiters' and agencies' posts name neither ("Our client, a leading bank, seeks…", "on
# behalf of our client"): these phrases leave them out too.
_AGENCIES = frozenset({
    "agency", "agencies", "recruiter", "recruiters", "recruitment", "recruiting", "staffing",
    "headhunter", "headhunters",
})  # fmt: skip
_AGENCY_SAYS = (
    Phrase(("our", "client")), Phrase(("my", "client")), Phrase(("recruitment", "agency")),
)  # fmt: skip
# Kinds of role a description names in passing ("reporting to sales"): left out by title.
_BY_TITLE = frozenset({"sales", "marketing", "vertrieb", "support"})
_ROLE_TITLES = frozenset(TITLED) - LEVELS  # "no lead roles": -title:lead, not -lead


def words_left_out(what: str) -> tuple[Node, str] | None:
    """Words to see no more of ("crypto", "senior", "on-site"; "crypto or agencies", each),
    as `unwanted` gives them; None for none a job could say."""
    items = [_NO_LEAD.sub("", i) for i in _ITEMS.split(what.strip()) if i]
    if len(items) > 1:  # "crypto or agencies": either, not the phrase
        each = [words_left_out(i) for i in items[:5]]
        kids = list(dict.fromkeys(k for f in each if f for k in _either(f[0])))
        if all(each) and len(items) <= 5:
            return Not(_titles(kids)), f"about {' or '.join(items)}"
        return None
    words = tokens(workplace_spelled(what))  # "on-site": onsite
    if 0 < len(words) <= 2 and set(words) <= _AGENCIES:  # "no recruiters": their posts too
        named = (_term([*words[:-1], f]) for f in word_forms(words[-1]))
        agency = tuple(dict.fromkeys((*named, *_AGENCY_SAYS)))
        return Not(Or(agency)), f"about {what.strip()} or by an agency (“Our client, …”)"
    if words and words[0] in _BY_TITLE and len(words) == 1:  # (not "Analyse von Sales-Daten")
        return Not(Field("title", Word(words[0]))), f"with {words[0]} in the title"
    if 0 < len(words) <= 2 and words[-1] in _ROLE_TITLES:  # "lead", "engineering managers"
        titled = _term([*words[:-1], TITLED[words[-1]]])
        return Not(Field("title", titled)), f"with {' '.join(words)} in the title"
    if len(words) in (1, 2) and len(forms := word_forms(words[-1])) > 1:  # "agencies"
        return Not(Or(tuple(_term([*words[:-1], f]) for f in forms))), f"about {what.strip()}"
    if not 0 < len(words) <= 3 or set(words) & _VAGUE:
        return None
    term = Word(words[0]) if len(words) == 1 else Phrase(tuple(words))
    found = excluded_at([Word("no"), term], 0)
    if found is None:
        return None
    gone = found[0].child if isinstance(found[0], Not) else None
    if isinstance(gone, Attr) and gone.name == "remote":  # "no more on-site jobs"
        return found[0], f"marked {_WORKPLACE.get(gone.value, gone.value)}"
    return found[0], f"about {' '.join(words)}"


_NO_LEAD = re.compile(r"^(?:no|any)\s+(?=\S)", re.IGNORECASE)  # "crypto, and no US-only"
_CLAUSE = re.compile(r"\s*[,;.!]\s*(?:(?:and|but)\s+)?|\s+(?:and|but)\s+(?=(?:i|never|no|stop)\b)")


_FEELS = re.compile(r"(?:please\s+)?i\s+(?:really\s+)?hate|i\s+(?:don'?t|do\s+not)\s+like", re.I)


def _clauses(text: str) -> tuple[Node, str] | None:
    """What a text of several clauses asks to see no more of, each clause asking it ("I hate
    crypto, never send me web3 or blockchain stuff"): one exclusion of them all."""
    said = [c for c in _CLAUSE.split(" ".join(text.split())[:200]) if c.strip(" .!")]
    if not 1 < len(said) <= 4:
        return None
    each = [unwanted(c) for c in said]
    gone = [f for f in each if f is not None and isinstance(f[0], Not)]
    if len(gone) != len(said):
        return None
    kids = list(dict.fromkeys(k for node, _ in gone for k in _either(node)))
    words = [w for _, w in gone]
    if all(w.startswith("about ") for w in words):  # "about crypto or web3"
        words = [words[0], *(w.removeprefix("about ") for w in words[1:])]
    return Not(_titles(kids)), " or ".join(words)


def _titles(kids: list[Node]) -> Node:
    """An OR of what to leave out, its titles one group: title:(senior OR staff OR lead)."""
    titles = [k.child for k in kids if isinstance(k, Field) and k.name == "title"]
    return Field("title", Or(tuple(titles))) if len(titles) == len(kids) else Or(tuple(kids))


def _term(words: list[str]) -> Node:
    return Word(words[0]) if len(words) == 1 else Phrase(tuple(words))


def _either(gone: Node) -> tuple[Node, ...]:
    """What an exclusion leaves out, as terms of one OR (-(agency OR agencies): both)."""
    kept = gone.child if isinstance(gone, Not) else gone
    return kept.children if isinstance(kept, Or) else (kept,)


def place_left_out(named: str) -> tuple[Node, str] | None:
    """A place to leave out ("London", "the US"), as -location: of it; None for no place."""
    read = meant(f"jobs in {named}")
    try:
        root = parse_query(read).root if read else None
    except QueryError:
        return None
    if not isinstance(root, Field) or root.name != "location":
        return None
    return Not(root), f"in {named.strip(' .!?')}"


def company(text: str) -> str | None:
    """The company a text asks to see no more jobs from ("stop sending me jobs from Stripe",
    "no more jobs from Acme Pay"), as typed; None when it names none."""
    asked = _ASKS.fullmatch(" ".join(text.split()))
    named = _COMPANY.fullmatch(asked["what"]) if asked else None
    return named["name"].strip(" .!") if named else None


def mute_offer(name: str) -> str:
    """The reply to a text asking for no more of a company's jobs: its /mute."""
    return f"<code>/mute {esc(name)}</code> stops that company's jobs (tap to copy); /muted lists them."


def reply(store: Stores, msg: Incoming, asked: tuple[Node, str]) -> str:
    """The user's alerts with the exclusion `asked` added, each an /edit to copy (not those
    that leave it out already, nor those that ask for it: "remote:yes" and -remote:yes would
    match nothing); with no alert, one to start from."""
    exclusion, said = asked
    if (home := home_reply(store, msg.chat_id, exclusion, said)) is not None:
        return home  # "no US-only jobs": from: the user's country
    minus, what = esc(format_node(exclusion)), esc(said)
    edits, ids = each_edit(store.alerts.alerts(msg.chat_id), exclusion, MOST)
    if len(ids) >= 2:  # one line for them all; each alert's own too for two
        edits = [offer(exclusion, ids), *edits] if len(ids) == 2 else [offer(exclusion, ids)]
    if not edits and not store.alerts.alerts(msg.chat_id):
        return (
            f"Your alerts decide which jobs come. To leave out the ones {what}, put "
            f"<code>{minus}</code> in an alert, e.g. <code>/alert backend {minus}</code>."
        )
    if not edits:
        return (
            f"None of your alerts can leave out the ones {what} (<code>{minus}</code>): each has it "
            "left out already, or asks for it. /alerts lists them."
        )
    return (
        f"Your alerts decide which jobs come. To leave out the ones {what}, add "
        f"<code>{minus}</code> to them (tap to copy):\n"
        + "\n".join(edits)
        + "\nA company's jobs: /mute &lt;company&gt;."
        + only_hint(exclusion)
    )
