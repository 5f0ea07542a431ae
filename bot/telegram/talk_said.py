"""What `talk` answers besides the query a sentence means: "im a new grad" (`student`),
agencies and recruiters left out as `leaveout` leaves them out (their posts name neither: "Our
client, …"), "hide recruiter posts", a complaint that some jobs don't come ("I'm not getting
the hybrid NYC jobs"), a question of which companies' jobs come ("how do I only get jobs from
Figma, Notion and Stripe?") or what one has open ("what's open at Figma right now?"); and what
the offer of a sentence's query says of how it was read (`said_of`). Pure."""

from __future__ import annotations

import html
import re

from bot.errors import QueryError
from bot.query import parse as parse_query
from bot.syntax import And, Field, Node, Not, Or, Phrase, Word, format_node
from bot.telegram.companies_asked import listed, names_said
from bot.telegram.leaveout import words_left_out
from bot.telegram.student import student_said
from bot.telegram.tips.asides import alone_reply, asides_said
from bot.telegram.tips.context import context_said, no_permit
from bot.telegram.tips.dollars import DOLLARS, bare, read_as
from bot.telegram.tips.sentence import meant
from bot.telegram.topics import TOPICS, word_forms
from bot.words import tokens

esc = html.escape

_JOBS = r"(?:jobs?|roles?|positions?|openings?|postings?|posts|ads|listings|offers)"
_HIDE = re.compile(
    rf"(?:please\s+)?(?:hide|block|skip)\s+(?:all\s+)?(?:the\s+)?(?P<what>[\w\s,/-]{{2,40}}?)\s+"
    rf"{_JOBS}(?:\s+(?:please|pls))?[\s.!]*",
    re.IGNORECASE,
)
_MISSING = re.compile(
    r"(?:but\s+)?i(?:'?m|\s+am)\s+not\s+(?:getting|seeing|receiving)\s+(?:the\s+|any\s+|my\s+)?"
    rf"(?P<what>[^?!.]{{2,80}}?)(?:\s+{_JOBS})?(?:\s+(?:anymore|any\s+more|yet|at\s+all))?"
    r"[\s.!?]*",
    re.IGNORECASE,
)
_ONLY_FROM = re.compile(
    r"(?:how\s+(?:do|can|could|would)\s+i\s+)?(?:only\s+|just\s+)?(?:get|see|receive)\s+"
    rf"(?:only\s+|just\s+)?(?:the\s+)?{_JOBS}\s+(?:only\s+)?(?:from|at|of|by)\s+"
    r"(?P<names>[^?!.]{1,120}?)(?:\s+only)?[\s?!.]*",
    re.IGNORECASE,
)
_OPEN_AT = re.compile(
    r"what(?:'s|s|\s+is|\s+are)\s+(?:open|available|new|there)\s+(?:at|from)\s+"
    r"(?P<name>[\w&.'-]+(?:\s+[\w&.'-]+){0,2}?)"
    r"(?:\s+(?:right\s+now|now|today|currently|at\s+the\s+moment|these\s+days))?[\s?!.]*",
    re.IGNORECASE,
)


def answered(text: str) -> str | None:
    """The answer to a text `talk` reads before its query: "hide recruiter posts", "I'm not
    getting the hybrid NYC jobs", "how do I only get jobs from Figma and Stripe?", "what's
    open at Figma?"; None for another."""
    if len(text) > 200:
        return None
    if (student := student_said(text)) is not None:  # "im a new grad", "im a student"
        return student
    if remind := _REMIND.fullmatch(text):  # "remind me in a week": no reminders; /pause
        return _reminder(" ".join(remind["when"].lower().split()))
    if (aside := alone_reply(text)) is not None:  # "must overlap with EST", "contractor is fine"
        return aside
    if (hide := _HIDE.fullmatch(text)) and (gone := words_left_out(hide["what"])):
        minus = esc(format_node(gone[0]))
        return (
            f"Your alerts decide which jobs come. To leave out the ones {esc(gone[1])}, add "
            f"<code>{minus}</code> to each (/alerts lists them), e.g. <code>/alert designer "
            f"{minus}</code>."
        )
    if missing := _MISSING.fullmatch(text):
        return _missing(missing["what"])
    if only := _ONLY_FROM.fullmatch(text):
        return _companies(only["names"])
    if (asked := _OPEN_AT.fullmatch(text)) and (field := _company(asked["name"])):
        shown = esc(format_node(field))
        return (
            f"The stored jobs of {esc(asked['name'])}: <code>/search {shown}</code>; "
            f"<code>/follow {esc(asked['name'])}</code> follows its board, so each new job comes."
        )
    return None


def _missing(what: str) -> str:
    """A complaint that some jobs don't come: where to see why (an alert's 🔎, /why of a job
    expected), and the /search of the jobs named."""
    said = (
        "Your alerts decide which jobs come: /alerts lists them, and each one's 🔎 shows what "
        "holds it back. For a job you expected, send <code>/why</code> with its link: it says "
        "which part of each alert left it out."
    )
    query = meant(f"{what} jobs")
    if query is None or not _parses(query):
        return said
    shown = esc(query)
    return f"{said} The stored jobs like that: <code>/search {shown}</code>; <code>/alert {shown}</code> sends each new one."


def _companies(names: str) -> str | None:
    """Jobs from some companies only: /follow of them (all their jobs) or company: in an
    alert (its jobs there)."""
    each = names_said(names)
    fields = [f for n in each if (f := _company(n)) is not None]
    if not each or len(fields) != len(each) or len(each) > 10:
        return None
    kids = tuple(f.child for f in fields if isinstance(f, Field))
    field = fields[0] if len(fields) == 1 else Field("company", Or(kids))
    shown = esc(format_node(field))
    whose = "each company's board" if len(each) > 1 else "the company's board"
    return (
        f"<code>/follow {esc(listed(each, names))}</code> follows {whose}: every new job there "
        f"comes. To keep an alert to them: <code>{shown}</code>, e.g. <code>/alert designer "
        f"{shown}</code> (or /edit one of yours with it)."
    )


def _company(name: str) -> Node | None:
    """company: of a name ("Figma", "Goldman Sachs"); None for no name."""
    said = tokens(name)
    if not 0 < len(said) <= 3:
        return None
    return Field("company", Word(said[0]) if len(said) == 1 else Phrase(tuple(said)))


def agencies_left_out(query: str) -> str:
    """The query with agencies and recruiters left out as `leaveout` leaves them out, their
    posts too ("-agencies": -(agency OR agencies OR "our client" …)); when that makes it
    longer than an alert may be, their words' forms alone (-(agency OR agencies)); else as
    it is."""
    try:
        root = parse_query(f"x {query}", max_length=400, max_terms=60).root
    except QueryError:
        return query
    terms = root.children[1:] if isinstance(root, And) else ()
    for whole in (True, False):
        changed = tuple(_agencies(t, whole) if isinstance(t, Not) else t for t in terms)
        said = format_node(changed[0] if len(changed) == 1 else And(changed)) if changed else ""
        if changed != terms and _parses(f"x {said}"):
            return said
    return query


def _agencies(gone: Not, whole: bool) -> Node:
    """An exclusion with each agency word as `leaveout` leaves it out (`whole`), or its forms."""
    named = gone.child.children if isinstance(gone.child, Or) else (gone.child,)
    kids: list[Node] = []
    for term in named:
        word = term.token if isinstance(term, Word) else ""
        found = words_left_out(word) if word in TOPICS else None
        more = found[0].child if found and isinstance(found[0], Not) else None
        forms = tuple(Word(f) for f in word_forms(word))
        if isinstance(more, Or) and set(more.children) - set(forms):
            kids.extend(more.children if whole else forms)
        else:
            kids.append(term)
    unique = tuple(dict.fromkeys(kids))
    return Not(unique[0] if len(unique) == 1 else Or(unique))


def _parses(query: str) -> bool:
    try:
        parse_query(query)
    except QueryError:
        return False
    return True


# A pay range said ("$150K–$190K", "80-100k", "between 90k and 120k"): the sentence reader
# reads its lower end as the least pay asked (`tips.sentence.as_asked`).
_RANGE = re.compile(
    r"\d[\d,.]*\s?[km]?\s?(?:[A-Za-z]{3}\s?)?(?:-|–|—|\bto\b)\s?(?:[$€£]|[A-Za-z]{3}\s?)?\s?\d",
    re.IGNORECASE,
)


def said_of(text: str, query: str) -> str:
    """What the offer of `query`, read from `text`, says of how it was read: a pay range's
    lower end asked, what the text said of its writer left out ("graduating in may 2027"),
    a bare "$" read as the dollar of the places it names."""
    return _floor(text, query) + _context(text) + _dollar(text, query) + asides_said(text, query)


def _floor(text: str, query: str) -> str:
    """For a text that says a pay range, whose query asks its lower end: that it does."""
    if "salary:>=" not in query or not _RANGE.search(text.replace("$", "")):
        return ""
    return " Of a pay range, the lower end is the least pay asked: a job paying more matches too."


def _context(text: str) -> str:
    """What the reader left out as said of the writer, not of the job; with no US work
    authorization, the filter of the jobs that sponsor a visa."""
    said = context_said(text)
    if not said:
        return ""
    quoted = " and ".join(f"“{esc(s)}”" for s in said[:2])
    visa = (
        " <code>visa:yes</code> keeps to the jobs that sponsor a visa." if no_permit(text) else ""
    )
    return f" I left out {quoted}: a job needn't say it.{visa}"


_LOCAL = re.compile(r"salary:[<>=]{0,2}(?P<code>[A-Z]{3})")


def _dollar(text: str, query: str) -> str:
    """For a bare "$" read as the dollar of the places a text names ("CAD"): that it was."""
    codes = {m["code"] for m in _LOCAL.finditer(query)} & set(DOLLARS.values())
    if not bare(text) or len(codes) != 1:
        return ""
    return " " + read_as(codes.pop(), "the dollar of the places named")


# "remind me in a week", "can you remind me about this in 3 days?"
_REMIND = re.compile(
    r"(?:(?:please|pls|can\s+you|could\s+you|can\s+u)\s+)?remind\s+me(?:\s+(?:again|about\s+"
    r"(?:this|it|them|jobs)))?\s+(?:in|after)\s+(?P<when>(?:a|an|one|\d{1,2}|two|three|four)\s+"
    r"(?:days?|weeks?|months?))(?:\s+(?:please|pls))?[\s?.!]*",
    re.IGNORECASE,
)


def _reminder(when: str) -> str:
    """No reminders: the /pause that is quiet until then, said to be no reminder."""
    return (
        f"I can't send reminders. If you'd like a break until then, <code>/pause {esc(when)}</code> "
        "stops your job messages and turns them back on by itself, with one summary of what "
        "matched meanwhile. Pausing is not a reminder: nothing comes until then."
    )
