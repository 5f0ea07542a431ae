"""What a sentence says beside the jobs it asks for, which no job needs to say: the writer's
name ("I'm Lucas, a …"), where the employer is based ("at US or EU startups", "for US
companies": in a remote search, not where it hires), working hours ("at least 4 hours overlap
with EST"), contract work welcomed ("contractor is fine", "I can work as a contractor via
Deel": a permission, not a requirement) and the currency of pay ("paid in USD"). Also "that
hire in Brazil" as "in Brazil", and a pay range with its period after it ("$5,000 - $7,000
USD/month") as its floor in that period (each end was read apart, the first as a year's).
Pure; `sentence` reads a text through `spelled` and `hours_dropped`, `talk_said` says what was
left out (`asides_said`)."""

from __future__ import annotations

import html
import re

from bot.placenames import names_a_place
from bot.salary import currency_word
from bot.stack import is_tech
from bot.telegram.tips.where import COUNTRY_CODES

# "I'm Lucas, a senior backend engineer": the name, before a comma and "a"/"an"/"the".
_NAME = re.compile(
    r"(?P<lead>(?i:\b(?:i'?m|i\s+am|my\s+name\s+is|this\s+is)))\s+(?P<name>[A-Z][a-z]{1,20})"
    r"\s*,\s*(?=(?i:an?|the)\s)"
)
_VIA = r"(?:\s+(?:via|through|using|over)\s+[\w.]{2,20}(?:\s*(?:,|/|\bor\b|\band\b)\s*[\w.]{2,20}){0,3})?"
_KIND = r"(?:independent\s+)?(?:contract(?:or|ors|s)?|freelanc(?:e|er|ers|ing)|b2b|1099|c2c)"
_OK = r"(?:fine|ok|okay|welcome|possible|good)"
# "I can work as a contractor via Deel", "I'm fine with contractor via Deel or Remote.com",
# "contractor is fine": welcome, not asked.
_WELCOME = re.compile(
    r"\b(?:(?:i\s+)?(?:can|could)\s+(?:also\s+)?work\s+(?:as\s+)?(?:an?\s+)?|(?:i'?m|i\s+am)\s+"
    rf"(?:also\s+)?(?:{_OK}|happy|open)\s+(?:with|to)\s+(?:being\s+|working\s+as\s+|work\s+as\s+)?"
    rf"(?:an?\s+)?){_KIND}(?:\s+(?:work|roles?|jobs?|basis))?{_VIA}"
    rf"|\b{_KIND}(?:\s+(?:work|roles?|jobs?))?\s+(?:(?:is|are|would\s+be)\s+)?(?:also\s+)?{_OK}"
    r"(?:\s+(?:too|as\s+well))?\b",
    re.IGNORECASE,
)
_PAID_IN = re.compile(
    r"(?:\b(?:and\s+|that\s+(?:is\s+|are\s+)?|jobs?\s+)?(?:paid|paying|pays|payment|salary|pay)"
    r"\s+in\s+(?P<cur>[a-z]{3}|(?:us\s+)?dollars?|euros?|pounds?)\b)",
    re.IGNORECASE,
)
_AMOUNT = re.compile(r"\d")  # a text with an amount: "paid in eur" is its currency


def _paid_in(text: str) -> list[re.Match[str]]:
    """The currency of pay a text names with no amount ("paid in USD"), as `spelled` drops it."""
    return [] if _AMOUNT.search(text) else list(_PAID_IN.finditer(text))


_HIRE = re.compile(
    r"(?<!\bto\s)\b(?:(?:that|who|which)\s+)?(?:hires?|recruits?|employs?)\s+"
    r"(?=(?:in|from|across|throughout)\s)",
    re.IGNORECASE,
)
# Where an employer is based: "at US or EU startups", "with American companies".
_PLACE = (
    r"(?:(?:north|south|latin|central|western)\s+american?|united\s+states|silicon\s+valley|"
    r"[a-z][a-z.]{1,14})"
)
_EMPLOYER = re.compile(
    rf"\b(?:(?:at|for|with|from)\s+)?(?:an?\s+)?(?P<places>{_PLACE}(?:\s*(?:/|,|\bor\b|\band\b|&)"
    rf"\s*{_PLACE}){{0,3}})(?:[- ]based)?\s+(?:startups?|companies|company|firms?|employers?|"
    r"scale-?ups?|businesses|clients?)\b",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*(?:/|,|\bor\b|\band\b|&)\s*", re.IGNORECASE)
_DEMONYMS = frozenset({
    "us", "u.s.", "usa", "eu", "uk", "american", "european", "british", "german", "canadian",
    "brazilian", "french", "dutch", "swiss", "spanish", "australian", "indian", "israeli",
    "irish", "nordic", "scandinavian", "asian", "latam", "north american", "latin american",
    "south american", "central american", "western", "foreign", "international", "global",
    "western european", "us-based", "eu-based",
})  # fmt: skip
_REMOTE = re.compile(r"\b(?:remote(?:ly)?|wfh|anywhere|work\s+from\s+home)\b", re.IGNORECASE)
# A pay range with its period after it: "$5,000 - $7,000 USD/month", "$72/hr - $90/hr".
_NUM = r"(?:[$€£]\s?)?\d{1,3}(?:[,.]\d{3}){0,3}(?:\.\d{1,2})?(?:\s?k)?"
_PER = (
    r"(?:\s?/\s?|\s(?:per|a|an)\s)(?P<{0}>month|mo|hour|hr|h|day|week|wk|year|yr|annum)\b"
    r"|\s(?P<{0}2>monthly|hourly|daily|weekly|yearly|annually)\b"
)
_RANGE = re.compile(
    rf"(?P<low>{_NUM})(?P<one>{_PER.format('p1')})?\s?(?:-|–|—|\bto\b)\s?(?P<high>{_NUM})"
    rf"(?P<code>\s?[a-z]{{3}})?(?P<per>{_PER.format('p2')})",
    re.IGNORECASE,
)


def spelled(text: str) -> str:
    """`text` without what it says beside the jobs it asks for (the writer's name, contract
    work welcomed, the currency of pay; in a remote search, where employers are based), "that
    hire in X" as "in X" and a pay range with its period as its floor."""
    text = _WELCOME.sub(" ", _NAME.sub(r"\g<lead> ", text))
    text = text if _AMOUNT.search(text) else _PAID_IN.sub(" ", text)  # ("80k paid in eur")
    if _REMOTE.search(text):
        text = _EMPLOYER.sub(lambda m: " " if _employer(m) else m[0], text)
    return _RANGE.sub(_floor, _HIRE.sub("", text))


def _employer(m: re.Match[str]) -> bool:
    """Whether a match of `_EMPLOYER` names places ("US or EU"), not a kind ("fintech")."""
    named = [p for p in _SPLIT.split(m["places"].lower()) if p]
    return bool(named) and all(p in _DEMONYMS or _place(p) for p in named)


def _place(name: str) -> bool:
    return (name.upper() in COUNTRY_CODES or names_a_place(name)) and not is_tech(name)


def _floor(m: re.Match[str]) -> str:
    """A pay range's floor with the range's period and currency ("$5,000 USD/month"); the
    range as typed when its ends name two periods, or what follows is no currency."""
    one = (m["p1"] or m["p12"] or "").lower()
    per = (m["p2"] or m["p22"] or "").lower()
    code = (m["code"] or "").strip()
    if (one and one != per) or (code and currency_word(code) is None):
        return m[0]
    sign = m["high"].strip()[:1] if m["high"].strip()[:1] in "$€£" else ""
    low = m["low"].strip()
    low = low if low[:1] in "$€£" else sign + low
    return f"{low}{f' {code}' if code else ''}{m['per']}"


# Working hours: "at least 4 hours overlap with EST", "EST hours", "overlap with US hours".
_LEAD = (
    r"(?:(?:i\s+)?(?:need|want|require|must(?:\s+have)?|should(?:\s+have)?|would\s+like|"
    r"prefer|can\s+do|can\s+work|with|and)\s+)?(?:(?:at\s+least|min(?:imum)?|some|a\s+few|"
    r"good)\s+)?(?:\d{1,2}\s?\+?\s?(?:h|hrs?|hours?)\s+(?:of\s+)?)?"
)
_HOURS_WORD = r"(?:business\s+|working\s+|work\s+)?(?:hours|time\s?zones?|timezones?|tz)"
_NEEDED = r"(?:\s+(?:required|needed|preferred|is\s+a\s+must|a\s+must))?"
_HOURS = (  # a zone after "overlap with", or before its hours; then a zone before "overlap"
    re.compile(
        rf"\b{_LEAD}(?:overlap(?:ping)?\s+(?:with\s+)?(?:the\s+)?(?P<z1>[a-z]{{2,8}})"
        rf"(?:\s+{_HOURS_WORD})?|(?:(?:in|during|within)\s+)?(?P<z3>[a-z]{{2,8}})\s+"
        rf"(?:business\s+|working\s+|work\s+)?hours){_NEEDED}\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b{_LEAD}(?P<z2>[a-z]{{2,8}})\s+(?:{_HOURS_WORD}\s+)?overlap(?:ping)?{_NEEDED}\b",
        re.IGNORECASE,
    ),
)
ZONES = frozenset({
    "est", "edt", "et", "eastern", "pst", "pdt", "pt", "pacific", "cst", "cdt", "ct", "central",
    "mst", "mdt", "mountain", "cet", "cest", "eet", "eest", "gmt", "utc", "bst", "brt", "ist",
    "us", "eu", "uk", "europe", "european", "american", "americas", "emea", "apac", "latam",
})  # fmt: skip


def _zone(m: re.Match[str]) -> str:
    zones = m.groupdict()
    return (zones.get("z1") or zones.get("z2") or zones.get("z3") or "").lower()


def hours_said(text: str) -> list[tuple[str, str]]:
    """The working hours `text` names ("at least 4 hours overlap with EST"), as typed, each
    with its zone ("est")."""
    found = [m for m in _HOURS[0].finditer(text) if _zone(m) in ZONES]
    rest = _HOURS[0].sub(lambda m: " " if _zone(m) in ZONES else m[0], text)
    found += [m for m in _HOURS[1].finditer(rest) if _zone(m) in ZONES]
    return [(m[0], _zone(m)) for m in found]


def hours_dropped(text: str, kept: bool = False) -> str:
    """`text` without the working hours it names; `kept`: each as "overlap with <zone>"
    alone, without the words around it ("I need at least 4 hours"), which `zones` reads."""
    for hours in _HOURS:
        text = hours.sub(lambda m: _hours_as(m, kept), text)
    return text


def _hours_as(m: re.Match[str], kept: bool) -> str:
    if _zone(m) not in ZONES:
        return m[0]
    return f" overlap with {_zone(m)} " if kept else " "


def asides_said(text: str, query: str) -> str:
    """What `spelled` and `hours_dropped` left out of `text` for `query`, each with why, as
    one sentence to follow the offer; "" for none."""
    said = [(m[0], _CONTRACT) for m in _WELCOME.finditer(text)][:1]
    if _REMOTE.search(text):
        said += [(m[0], _BASED) for m in _EMPLOYER.finditer(text) if _employer(m)][:2]
    said += [
        (h, _HOURS_WHY) for h, zone in hours_said(text) if f"from:{zone}" not in query.split()
    ][:1]
    said += [(m[0], _CURRENCY) for m in _paid_in(text)][:1]
    if home := _HOME.search(query):
        only = [m for m in _ONLY_SAID.finditer(text) if f'"{m["region"].lower()} ' not in query]
        said += [(m[0], f"{home[0]} leaves them out") for m in only[:1]]
    notes = [f"“{_trim(s)}” ({html.escape(why, quote=False)})" for s, why in said]
    return f" I left out {'; '.join(notes)}." if notes else ""


_CONTRACT = "contract work is welcome without a filter: type:contract would keep to it alone"
_BASED = "where a company is based is not whom it hires"
_HOURS_WHY = "working hours are no filter"
_CURRENCY = "no filter says a job's currency: an amount in it does, salary:>=USD5k/month"
# "no US-only roles": left out by a from: outside that region (`homes`).
_ONLY_SAID = re.compile(
    r"\bno\s+(?:more\s+)?(?P<region>[a-z.]{2,12})[- ](?:only|based)(?:\s+(?:roles?|jobs?|positions?))?",
    re.IGNORECASE,
)
_HOME = re.compile(r'\bfrom:(?:"[^"]{1,40}"|[^\s()]{1,40})')


def _trim(said: str) -> str:
    return html.escape(" ".join(said.split()).strip(" ,.;"), quote=False)


def alone_reply(text: str) -> str | None:
    """The reply to a text that says nothing but asides ("must overlap with EST", "contractor
    is fine", "I only want jobs paid in USD"): why no alert needs them; None for another."""
    hours = hours_said(text)
    said = [
        (bool(_WELCOME.search(text)), _CONTRACT_ALONE),
        (bool(hours), _HOURS_ALONE.format(hours[0][1] if hours else "")),
        (bool(_paid_in(text)), _CURRENCY_ALONE),
    ]
    if not any(found for found, _ in said):
        return None
    rest = re.sub(r"[\W_]+", " ", hours_dropped(spelled(text))).lower().split()
    return " ".join(why for found, why in said if found) if set(rest) <= _FILLER else None


_CONTRACT_ALONE = (
    "Contract work is welcome, then: an alert without <code>type:</code> keeps contract jobs "
    "with the rest (<code>type:contract</code> would keep to them alone)."
)
_HOURS_ALONE = (
    "Working hours are no filter: I read where a job is open, not its hours, so your alerts "
    "need nothing for them (<code>from:{}</code> would keep to jobs in or open to that zone's "
    "region alone)."
)
_CURRENCY_ALONE = (
    "No filter says which currency a job pays in. An amount in yours compares each job's "
    "stated pay, converted: <code>salary:&gt;=USD5k/month</code> (jobs that state no pay then "
    "stay out)."
)


_FILLER = frozenset({
    "i", "im", "m", "only", "just", "want", "need", "must", "should", "jobs", "job", "roles",
    "role", "please", "pls", "thanks", "the", "a", "an", "that", "are", "is", "be", "would",
    "also", "too", "and", "but", "so", "ok", "okay", "yes", "hi", "hey", "hello", "as", "for",
    "me", "all", "my",
})  # fmt: skip
