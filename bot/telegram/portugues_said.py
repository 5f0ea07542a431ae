"""The requests about the bot said in Portuguese ("apagar alerta 2", "pausar por 2 semanas",
"estou de férias até dia 4", "quais são meus alertas?", "tem vagas novas?", "adiciona kotlin
também", "por que não recebi a vaga de Golang da Nubank?"), each fully matched: the English
request it makes, which the bot's reading of English answers. Pure; `portugues` reads them."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from bot.models import Alert
from bot.pausetime import in_english
from bot.telegram.commands import Command
from bot.telegram.deutsch_parts import away, follow
from bot.telegram.portugues_parts import digest, english_terms, joined_ids, pt
from bot.telegram.portugues_talk import SPEAK_PORTUGUESE, junk, which_deleted
from bot.telegram.talk import suggestion
from bot.telegram.tips.sentence import meant
from bot.transport import Incoming


@dataclass(frozen=True)
class Read:
    """A Portuguese text read: the English request it makes (or the search, what it leaves
    out said so), or the reply itself ("" text): not understood, "você fala português?"."""

    text: str
    reply: str = ""
    deleting: bool = False  # "apagar alerta": which of the user's alerts, each one's /delete

    def incoming(self, msg: Incoming) -> Incoming:
        """`msg` saying the English request."""
        return replace(msg, text=self.text)

    def offer(self, commands: Mapping[str, Command], mine: Sequence[Alert] = ()) -> str:
        """The reply, or what a text that is no command gets (`talk.suggestion`) of the
        English request; deleting, the user's alerts `mine`, each with its /delete (never an
        alert they do not have)."""
        if self.deleting:
            return which_deleted(mine)
        return self.reply or suggestion(self.text, commands)


_NAME = r"(?P<name>[^?,;]{1,60}?)"
_IDS = r"#?(?P<ids>\d{1,4}(?:(?:\s*(?:,|e|&|\+)\s*|\s+)#?\d{1,4}){0,9})"
_ALERT = r"(?:(?:o|os|a|meu|meus)\s+)?(?:alertas?|número|nº)"
_DELETE = r"(?:apag|exclu|delet|remov|cancel)\w{0,4}"
_TIME = r"(?:por|até|durante|pelas?\s+próxim[ao]s?)\s+[^?]{1,40}"
_JOBS = r"(?:vagas|mensagens|notificações|alertas|nada)"
_SEND = r"(?:me\s+)?(?:mande|manda|envie|envia|mandem)"


def _pause(found: re.Match[str]) -> str:
    """ "pausar alerta 2 por 3 dias": "pause alert 2 for 3 days"."""
    what = (found["what"] or "").lower()
    ids = joined_ids(what)
    which = f"alert {ids}" if ids else "all" if "tud" in what or "todos" in what else ""
    return " ".join(f"pause {which} {in_english(found['time'] or '')}".split())


def _stop(found: re.Match[str]) -> str:
    """ "pare de mandar vagas por 2 semanas": a pause; without a time, stopping."""
    return f"pause {in_english(found['time'])}" if found["time"] else "stop sending me jobs"


_WANT = pt(r"^(?:eu\s+)?(?:quero|queria|gostaria\s+de)\s+(?:ver\s+|receber\s+)?")


def _also(what: str, alert: str | None) -> str | None:
    """ "adiciona kotlin também": "also search for kotlin" (to alert 2: "add kotlin to alert
    2"); None when what is added is talk ("adiciona isso")."""
    what = english_terms(_WANT.sub("", what))  # ("quero vagas remotas também")
    if junk(what) or len(what.split()) > 4:
        return None
    return f"add {what} to alert {alert}" if alert else f"also search for {what}"


def _removed(what: str) -> str | None:
    """ "tira o elixir": "remove elixir from my alert"; None when what is removed is talk."""
    what = english_terms(what)
    return None if junk(what) or len(what.split()) > 4 else f"remove {what} from my alert"


def _why(found: re.Match[str]) -> str:
    """ "por que não recebi a vaga de Golang da Nubank": "why didn't I get the Golang job at
    Nubank?"."""
    return f"why didn't I get the {found['what']} job at {found['at']}?"


def _query(said: str) -> str:
    """A query said in Portuguese, as the sentence reader reads it ("vagas remotas de
    golang": "remote:yes golang")."""
    return meant(said) or said


_VERBS = (("apag", "delete"), ("exclu", "delete"), ("delet", "delete"), ("paus", "pause"),
          ("mud", "change"), ("alter", "change"), ("edit", "change"), ("cri", "add"),
          ("adicion", "add"))  # fmt: skip


def _how(rest: str) -> str | None:
    """ "como apago um alerta": "how do I delete an alert"; "como mudo o fuso": the time
    zone; None for another."""
    folded = rest.lower()
    if "fuso" in folded:
        return "how do I change my timezone"
    if "alerta" not in folded:
        return None
    verb = next((english for stem, english in _VERBS if stem in folded), None)
    return None if verb is None else f"how do I {verb} an alert"


SAID: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], Read | str | None]], ...] = (
    # back, a holiday, a pause, stopping
    (pt(r"(?:já\s+)?voltei(?:\s+d[ae]s?\s+férias)?|(?:eu\s+)?(?:estou|tô|to)\s+de\s+volta"),
     lambda m: "I'm back"),
    (
        pt(r"(?:eu\s+)?(?:estou|tô|to|estarei|vou\s+(?:estar|ficar|sair|tirar)|vou|saio)\s+"
           r"(?:de\s+|em\s+)?férias\b(?P<rest>[^?]{0,80})|férias\b(?P<tail>[^?]{0,80})"),
        lambda m: away(m["rest"] or m["tail"] or ""),
    ),
    (
        pt(rf"paus(?:ar|a|e|em)\s*(?P<what>(?:(?:o|os|todos\s+os|meus)\s+)?alertas?(?:\s*#?\d"
           rf"{{1,4}}(?:(?:\s*,\s*|\s+e\s+)\d{{1,4}}){{0,5}})?|tudo|todos|as\s+{_JOBS})?\s*"
           rf"(?P<time>{_TIME})?"),
        _pause,
    ),
    (
        pt(rf"(?:pare|para|parar)\s+de\s+(?:me\s+)?(?:mandar|enviar)(?:\s+{_JOBS})?"
           rf"(?:\s+(?P<time>{_TIME}))?|não\s+{_SEND}\s+mais\s+{_JOBS}(?:\s+(?P<t2>{_TIME}))?"
           rf"|(?:eu\s+)?não\s+quero\s+(?:mais\s+receber|receber\s+mais|mais)\s+{_JOBS}"),
        lambda m: _stop(m) if not m["t2"] else f"pause {in_english(m['t2'])}",
    ),
    # deleting, unsubscribing, changing
    (
        pt(rf"{_DELETE}\s+(?:(?:os\s+)?meus\s+dados|(?:a\s+)?minha\s+conta|todos\s+os\s+"
           r"(?:meus\s+)?dados)"),
        lambda m: "delete my data",
    ),
    (
        pt(rf"{_DELETE}\s+(?:tudo|todos(?:\s+os)?(?:\s+meus)?\s+alertas|(?:os\s+)?meus\s+"
           r"alertas|todos)"),
        lambda m: "delete all my alerts",
    ),
    (pt(rf"{_DELETE}\s+(?:(?:o|um|uma|meu)\s+)?(?:alerta|um)"), lambda m: Read("", deleting=True)),
    (pt(rf"{_DELETE}\s+(?:{_ALERT}\s+)?{_IDS}"), lambda m: f"delete alert {joined_ids(m['ids'])}"),
    (pt(rf"{_ALERT}\s+{_IDS}\s+{_DELETE}"), lambda m: f"delete alert {joined_ids(m['ids'])}"),
    (
        pt(r"(?:cancel\w{1,3})\s+(?:a\s+|minha\s+)?(?:inscrição|assinatura)|(?:me\s+)?descadastr"
           r"\w{0,4}(?:\s+me)?|sair\s+do\s+bot"),
        lambda m: "unsubscribe",
    ),
    (
        pt(rf"(?:mud|alter|edit|troc)\w{{0,4}}\s+(?:{_ALERT}\s+)?(?P<id>\d{{1,4}})\s+(?:para|pra"
           r"|por)\s+(?P<query>[^?]{1,200})"),
        lambda m: f"change alert {m['id']} to {_query(m['query'])}",
    ),
    (
        pt(r"(?:(?:você\s+)?(?:pode|poderia|consegue)\s+)?(?:adicion|acrescent|inclu|coloc|bot)"
           r"\w{0,3}\s+(?:também\s+|tb\s+|tbm\s+)?(?P<what>[^?]{1,60}?)(?:\s+(?:também|tb|tbm))?"
           r"(?:\s+(?:n[oa]|ao|à)\s+alerta\s+(?P<id>\d{1,4}))?"),
        lambda m: _also(m["what"], m["id"]),
    ),
    (
        pt(r"(?P<what>[^?]{1,40}?)\s+(?:também|tb|tbm)|(?:também|tb|tbm)\s+(?P<w2>[^?]{1,40})"),
        lambda m: _also(m["what"] or m["w2"], None),
    ),
    (
        pt(r"(?:tir|remov)\w{0,3}\s+(?:o\s+|a\s+)?(?P<what>[^?]{1,40}?)\s+d[oa]\s+alerta\s+"
           r"(?P<id>\d{1,4})"),
        lambda m: f"remove {english_terms(m['what'])} from alert {m['id']}",
    ),
    (
        pt(r"(?:tir|remov)\w{0,3}\s+(?:o\s+|a\s+|os\s+|as\s+)?(?P<what>[^?]{1,40}?)(?:\s+d[oa]s?\s+"
           r"(?:meus?\s+)?alertas?)?"),
        lambda m: _removed(m["what"]),
    ),
    (
        pt(r"(?:eu\s+)?(?:aceito|topo|posso\s+(?:trabalhar\s+)?(?:como|via))\s+(?:contrato\s+)?pj"
           r"(?:\s+(?:via|pela|pelo|com)\s+\w{2,20})?(?:\s+também)?|pj\s+(?:tudo\s+bem|serve|ok"
           r"|pode\s+ser|também)|pode\s+ser\s+pj"),
        lambda m: "contractor is fine",
    ),
    # help, how it works, Portuguese
    (pt(r"ajuda|me\s+ajuda|(?:eu\s+)?preciso\s+de\s+ajuda|socorro|(?:quais\s+são\s+os\s+)?"
        r"comandos"), lambda m: "help"),
    (
        pt(r"como\s+(?:funciona|usa|uso)(?:\s+(?:isso|isto|o\s+bot|esse\s+bot|você|aqui))?"
           r"|o\s+que\s+(?:você|vc)\s+(?:faz|pode\s+fazer|sabe\s+fazer)|quem\s+é\s+você"
           r"|o\s+que\s+é\s+(?:isso|esse\s+bot)"),
        lambda m: "how does this work",
    ),
    (
        pt(r"(?:(?:você|vc)\s+)?(?:fala|entende|sabe|lê)\s+(?:em\s+)?português|(?:em\s+)?"
           r"português|(?:hablas|entiendes)\s+(?:en\s+)?español|español"),
        lambda m: Read("", SPEAK_PORTUGUESE),
    ),
    (pt(r"como\s+(?:é\s+que\s+)?(?:eu\s+)?(?:faço\s+(?:para|pra)\s+|posso\s+|consigo\s+)?"
        r"(?P<rest>[^?]{3,60})"), lambda m: _how(m["rest"])),
    # fewer, none at night, once a day
    (
        pt(r"(?:(?:está|estão|tá|são|é|recebo|chegam?)\s+)?(?:muitas|muita|demais)\s+(?:vagas"
           r"|mensagens|notificações)|(?:vagas|mensagens|notificações)\s+demais|muita\s+coisa"),
        lambda m: "too many messages",
    ),
    (
        pt(rf"(?:não\s+{_SEND}\s+(?:nada|vagas|mensagens)|(?:eu\s+)?não\s+quero\s+(?:receber\s+)?"
           rf"{_JOBS}|nada|sem\s+{_JOBS})\s+(?:à|de|durante\s+a)\s+(?:noite|madrugada)"),
        lambda m: "no messages at night",
    ),
    (
        pt(rf"(?:não\s+{_SEND}\s+(?:nada|vagas|mensagens)|nada|sem\s+{_JOBS})\s+depois\s+"
           r"d[ae]s?\s+(?P<h>\d{1,2})(?:\s*h|:00)?"),
        lambda m: f"no messages after {m['h']}:00",
    ),
    (pt(r"[^?]{3,120}"), lambda m: digest(m[0])),
    # what it is doing, new jobs, the lists
    (
        pt(r"(?:por\s*que|porque|pq)\s+(?:eu\s+)?não\s+(?:recebi|ganhei|veio|chegou|apareceu"
           r"|me\s+mandou|me\s+mandaram)\s+(?:a\s+|essa\s+|esta\s+|aquela\s+)?vaga\s+(?:de\s+)?"
           r"(?P<what>[^?]{1,40}?)\s+(?:da|do|na|no|em|de)\s+(?P<at>[^?]{1,40})"),
        _why,
    ),
    (
        pt(r"(?:(?:por\s*que|porque|pq)\s+)?(?:eu\s+)?não\s+(?:estou\s+|tô\s+)?(?:recebo|recebendo"
           r"|receb\w{1,3}|chega|chegam|chegou|vem|veio|aparece\w{0,2})(?:\s+(?:nenhuma|nada"
           r"|mais))?(?:\s+(?:vagas?|mensage\w{1,2}|nada))?(?:\s+novas?)?|(?:você|vc|o\s+bot)\s+"
           r"(?:está|tá)\s+funcionando|(?:está|tá)\s+funcionando"),
        lambda m: "why don't I get any jobs",
    ),
    (
        pt(r"(?:tem|têm|há|existe\w?|chegou|chegaram|saiu|saíram)\s+(?:alguma\s+|algumas\s+"
           r"|algo\s+)?(?:vagas?\s+)?(?:coisa\s+)?nov[ao]s?(?:\s+vagas?)?(?:\s+(?:pra|para)\s+mim)?"
           r"(?:\s+hoje)?|(?:alguma|algumas)\s+vagas?\s+nov[ao]s?|vagas\s+novas|(?:alguma\s+)?"
           r"novidades?"),
        lambda m: "any new jobs?",
    ),
    (pt(r"quant[ao]s\s+vagas\s+(?:eu\s+)?(?:recebi|chegaram|vieram)[^?]{0,30}"),
     lambda m: "how many jobs did I get this week?"),
    (
        pt(r"(?:quais|que)\s+(?:são\s+)?(?:os\s+)?(?:meus\s+)?alertas(?:\s+(?:eu\s+)?tenho)?"
           r"|(?:mostr|list|ver|vej)\w{0,3}\s+(?:os\s+)?(?:meus\s+)?alertas|(?:os\s+)?meus\s+"
           r"alertas"),
        lambda m: "what alerts do I have?",
    ),
    (
        pt(r"(?:quais|que)\s+empresas\s+(?:eu\s+)?(?:sigo|estou\s+seguindo|acompanho)|(?:mostr"
           r"|list|ver)\w{0,3}\s+(?:as\s+)?empresas\s+que\s+(?:eu\s+)?sigo|(?:as\s+)?empresas\s+"
           r"que\s+(?:eu\s+)?sigo"),
        lambda m: "what companies do I follow?",
    ),
    # companies, where one lives, the time zone
    (
        pt(rf"(?:(?:eu\s+)?(?:quero|queria|gostaria\s+de)\s+)?(?:seguir|segue|siga|acompanhar"
           rf"|acompanhe)\s+(?:a\s+|o\s+)?(?:empresa\s+)?{_NAME}"),
        lambda m: follow(m["name"]),
    ),
    (pt(rf"(?:bloque|silenc|ignor)\w{{0,4}}\s+(?:a\s+|o\s+)?(?:empresa\s+)?{_NAME}"),
     lambda m: f"no more jobs from {m['name']}"),
    (
        pt(rf"(?:(?:eu\s+)?não\s+quero\s+(?:mais\s+)?(?:vagas|nada)|chega\s+de\s+vagas|nenhuma"
           rf"\s+vaga|nada)\s+(?:mais\s+)?(?:da|do)\s+{_NAME}"),
        lambda m: f"no more jobs from {m['name']}",
    ),
    (
        pt(r"(?:eu\s+)?(?:moro|vivo|estou\s+morando|resido)\s+(?:em|no|na|de|do|da)\s+"
           r"(?P<place>[^?,;]{2,40})"),
        lambda m: f"I live in {m['place']}",
    ),
    (pt(r"(?:mud|troc|alter)\w{1,3}\s+(?:o\s+|meu\s+)?fuso(?:\s+horário)?"),
     lambda m: "how do I change my timezone"),
    (pt(r"(?:meu\s+)?fuso(?:\s+horário)?(?:\s+(?:é|de|para|pra|:))?\s+(?P<zone>[^?]{2,40})"),
     lambda m: f"set my timezone to {m['zone']}"),
    # settings, news, small talk
    (pt(r"(?:minhas\s+)?(?:configurações|preferências)|ajustes"), lambda m: "settings"),
    (
        pt(r"(?:eu\s+)?(?:consegui|arrumei|achei|ganhei)\s+(?:um\s+|o\s+)?(?:emprego|trampo"
           r"|trabalho|vaga)(?:\s+novo)?|fui\s+(?:contratad[oa]|aprovad[oa])"),
        lambda m: "I got a job!",
    ),
    (pt(r"desfaz(?:er)?|desfaça"), lambda m: "undo"),
    (pt(r"tudo\s+(?:bem|bom|certo|joia)|beleza|blz|como\s+vai(?:\s+você)?"), lambda m: "hi"),
    (pt(r"ok|tá|certo|entendi|show|legal|perfeito|sim"), lambda m: "ok"),
)  # fmt: skip

# "você pode me mandar …", "me manda …", "quero receber …": asking, before the search.
_ASKING = pt(
    r"^(?:(?:você|vc)\s+)?(?:(?:pode|poderia|podia|consegue)\s+)?(?:me\s+)?(?:mand|envi|mostr"
    r"|ach|encontr|busc|procur)(?:a|e|ar)\s+(?=\S)|^(?:eu\s+)?(?:quero|queria|gostaria\s+de)"
    r"\s+(?:receber|ver)\s+"
)


def asking_dropped(said: str) -> str:
    """ "me manda vagas de golang": "vagas de golang"."""
    return _ASKING.sub("", said, count=1)
