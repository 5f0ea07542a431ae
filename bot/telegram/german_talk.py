"""German talk that no job search has ("kannst du mir helfen", "ja bitte"): a text made mostly
of German words no job has is talk the bot did not understand, not keywords to offer as an
alert. Pure; `talk` asks it before it offers one."""

from __future__ import annotations

from bot.words import fold

# German words no job has ("ich", "bin", "wie", "bitte"), folded: a text made mostly of them
# is talk, not keywords of an alert.
_TALK = frozenset({
    "ich", "mich", "mir", "du", "dich", "dir", "bin", "bist", "ist", "sind", "wie", "wo", "wann",
    "warum", "wieso", "weshalb", "bitte", "nicht", "nichts", "kannst", "kann", "konnen",
    "konntest", "das", "dass", "der", "die", "dem", "den", "des", "es", "hier", "und", "oder",
    "aber", "auch", "noch", "schon", "mal", "doch", "ja", "nein", "nee", "habe", "hab", "hast",
    "haben", "mein", "meine", "meinen", "meinem", "dein", "deine", "ein", "eine", "einen",
    "einem", "einer", "wir", "uns", "ihr", "sie", "zu", "im", "auf", "fur", "von", "bei", "nach",
    "aus", "wird", "werden", "wurde", "mochte", "soll", "sollte", "gibt", "gibts", "geht",
    "jetzt", "heute", "sehr", "kein", "keine", "keinen", "etwas", "alles", "alle", "dann",
    "wenn", "weil", "ob", "sicher", "weiss", "funktioniert", "machen", "mache", "schick",
    "schicken", "bekomme", "bekommen", "verstehe", "meinst", "danke",
})  # fmt: skip


def mostly_german(words: list[str]) -> bool:
    """Whether half the `words` or more are German ones no job has ("kannst du mir helfen",
    "ja bitte"): talk the bot did not understand, not keywords."""
    folded = [fold(w.strip(",.!?;:()\"'")) for w in words]
    german = sum(w in _TALK for w in folded)
    return german > 0 and 2 * german >= len(folded)
