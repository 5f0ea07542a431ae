"""A request about the bot said in German ("bin 2 wochen im urlaub", "alert 3 löschen", "zu
viele jobs", "folge Personio"): the English request it makes, which the bot's reading of
English (texts, talk, asked) then answers as it answers that. Replies stay in English. Job
searches in German are no request of these: they are left as they are (tips.sentence reads
them), and so is any other text. Pure; the handlers put a text that is no command through it
first."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.telegram.deutsch_parts import (
    PLACES,
    away,
    de,
    digest,
    follow,
    how,
    joined_ids,
    pause,
)

# Words that only soften a request ("bitte", "mal"), and a greeting before it: left out.
_SOFT = re.compile(r"\b(?:bitte|mal|doch|halt|eigentlich|einfach|denn|gerne?|pls|plz)\b", re.I)
_HELLO = re.compile(r"^(?:hallo|hi|hey|moin|servus|guten\s+(?:morgen|tag|abend))\b[\s,!.]*", re.I)
_NAME = r"(?P<name>[^?,;]{1,60}?)"
_IDS = r"#?(?P<ids>\d{1,4}(?:(?:\s*(?:,|und|&|\+)\s*|\s+)#?\d{1,4}){0,9})"
_ALERT = r"(?:(?:den|die|meinen|meine)\s+)?(?:alerts?|alarme?|suchauftrag|nr\.?|nummer)"
_NOT = re.compile(r"\b(?:keine?|nicht|nichts|nix|ohne)\b", re.IGNORECASE)
_LEAVE = r"(?:urlaub|ferien|verreist|unterwegs)"

# (a German request, fully matched; the English it makes, from its match, or None: read on)
_SAID: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]], ...] = (
    # back from a holiday, and a holiday: "I'm back", "/pause for 2 weeks"
    (
        de(
            r"(?:ich\s+)?bin\s+(?:wieder\s+)?(?:zurück|da)(?:\s+aus\s+dem\s+urlaub)?"
            r"|wieder\s+(?:da|zurück)|zurück\s+aus\s+dem\s+urlaub"
        ),
        lambda m: "I'm back",
    ),
    (
        de(
            r"(?:ich\s+)?(?:bin|gehe?|fahre?|mache?|nehme?|habe?|wir\s+sind)\b(?P<mid>[^?]{0,60}?)"
            rf"\s*(?:(?:im|in\s+den|in|auf)\s+)?{_LEAVE}\b(?P<tail>[^?]{{0,80}})"
            rf"|(?:im\s+)?{_LEAVE}\b(?P<rest>[^?]{{0,80}})"
        ),
        lambda m: away(" ".join(filter(None, (m["mid"], m["tail"], m["rest"])))),
    ),
    # a pause or stop: "pausiere alert 2", "stop für 2 wochen", "alert 2 pausieren"
    (
        de(r"(?:pausier(?:e|en)?|pause|stopp?e?|anhalten)\s+(?P<rest>[^?]{1,80})"),
        lambda m: pause(m["rest"], m[0].lower().startswith(("paus", "anh"))),
    ),
    (
        de(rf"(?P<rest>(?:{_ALERT}\s+)?{_IDS}|alle(?:\s+(?:meine\s+)?alerts)?|alles)"
            r"\s+(?:pausieren|anhalten|stoppen)(?P<time>[^?]{0,40})"),
        lambda m: pause(f"{m['rest']} {m['time']}", True),
    ),
    (de(r"keine\s+(?:jobs|nachrichten)\s+(?P<time>(?:für|bis)\s+[\w. ]{1,30})"),
     lambda m: pause(m["time"], True)),
    # deleting: "alert 3 löschen", "lösch 4 und 5", "alles löschen", "lösch meine daten"
    (
        de(r"(?:lösch(?:e|en)?\s+(?:alle\s+)?|entfern(?:e|en)?\s+)(?:meine\s+daten|alle\s+daten"
            r"|mein(?:en)?\s+(?:konto|account|profil))"
            r"|(?:meine|alle)\s+daten\s+löschen|mein(?:en)?\s+(?:konto|account|profil)\s+löschen"),
        lambda m: "delete my data",
    ),
    (
        de(r"(?:lösch(?:e|en)?|entfern(?:e|en)?)\s+(?:alles|alle(?:\s+meine)?(?:\s+alerts)?"
            r"|meine\s+alerts)|(?:alles|alle(?:\s+(?:meine\s+)?alerts)?|meine\s+alerts)\s+"
            r"(?:löschen|entfernen)"),
        lambda m: "delete all my alerts",
    ),
    (
        de(rf"(?:lösch(?:e|en)?|entfern(?:e|en)?)\s+(?:{_ALERT}\s+)?{_IDS}"),
        lambda m: f"delete alert {joined_ids(m['ids'])}",
    ),
    (
        de(rf"(?:{_ALERT}\s+)?{_IDS}\s+(?:löschen|entfernen)"),
        lambda m: f"delete alert {joined_ids(m['ids'])}",
    ),
    (
        de(r"(?:ich\s+(?:will|möchte)\s+)?(?:mich\s+)?(?:abmelden|austragen|abbestellen)"
            r"|abo\s+kündigen"),
        lambda m: "unsubscribe",
    ),
    # changing one: "alert 1 ändern auf data analyst münchen"
    (
        de(rf"(?:änder(?:e|n)?|bearbeite?n?)\s+(?:{_ALERT}\s+)?(?P<id>\d{{1,4}})\s+"
            r"(?:auf|zu|in)\s+(?P<query>[^?]{1,200})"),
        lambda m: f"change alert {m['id']} to {m['query']}",
    ),
    (
        de(rf"(?:{_ALERT}\s+)?(?P<id>\d{{1,4}})\s+(?:ändern|bearbeiten)\s+(?:auf|zu|in)\s+"
            r"(?P<query>[^?]{1,200})"),
        lambda m: f"change alert {m['id']} to {m['query']}",
    ),
    # how it works, and help
    (de(r"hilfe|hilf\s+mir|ich\s+brauche\s+hilfe|befehle"), lambda m: "help"),
    (
        de(r"wie\s+(?:funktioniert|geht)\s+(?:das|der\s+bot|dieser\s+bot|es|du)(?:\s+hier)?"
            r"|was\s+kannst\s+du(?:\s+alles)?(?:\s+(?:machen|tun))?|wer\s+bist\s+du"
            r"|was\s+(?:ist|macht)\s+(?:das|dieser\s+bot|der\s+bot)(?:\s+hier)?"
            r"|wie\s+fange\s+ich\s+an|was\s+(?:mache|soll)\s+ich\s+(?:hier|jetzt)"),
        lambda m: "how does this work",
    ),
    (
        de(r"(?:sprichst|kannst|verstehst|redest)\s+du\s+(?:auch\s+)?deutsch"
            r"|(?:geht\s+(?:das|es)\s+)?(?:auch\s+)?(?:auf|in)\s+deutsch|deutsch"),
        lambda m: "do you speak german?",
    ),
    (de(r"wie\s+(?:kann\s+ich\s+|muss\s+ich\s+|soll\s+ich\s+)?(?P<rest>[^?]{3,60})"),
     lambda m: how(m["rest"])),
    # fewer, none at night, once a day
    (de(r"(?:[^?]{0,40}\s)?zu\s+viele?(?:\s[^?]{0,40})?"), lambda m: "too many messages"),
    (
        de(r"(?:bitte\s+)?keine\s+(?:jobs|nachrichten|meldungen|benachrichtigungen)\s+"
            r"(?:mehr\s+)?(?:nach|ab)\s+(?P<h>\d{1,2})(?:[:.]00)?(?:\s*uhr|h)?"),
        lambda m: f"no messages after {m['h']}:00",
    ),
    (
        de(r"(?:bitte\s+)?keine\s+(?:jobs|nachrichten|meldungen|benachrichtigungen)\s+(?:mehr\s+)?"
            r"(?:zwischen|von)\s+(?P<a>\d{1,2}(?:[:.]\d\d)?)(?:\s*uhr)?\s+(?:und|bis)\s+"
            r"(?P<b>\d{1,2}(?:[:.]\d\d)?)(?:\s*uhr)?"),
        lambda m: f"no messages between {m['a']} and {m['b']}",
    ),
    (
        de(r"[^?]{0,40}\b(?:nachts|in\s+der\s+nacht|über\s+nacht)\b[^?]{0,40}"),
        lambda m: "no messages at night" if _NOT.search(m[0]) else None,
    ),
    (
        de(r"(?:[^?]{0,30}\s)?(?:einmal\s+(?:am|pro|im)\s+tag|täglich\w{0,2}"
            r"|jeden\s+(?:tag|morgen|abend))(?:\s[^?]{0,40})?"),
        lambda m: digest(m[0], "daily"),
    ),
    (
        de(r"(?:[^?]{0,30}\s)?(?:einmal\s+(?:in\s+der|pro|die)\s+woche|wöchentlich\w{0,2})"
            r"(?:\s[^?]{0,40})?"),
        lambda m: digest(m[0], "weekly"),
    ),
    # what it is doing: "warum bekomme ich keine jobs", "gibt es neue jobs?"
    (
        de(r"(?:warum|wieso|weshalb)\s+(?:bekomme|kriege|erhalte|sehe)\s+ich\s+(?:keine|nichts)"
            r"[^?]{0,40}|(?:warum|wieso|weshalb)\s+kommen?\s+(?:keine|nichts)[^?]{0,40}"
            r"|(?:funktionierst|läufst)\s+du(?:\s+noch)?|(?:funktioniert|läuft)\s+(?:das|der\s+bot)"
            r"(?:\s+noch)?"),
        lambda m: "why don't I get any jobs",
    ),
    (
        de(r"(?:gibt\s+es|gibts|gibt's)\s+(?:was|etwas|irgendwas)?\s*neue[sn]?(?:\s+(?:jobs|stellen))?"
            r"(?:\s+(?:für\s+mich|heute))?|neue\s+(?:jobs|stellen)(?:\s+da)?"),
        lambda m: "any new jobs?",
    ),
    # the time zone: "zeitzone münchen", "stell die zeitzone auf deutschland"
    (
        de(r"(?:meine\s+)?zeitzone(?:\s+(?:ändern|einstellen|setzen|stellen))?"),
        lambda m: "how do I change my timezone",
    ),
    (de(r"(?:meine\s+)?einstellungen"), lambda m: "settings"),
    (
        de(r"(?:(?:stell|setz|änder)e?\s+)?(?:die\s+|meine\s+)?zeitzone\s+(?:auf\s+|ist\s+|=\s*"
            r"|:\s*|nach\s+)?(?P<zone>[^?]{2,40}?)(?:\s+(?:ein|um|stellen|setzen|ändern|einstellen))?"),
        lambda m: f"set my timezone to {PLACES.get(m['zone'].lower(), m['zone'])}",
    ),
    # companies: mute, follow
    (
        de(rf"keine\s+(?:jobs|stellen|angebote|nachrichten)\s+(?:mehr\s+)?(?:von|bei)\s+"
            rf"{_NAME}(?:\s+mehr)?"),
        lambda m: f"no more jobs from {m['name']}",
    ),
    (
        de(rf"(?:blockier|sperr|ignorier)(?:e|en)?\s+(?:die\s+firma\s+|das\s+unternehmen\s+"
            rf"|die\s+jobs\s+von\s+|alles\s+von\s+)?{_NAME}"),
        lambda m: f"no more jobs from {m['name']}",
    ),
    (
        de(rf"(?:die\s+firma\s+)?{_NAME}\s+(?:blockieren|sperren|stummschalten|ignorieren)"),
        lambda m: f"no more jobs from {m['name']}",
    ),
    (
        de(rf"(?:folge|folg|verfolge)\s+{_NAME}"),
        lambda m: follow(m["name"]),
    ),
    (
        de(rf"(?:ich\s+)?(?:möchte|will|würde)\s+{_NAME}\s+(?:folgen|verfolgen|beobachten)"),
        lambda m: follow(m["name"]),
    ),
    (
        de(rf"(?:kannst|könntest)\s+du\s+(?:die\s+(?:jobs|stellen)\s+(?:von|bei)\s+)?{_NAME}"
            r"\s+(?:beobachten|verfolgen|folgen|überwachen|im\s+auge\s+behalten)"),
        lambda m: follow(m["name"]),
    ),
    # news, and stopping: "ich hab einen job gefunden!!", "hör auf mir jobs zu schicken"
    (
        de(r"(?:ich\s+)?(?:hab|habe)\s+(?:endlich\s+)?(?:(?:einen|eine|den|die|nen|ne)\s+)?"
            r"(?:neuen\s+|neue\s+)?(?:job|stelle|arbeit|zusage)\s+(?:gefunden|bekommen|gekriegt)"
            r"|(?:job|stelle)\s+gefunden|ich\s+(?:wurde|bin)\s+(?:eingestellt|genommen)(?:\s+worden)?"),
        lambda m: "I got a job!",
    ),
    (
        de(r"hört?\s+auf(?:\s+(?:mir|mich))?(?:\s+(?:jobs|nachrichten|stellen))?"
            r"(?:\s+zu\s+(?:schicken|senden|nerven))?"
            r"|(?:schick|sende)e?\s+mir\s+keine\s+(?:jobs|nachrichten)\s+mehr"
            r"|(?:ich\s+(?:will|möchte)\s+)?keine\s+(?:jobs|nachrichten)\s+mehr"),
        lambda m: "stop sending me jobs",
    ),
    (de(r"(?:mach\s+(?:das\s+)?)?rückgängig(?:\s+machen)?|wiederherstellen"), lambda m: "undo"),
)  # fmt: skip


def english(text: str) -> str:
    """The English request a German one makes ("bin 2 wochen im urlaub": "I'm on holiday for
    2 weeks"), or `text` as it is: a job search, English, or no request of these."""
    said = " ".join(_SOFT.sub(" ", _HELLO.sub("", text)).split()).strip(" .!?,")
    if not said or len(said) > 200:
        return text
    for pattern, english in _SAID:
        if (found := pattern.fullmatch(said)) and (meant := english(found)) is not None:
            return meant
    return text
