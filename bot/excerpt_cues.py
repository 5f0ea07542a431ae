"""What a heading or a paragraph of a job description is about, for `bot.excerpt`: the role, the
company's pitch, facts the message already shows, or something else.

Headings are read without their decoration ("💻 Role", "**The Role**", "🛠 What You'll Do:") in
English, German and French. Paragraphs are read by how they open: a company introduces itself
("Who is Acme?", "Wir sind Acme.", "Hey there!", "At Acme, we..."), a hiring sentence names the
role ("We are seeking a...", "As the Payroll Lead, you will..."). Every pattern is anchored or
bounded and runs on a short prefix, so one paragraph costs the same whatever its length.
"""

from __future__ import annotations

import functools
import re

_APOS = "(?:'|’)"
_NOT_PERKS = r"(?! (?:be offered|get|receive|enjoy)\b)"  # "As a CSM, you will be offered:"
_DECORATION = re.compile(r"^(?:[\W_]{1,12}|\d{1,2}[.)]\s{1,3})|[\W_]{1,12}$")
# Headings about the role, matched at the start of the heading ("The role", "What you'll do").
_ROLE = re.compile(
    r"^(?:the |this |your |about (?:the |this )?|in this |job |role )?"
    r"(?:role|position|job|opportunity|mission|challenge|responsibilities|duties|impact)\b"
    r"|^(?:key |main |core |your )?(?:responsibilities|duties|tasks)\b"
    rf"|^what (?:you{_APOS}?ll|you will|you{_APOS}?d|you would|you{_APOS}?re going to) "
    r"(?:actually |really )?(?:do|be doing|work on|own|build)\b"
    r"|^(?:job|role|position) (?:description|summary|overview)\b|^description$"
    r"|^(?:overview of the|summary of the) (?:role|position)\b"
    r"|^day[ -]to[ -]day\b"
    # As a Data Scientist, you will: (not "..., you will be offered:", which is the perks)
    rf"|^as (?:an?|our|the) [^,]{{2,60}},? you(?: will|{_APOS}ll)\b{_NOT_PERKS}",
    re.IGNORECASE,
)
# Headings about the role, found anywhere in a heading that is not boilerplate first
# ("Your key responsibilities will be to:", "How You'll Contribute", "Deine Aufgaben").
_ROLE_WORDS = re.compile(
    r"\b(?:role|rolle|position|responsibilit\w{0,4}|duties|tasks|accountabilit\w{0,4}"
    rf"|day[ -]to[ -]day|you(?:{_APOS}ll| will) (?:do|contribute|make an impact)"
    r"|will you do|aufgaben\w{0,8}|verantwortung|vos missions|votre mission|le poste"
    r"|vos responsabilit\w{0,3}|votre r[oô]le)\b"
    r"|^(?:your|deine|ihre) (?:mission|impact|day)\b|^you(?:(?:'|’)ll| will)$"
    r"|^(?:das|was) (?:erwartet|erwarten) (?:dich|sie)\b",
    re.IGNORECASE,
)
# Headings that ask for the candidate, not say what the job is ("What you bring", "About you").
_CANDIDATE = re.compile(
    rf"^(?:what you{_APOS}?(?:ll| will)? (?:need|bring)|what we{_APOS}?(?:re| are) looking for"
    r"|who you are|about you\b|requirements|qualifications|skills|must[- ]haves?"
    r"|nice[- ]to[- ]haves?|dein profil|ihr profil|was du mitbringst|votre profil)",
    re.IGNORECASE,
)
# Headings that introduce the company ("About Gem", "Who is Boulevard?", "Über uns").
_COMPANY = re.compile(
    r"^(?:about (?!(?:the |this |our )?(?:role|job|position|opportunity|you|team)\b)"
    r"|who (?:we are|is|are we)\b|our (?:company|story|mission|vision)\b|company (?:description"
    r"|overview)|the company\b|über uns|wer wir sind|qui sommes|à propos)",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"^(?:our (?:values|culture|team|benefits|perks|commitment)|what we value"
    rf"|why (?:join|work|you{_APOS}?ll love)|benefits|perks|what we offer|we offer"
    r"|(?:equal|eeo)|diversity|life at|working at|compensation and benefits"
    r"|accommodations?\b|privacy|compensation\b|salary\b|pay (?:range|transparency)\b"
    r"|wir bieten|was wir bieten|das bieten wir|nous offrons)",
    re.IGNORECASE,
)
# A posting's facts set out as headings ("Job Title: …", "Position Type: Full-Time").
_FACT = re.compile(
    r"^(?:job|role|position)\s+(?:title|type|location|id|no|number|category|level|code|ref"
    r"|reference|date|status|family|grade)\b",
    re.IGNORECASE,
)
# A line that states a fact the message shows above the excerpt ("• Location: Remote").
_FACT_LINE = re.compile(
    r"^(?:• )?(?:location|compensation|salary|pay|base pay|hours|working hours|schedule"
    r"|work schedule|employment type|job type|contract|start date|travel|reports? to"
    r"|department|level|visa|remote|office)\s{0,2}:",
    re.IGNORECASE,
)
_PAY_NOTE = re.compile(
    r"^[^.]{0,160}\b(?:(?:compensation|salary|pay)\b[^.]{0,80}\b(?:range|scale|band)"
    r"|(?:range|scale|band)\b[^.]{0,80}\b(?:compensation|salary|pay))\b",
    re.IGNORECASE,
)
# How a company introduces itself at the start of a paragraph ("At Acme, you..." speaks to
# the reader: not an introduction).
_INTRO = re.compile(
    rf"^(?:(?:here )?at (?![^,.]{{0,60}},? you\b)\w"
    rf"|we(?:{_APOS}re| are) (?:an?|the|one|proud|on a|committed|passionate|backed|building the"
    r"|making)\b|we (?:have|help|build|believe|make|work)\b|founded |since \d{4}|headquartered "
    r"|our (?:mission|company|team|story|values|vision|purpose|culture|commitment|platform"
    r"|products?|customers|clients)\b|who (?:is|are|we are)\b|why (?:join|work)\b"
    rf"|hi\b|hey\b|hello\b|join\b|let{_APOS}s\b|a career at\b|working at\b"
    r"|wir sind\b|über uns|bei \w{2,40} (?:werden|sind)|nous sommes\b|chez \w|qui sommes)",
    re.IGNORECASE,
)
# Whom a company says it hires, after "we're (now) seeking": "a", "someone", "our next".
_NOW = r"(?:(?:currently|now|actively) )?"
_WHOM = r" (?:an?|someone|the (?:right|ideal)|our (?:next|new|first))\b"
# A sentence that says what the role is (one \\b up front: a search tries each place once).
_ROLE_CUE = re.compile(
    rf"\b(?:(?:we{_APOS}re|we are|is|are|we{_APOS}ve|and|now|currently|actively) "
    rf"{_NOW}(?:seeking|looking for|hiring|searching for|recruiting){_WHOM}"
    r"|we need an?\b|in this (?:role|position)\b"
    r"|your (?:role|mission|main tasks|responsibilities) (?:is|will|includes?)\b"
    r"|this (?:role|position) (?:will|involves|requires|sits|owns|focuses|is (?!(?:based|located"
    r"|remote|hybrid|on-?site|open to|fully|a (?:full|part)[- ]time|a (?:remote|hybrid|permanent"
    r"|contract|temporary))\b))"
    rf"|as (?:an?|our|the) [^,.;:]{{2,60}}?,? you(?: will|{_APOS}ll| are going to)\b{_NOT_PERKS}"
    r"|you will be (?:responsible|working|joining|leading|part of)\b|responsible for\b"
    r"|join (?:us|our [^.,;!?]{1,40}?) as (?:an?|our)\b"
    r"|(?:suchen wir|wir suchen|du wirst|sie werden|deine aufgaben|ihre aufgaben)\b"
    r"|nous recherchons\b|vous (?:serez|aurez pour mission|rejoindrez)\b)",
    re.IGNORECASE,
)
# A word each of `_ROLE_CUE`'s branches has: a text with none of them needs no search.
_CUE_WORDS = (
    "seeking", "looking for", "hiring", "searching for", "recruiting", "need a", "this role",
    "this position", "you", "responsible", "join", "suchen", "wirst", "werden", "aufgaben",
    "recherchons", "vous",
)  # fmt: skip
# A sentence that says the company is hiring for this role, later in a paragraph.
_HIRING = re.compile(
    rf"(?<=[.!?] )(?:[\w{_APOS}]{{1,12}} ){{0,4}}?(?:we{_APOS}re|we are|is) "
    rf"{_NOW}(?:seeking|looking for|hiring){_WHOM}",
    re.IGNORECASE,
)
# A sentence's end, not an initial's nor a title's ("U.S.", "Sr."); the set first, so that a
# search skips to it.
_SENTENCE = re.compile(r"[.!?](?<![A-Z][.!?])(?<!\b[A-Z][a-z][.!?])(?=\s|$)")
_HEADER = re.compile(r"^[^|\n]{1,80}\|[^|\n]{1,80}\|")  # Acme | Engineer | Remote | ...
_US = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
_YOU = re.compile(r"\byou", re.IGNORECASE)
# Words of a sentence about the role, if not of a whole hiring sentence.
_ROLE_MENTION = re.compile(
    r"\b(?:you|role|position|(?<!not )looking for|seeking|hiring|candidate"
    r"|will (?:be|play|lead|own|join))",
    re.IGNORECASE,
)
_ATTRIBUTION = re.compile(r"^[–—-] ?[^\n]{1,60}$")
_QUESTION = re.compile(r"^[^.!?]{1,300}\?")
_AFTER = (" ", "'", "’", ",")
_ALIAS_VERB = re.compile(
    r"(?:'s|’s| is| was| has| provides| builds| helps| makes| offers| develops| delivers"
    r"| empowers| operates)\b"
)
PREFIX = 400  # characters of a paragraph its tests read


def plain(heading: str) -> str:
    """A heading without emoji, markdown, numbering and its closing punctuation."""
    name = heading.replace("**", "").replace("__", "")
    return " ".join(_DECORATION.sub("", name.strip()).split())


@functools.lru_cache(maxsize=2048)  # headings repeat across postings ("About the role")
def kind(heading: str) -> str:
    """'fact', 'role', 'company', 'boilerplate' or 'other' (requirements too)."""
    name = plain(heading)
    if _FACT.match(name):
        return "fact"
    if _ROLE.match(name):
        return "role"
    if _COMPANY.match(name):
        return "company"
    if _BOILERPLATE.match(name):
        return "boilerplate"
    if _CANDIDATE.match(name):
        return "other"
    return "role" if _ROLE_WORDS.search(name) else "other"


def first_sentence(paragraph: str) -> str:
    """A paragraph up to its first sentence's end, at most `PREFIX` characters of it."""
    return _first_sentence(paragraph[:PREFIX])


@functools.lru_cache(maxsize=1024)  # each step of `bot.excerpt` asks again of a paragraph
def _first_sentence(opening: str) -> str:
    found = _SENTENCE.search(opening)
    return opening[: found.end()] if found else opening


def names_the_role(paragraph: str) -> bool:
    """A paragraph whose first sentence says what the role is ("We are seeking a...")."""
    return _names_the_role(first_sentence(paragraph))


@functools.lru_cache(maxsize=1024)
def _names_the_role(sentence: str) -> bool:
    return _cued(sentence)


def _cued(text: str) -> bool:
    """Whether `_ROLE_CUE` is in `text`, tried only where a word it needs is."""
    folded = text.casefold()
    return any(x in folded for x in _CUE_WORDS) and bool(_ROLE_CUE.search(text))


def hiring_sentence(paragraph: str) -> int:
    """Where a later sentence of a paragraph says whom the company hires, or -1."""
    found = _HIRING.search(paragraph, 0, PREFIX + 200)
    return found.start() if found else -1


def introduces_company(paragraph: str, company: str) -> bool:
    """A paragraph opened by the company introducing itself ("Acme is...", "At Acme, we...",
    "Wir sind Acme.")."""
    folded = paragraph[:PREFIX].casefold()
    name = company.casefold()
    if len(name) >= 2 and folded.startswith(name) and folded[len(name) : len(name) + 1] in _AFTER:
        return True
    word = name.split()[0] if name else ""  # "Veeam is..." from "Veeam Software"
    if len(word) >= 4 and _ALIAS_VERB.match(folded, len(word)) and folded.startswith(word):
        return True
    return bool(_INTRO.match(paragraph))


def speaks_of_us(paragraph: str) -> bool:
    """A paragraph whose first sentence speaks of the company ("we", "our"), not the reader nor
    the role."""
    sentence = first_sentence(paragraph)
    return bool(_US.search(sentence)) and not _ROLE_MENTION.search(sentence)


def mentions_role(paragraph: str) -> bool:
    """A paragraph whose first sentence names the role, speaks of it or to the reader ("The
    Director will lead...", "You..."), or that goes on to say whom the company hires."""
    if names_the_role(paragraph) or _ROLE_MENTION.search(first_sentence(paragraph)):
        return True
    return hiring_sentence(paragraph) >= 0


def speaks_to_reader(paragraph: str) -> bool:
    """A paragraph that names the role, or whose first sentence speaks to the reader ("You
    report to the Head of Sales") without asking them something."""
    if names_the_role(paragraph):
        return True
    return bool(_YOU.search(first_sentence(paragraph))) and not _QUESTION.match(paragraph)


def teaser(paragraph: str) -> bool:
    """A paragraph that opens with a question to the reader ("Are you tenacious...?") and
    names no role after it ("...? Join our Platform team as a Platform Engineer!")."""
    return bool(_QUESTION.match(paragraph)) and not _cued(paragraph[:PREFIX])


def quotation(paragraph: str) -> bool:
    """A colleague quoted ("“Our team is...”") or the line that names them ("– Simona, Head of
    Design")."""
    return paragraph.startswith(('"', "“", "„", "«")) or bool(_ATTRIBUTION.match(paragraph))


def aside(paragraph: str) -> bool:
    """Facts the message already shows: "• Location: ..." lines, a pay range's fine print, an
    "Acme | Engineer | Remote" header."""
    if "\n" not in paragraph:
        return bool(
            _FACT_LINE.match(paragraph) or _HEADER.match(paragraph) or _PAY_NOTE.match(paragraph)
        )
    return bool(_FACT_LINE.match(paragraph)) and all(map(_FACT_LINE.match, paragraph.split("\n")))
