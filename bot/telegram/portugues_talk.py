"""Whether a text is Portuguese (or Spanish) talk, and what the bot says to Portuguese it cannot
read: a text with words only Portuguese has ("não", "quero", "vagas") is read by `portugues`;
one whose alert would keep words no job has ("quero um resumo diário às 19h": "quero", "um",
"às") gets "I didn't understand that" and the commands that would do it, not an alert of its
words. Pure."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from bot.models import Alert
from bot.stack import is_tech
from bot.telegram.tips.paragraph import paragraph_meant
from bot.telegram.tips.sentence import meant
from bot.words import fold, tokens

# Words only Portuguese or Spanish write, of all the languages jobs are asked in, folded: a
# text with one is read as Portuguese ("são" is not here: São Paulo is said in English too).
_OWN = frozenset({
    "nao", "quero", "queria", "gostaria", "vagas", "vaga", "voce", "vc", "meus", "minhas",
    "estou", "quais", "valeu", "vlw", "obrigado", "obrigada", "obg", "tambem", "tbm", "apagar",
    "apaga", "apague", "excluir", "exclui", "exclua", "deletar", "deleta", "pausar", "ferias",
    "alerta", "alertas", "sigo", "seguindo", "recebi", "recebo", "receber", "adiciona",
    "adicionar", "adicione", "acrescenta", "resumo", "diario", "diaria", "manda", "mande",
    "mandar", "semanas", "presenciais", "presencial", "moro", "tudo", "portugues", "novas",
    "novidades", "mensagens", "quantas", "pra", "ajuda", "voltei", "empresas", "fuso",
    "quiero", "trabajos", "empleos", "vacantes", "gracias", "busco", "nada", "nenhuma",
    "remoto", "remota", "remotos", "remotas", "seguir", "siga", "segue", "consegui", "emprego",
    "empregos", "contratado", "contratada", "como", "funciona", "isso", "isto", "bom", "boa",
    "desfazer", "configuracoes", "preferencias", "inscricao", "assinatura", "descadastrar",
    "bloquear", "bloqueia", "bloqueie", "silenciar", "aceito", "tira", "tire", "tirar",
    "remova", "pagando", "pagamento", "contratam", "procuro", "espanhol", "excluem", "dolar",
})  # fmt: skip
# Portuguese and Spanish words no job has, folded: a query that keeps one is talk the bot did
# not read, not keywords.
TALK = _OWN | frozenset({
    "eu", "me", "meu", "minha", "seu", "sua", "um", "uma", "uns", "umas", "o", "a", "os", "as",
    "do", "da", "dos", "das", "no", "na", "nos", "nas", "com", "por", "pro", "que", "qual",
    "quando", "onde", "como", "porque", "pq", "sim", "mais", "muito", "muitas", "so", "ja",
    "ainda", "agora", "hoje", "isso", "isto", "esse", "essa", "este", "esta", "tem", "ter",
    "tenho", "pode", "poderia", "consegue", "sou", "foi", "vou", "vai", "ate",
    "dia", "noite", "manha", "semana", "vez", "depois", "antes", "sempre", "nunca", "favor",
    "ola", "oi", "bem", "fala", "empresa", "novo", "nova", "novos", "mim", "to", "estar",
    "quer", "obrigado", "recebendo", "chegou", "veio", "apareceu", "horas", "hora",
    "contrata", "contratam", "contratem", "contratar", "aceita", "aceitam", "aceitem", "paga",
    "pagam", "paguem", "seja", "sejam", "tenha", "tenham", "precisa", "precisam", "exigem",
    "pedem", "oferecem", "trabalhar", "posso", "gosto", "preciso", "procuro",
    "yo", "mi", "mis", "tengo", "estoy", "puedes", "recibir", "mensajes", "hola",
})  # fmt: skip


_ONLY = re.compile(r"(?<!\w)só(?!\w)", re.IGNORECASE)  # ("so" is English too)
_REMOVE_THE = re.compile(r"\s*remov\w{0,3}\s+(?:o|a|os|as)\s+\S", re.IGNORECASE)


def is_portuguese(text: str) -> bool:
    """Whether `text` has a word only Portuguese (or Spanish) writes ("não quero …", "vagas
    remotas"), or leaves out first as they do ("sem web3", not the "SEM" of a job)."""
    words = tokens(text)
    if _OWN.intersection(words) or _ONLY.search(text):
        return True
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    if first in ("sem", "Sem", "sin", "Sin", "exceto", "Exceto") and len(words) > 1:
        return True
    return _REMOVE_THE.match(text) is not None  # "remove o elixir" (not "remove elixir")


def junk(text: str, read: bool = True) -> bool:
    """Whether the alert a Portuguese `text` would make keeps words no job has ("moro
    location:"sao paulo"", "tem novas"): talk not read, not keywords. `read`: False for the
    English of what a text leaves out alone ("no mensagens de madrugada"), after its lead."""
    query = _query(text) if read else text.partition(" ")[2]
    return bool(TALK.intersection(tokens(_FILTER.sub(" ", query))))


def _query(text: str) -> str:
    """The query a text means, as `talk` reads it (sentence by sentence when long)."""
    return (meant(text) if len(text) <= 200 else paragraph_meant(text)) or text


_FILTER = re.compile(r'\w+:(?:"[^"]{0,80}"|\([^()]{0,200}\)|\S+)')  # (remote:no, location:"…")


SPEAK_PORTUGUESE = (
    "I reply in English, but I read Portuguese too: job searches (“vagas remotas de golang sem "
    "cripto”) and requests (“apagar alerta 2”, “pausar por 2 semanas”, “resumo diário às "
    "19h”, “quais são meus alertas?”) get the commands that do them. /help lists every command."
)
# A word of the request (its start, folded), and the command that would do it.
_HINTS = (
    (("resumo", "diari", "uma vez", "por dia", "semanal"),
     "<code>/digest daily 19:00</code>: one message a day with all the jobs"),
    (("paus", "ferias", "parar", "pare "),
     "<code>/pause 2 semanas</code> (or <code>/pause until the 4th</code>): no messages till then"),
    (("noite", "madrugada", "horario"), "<code>/quiet 22:00-07:00</code>: none at night"),
    (("alerta",), "/alerts: your alerts, each with its buttons to change or delete it"),
    (("empresa", "sigo", "seguir"), "/following: the companies you follow; <code>/follow Nubank"
     "</code> follows one"),
    (("por que", "porque", "recebi", "chegou"), "<code>/why golang nubank</code>: why a job "
     "came or did not"),
    (("fuso", "moro", "cidade"), "<code>/timezone São Paulo</code>: your clock"),
)  # fmt: skip


def unread(text: str) -> str:
    """ "I didn't understand that": of a search, the words no job has that it kept; else the
    commands its words point to (a digest, a pause, the alerts) or the common ones."""
    query = _query(text)
    left = sorted({w for w in tokens(_FILTER.sub(" ", query)) if w in TALK})
    searched = _FILTER.search(query) or any(map(is_tech, tokens(query)))
    if searched and left:  # a search, with words of talk in it
        return (
            "Sorry, I didn't read all of that as a job search: the alert would keep "
            + ", ".join(f"“{w}”" for w in left[:5])
            + ", which jobs do not have. Short sentences read best (“vagas remotas de go ou elixir, sem cripto”), or send the alert's words: "
            "<code>/alert go remote:yes -crypto</code>. /help alert says how."
        )
    said = f" {fold(text)} "
    hints = [hint for stems, hint in _HINTS if any(stem in said for stem in stems)][:3]
    hints = hints or [_HINTS[0][1], _HINTS[1][1], _HINTS[3][1]]
    return (
        "Sorry, I didn't understand that: I reply in English and read Portuguese job searches "
        "(“vagas remotas de golang sem cripto”) and the common requests. These may be what "
        "you meant (tap to copy):\n" + "\n".join(f"• {hint}" for hint in hints) + "\n"
        "/help lists every command."
    )


_SOFT = re.compile(
    r"\b(?:por\s+favor|pfvr?|pf|porfa|pls|plz|please|obrigad[oa]|valeu|vlw|obg|gracias)\b"
    r"|\bpor\s+fa\b",
    re.IGNORECASE,
)
_HELLO = re.compile(
    r"^(?:oi+|ol[áa]|opa|e\s+a[íi]|eae|bom\s+dia|boa\s+(?:tarde|noite)|hola|buenas"
    r"|buenos\s+d[íi]as)\b[\s,!.]*",
    re.IGNORECASE,
)


def cleaned(text: str) -> tuple[str, bool]:
    """`text` without its greeting and its "por favor", "valeu", spaced and without the
    punctuation at its end; and whether it thanked."""
    thanked = re.search(r"\b(?:valeu|vlw|obrigad[oa]|obg|gracias)\b", text, re.IGNORECASE)
    said = " ".join(_SOFT.sub(" ", _HELLO.sub("", text.strip())).split()).strip(" .!?,;")
    return said, thanked is not None


def which_deleted(mine: Sequence[Alert]) -> str:
    """ "apagar alerta": the /delete of each of the user's alerts, or that there is none."""
    if not mine:
        return "You have no alerts. Add one: <code>/alert rust backend</code>."
    lines = [f"<code>/delete {a.id}</code>: #{a.id} <b>{html.escape(a.query)}</b>" for a in mine]
    return "Which alert? Tap to copy, then send:\n" + "\n".join(lines[:10])
