"""The parts of a German request that `deutsch` makes English: a holiday's time ("2 wochen",
"bis 3. januar"), a pause, ids joined by "und", the verb of "wie lösche ich …", a digest's
hour, a town's English name. Pure."""

from __future__ import annotations

import re

from bot.pausetime import in_english, looks_like_a_time


def de(pattern: str) -> re.Pattern[str]:
    """`pattern`, compiled case-blind, its umlauts also as written without them (ö: oe or o,
    ß: ss), as phones and keyboards without them write."""
    for letter, spelt in (("ä", "ae|a"), ("ö", "oe|o"), ("ü", "ue|u"), ("ß", "ss")):
        pattern = pattern.replace(letter, f"(?:{letter}|{spelt})")
    return re.compile(pattern, re.IGNORECASE)


_DIGEST = de(
    r"\b(?:einmal|zusammenfassung|übersicht|digest|e?-?mail|nachricht|reicht|genügt"
    r"|jeden\s+(?:morgen|abend))"
)
_SEARCH = de(r"\bjobs?\s+(?:in|als|für|mit|bei)\b")  # "täglich neue rust jobs in berlin"
_AT = de(
    r"\b(?:(?:um|ab|gegen)\s+(?P<h>\d{1,2}(?:[:.]\d\d)?)|(?P<at>\d{1,2}(?:[:.]\d\d)?)\s*uhr)\b"
)
_ALERT_ID = re.compile(
    r"\b(?:alert|alarm|suchauftrag)\s*(?:#|nr\.?\s*|nummer\s*)?(\d{1,4})\b", re.I
)
PLACES: dict[str, str] = {
    "münchen": "Munich", "muenchen": "Munich", "munchen": "Munich", "köln": "Cologne",
    "koeln": "Cologne", "koln": "Cologne", "wien": "Vienna", "nürnberg": "Nuremberg",
    "deutschland": "Germany", "österreich": "Austria", "schweiz": "Switzerland",
    "die schweiz": "Switzerland",
}  # fmt: skip
# "wie lösche ich einen alert": the verb's stem, and the English one.
_VERBS = (("lösch", "delete"), ("loesch", "delete"), ("losch", "delete"), ("entfern", "delete"),
          ("änder", "change"), ("aender", "change"), ("ander", "change"), ("bearbeit", "change"),
          ("pausier", "pause"), ("folg", "follow"), ("blockier", "mute"), ("exportier", "export"),
          ("erstell", "add"), ("anleg", "add"), ("hinzufüg", "add"))  # fmt: skip


def away(said: str) -> str:
    """ "I'm on holiday", with its time in English ("for 2 weeks", "until 3 january")."""
    time = in_english(_FROM.sub(" ", said))
    if (span := _SPAN.search(time)) is not None:
        return f"I'm on holiday for {span[0].removeprefix('for ')}"
    if (until := _UNTIL.search(time)) is not None:
        return f"I'm on holiday {until[0]}"
    return "I'm on holiday"


_FROM = de(r"\bab\s+(?:morgen|heute|montag|nächster\s+woche)\b|\bkeine\s+jobs\s+\w+")
_SPAN = re.compile(r"\b(?:for\s+)?(?:\d{1,2}|a|two|three|four|five|six|a few)\s+"
                   r"(?:hours?|days?|weeks?|months?)\b")  # fmt: skip
_UNTIL = re.compile(r"\buntil\s+[\w ]{1,30}$")


def pause(rest: str, german: bool) -> str | None:
    """ "pause …" with its time in English ("pause alert 2 for 3 days", "stop for 2 weeks":
    pause for 2 weeks); None for a stop that names no time ("stop sending me jobs", "stop
    alert 2"), read as English is."""
    english = joined_ids(in_english(rest.replace("alle", "all").replace("meine", "my")))
    if not german and not looks_like_a_time(english):
        return None
    return f"pause {english}"


def follow(name: str) -> str:
    """ "I want to follow Acme" ("for" its jobs as English says it)."""
    return f"I want to follow {name}".replace(" für ", " for ")


def joined_ids(ids: str) -> str:
    """ "4 und 5" as "4 and 5"."""
    return " ".join(re.sub(r"\bund\b|&|\+", " and ", ids, flags=re.IGNORECASE).split())


def how(rest: str) -> str | None:
    """ "wie lösche ich einen alert": "how do I delete an alert"; None when it names no verb
    of ours."""
    folded = rest.lower()
    verb = next((english for stem, english in _VERBS if stem in folded), None)
    if verb is None:
        return None
    what = "a company" if verb in ("follow", "mute") else "an alert"
    return f"how do I {verb} {what}"


def digest(said: str, every: str) -> str | None:
    """ "einmal am tag reicht", "tägliche zusammenfassung um 8": "a daily digest at 8"; None
    when it names no digest ("täglich neue rust jobs in berlin" is a search)."""
    if _SEARCH.search(said) or (not _DIGEST.search(said) and len(said.split()) > 3):
        return None
    at = (
        f" at {(found['h'] or found['at']).replace('.', ':')}"
        if (found := _AT.search(said))
        else ""
    )
    if alert := _ALERT_ID.search(said):  # "für alert 2": that alert's digest
        at = f"{at} for alert {alert[1]}"
    morning = re.search(r"\bmorgens?\b|\bfrüh\b", said, re.IGNORECASE)
    evening = re.search(r"\babends?\b", said, re.IGNORECASE)
    if not at and every == "daily" and (morning or evening):
        return f"send me jobs every {'morning' if morning else 'evening'}"
    return f"send me a {every} digest{at}"
