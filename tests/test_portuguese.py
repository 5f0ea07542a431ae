"""Portuguese as Lucas writes it (a backend engineer in São Paulo, on a phone, accents or not):
a request about the bot gets what the same request in English gets, through the same handlers;
what a text leaves out is never read as wanted (Spanish too); talk the bot cannot read gets "I
didn't understand that" and the commands that would do it, not an alert of its words. /pause
and /digest take Portuguese and Spanish times, and `latam` and `brazil` find the ways postings
write them. Each row names the wrong reply it used to get."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot import match
from bot.models import Posting
from bot.pausetime import parse_pause
from bot.policy import parse_digest
from bot.store import Stores
from bot.telegram.chat import NOT_A_COMMAND
from bot.telegram.handlers import Handlers
from bot.telegram.portugues import read
from tests import cputime
from tests.alerting import USER, say, world_handlers

WORDS_OFFERED = "To get a message for each new job"  # an alert of the text's words
DIDNT = "Sorry, I didn't understand that"


@pytest.fixture
async def handlers(store: Stores, now: datetime) -> Handlers:
    """The world's handlers, with Lucas subscribed and his alert #1 "rust OR go"."""
    h = world_handlers(store, now)
    await say(h, "/start")
    await say(h, "/alert rust OR go")
    return h


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        # was /alert quero um resumo diário às 19h
        ("quero um resumo diário às 19h", "<code>/digest daily 19:00</code>"),
        ("quero um resumo diario as 19h", "<code>/digest daily 19:00</code>"),  # no accents
        # was /alert manda vez day noite
        ("me manda as vagas uma vez por dia à noite", "<code>/digest daily 18:00</code>"),
        ("resumo semanal na sexta às 18h", "<code>/digest weekly fri 18:00</code>"),
        # was an alert of its words
        ("pausar por 2 semanas", "Commands start with a slash: <code>/pause for 2 weeks</code>."),
        ("estou de férias até dia 4", "<code>/pause until the 4th</code> stops the messages"),
        ("apagar alerta 2", "Commands start with a slash: <code>/delete 2</code>."),
        ("apaga os alertas 2 e 3", "Commands start with a slash: <code>/delete 2 3</code>."),
        ("tem vagas novas?", "The latest each alert matches"),  # was /alert tem novas
        ("quais são meus alertas?", "#1 <b>rust OR go</b>"),  # was the generic help
        ("quais empresas eu sigo?", "You follow no company yet."),  # was the generic help
        ("adiciona kotlin também", "<code>/edit 1 rust OR go OR kotlin</code> — jobs with either"),
        ("tira go do alerta 1", "<code>/edit 1 rust</code> — no longer asks for go"),
        (
            "mudar alerta 1 para vagas de kotlin remotas",
            "Commands start with a slash: <code>/edit 1 kotlin remote:yes</code>.",
        ),
        # was /alert nao recebi golang nubank: now /why by its words
        ("por que não recebi a vaga de Golang da Nubank?", "Go Engineer — Acme Pay"),
        ("só vagas remotas", "<code>/edit 1 (rust OR go) remote:yes</code>"),  # was so remote:yes
        # was /alert moro location:"sao paulo"; now what "I live in São Paulo" gets
        ("moro em São Paulo", "<code>/timezone São Paulo</code>"),
        ("valeu", "You're welcome!"),  # was /alert valeu
        ("obrigado!", "You're welcome!"),
        ("bom dia", "Hi!"),
        ("seguir Nubank", "Commands start with a slash: <code>/follow Nubank</code>."),
        ("não quero mais vagas da Nubank", "<code>/mute Nubank</code> stops that company's jobs"),
        ("fuso horário São Paulo", "<code>/timezone São Paulo</code>"),
        ("não me mande nada à noite", "<code>/quiet 22:00-07:00</code>"),
        ("pare de mandar vagas", "To stop the messages and keep your alerts"),
        ("muitas vagas", "Fewer messages: <code>/digest daily</code>"),
        ("consegui um emprego!", "Congratulations! 🎉"),
        ("como apago um alerta?", "<code>/delete &lt;id&gt;</code> — Delete an alert."),
        ("você fala português?", "I reply in English, but I read Portuguese too"),
        ("bloquear Nubank", "<code>/mute Nubank</code> stops that company's jobs"),
        ("pausar alerta 2 por 3 dias", "Commands start with a slash: <code>/pause 2 for 3 days"),
        ("apagar meus dados", "<code>/stop</code> deletes all the bot keeps of you"),
        ("quero vagas remotas também", "<code>/edit 1 (rust OR go) remote:yes</code>"),
        ("desfazer", "There's no undo command."),
    ],
)
async def test_a_request_said_in_portuguese_gets_what_the_english_one_gets(
    handlers, text: str, reply: str
) -> None:
    said = await say(handlers, text)
    assert reply in said, said
    assert WORDS_OFFERED not in said and said != NOT_A_COMMAND, said  # the old replies


@pytest.mark.parametrize(
    ("text", "left_out"),
    [
        ("não quero vagas de cripto", "-(cripto OR crypto)"),  # was /alert nao cripto
        ("nao quero vagas de cripto", "-(cripto OR crypto)"),
        ("sem web3 por favor", "-web3"),  # was /alert sem web3 por favor
        ("nada de web3", "-web3"),
        ("sem cripto e sem web3", "-(cripto OR crypto OR web3)"),
        ("sem vagas presenciais", "-remote:no"),  # was -vagas remote:no: on-site jobs only
        # was nao exigem autorizacao location:usa: US jobs
        ("não quero vagas que exigem autorização de trabalho nos EUA", "-visa:no"),
        ("no quiero trabajos de cripto", "-(cripto OR crypto)"),  # Spanish
        ("sin web3 por favor", "-web3"),
    ],
)
async def test_what_portuguese_leaves_out_is_left_out_never_asked_for(
    handlers, text: str, left_out: str
) -> None:
    said = await say(handlers, text)
    assert f"<code>/edit 1 (rust OR go) {left_out}</code>" in said, said
    assert "/alert" not in said, said


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("vagas de golang remotas, não quero cripto", "golang remote:yes -(cripto OR crypto)"),
        ("golang remoto, sem vagas presenciais", "golang remote:yes -remote:no"),
        (
            "golang remoto, sem vagas que exigem autorização de trabalho nos EUA",
            "golang remote:yes -&quot;us work authorization&quot;",
        ),
        ("golang, só remoto", "golang remote:yes"),
        ("me manda vagas de golang remotas", "golang remote:yes"),  # was manda golang …
        # Spanish "o" is "or" still
        (
            "busco trabajo de rust o go en Madrid, sin crypto",
            "(rust OR go) location:madrid -crypto",
        ),
    ],
)
async def test_what_a_portuguese_search_leaves_out_is_left_out_of_it(
    handlers, text: str, query: str
) -> None:
    said = await say(handlers, text)
    assert f"send <code>/alert {query}</code>" in said, said


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("quero seguir empresas", "/following"),
        ("o bot manda vagas de madrugada pra mim", "/quiet 22:00-07:00"),
        ("isso é uma coisa que eu não sei", "/alerts"),
    ],
)
async def test_portuguese_talk_not_read_gets_the_commands_not_an_alert(
    handlers, text: str, hint: str
) -> None:
    said = await say(handlers, text)
    assert said.startswith(DIDNT) and hint in said, said
    assert WORDS_OFFERED not in said, said


async def test_a_portuguese_search_with_words_of_talk_says_which(handlers) -> None:
    """A search that would keep words no job has names them, not an alert that finds none."""
    said = await say(handlers, "quero vagas de golang em startups da Europa que contratem")
    assert "I didn't read all of that as a job search" in said and "“contratem”" in said, said


@pytest.mark.parametrize(
    "text",
    ["SEM manager jobs in Berlin", "solo founder rust jobs", "so remote rust jobs", "nada"],
)
def test_english_is_no_portuguese(text: str) -> None:
    """ "SEM" (search engine marketing), "solo", "so" are English words: read as English."""
    assert text == "nada" or read(text) is None


async def test_pause_and_digest_take_portuguese_and_spanish(handlers, store: Stores) -> None:
    """ "/pause 2 semanas" said "You have no alert #2"; "/digest diário 19h" was refused."""
    await say(handlers, "/alert kotlin")  # alert #2 exists: still two weeks
    said = await say(handlers, "/pause 2 semanas")
    assert "Paused until Sat 5 Dec" in said, said
    said = await say(handlers, "/digest diário 19h")
    assert "daily digest at 19:00" in said, said
    assert store.users.settings(USER).spec() == "daily 19:00"


@pytest.mark.parametrize(
    ("said", "until"),
    [
        ("2 semanas", datetime(2026, 12, 5, 9, tzinfo=UTC)),
        ("por 3 dias", datetime(2026, 11, 24, 9, tzinfo=UTC)),
        ("1 mês", datetime(2026, 12, 21, 9, tzinfo=UTC)),
        ("duas semanas", datetime(2026, 12, 5, 9, tzinfo=UTC)),
        ("até dia 4", datetime(2026, 12, 4, 8, tzinfo=UTC)),
        ("até o dia 4 de janeiro", datetime(2027, 1, 4, 8, tzinfo=UTC)),
        ("até segunda-feira", datetime(2026, 11, 23, 8, tzinfo=UTC)),
        ("hasta el lunes", datetime(2026, 11, 23, 8, tzinfo=UTC)),
        ("até o fim de semana", datetime(2026, 11, 28, 8, tzinfo=UTC)),
    ],
)
def test_a_pause_said_in_portuguese_or_spanish(now: datetime, said: str, until: datetime) -> None:
    assert parse_pause(said, now, "UTC") == until


@pytest.mark.parametrize(
    ("said", "digest"),
    [
        ("diário 19h", ("daily", 19 * 60, 0)),
        ("diario às 19:30", ("daily", 19 * 60 + 30, 0)),
        ("todo dia 8h", ("daily", 8 * 60, 0)),
        ("semanal sexta 18h", ("weekly", 18 * 60, 4)),
        ("desligado", ("instant", 8 * 60, 0)),
    ],
)
def test_a_digest_said_in_portuguese(said: str, digest: tuple[str, int, int]) -> None:
    assert parse_digest(said) == digest


def _job(description: str, location: str = "Remote") -> Posting:
    return Posting("b:1", "b", "1", "Go Engineer", "Acme", location, "https://e.com/1", description)


@pytest.mark.parametrize(
    ("query", "description"),
    [
        ("latam", "We hire anywhere in Latin America."),
        ("latam", "Contratamos em toda a América Latina."),
        ("latam", "Buscamos talento en Latinoamérica."),
        ('"latin america"', "Remote within LATAM."),
        ("brazil", "Vaga 100% remota para todo o Brasil."),
        ("brasil", "We hire in Brazil as contractors."),
        ("mexico", "Trabajo remoto desde México."),
    ],
)
def test_a_region_and_a_country_find_the_ways_postings_write_them(
    query: str, description: str
) -> None:
    """The plain word `latam` did not find "Latin America", nor `brazil` "Brasil"."""
    assert match.matches(query, _job(description))


ORDINARY = "quero vagas remotas de golang em São Paulo, sem cripto e sem web3 por favor " * 3
HOSTILE = [
    ("não quero " * 30)[:300],
    ("sem vagas " * 30)[:300],
    ("só " + "a " * 150)[:300],
    ("quero um resumo " + "às 1" * 70)[:300],
    ("apagar alerta " + "2 e " * 80)[:300],
    ("não quero " + "x" * 1990)[:2000],
]


@pytest.mark.parametrize("hostile", HOSTILE, ids=range(len(HOSTILE)))
def test_reading_portuguese_costs_what_an_ordinary_text_does(hostile: str) -> None:
    assert cputime.ratio(lambda: read(hostile), lambda: read(ORDINARY[:300])) < 10
