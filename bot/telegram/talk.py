"""What a text that is no command of ours gets: the commands it most likely meant, ready to
copy (a link: /follow and /why; keywords or a sentence: /alert and /search; a command without
its slash, or asked for in words: it), an answer to small talk, or a pointer to /help."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

from bot.stack import is_tech
from bot.telegram.asked import asked, asks_to_follow
from bot.telegram.chat import DIDNT_UNDERSTAND, NOT_A_COMMAND, small_talk
from bot.telegram.commands import Command
from bot.telegram.companies_asked import follow_offer
from bot.telegram.german_talk import mostly_german
from bot.telegram.latest import about_job_reply, job_asked_about, topic
from bot.telegram.linked import links_said
from bot.telegram.talk_home import LIVE, MOVING, ONLY_PLACE, clock_there, place_template
from bot.telegram.talk_said import agencies_left_out, answered, said_of
from bot.telegram.tips.paragraph import filters_read, left_out_only, paragraph_meant, role_asked
from bot.telegram.tips.pay import VAGUE_PAY
from bot.telegram.tips.repair import mended
from bot.telegram.tips.sentence import meant
from bot.words import fold

esc = html.escape

# "Rust, Go, Scala": a list of techs alone is one of them, as most mean it.
_LISTED = re.compile(r"\s*[,;]\s*(?:(?:and|or)\s+)?|\s+or\s+|\s*/\s*")  # ("rust and go": both)


# First words of a text that is talk, not keywords: it gets NOT_A_COMMAND, not a suggestion.
# Greetings and thanks in the languages of the job markets jobbot's boards cover, folded.
_TALK = frozenset({
    "hi", "hii", "hello", "hey", "heya", "hiya", "howdy", "yo", "sup", "greetings", "good",
    "morning", "evening", "thanks", "thank", "thx", "ty", "cheers", "bye", "goodbye", "ok",
    "okay", "k", "cool", "nice", "great", "yes", "yep", "yeah", "no", "nope", "please", "pls",
    "help", "start", "stop", "test", "testing", "what", "how", "why", "who", "where", "when",
    "can", "could", "would", "is", "are", "do", "does", "i", "i'm", "im",
    "hallo", "moin", "servus", "gruss", "danke", "hola", "buenas", "gracias", "ola", "oi",
    "obrigado", "obrigada", "bonjour", "salut", "coucou", "merci", "ciao", "salve", "grazie",
    "hoi", "bedankt", "hej", "hei", "tack", "takk", "tak", "kiitos", "czesc", "dzieki",
    "ahoj", "diky", "szia", "privet", "spasibo", "merhaba", "namaste", "привет", "спасибо",
    "здравствуйте", "привіт", "дякую",
})  # fmt: skip


_ASKING = frozenset({"i", "i'm", "im"})
# Words of talk that no job search has ("I found a job I like but it didn't come").
_SAID = frozenset({
    "it", "didn", "doesn", "don", "isn", "wasn", "t", "because", "was", "were", "been",
    "got", "came", "come", "should", "why", "really", "thanks", "you", "your", "they",
})  # fmt: skip
_COMPLAINT = _SAID - {"you", "your"}  # ("can you find me rust jobs": asked, not said)
# A text that names jobs asks for jobs, whatever command words it has ("EU timezone").
_JOBS = re.compile(r"\b(?:jobs?|roles?|positions?|openings?|vacanc(?:y|ies))\b", re.IGNORECASE)
# Of those, the ones that greet or thank: the reply greets or thanks back first.
_HELLO = frozenset({
    "hi", "hii", "hello", "hey", "heya", "hiya", "howdy", "yo", "greetings", "morning",
    "evening", "hallo", "moin", "servus", "hola", "buenas", "ola", "oi", "bonjour", "salut",
    "coucou", "ciao", "salve", "hoi", "hej", "hei", "czesc", "ahoj", "szia", "privet", "merhaba",
    "namaste", "привет", "здравствуйте", "привіт",
})  # fmt: skip
_THANKS = frozenset({
    "thanks", "thank", "thx", "ty", "cheers", "danke", "gracias", "obrigado", "obrigada",
    "merci", "grazie", "bedankt", "tack", "takk", "tak", "kiitos", "dzieki", "diky", "spasibo",
    "спасибо", "дякую",
})  # fmt: skip  # talk, unless what follows reads as a job search


# A reply to a job's message that asks why it came: /why, as a reply, answers it.
ASKS_WHY = re.compile(r"(?:why|how come)(?: not| this(?: one)?| me)?\W*$", re.IGNORECASE)


# An alert asked for in words, before what it is for: "create an alert for rust jobs", "alert
# me about go roles", "let me know when Stripe posts a rust job".
_ALERT_ME = re.compile(
    r"(?:(?:please\s+)?(?:(?:can|could|would)\s+you\s+(?:please\s+)?)?(?:i\s*(?:want|need|"
    r"'?d\s+like|would\s+like)\s+)?(?:(?:add|create|set\s+up|make|start|give|send)\s+"
    r"(?:me\s+)?)?(?:an?\s+|new\s+|a\s+new\s+)?alert\s*(?:for|about|on|with|:|-)\s*"
    r"|(?:please\s+)?(?:alert|notify|ping|tell|message|text)\s+me\s+(?:about|for|of|on|when|if)"
    r"\s+(?:there\s+(?:is|are)\s+)?"
    r"|(?:please\s+)?let\s+me\s+know\s+(?:about|of|when|if)\s+(?:there\s+(?:is|are)\s+)?)"
    r"(?:(?:any|new|some)\s+)*",
    re.IGNORECASE,
)
# ... and nothing after it: how to write one.
_ALERT_ALONE = re.compile(
    r"(?:please\s+)?(?:(?:add|create|set\s+up|make|new|start)\s+(?:me\s+)?(?:an?\s+|new\s+)?"
    r"alert|alert\s+me|notify\s+me|let\s+me\s+know)\W*",
    re.IGNORECASE,
)
_POSTS = re.compile(
    r"(?P<at>[\w&.'-]+(?:\s+[A-Z][\w&.'-]*)?)\s+(?:posts|publishes|opens|has|lists)\s+"
    r"(?:an?\s+|any\s+|new\s+|a\s+new\s+)?(?P<what>.+?)(?:\s+(?:jobs?|roles?|positions?|"
    r"openings?))?[\s.!?]*$"
)


def suggestion(text: str, commands: Mapping[str, Command]) -> str:
    """The reply to a text that is not a command: the commands it most likely meant, in
    <code> (a tap copies it in Telegram). A link: /follow and /why; a list of links: /follow
    of them all; one of `commands` without its slash, or asked for in words: that command;
    a few keywords: /alert and /search; anything else, NOT_A_COMMAND."""
    text = " ".join(text.split())
    if (said := _said(text, commands) or answered(text)) is not None:
        return said  # ("hide recruiter posts", "what's open at Figma?": `talk_said`)
    text, words = _keywords(text)
    if (said := links_said(text, words)) is not None:
        return said
    first = fold(words[0].strip(",.!")) if words else ""
    greeted = first in _HELLO | _THANKS and len(words) > 2  # "Hi! I'm looking for …"
    body = " ".join(words[1:]) if greeted else text
    if job := job_asked_about(body):  # "how much does the rust job at Acme pay?"
        return about_job_reply(job, meant(f"{job} jobs"))
    if (wanted := topic(body)) is not None:  # "what do you have for scala": a sentence of it
        body, first = f"{wanted} jobs", ""
    clock, body = clock_there(body), MOVING.sub(" in ", body)  # "moving to Lisbon": there
    if clock and _WHERE.search(home := LIVE.sub(" ", body)):
        body = home  # "I live in Berlin. Remote within the EU or Berlin": where one lives says less
    read = _Read(text, words, first, greeted, body, clock, _query(body, first, greeted))
    jobs = read.filtered and _JOBS.search(body) and not asks_to_follow(words)  # not "…, EU tz"
    said = None if jobs else follow_offer(words, commands) or asked(words, commands)
    return said or _offer(read)


def _said(text: str, commands: Mapping[str, Command]) -> str | None:
    """The answer to a text that tells, not asks for jobs: small talk, news of a job, "new
    alert" alone; None for another."""
    if (said := small_talk(text)) is not None:  # "I got the job!", "ok thanks", "👍"
        return said
    if _ALERT_ALONE.fullmatch(text) and "alert" in commands:  # "new alert": how to write one
        return (
            "Send /alert with the words a job should have, e.g. <code>/alert rust backend</code>, "
            "or tell me what you look for (“remote go jobs in Germany”)."
        )
    return None


def _keywords(text: str) -> tuple[str, list[str]]:
    """The text as the words of the jobs it asks for, and its words as sent: a list of techs
    as any of them ("Rust, Go, Scala"), a role as its jobs ("I'm a junior developer"), without
    "alert me about" or a leading "alert"."""
    words = text.split()
    if len(techs := [t for t in _LISTED.split(text.lower().strip(" .!")) if t]) > 1 and all(
        is_tech(t) for t in techs[:9]
    ):
        text = " OR ".join(techs[:9])  # "Rust, Go, Scala": any of them
    if (asks := _ALERT_ME.match(text)) and asks.end() < len(text) <= 300:  # "alert me about …"
        text = _POSTS.sub(r"\g<what> jobs at \g<at>", text[asks.end() :])
        words = text.split()
    if role := _ROLE.fullmatch(text):  # "I'm a junior developer": the jobs of that role
        text = f"{role['role']} jobs"
    if words and fold(words[0]) in ("alert", "search") and len(words) > 1:
        text, words = " ".join(words[1:]), words[1:]  # "alert rust": keywords after it
    return text, words


def _query(body: str, first: str, greeted: bool) -> str | None:
    """The query a text most likely means ("I'm after rust jobs in Berlin"), or None: talk
    that names no jobs ("can you help me?") is no query, nor a complaint ("it didn't come").
    A text too long for one sentence is read sentence by sentence (`paragraph_meant`)."""
    read = meant if len(body) <= 200 else paragraph_meant
    query = read(body) if first not in _TALK - _ASKING or greeted else None
    if query is None and _JOBS.search(body) and not _COMPLAINT.intersection(fold(body).split()):
        query = read(body)  # "can you find me rust jobs in …"
        query = query if query and _has_filters(query) else None
    return agencies_left_out(query) if query else query  # (their posts: "Our client, …")


@dataclass(frozen=True)
class _Read:
    """A text as read for the offer: as sent, its first word folded, whether it greets first,
    what it asks for (`body`), the /timezone of where one lives, and the query it means."""

    text: str
    words: list[str]
    first: str
    greeted: bool
    body: str
    clock: str
    query: str | None

    @property
    def filtered(self) -> bool:
        return self.query is not None and _has_filters(self.query)


def _offer(read: _Read) -> str:
    """The /alert and /search of what a text asks for (for jobs without a kind alone, "jobs
    without consulting", the role asked), or NOT_A_COMMAND when it asks for no jobs: talk,
    many words and no filter, or nothing left to look for."""
    text, words, first, filtered = read.text, read.words, read.first, read.filtered
    what, hello = "with these words", ""
    if not read.query and len(words) <= 8 and VAGUE_PAY.search(read.body):  # "top paying jobs"
        return f"{_GOOD_PAY} E.g. <code>/alert rust salary:&gt;=100k</code>."
    if not read.query and _JOBS.search(read.body) and (left := left_out_only(read.body)):
        left = agencies_left_out(left)  # ("no agencies": their posts too)
        return (_back([first]) if read.greeted else "") + role_asked("what to leave out", left)
    if read.query and (filtered or not read.greeted):
        text, words, what = read.query, read.query.split(), "like that"  # "rust jobs in Berlin"
        hello = _back([first]) if read.greeted else ""
    elif not words or first in _TALK or text.endswith(("?", "!")):
        back = _back([fold(w.strip(",.!")) for w in words[:2]])
        german = not back and first not in _TALK and mostly_german(words)  # not "Grüß dich"
        return back + (DIDNT_UNDERSTAND if german else NOT_A_COMMAND)
    talky = not filtered and bool(_SAID.intersection(fold(text).replace('"', "").split()))
    if talky or (not filtered and (len(words) > 6 or len(text) > 60)):
        return DIDNT_UNDERSTAND if mostly_german(words) else NOT_A_COMMAND  # many words, no filter
    if not (text := mended(text)):  # "rust not", "(rust": the query they can send
        return NOT_A_COMMAND  # ("not web3": nothing to look for)
    if not filtered and mostly_german(text.split()):  # "kannst du mir helfen": German talk
        return DIDNT_UNDERSTAND
    shown = esc(text)
    if read.clock and ONLY_PLACE.fullmatch(text):  # "I live in Berlin": no kind of job said
        return hello + place_template(read.clock, text)
    if len(read.words) > 10 and (kinds := filters_read(text)):  # many words, none of a job
        return hello + role_asked(kinds, text) + read.clock
    offer = (
        f"To get a message for each new job {what}, send <code>/alert {shown}</code>; "
        f"to see the stored ones, <code>/search {shown}</code>. (Tap to copy.) /help lists every "
        "command."
    )
    if what == "like that" and "salary:" not in text and VAGUE_PAY.search(read.body):
        offer += f" {_GOOD_PAY}"  # "rust jobs that pay well": no amount, so no filter
    return hello + offer + said_of(read.body, text) + read.clock


_GOOD_PAY = (
    "For good pay, name the least you want: <code>salary:&gt;=100k</code> (a currency too: "
    "<code>salary:&gt;=EUR80k</code>) keeps to the jobs that state it."
)


_ROLE = re.compile(
    r"(?:i\W?m|i\s+am|i\s+work\s+as)\s+an?\s+(?P<role>[\w\s/+#-]{0,40}?(?:developer|engineer|designer|"
    r"manager|scientist|analyst|architect|programmer|consultant|researcher|administrator|tester|"
    r"sre|devops))s?[\s.!]*",
    re.IGNORECASE,
)
_WHERE = re.compile(r"\b(?:in|near|from|within)\b", re.IGNORECASE)


def _has_filters(query: str) -> bool:
    return any(m in f" {query}" for m in (":", " OR ", " -"))


def _back(first: list[str]) -> str:
    """A greeting or thanks returned, for a text whose first words are one ("Hi!", "good
    morning", "thanks")."""
    if first[:1] == ["no"]:  # "no thanks": declined, not thanked
        return ""
    if _HELLO.intersection(first):
        return "Hi! "
    return "You're welcome! " if _THANKS.intersection(first) else ""
