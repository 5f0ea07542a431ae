"""The language a posting is written in, for the lang: filter ("lang:en", "-lang:de"): told by
the common little words of its text, which every long text of a language has and texts of
other languages lack ("und", "wir", "für" for German; "the", "you", "with" for English).

Words are compared as `bot.words` folds them ("für" is "fur"); a word that is common in two
of these languages counts for neither ("die" is German and Dutch, "para" Spanish and
Portuguese). A text with fewer than `AT_LEAST` of one language's words, or as many of
another's, has no language: short postings, and those written half in one and half in
another, match no lang: at all.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

AT_LEAST = 5  # of a language's words, for a text to be in it

LANGUAGES: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "en": "the and you with our are will your this that have from who about what which "
        "they their would should",
        "de": "und der das wir fur mit bei ist ein eine zu von auf dich oder nicht werden "
        "unsere deine ihre sind uber auch",
        "fr": "et le les nous pour une vous est sur avec dans au votre notre qui aux sont nos "
        "vos chez",
        "es": "y el los las muy nuestro nuestra ofrecemos tambien sus usted puesto equipo",
        "pt": "voce nosso nossa os uma com nao sao em mais seu sua voces vaga",
        "it": "il per che della delle sono siamo nostro nostra alla nel gli questo anche essere",
        "nl": "het een van voor wij jouw ons onze op bij zijn naar dat niet ook worden wordt "
        "jij deze",
        "pl": "oraz jest dla lub przez jak pracy ze naszego twoje",
        # The Scandinavian three share most little words ("det", "som", "har", "og"): only
        # each one's own count.
        "sv": "och att ar till inte ett jag vara fran mycket hur nar ocksa sina",
        "da": "af hvad vores jer jeres nogle blive efter meget arbejde udvikling tilbyder",
        "no": "hva dere noen bli etter mye arbeid arbeide tilbyr vare meg deg utvikling enn",
    }.items()
}
NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "pt": "Portuguese",
    "it": "Italian", "nl": "Dutch", "pl": "Polish", "sv": "Swedish", "da": "Danish",
    "no": "Norwegian",
}  # fmt: skip


def language(words: AbstractSet[str]) -> str | None:
    """The code of the language a text with these (folded) words is in, or None."""
    counts = sorted(((len(w & words), code) for code, w in LANGUAGES.items()), reverse=True)
    (best, code), (second, _) = counts[0], counts[1]
    return code if best >= AT_LEAST and best > second else None
