"""A pause's time in Portuguese and Spanish ("2 semanas", "por 3 dias", "até dia 4", "até 4 de
janeiro", "hasta el lunes", "1 mês"), folded: the English words `bot.pausetime` reads ("2
weeks", "for 3 days", "until the 4th", "until 4 of january", "until the monday", "1 month").
Pure; `pausetime.in_english` asks it after the German."""

from __future__ import annotations

import re

_DAYS = (
    ("monday", "segunda", "lunes"), ("tuesday", "terca", "martes"),
    ("wednesday", "quarta", "miercoles"), ("thursday", "quinta", "jueves"),
    ("friday", "sexta", "viernes"), ("saturday", "sabado"), ("sunday", "domingo"),
)  # fmt: skip
_MONTHS = (
    ("january", "janeiro", "enero"), ("february", "fevereiro", "febrero"),
    ("march", "marco", "marzo"), ("april", "abril"), ("may", "maio", "mayo"),
    ("june", "junho", "junio"), ("july", "julho", "julio"), ("august", "agosto"),
    ("september", "setembro", "septiembre", "setiembre"), ("october", "outubro", "octubre"),
    ("november", "novembro", "noviembre"), ("december", "dezembro", "diciembre"),
)  # fmt: skip
ROMANCE: dict[str, str] = {
    "por": "for", "durante": "for", "ate": "until", "hasta": "until", "de": "of", "o": "the",
    "el": "the", "um": "a", "uma": "a", "un": "a", "una": "a", "dois": "2", "duas": "2",
    "tres": "3", "quatro": "4", "cuatro": "4", "cinco": "5", "seis": "6", "sete": "7",
    "siete": "7", "oito": "8", "ocho": "8", "nove": "9", "nueve": "9", "dez": "10", "diez": "10",
    "quinze": "15", "quince": "15", "hora": "hour", "horas": "hours", "dia": "day",
    "dias": "days", "semana": "week", "semanas": "weeks", "mes": "month", "meses": "months",
    "quinzena": "fortnight", "amanha": "tomorrow", "manana": "tomorrow", "proxima": "next",
    "proximo": "next", "proximas": "next", "proximos": "next",
    **{said: english for english, *names in _DAYS for name in names
       for said in (name, f"{name}-feira")},
    **{said: english for english, *names in _MONTHS for said in names},
}  # fmt: skip
# "dia 4", "o dia 4": the 4th; "fim de semana", "fin de semana", "fds": the weekend.
_NTH = re.compile(r"\b(?:o\s+|el\s+)?d[ií]a\s+(\d{1,2})(?!\d)")
_WEEKEND = re.compile(r"\b(?:o\s+|el\s+)?(?:fi[mn]\s+de\s+semana|fds)\b")


def days_spelled(text: str) -> str:
    """`text` (lower case) with "dia 4" as "the 4th" and "fim de semana" as "the weekend"."""
    return _WEEKEND.sub("the weekend", _NTH.sub(r"the \1th", text))
