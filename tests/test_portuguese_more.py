"""Portuguese from Lucas's fifth walk (São Paulo, alert #1 only): "apagar alerta" and a
complaint that says "excluem"/"excluding" never offer the /delete of an alert he does not have;
what the English equivalent is answered ("no jobs in Spanish", "open to LATAM", "contractor is
fine", "remove elixir from my alert", "no US-only jobs", "paid in USD", his introduction) is
what the Portuguese gets. Each row names the wrong reply it used to get."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.store import Stores
from bot.telegram.handlers import Handlers
from bot.telegram.portugues_parts import english_phrases
from tests.alerting import say, world_handlers

ALERT = "remote:yes (go OR elixir) from:brazil -crypto"


@pytest.fixture
async def handlers(store: Stores, now: datetime) -> Handlers:
    """The world's handlers, with Lucas subscribed and his one alert, #1."""
    h = world_handlers(store, now)
    await say(h, "/start")
    await say(h, f"/alert {ALERT}")
    return h


@pytest.mark.parametrize(
    "text",
    [
        "apagar alerta",
        "não quero vagas que excluem o Brasil",
        "o alerta me mandou uma vaga LATAM (excluding Brazil), não posso aplicar",
        "excluir as vagas do méxico",
    ],
)
async def test_no_delete_is_offered_of_an_alert_he_does_not_have(handlers, text: str) -> None:
    """Was "• /delete 2: deletes alert #2" (an example's number; "excluem" read as delete)."""
    said = await say(handlers, text)
    assert "/delete 2" not in said and "#2" not in said and "/edit 2" not in said, said


async def test_deleting_an_alert_without_its_number_lists_his_with_their_delete(
    handlers,
) -> None:
    said = await say(handlers, "apagar alerta")
    assert "<code>/delete 1</code>" in said and "from:brazil" in said, said
    await say(handlers, "/alert kotlin")
    said = await say(handlers, "remover um alerta")
    assert "<code>/delete 1</code>" in said and "<code>/delete 2</code>" in said, said


async def test_deleting_with_no_alert_says_there_is_none(store: Stores, now: datetime) -> None:
    h = world_handlers(store, now)
    await say(h, "/start")
    said = await say(h, "apagar alerta")
    assert "You have no alerts" in said and "/delete" not in said, said


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("sem vagas em espanhol", "-lang:es"),  # was /alert -jobs espanhol
        ("quero vagas em inglês ou português", "lang:en OR lang:pt"),  # was not understood
        ("quero vagas de Go abertas para América Latina", "/alert go from:latam"),
        ("vagas remotas de golang que contratam no Brasil", "remote:yes golang from:brazil"),
        ("aceito PJ", "Contract work is welcome"),  # was /alert aceito PJ
        ("Aceito PJ via Deel", "Contract work is welcome"),
        ("tira o elixir", f"<code>/edit 1 {ALERT.replace('(go OR elixir)', 'go')}</code>"),
        ("remove o elixir", "— no longer asks for elixir"),  # was /alert remove o elixir
        ("não quero vagas só para os EUA", "from:&lt;your country&gt;"),  # was not understood
        ("vagas remotas de go pagando em dolar", "I left out “paid in USD”"),  # was pagando
    ],
)
async def test_portuguese_gets_what_its_english_gets(handlers, text: str, reply: str) -> None:
    said = await say(handlers, text)
    assert reply in said, said


async def test_his_introduction_in_portuguese_is_read_as_the_english_one(handlers) -> None:
    """Was "Sorry, I didn't read all of that … “contratam”, “da”"."""
    said = await say(
        handlers,
        "Oi! Sou o Lucas, engenheiro backend sênior do Brasil. Procuro vagas remotas de Go ou "
        "Elixir em startups dos EUA ou da Europa que contratam no Brasil. Posso trabalhar como "
        "PJ. Sem cripto nem web3, e nada só para os EUA. Valeu!",
    )
    assert "/alert senior backend engineer from:brazil remote:yes (go OR elixir)" in said, said
    assert "web3" in said and "“I can work as a contractor”" in said, said
    assert "“at US or European startups”" in said, said


@pytest.mark.parametrize(
    ("said", "english"),
    [
        ("que contratam no Brasil", "from:brazil"),
        ("pra quem mora no brasil", "from:brazil"),
        ("engenheiro backend sênior do Brasil", "a senior backend engineer from Brazil"),
        ("pagamento em dólar", "paid in USD"),
        ("nada só para os EUA", "nothing US-only"),
        ("vagas em espanhol", "vagas em Spanish"),
    ],
)
def test_portuguese_phrases_in_english(said: str, english: str) -> None:
    assert english_phrases(said) == english
