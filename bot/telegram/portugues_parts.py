"""The parts of a Portuguese request that `portugues` makes English: its patterns accented or
not, ids joined by "e", a digest's kind and hour ("resumo diário às 19h", "uma vez por dia à
noite"), and the words of what to leave out or keep to ("vagas presenciais": onsite jobs;
"autorização de trabalho nos EUA": US work authorization). Pure."""

from __future__ import annotations

import re

from bot.telegram.tips.romance import romance_spelled
from bot.words import fold

_BARE = {"á": "a", "à": "a", "â": "a", "ã": "a", "é": "e", "ê": "e", "í": "i", "ó": "o",
         "ô": "o", "õ": "o", "ú": "u", "ç": "c"}  # fmt: skip


def pt(pattern: str) -> re.Pattern[str]:
    """`pattern`, compiled case-blind, its accented letters also as written without them
    ("não": nao, "férias": ferias), as phones often write them."""
    for letter, bare in _BARE.items():
        pattern = pattern.replace(letter, f"[{letter}{bare}]")
    return re.compile(pattern, re.IGNORECASE)


def joined_ids(ids: str) -> str:
    """ "2 e 3", "2, 3": "2 and 3"."""
    return " and ".join(re.findall(r"\d{1,4}", ids))


_SEARCH = pt(r"\bvagas?\s+(?:de|em|para|pra|remot|na|no|com)\b")  # "vagas de go diárias"
_DAILY = pt(
    r"\b(?:diári[oa]s?|diariamente|por\s+dia|ao\s+dia|todo\s+dia|todos\s+os\s+dias"
    r"|cada\s+dia|uma\s+vez\s+(?:por|ao|no)\s+dia|de\s+manhã|à\s+noite|de\s+noite)\b"
)
_WEEKLY = pt(r"\b(?:semana(?:l|is)|semanalmente|por\s+semana|toda\s+semana|uma\s+vez\s+"
             r"(?:por|na)\s+semana)\b")  # fmt: skip
_DIGEST = pt(r"\b(?:resumo|digest|e-?mail|lista|uma\s+vez|manda|mande|envia|envie|receber)\b")
_AT = pt(
    r"\b(?:às|as|a\s+partir\s+das|depois\s+das|pelas|lá\s+pelas)\s+(?P<h>\d{1,2})"
    r"(?:\s*(?:h|:)\s*(?P<m>\d\d)?|\s*horas?)?(?P<pm>\s+da\s+(?:noite|tarde))?\b"
    r"|\b(?P<h2>\d{1,2})\s*(?:h|:)\s*(?P<m2>\d\d)?(?P<pm2>\s+da\s+(?:noite|tarde))?(?!\w)"
)
_DAYS = {"segunda": "monday", "terça": "tuesday", "terca": "tuesday", "quarta": "wednesday",
         "quinta": "thursday", "sexta": "friday", "sábado": "saturday", "sabado": "saturday",
         "domingo": "sunday"}  # fmt: skip
_DAY = pt(r"\b(?P<day>segunda|terça|quarta|quinta|sexta|sábado|domingo)\b")


def digest(said: str) -> str | None:
    """ "quero um resumo diário às 19h": "send me a daily digest at 19:00"; "me manda as vagas
    uma vez por dia à noite": "send me jobs every evening"; None when it names no digest
    ("vagas de go diárias" is a search)."""
    weekly = _WEEKLY.search(said) is not None
    daily = _DAILY.search(said) or re.search(r"\bresumo\b", said, re.IGNORECASE)  # ("às 7")
    if _SEARCH.search(said) or not (weekly or daily) or not _DIGEST.search(said):
        return None
    at = ""
    if found := _AT.search(said):
        hour = int(found["h"] or found["h2"])
        hour += 12 if (found["pm"] or found["pm2"]) and hour < 12 else 0
        at = f" at {hour:02d}:{found['m'] or found['m2'] or '00'}"
    if weekly:
        day = _DAY.search(said)
        on = f" on {_DAYS[day['day'].lower()]}" if day else ""
        return f"send me a weekly digest{on}{at}"
    if not at and (part := re.search(r"manh|noite", said, re.IGNORECASE)):
        return f"send me jobs every {'morning' if part[0].lower() == 'manh' else 'evening'}"
    return f"send me a daily digest{at}"


# Said of what to leave out or keep to, before `romance_spelled` reads the rest: the phrase
# jobs write in English.
_WORK_PERMIT = pt(
    r"\b(?:autorização|permissão|permiso|autorización)\s+(?:de\s+|para\s+)?trabalh\w{0,4}"
    r"(?:(?:\s+(?:n[oa]s?|d[oa]s?|para(?:\s+os)?|en|de))?\s+(?P<us>eua|estados\s+unidos|usa|us))?"
)
_CITIZEN = pt(r"\bcidadania\s+(?:americana|dos\s+eua|norte-americana)")
_VISA = pt(r"\b(?:patrocínio\s+de\s+visto|visto(?:\s+de\s+trabalho)?)\b")
_JOBS = pt(r"\b(?:vagas?|trabalhos?|empregos?|oportunidades?|trabajos?|empleos?|vacantes?)\b")
_JOINED = pt(r"\s+(?:e|ou|nem|y|o|ni)\s+")


def english_terms(said: str, words: bool = True) -> str:
    """What to leave out or keep to, in the words jobs write ("vagas presenciais": "onsite
    jobs", "autorização de trabalho nos EUA": "US work authorization", "cripto e web3":
    "cripto or web3"); `words` False: its phrases only, the rest as said (for the sentence
    reader, which reads "presenciais" in a sentence)."""
    said = _WORK_PERMIT.sub(lambda m: f"{'US ' if m['us'] else ''}work authorization", said)
    said = _VISA.sub("visa sponsorship", _CITIZEN.sub("US citizenship", said))
    if not words:
        return " ".join(_JOBS.sub(" ", said).split())
    said = _JOBS.sub("jobs", romance_spelled(said))
    return " ".join(_JOINED.sub(" or ", f" {said} ").split())


# Places said of whom a job hires ("que contratam no Brasil", "abertas para a América
# Latina"): their from: name.
_HIRES_IN = {"brasil": "brazil", "america latina": "latam", "latam": "latam", "europa": "europe",
             "portugal": "portugal", "argentina": "argentina", "mexico": "mexico",
             "colombia": "colombia", "chile": "chile", "america do sul": "latam"}  # fmt: skip
_PLACE = r"(?P<place>brasil|américa\s+latina|latam|europa|portugal|argentina|méxico|colômbia|chile|américa\s+do\s+sul)"
_HIRE = pt(
    r"\b(?:(?:que\s+)?(?:contrat(?:am|a|em|ando)|aceit(?:am|a|em))(?:\s+(?:gente|pessoas|devs?))?"
    r"|abert[ao]s?|(?:pra|para)\s+quem\s+(?:mora|vive|está))\s+(?:para\s+|pra\s+|a\s+)?"
    rf"(?:(?:n?[oa]|em|de|d[oa]|todo\s+o|toda\s+a)\s+)?{_PLACE}\b"
)
_ROLE = pt(
    r"\b(?P<role>engenheir[oa]|desenvolvedor[a]?|programador[a]?|dev)(?:\s+de)?(?:\s+(?P<area>"
    r"back-?end|front-?end|full-?stack|software|mobile|dados))?(?:\s+(?P<level>sênior|senior"
    r"|sr|pleno|júnior|junior|jr))?(?:\s+(?:d[oa]|de)\s+(?P<from>[A-ZÁ-Ú]\w{2,20}))?"
)
_ROLES = {"engenheir": "engineer", "desenvolved": "developer", "programad": "developer",
          "dev": "developer"}  # fmt: skip


def _role(found: re.Match[str]) -> str:
    """ "engenheiro backend sênior do Brasil": "a senior backend engineer from Brazil"."""
    role = next(
        english for stem, english in _ROLES.items() if found["role"].lower().startswith(stem)
    )
    words = [found["level"], found["area"], role]
    said = "a " + " ".join(w for w in words if w).replace("sênior", "senior")
    place = _HIRES_IN.get(fold(found["from"] or ""), found["from"])
    return f"{said} from {place.title()}" if place else said


def _looking(found: re.Match[str]) -> str:
    """ "Procuro vagas remotas de Go ou Elixir": "I'm looking for remote Go or Elixir jobs"."""
    what = re.sub(r"\s+ou\s+", " or ", found["what"])
    return f"I'm looking for {'remote ' if found['remote'] else ''}{what} jobs"


_PHRASES = (
    (pt(r"\b(?:eu\s+)?sou\s+(?:o|a)\s+(?=[A-ZÁ-Ú])"), "I'm "),
    (pt(r"\b(?:procuro|busco|estou\s+(?:procurando|buscando))\s+vagas?\s+(?P<remote>remotas?\s+)?"
        r"de\s+(?P<what>[\w+#., ]{1,60}?)(?=\s+(?:(?:em|que|para|pra)\s|from:)|[.;!?]|$)"), _looking),
    (pt(r"\bem\s+(?:startups|empresas)\s+(?:d[oa]s?\s+)?(?:eua|americanas|estados\s+unidos)"
        r"(?:\s+(?:ou|e)\s+(?:d[oa]\s+)?(?:europa|europeias))?"), "at US or European startups"),
    (pt(r"\bem\s+(?:startups|empresas)\s+(?:d[oa]\s+)?(?:europa|europeias)"), "at European startups"),
    (pt(r"\bem\s+(?:startups|empresas)\s+(?:gringas|estrangeiras|de\s+fora|internacionais)"),
     "at foreign companies"),
    (pt(r"\b(?:(?:eu\s+)?(?:posso|topo|aceito)\s+(?:trabalhar\s+)?(?:como\s+|via\s+)?|pode\s+ser\s+)"
        r"(?:pj|contractor|prestador\s+de\s+serviços?)(?:\s+(?:via|pela|pelo|com)\s+\w{2,20})?"
        r"|\bpj\s+(?:tudo\s+bem|serve|ok|sem\s+problemas?)"), "I can work as a contractor"),
    (pt(r"\bnada\s+(?:só|somente|apenas|exclusiv\w{1,4})\s+(?:para\s+|pra\s+|d?os\s+|nos\s+){0,3}"
        r"(?:eua|estados\s+unidos)"), "nothing US-only"),
    (pt(r"\b(?:só|somente|apenas|exclusiv\w{1,4})\s+(?:para\s+|pra\s+|d?os\s+|nos\s+){0,3}"
        r"(?:eua|estados\s+unidos)"), "US-only"),
    (pt(r"\b(?:pagando|pagas?|pagos?|pagamento|salário|remuneração)\s+(?:em\s+)?(?:dólar(?:es)?|usd)"
        r"|\bem\s+dólar(?:es)?"), "paid in USD"),
    (pt(r"\bespanhol\b"), "Spanish"), (pt(r"\binglês\b"), "English"),
    (pt(r"\bportuguês\b"), "Portuguese"), (pt(r"\balemão\b"), "German"),
    (pt(r"\bfrancês\b"), "French"),
)  # fmt: skip


def english_phrases(said: str) -> str:
    """A Portuguese text's phrases that English readers know said in English ("que contratam
    no Brasil": from:brazil, "aceito PJ": "I can work as a contractor", "só para os EUA":
    "US-only", "pagando em dólar": "paid in USD", "espanhol": "Spanish"), the rest as said."""
    said = _HIRE.sub(lambda m: f"from:{_HIRES_IN[' '.join(fold(m['place']).split())]}", said)
    said = _ROLE.sub(_role, said)
    for pattern, english in _PHRASES:
        said = pattern.sub(english, said)
    return said
