"""/why of a job named in words, not by its link ("/why Go Developer Lisbon", "why didn't I
get the Go Developer job at Vellum Pay?"): the open stored jobs whose title, company and
place hold every word, newest first, whoever hid or muted them (that may be the answer)."""

from __future__ import annotations

import html
import re

from bot.models import Posting
from bot.render_title import LISTED, company_cut
from bot.store import Stores
from bot.synonyms import expand
from bot.syntax import Or, Phrase, Word
from bot.telegram import stored_search
from bot.wording import shorten
from bot.words import fold, tokens

esc = html.escape
SHOWN = 5  # jobs offered to choose from
MOST_WORDS = 8
_TOKEN = re.compile(r"[^\s,;:!?()\[\]{}\"“”‘’«»]+")
# The question around a job's words ("why didn't I get the … job at … in …?")
_FLUFF = frozenset({
    "why", "whyd", "not", "no", "didnt", "didn", "did", "do", "dont", "does", "doesnt", "was",
    "wasnt", "wasn", "is", "isnt", "isn", "werent", "i", "me", "my", "we", "you", "it", "this",
    "that", "get", "got", "see", "saw", "receive", "received", "sent", "send", "notified",
    "hear", "about", "the", "a", "an", "job", "jobs", "role", "position", "posting", "opening",
    "offer", "ad", "listing", "at", "in", "for", "from", "of", "on", "with", "by", "to", "as",
    "and", "or", "any", "one", "alert", "alerts", "match", "matched", "t", "s", "pls", "please",
    "come", "came", "arrive", "arrived", "reach", "reached", "show", "showed", "up", "never",
})  # fmt: skip


def words_of(text: str) -> list[str]:
    """The words of `text` that name a job, without the question around them."""
    out: list[str] = []
    for token in _TOKEN.findall(text):
        word = token.strip(".'-")
        key = fold(word).replace("'", "")
        if word and key not in _FLUFF and key not in (fold(w) for w in out):
            out.append(word)
    return out[:MOST_WORDS]


def named(store: Stores, text: str) -> tuple[list[Posting], str]:
    """Up to `SHOWN` + 1 open jobs with every word of `text` (`words_of`) in their title,
    company or place (a plural too: "payment" is in "Payments"), newest first, and "".
    When none has them all, those with all but one, and that word (the first from the end
    whose leaving out finds some: "Go Developer Lisbon" when the Go Developer job is in
    Warsaw). None for a text of no such words."""
    words = [fold(w) for w in words_of(text) if any(c.isalnum() for c in w)]
    if found := _having(store, words):
        return found, ""
    for k in reversed(range(len(words)) if len(words) > 1 else ()):
        if found := _having(store, words[:k] + words[k + 1 :]):
            return found, words[k]
    return [], ""


def _having(store: Stores, words: list[str]) -> list[Posting]:
    """Up to `SHOWN` + 1 open jobs with every word in their title, company or place, of
    those the text index proposes (the words, as prefixes, anywhere), at most `CANDIDATES`
    read."""
    if not words:
        return []
    spelt = [spellings(w) for w in words]
    expression = " AND ".join(_either(s) for s in spelt)
    needles = [re.compile(rf"(?<!\w)(?:{'|'.join(map(_spelt, s))})(?:e?s)?(?!\w)") for s in spelt]
    found: list[Posting] = []
    read, before = 0, store.listings.stored_until()
    while read < stored_search.CANDIDATES and len(found) <= SHOWN:
        page = store.listings.with_words(expression, stored_search.PAGE, before=before)
        for p in page.postings:
            said = fold(f"{p.title}\n{p.company}\n{p.location}")
            if all(n.search(said) for n in needles) and len(found) <= SHOWN:
                found.append(p)
        if page.last is None:
            break
        read, before = read + stored_search.PAGE, page.last
    return found


def spellings(word: str) -> list[str]:
    """`word` and what an alert of it finds too (`bot.synonyms`: sre is also "site
    reliability", k8s "kubernetes"), each a spelling of words apart."""
    said = tokens(word)
    group = expand(Word(said[0])) if len(said) == 1 else None
    terms = group.children if isinstance(group, Or) else ()
    return [t.text for t in terms if isinstance(t, Word | Phrase)] or [word]


def _spelt(spelling: str) -> str:
    return r"\W+".join(map(re.escape, spelling.split()))


def _either(spellings: list[str]) -> str:
    """The FTS5 query of any of `spellings` or its plural (a prefix query costs ~30 ms a
    word)."""
    ends = ("", "s", "es")
    said = [s + e for s in spellings for e in (ends if " " not in s else ("",))]
    quoted = [f'"{w.replace(chr(34), chr(34) * 2)}"' for w in said]
    return "(" + " OR ".join(quoted) + ")"


def choices(text: str, found: list[Posting], without: str) -> str:
    """The reply to a /why whose words name several jobs, or only some of its words name
    jobs (`without` the one left out): each job with the /why to send."""
    said = f"“{esc(shorten(' '.join(words_of(text)) or text, 80))}”"
    if without:
        head = f"No open job has every word of {said}. Without “{esc(without)}”:"
    else:
        head = f"Several jobs have the words {said}; which one? Newest first:"
    lines = [head]
    for p in found[:SHOWN]:
        where = f" · {esc(shorten(p.location, 40))}" if p.location else ""
        company = f" — {esc(company_cut(p.company, p.board, LISTED))}" if p.company else ""
        ref = p.key if not any(c.isspace() for c in p.key) else p.url
        title = esc(shorten(p.title, 80))
        lines.append(f"• {title}{company}{where}: <code>/why {esc(ref)}</code>")
    if len(found) > SHOWN:
        lines.append("More have them: add a word of its company or place to find it.")
    return "\n".join(lines)
