"""A word of everyday language that a small store's jobs do not hold yet ("hire", "vagas") is
no typo and no company's name: "/alert go remote:yes hire" said "did you mean eire?" and "If
Hire is a company, /follow Hire". Misspellings are still read as the words they miss; a rarer
English word one letter from a word of jobs ("manger") still is that word's typo. The word
lists are pyspellchecker's, read for real (`bot.ordinary`)."""

from __future__ import annotations

import pytest

from bot import ordinary
from bot.query import parse
from bot.telegram.tips.spelling import meant, spelling_tip
from tests.alerting import say, world_handlers

# Everyday words of the lists a fresh store holds none of: English, then Portuguese and Spanish
# (folded as a query's: "salário" is "salario"), then German.
EVERYDAY = (
    *("hire", "hiring", "grad", "coop", "visa", "equity", "bonus", "relocation"),
    *("vagas", "vaga", "emprego", "salario", "remoto", "trabajo", "empleo"),
    *("stelle", "stellen", "gesucht", "unternehmen"),
)
# The typos the spelling tip exists for: no list holds them (the lists' floor, where
# misspellings such as "programer" sit, is left out, and "eire" and "graz" with it).
TYPOS = {
    "senoir": "senior",
    "remtoe": "remote",
    "rsut": "rust",
    "berlni": "berlin",
    "pyhton": "python",
    "enginer": "engineer",
    "developr": "developer",
}


@pytest.mark.parametrize("word", EVERYDAY)
def test_an_everyday_word_is_no_typo(word: str) -> None:
    assert ordinary.is_everyday(word)
    assert meant(word) is None


@pytest.mark.parametrize(("typed", "known"), TYPOS.items())
def test_a_typo_is_in_no_list_and_is_still_read_as_the_word_it_misses(typed, known) -> None:
    assert not ordinary.is_word(typed)
    assert meant(typed) == known


def test_the_lists_floor_is_left_out() -> None:
    """ "eire" and "graz" (50 each, the floor): the places "hire" and "grad" were taken for;
    "programer" (50): a misspelling."""
    for word in ("eire", "graz", "programer", "monzo", "kotlin", "golang"):
        assert not ordinary.is_word(word), word


def test_a_rarer_english_word_is_a_typo_of_a_word_of_jobs_never_of_a_place() -> None:
    """ "manger" (585 in the English list, against manager's 36,577) is a slip on "manager";
    but a word of the lists is no place's typo, as "hire" was Eire's."""
    assert ordinary.is_word("manger") and not ordinary.is_everyday("manger")
    assert meant("manger") == "manager"
    assert meant("deign") == "design"
    assert meant("hire") is None and meant("grad") is None
    assert meant("adyen") == "aden", "in no list: still a place's typo (or a company)"


def test_a_word_of_the_lists_is_no_company_unless_the_query_has_no_other() -> None:
    """ "rust notion": notion is a word; "/alert notion" alone most likely wants Notion's jobs.
    A name in no list ("monzo") is offered beside other words as before."""
    for query in ("go remote:yes hire", "rust notion", "backend vagas", "rust salário"):
        assert spelling_tip(parse(query).root, lambda w: True, "/edit 1") == "", query
    for query in ("notion", "stripe remote:yes", "rust monzo"):
        name = parse(query).root
        assert "is a company, <code>/follow" in spelling_tip(name, lambda w: True, "/x"), query


async def test_an_alert_of_an_everyday_word_no_job_has_gets_no_spelling_tip(store, now) -> None:
    handlers = world_handlers(store, now)
    reply = await say(handlers, "/alert go remote:yes hire")
    assert reply.startswith("✅ Alert #1 saved"), reply
    assert "eire" not in reply and "/follow" not in reply, reply
    typo = await say(handlers, "/alert rust product manger")
    assert "did you mean <b>manager</b>? <code>/edit 2 rust product manager</code>" in typo
