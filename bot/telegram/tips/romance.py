"""A sentence in Portuguese, Spanish or French ("Procuro vagas de Rust em Lisboa, híbrido,
salário acima de 80.000€", "mínimo 80 mil euros"): its words for pay, the way of working, the
kind of job and the places written as the English the sentence reader knows ("salary over
80.000€", "hybrid", "minimum 80k"), accented or not; its little words ("procuro", "de",
"em") are glue of `tips.filters`. Pure; `sentence` reads a text with it first."""

from __future__ import annotations

import re

from bot.telegram.tips.places import a_place
from bot.words import fold, tokens

# Said anywhere, folded (accents dropped): the English the reader knows.
_SAID = {
    # the way of working
    **dict.fromkeys(("remoto", "remota", "remotos", "remotas", "en remoto", "em remoto",
                     "teletrabalho", "teletrabajo", "teletravail", "en teletravail",
                     "a distancia", "a distance", "op afstand", "thuiswerken"), "remote"),
    **dict.fromkeys(("hibrido", "hibrida", "hibridos", "hibridas", "hybride"), "hybrid"),
    **dict.fromkeys(("presencial", "presenciais", "presenciales", "presentiel",
                     "en presentiel", "sur site"), "onsite"),
    # the kind of job
    **dict.fromkeys(("tempo integral", "periodo integral", "tiempo completo",
                     "jornada completa", "temps plein", "voltijd"), "full time"),
    **dict.fromkeys(("meio periodo", "tempo parcial", "tiempo parcial", "medio tiempo",
                     "media jornada", "temps partiel", "deeltijd"), "part time"),
    **dict.fromkeys(("estagio", "estagios", "practicas", "pasantia", "pasantias"), "internship"),
    # pay, after an amount too ("80 mil euros no mínimo", "por ano")
    **dict.fromkeys(("salario", "salarios", "sueldo", "salaire", "remuneracao",
                     "remuneracion", "salaris"), "salary"),
    **dict.fromkeys(("minimo", "no minimo", "como minimo", "au minimum"), "minimum"),
    **dict.fromkeys(("pelo menos", "al menos", "por lo menos", "au moins"), "at least"),
    **dict.fromkeys(("por ano", "ao ano", "al ano", "par an", "anual", "brutos", "bruto",
                     "brut"), "a year"),
    **dict.fromkeys(("por mes", "ao mes", "al mes", "par mois", "mensais", "mensuales",
                     "mensal", "mensual", "mensuel", "mensuels"), "a month"),
    **dict.fromkeys(("por semana", "a la semana", "par semaine"), "a week"),
    **dict.fromkeys(("por dia", "ao dia", "al dia", "par jour"), "a day"),
    **dict.fromkeys(("por hora", "a la hora", "par heure", "de l heure", "l heure"), "an hour"),
    "maximo": "maximum", "nem": "nor", "reais": "brl", "dolares": "dollars", "libras": "pounds",
    # "in" ("em Lisboa", "na Europa", "en Madrid", "dans le Nord"; "lang:en" is a filter)
    **dict.fromkeys(("em", "na", "nas", "en", "dans"), "in"),
    # places the gazetteer knows by their English names
    "europa": "europe", "uniao europeia": "eu", "union europea": "eu",
    "union europeenne": "eu", "ue": "eu", "america latina": "latin america",
    "amerique latine": "latin america", "alemanha": "germany", "alemania": "germany",
    "allemagne": "germany", "espanha": "spain", "espana": "spain", "espagne": "spain",
    "franca": "france", "francia": "france", "italia": "italy", "italie": "italy",
    "holanda": "netherlands", "paises baixos": "netherlands", "paises bajos": "netherlands",
    "pays bas": "netherlands", "suica": "switzerland", "suiza": "switzerland",
    "suisse": "switzerland", "reino unido": "uk", "royaume uni": "uk", "irlanda": "ireland",
    "irlande": "ireland", "belgica": "belgium", "belgique": "belgium", "autriche": "austria",
    "polonia": "poland", "pologne": "poland", "estados unidos": "usa", "eua": "usa",
    "etats unis": "usa", "londres": "london", "berlim": "berlin", "munique": "munich",
    "bruxelas": "brussels", "bruselas": "brussels", "bruxelles": "brussels",
}  # fmt: skip
# Said before an amount ("acima de 80.000€", "más de 60k"): a floor or a ceiling.
_BEFORE_AMOUNT = {
    **dict.fromkeys(("acima de", "mais de", "mas de", "plus de", "superior a", "a partir de",
                     "desde"), "over"),
    **dict.fromkeys(("ate", "hasta", "menos de", "moins de", "jusqu a"), "under"),
}  # fmt: skip
_LETTERS = {"a": "aáàâã", "e": "eéèê", "i": "iíî", "o": "oóôõ", "u": "uúü", "c": "cç", "n": "nñ"}


def _loose(phrase: str) -> str:
    """A folded phrase as a pattern of it accented or not, its words apart by spaces or
    hyphens ("meio-período")."""
    letters = (f"[{_LETTERS[c]}]" if c in _LETTERS else re.escape(c) for c in phrase)
    return "".join(letters).replace(r"\ ", r"[\s'-]+")


def _either(phrases: dict[str, str], after: str = "") -> re.Pattern[str]:
    longest = sorted(phrases, key=len, reverse=True)
    return re.compile(
        rf"(?<![\w:])(?:{'|'.join(map(_loose, longest))})(?!\w){after}", re.IGNORECASE
    )


_WORDS = _either(_SAID)
_AMOUNT_WORDS = _either(_BEFORE_AMOUNT, r"(?=\s*[\d€$£])")
# "80 mil euros", "80mil", "60 mille": thousands, as "80k".
_THOUSAND = re.compile(r"(?<![\w.,])(\d{1,3})\s?mil(?:le)?(?!\w)", re.IGNORECASE)
# Words only Portuguese says of these languages: its "no" is "in the" ("no Porto") and its
# "o" "the", not Spanish "or" ("o go").
_PORTUGUESE = frozenset({
    "procuro", "procurando", "vaga", "vagas", "trabalho", "emprego", "empregos", "em", "na",
    "nas", "ou", "sem", "quero", "gostaria", "estou", "tenho", "nao",
})  # fmt: skip
_NO_PLACE = re.compile(r"(?<!\w)(?:no|nos)\s+(?P<place>[^\W\d]+(?:\s+[^\W\d]+)?)", re.I)
# French "au Portugal", "aux Pays-Bas" (by then "aux netherlands"): in the place ("au" alone is
# Australia's code).
_AU_PLACE = re.compile(r"(?<!\w)aux?\s+(?P<place>[^\W\d]+(?:\s+[^\W\d]+)?)", re.IGNORECASE)
_THE = re.compile(r"(?<![\w:])os?(?=\s+[^\W\d])", re.IGNORECASE)


def workplace_word(token: str) -> str | None:
    """The way of working a word of one of these languages says ("remoto", "remotas":
    "remote"; "presencial": "onsite"; "hibrido": "hybrid"), folded as a query is; else None."""
    said = _SAID.get(fold(token))
    return said if said in ("remote", "hybrid", "onsite") and " " not in token else None


def romance_spelled(text: str) -> str:
    """`text` with its Portuguese, Spanish and French words for pay, work, the kind of job and
    places in the English the reader knows ("salário acima de 80.000€": "salary over
    80.000€", "em Lisboa": "in Lisboa"); Portuguese "no Porto" as "in Porto" too; any other
    text as it is."""
    text = _THOUSAND.sub(r"\1k", text)
    text = _AMOUNT_WORDS.sub(lambda m: _BEFORE_AMOUNT[_folded(m[0])], text)
    portuguese = bool(_PORTUGUESE.intersection(tokens(text)))
    text = _AU_PLACE.sub(_in_place, _WORDS.sub(lambda m: _SAID[_folded(m[0])], text))
    return _THE.sub("", _NO_PLACE.sub(_in_place, text)) if portuguese else text


def _folded(said: str) -> str:
    return " ".join(re.split(r"[\s'-]+", fold(said)))


def _in_place(m: re.Match[str]) -> str:
    """Portuguese "no Porto", "no Reino Unido" (read as "uk" by then): in the place."""
    words = m["place"].split()
    if a_place(fold(" ".join(words))) or a_place(first := fold(words[0])) or first == "us":
        return f"in {m['place']}"
    return m[0]
