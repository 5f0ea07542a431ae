"""/edit (and the text sent after ✏️ Edit) that asks to take a word out ("remove fintech",
"without fintech", "drop go", "no crypto") or to add a filter its field has already
("salary:none" beside salary:>=80k): nothing changes, and each /edit offered parses and means
what its line says. On a real store, through the real handlers."""

from __future__ import annotations

import html
import re
from datetime import datetime

import pytest

from bot import normalize
from bot.config import AlertsConfig
from bot.match import matches
from bot.models import RawPosting
from bot.query import Query, parse
from bot.store import Stores
from bot.syntax import And, Attr, Field, Node, Not, Or, Salary, Word
from bot.telegram.alert_list import EDIT, menu_data
from bot.telegram.handlers import Handlers
from bot.transport import Press
from tests.alerting import INFO, USER, say, world_handlers

PRIYA = (
    "(rust OR go OR scala) fintech ((remote:yes from:europe) OR (remote:hybrid "
    "location:lisbon)) salary:>=80k -crypto"
)
SHOWN = f"Alert #1 is unchanged: <b>{html.escape(PRIYA)}</b>."
_OFFER = re.compile(r"<code>/edit (?P<id>\d+) (?P<query>[^<]+)</code> — (?P<what>[^\n]+)")


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    world_handlers(store, now)  # its board and jobs; these handlers have room for a long alert
    return Handlers(store.db, AlertsConfig(max_per_user=5), clock=lambda: now)


def offers(reply: str) -> dict[str, Query]:
    """Each /edit a reply offers, parsed as /edit parses it (within its 200 characters), by
    what its line says it does."""
    return {m["what"]: parse(html.unescape(m["query"])) for m in _OFFER.finditer(reply)}


def terms(query: Query) -> tuple[Node, ...]:
    return query.root.children if isinstance(query.root, And) else (query.root,)


async def two_alerts(handlers: Handlers, store: Stores) -> list[str]:
    """Priya's alert #1 and #2 `rust OR go`, as stored."""
    await say(handlers, f"/alert {PRIYA}")
    await say(handlers, "/alert rust OR go")
    return [a.query for a in store.alerts.alerts(USER)]


async def after_edit_button(handlers: Handlers, alert_id: int, text: str) -> str:
    """`text` sent after pressing alert `alert_id`'s ✏️ Edit button in /alerts."""
    asked = await handlers.presses(Press(USER, 1, menu_data(EDIT, alert_id, 0)))
    assert asked.edit is not None and f"/edit {alert_id} " in asked.edit.html
    return await say(handlers, text)


async def both_ways(handlers: Handlers, alert_id: int, text: str) -> str:
    """The reply to `/edit <id> <text>`, checked to be the one `text` gets after ✏️ Edit."""
    typed = await say(handlers, f"/edit {alert_id} {text}")
    assert await after_edit_button(handlers, alert_id, text) == typed
    return typed


WITHOUT_FINTECH = parse(PRIYA.replace(" fintech", "")).root
WITHOUT_GO = parse(PRIYA.replace(" OR go", "")).root


@pytest.mark.parametrize(
    "typed",
    [
        "remove fintech",
        "without fintech",
        "drop fintech",
        "delete fintech",
        "take out fintech",
        "take fintech out",
        "please remove the word fintech",
        "remove fintech from the alert",
        "get rid of fintech",
        "Remove Fintech!",
    ],
)
async def test_taking_out_a_word_it_asks_for_changes_nothing_and_offers_either_reading(
    handlers, store, typed: str
) -> None:
    """ "/edit 1 remove fintech" made the alert "remove fintech", its whole query lost, and
    its tips offered "remote fintech". The alert stays; the reply offers it without the word
    (jobs with it or not) and, said apart, leaving its jobs out."""
    before = await two_alerts(handlers, store)
    reply = await both_ways(handlers, 1, typed)
    lead = f"{SHOWN} To take fintech out (tap to copy, then send):\n"
    assert reply.lower().startswith(lead.lower()), reply  # ("Fintech" as typed)
    offered = offers(reply)
    assert list(offered) == ["no longer asks for fintech", "leaves out the jobs about fintech"]
    assert offered["no longer asks for fintech"].root == WITHOUT_FINTECH
    assert offered["leaves out the jobs about fintech"].root == And(
        (*WITHOUT_FINTECH.children, Not(Word("fintech")))  # type: ignore[union-attr]
    )
    assert "did you mean" not in reply and "backend" not in reply, "no made-up alert"
    assert [a.query for a in store.alerts.alerts(USER)] == before


@pytest.mark.parametrize("typed", ["drop go", "remove go", "minus go", "exclude go", "no go"])
async def test_a_word_of_an_or_group_goes_from_the_group(handlers, store, typed: str) -> None:
    """ "drop go" of "(rust OR go OR scala)": the group without it; or every job about go left
    out. A verb of leaving out ("exclude", "minus", "no") offers that first."""
    before = await two_alerts(handlers, store)
    offered = offers(await both_ways(handlers, 1, typed))
    leave = typed.split()[0] in ("minus", "exclude", "no")
    order = ["no longer asks for go", "leaves out the jobs about go"]
    assert list(offered) == (order[::-1] if leave else order)
    assert offered["no longer asks for go"].root == WITHOUT_GO
    assert offered["leaves out the jobs about go"].root == And(
        (*WITHOUT_GO.children, Not(Word("go")))  # type: ignore[union-attr]
    )
    small = offers(await both_ways(handlers, 2, typed))  # alert #2: rust OR go
    assert small["no longer asks for go"].normalized == "rust"
    assert small["leaves out the jobs about go"].normalized == "rust -go"
    assert [a.query for a in store.alerts.alerts(USER)] == before


@pytest.mark.parametrize(
    ("typed", "left_out", "said"),
    [
        ("no crypto", Not(Word("crypto")), "about crypto"),
        ("exclude crypto", Not(Word("crypto")), "about crypto"),
        ("without crypto", Not(Word("crypto")), "about crypto"),
        ("remove crypto", Not(Word("crypto")), "about crypto"),
        ("except crypto", Not(Word("crypto")), "about crypto"),
        ("excluding crypto jobs", Not(Word("crypto")), "about crypto"),
        ("no more crypto please", Not(Word("crypto")), "about crypto"),
        ("no crypto or web3", Not(Or((Word("crypto"), Word("web3")))), "about crypto or web3"),
        ("without crypto, web3", Not(Or((Word("crypto"), Word("web3")))), "about crypto or web3"),
        ("except berlin", Not(Field("location", Word("berlin"))), "in berlin"),
    ],
)
async def test_a_word_it_lacks_is_left_out(handlers, store, typed, left_out, said) -> None:
    """ "/edit 2 no crypto" made alert #2 "no crypto": the very jobs about crypto. Now the
    alert stays and the /edit that leaves them out is offered."""
    before = await two_alerts(handlers, store)
    reply = await both_ways(handlers, 2, typed)
    assert reply.startswith("Alert #2 is unchanged: <b>rust OR go</b>. To "), reply
    assert list(offers(reply)) == [f"leaves out the jobs {said}"]
    assert terms(offers(reply)[f"leaves out the jobs {said}"]) == (
        Or((Word("rust"), Word("go"))),
        left_out,
    )
    assert [a.query for a in store.alerts.alerts(USER)] == before


async def test_a_word_it_leaves_out_already(handlers, store) -> None:
    """Priya's alert has -crypto: "no crypto" says so; "remove crypto" offers letting those
    jobs in again, and says that is what it does."""
    before = await two_alerts(handlers, store)
    for typed in ("no crypto", "exclude crypto"):
        reply = await both_ways(handlers, 1, typed)
        assert reply == f"{SHOWN} Alert #1 leaves out the jobs about crypto already."
    offered = offers(await both_ways(handlers, 1, "remove crypto"))
    assert list(offered) == ["lets in the jobs about crypto again"]
    assert offered["lets in the jobs about crypto again"].normalized == PRIYA.removesuffix(
        " -crypto"
    )
    assert [a.query for a in store.alerts.alerts(USER)] == before


async def test_taking_out_all_of_it_or_the_alert_itself_offers_delete(handlers, store) -> None:
    before = await two_alerts(handlers, store)
    assert "Alert #2 is only that: <code>/delete 2</code>" in await both_ways(
        handlers, 2, "remove rust OR go"
    )
    for typed in ("delete it", "remove this alert", "delete the alert"):
        assert await both_ways(handlers, 2, typed) == (
            "Alert #2 is unchanged: <b>rust OR go</b>. To delete the alert: <code>/delete 2</code>."
        )
    assert [a.query for a in store.alerts.alerts(USER)] == before


async def test_a_filter_named_by_its_field_is_taken_out(handlers, store) -> None:
    """ "remove salary": the salary filter, not the word; no "leave out" of a filter."""
    await two_alerts(handlers, store)
    offered = offers(await both_ways(handlers, 1, "remove the salary filter"))
    assert list(offered) == ["no longer asks for salary"]
    assert not any(isinstance(t, Salary) for t in terms(offered["no longer asks for salary"]))


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("no code", "no code"),  # "no" and words people keep: a query of them
        ("no experience", "no experience"),
        ("no-code rust", '"no code" rust'),
        ("nodejs OR deno", "nodejs OR deno"),
        ("excel -crypto", "excel -crypto"),
        ('"drop shipping"', '"drop shipping"'),  # quoted: the words, whatever they are
        ('"no crypto"', '"no crypto"'),
        ("nothing", "nothing"),
        ("address", "address"),
    ],
)
async def test_a_query_that_starts_like_a_removal_is_still_a_query(
    handlers, store, typed: str, saved: str
) -> None:
    await say(handlers, "/alert rust OR go")
    reply = await say(handlers, f"/edit 1 {typed}")
    assert reply.startswith(f"✏️ Alert #1 now: <b>{html.escape(saved)}</b>"), reply
    assert [a.query for a in store.alerts.alerts(USER)] == [saved]


async def test_drop_and_a_word_it_lacks_says_how_to_look_for_the_words(handlers, store) -> None:
    """ "drop shipping" may be meant as words: the reply says how to have them."""
    await say(handlers, "/alert rust OR go")
    reply = await say(handlers, "/edit 1 drop shipping")
    assert "leaves out the jobs about shipping" in reply
    assert reply.endswith(
        "To look for these words instead: <code>/edit 1 &quot;drop shipping&quot;</code>"
    )
    assert "these words" not in await say(handlers, "/edit 1 drop go"), "go: a word it has"
    assert [a.query for a in store.alerts.alerts(USER)] == ["rust OR go"]


@pytest.mark.parametrize("typed", ["no", "No.", "no thanks", "no, keep it", "nope"])
async def test_no_alone_after_the_edit_button_is_cancel(handlers, store, typed: str) -> None:
    await say(handlers, "/alert rust OR go")
    reply = await after_edit_button(handlers, 1, typed)
    assert reply == "Alert #1 is unchanged: <b>rust OR go</b>."
    assert [a.query for a in store.alerts.alerts(USER)] == ["rust OR go"]


def _job(i: int, salary: float | None, workplace: str = "hybrid") -> RawPosting:
    return RawPosting(
        external_id=f"f{i}",
        title="Rust Engineer",
        url=f"/jobs/f{i}",
        location="Lisbon",
        description_html="<p>A fintech in Lisbon.</p>",
        workplace=workplace,
        salary_min=salary,
        salary_currency="EUR" if salary else None,
    )


async def test_salary_none_beside_a_salary_filter_is_either_in_its_place(handlers, store) -> None:
    """After ✏️ Edit, "add salary:none too" offered "… salary:>=80k -crypto salary:none — jobs
    with both": no job has a salary of 80k and none. Now the OR is offered in its place, and it
    matches both a job paying 90k and one that states no pay."""
    before = await two_alerts(handlers, store)
    reply = await after_edit_button(handlers, 1, "add salary:none too")
    assert "jobs with both" not in reply, reply
    [(what, query)] = offers(reply).items()
    assert what == "jobs with either"
    assert query.normalized == PRIYA.replace("salary:>=80k", "(salary:>=80k OR salary:none)"), (
        "in its place"
    )
    unstated, paid, low = (
        normalize.posting(_job(i, pay), INFO) for i, pay in ((1, None), (2, 90_000), (3, 50_000))
    )
    assert matches(query, unstated) and matches(query, paid) and not matches(query, low)
    assert not matches(f"{PRIYA} salary:none", unstated), "what was offered matched nothing"
    assert [a.query for a in store.alerts.alerts(USER)] == before


@pytest.mark.parametrize(
    ("alert", "added", "offered"),
    [
        ("rust salary:>=80k", "salary:none", "rust (salary:>=80k OR salary:none)"),
        ("rust salary:>=80k", "salary:stated", "rust (salary:>=80k OR salary:stated)"),
        ("rust years:<=5", "years:none", "rust (years:<=5 OR years:none)"),
        ("rust salary:none", "salary:>=80k", "rust (salary:none OR salary:>=80k)"),
        ("rust remote:hybrid", "remote:yes", "rust (remote:hybrid OR remote:yes)"),
        (
            "rust (remote:yes OR remote:hybrid)",
            "remote:no",
            "rust (remote:yes OR remote:hybrid OR remote:no)",
        ),
        ("rust type:contract", "type:full-time", "rust (type:contract OR type:full-time)"),
        ("rust lang:en", "lang:de", "rust (lang:en OR lang:de)"),
        ("rust visa:yes", "visa:no", "rust (visa:yes OR visa:no)"),
    ],
)
async def test_a_filter_that_contradicts_its_own_field_is_offered_as_either(
    handlers, store, alert: str, added: str, offered: str
) -> None:
    """A job has one salary (or none), one workplace, one type, one language: the filter
    added goes in an OR with the one the alert has, never beside it."""
    await say(handlers, f"/alert {alert}")
    reply = await both_ways(handlers, 1, f"add {added}")
    [(what, query)] = offers(reply).items()
    assert (what, query.normalized) == ("jobs with either", offered), reply
    assert [a.query for a in store.alerts.alerts(USER)] == [alert]


@pytest.mark.parametrize(
    ("alert", "added"),
    [
        ("rust salary:>=80k", "salary:<=120k"),  # a range: both hold
        ("rust remote:yes", "location:berlin"),
        ("rust location:berlin", "location:munich"),  # a job may list both
        ("rust remote:yes", "type:contract"),
        ("rust -remote:no", "remote:hybrid"),
    ],
)
async def test_filters_that_can_both_hold_are_offered_with_both(
    handlers, store, alert: str, added: str
) -> None:
    await say(handlers, f"/alert {alert}")
    [(what, query)] = offers(await both_ways(handlers, 1, f"add {added}")).items()
    assert what == "jobs with both"
    assert terms(query) == (*terms(parse(alert)), parse(added).root)
    assert [a.query for a in store.alerts.alerts(USER)] == [alert]


async def test_an_attribute_filter_added_in_words_goes_in_its_place_too(handlers, store) -> None:
    """ "also hybrid" to an alert with remote:yes: (remote:yes OR remote:hybrid)."""
    await say(handlers, "/alert rust remote:yes")
    [(what, query)] = offers(await both_ways(handlers, 1, "also hybrid")).items()
    assert what == "jobs with either"
    assert terms(query)[1] == Or((Attr("remote", "yes"), Attr("remote", "hybrid")))


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("ohne spark", "leaves out the jobs about spark"),
        ("ohne Spark bitte", "leaves out the jobs about spark"),
        ("entferne spark", "leaves out the jobs about spark"),
        ("lösche spark", "leaves out the jobs about spark"),
        ("nimm spark raus", "leaves out the jobs about spark"),
        ("spark entfernen", "leaves out the jobs about spark"),
        ("keine spark jobs mehr", "leaves out the jobs about spark"),
        ("außer spark", "leaves out the jobs about spark"),
        ("entferne go", "no longer asks for go"),
        ("nimm go raus", "no longer asks for go"),
        ("ohne go", "no longer asks for go"),
    ],
)
async def test_german_words_that_take_out_change_nothing(handlers, store, typed, first) -> None:
    """Jonas: "/edit 2 entferne spark", "ohne werkstudenten" after ✏️ Edit made the alert those
    words. Now they are read as "remove" and "without" are, with the same replies."""
    before = await two_alerts(handlers, store)
    reply = await both_ways(handlers, 2, typed)
    assert reply.startswith("Alert #2 is unchanged: <b>rust OR go</b>. To "), reply
    assert next(iter(offers(reply))) == first, reply
    assert [a.query for a in store.alerts.alerts(USER)] == before


async def test_german_lists_are_read_as_either(handlers, store) -> None:
    await two_alerts(handlers, store)
    reply = await both_ways(handlers, 2, "ohne werkstudenten und praktika")
    [(what, query)] = offers(reply).items()
    assert what.startswith("leaves out the jobs about werkstudenten or praktika"), reply
    assert terms(query)[0] == Or((Word("rust"), Word("go")))
    assert isinstance(terms(query)[1], Not)


@pytest.mark.parametrize(
    "typed",
    [
        "füge scala hinzu",
        "fuege scala hinzu",
        "auch scala",
        "zusätzlich scala",
        "scala auch",
        "scala bitte auch",
        "scala hinzufügen",
        "außerdem scala",
    ],
)
async def test_german_words_that_add_change_nothing(handlers, store, typed: str) -> None:
    before = await two_alerts(handlers, store)
    reply = await both_ways(handlers, 2, typed)
    assert reply.startswith("Alert #2 is unchanged: <b>rust OR go</b>. To add it"), reply
    assert {w: q.normalized for w, q in offers(reply).items()} == {
        "jobs with both": "(rust OR go) scala",
        "jobs with either": "rust OR go OR scala",
    }
    assert [a.query for a in store.alerts.alerts(USER)] == before


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("data engineer berlin", "data engineer berlin"),
        ("datenbank entwickler", "datenbank entwickler"),
        ("werkstudent python", "werkstudent python"),
        ('"ohne grenzen"', '"ohne grenzen"'),
        ("auchan", "auchan"),
    ],
)
async def test_german_queries_stay_queries(handlers, store, typed: str, saved: str) -> None:
    await say(handlers, "/alert rust OR go")
    reply = await say(handlers, f"/edit 1 {typed}")
    assert reply.startswith(f"✏️ Alert #1 now: <b>{html.escape(saved)}</b>"), reply


EXCLUDING = "python -(werkstudenten OR praktika)"


async def test_a_word_of_an_exclusion_group_is_let_in_again_not_left_out_twice(
    handlers, store
) -> None:
    """ "remove praktika" of python -(werkstudenten OR praktika) offered a second -(praktikum
    OR praktika); now the group without it; "no praktika" says it is left out already."""
    await say(handlers, f"/alert {EXCLUDING}")
    for typed in ("remove praktika", "entferne praktika"):
        reply = await both_ways(handlers, 1, typed)
        assert {w: q.normalized for w, q in offers(reply).items()} == {
            "lets in the jobs about praktika again": "python -werkstudenten"
        }, reply
    for typed in ("no praktika", "without werkstudenten", "ohne werkstudenten"):
        reply = await both_ways(handlers, 1, typed)
        assert "already" in reply and "<code>" not in reply.split("</b>.", 1)[1], reply
    assert [a.query for a in store.alerts.alerts(USER)] == [EXCLUDING]


@pytest.mark.parametrize("typed", ["remove -werkstudent", "entferne -werkstudent"])
async def test_removing_an_exclusion_offers_the_alert_without_it(handlers, store, typed) -> None:
    await say(handlers, "/alert scala -werkstudent")
    reply = await both_ways(handlers, 1, typed)
    assert {w: q.normalized for w, q in offers(reply).items()} == {
        "lets in the jobs about werkstudent again": "scala"
    }, reply
    await say(handlers, "/alert rust")
    reply = await both_ways(handlers, 2, typed)
    assert reply == (
        "Alert #2 is unchanged: <b>rust</b>. Alert #2 leaves out no jobs with -werkstudent: "
        "nothing to take out."
    )
    assert [a.query for a in store.alerts.alerts(USER)] == ["scala -werkstudent", "rust"]


async def test_removing_a_salary_filter_never_offers_leaving_out_the_pay(handlers, store) -> None:
    """ "remove salary:>=75k" offered "-salary:>=75k": an alert without well-paid jobs."""
    await say(handlers, "/alert data engineer salary:>=75k")
    reply = await both_ways(handlers, 1, "remove salary:>=75k")
    assert {w: q.normalized for w, q in offers(reply).items()} == {
        "no longer asks for salary:>=75k": "data engineer"
    }, reply
    assert "-salary" not in reply


LONG = (
    "data engineer (python OR scala) ((remote:yes from:deutschland) OR (remote:hybrid "
    "location:berlin)) salary:>=75k -(werkstudenten OR praktika) -(praktikum OR praktika) -sap -consulting -beratung"
)


@pytest.mark.parametrize("typed", ["also kubernetes", "auch kubernetes", "no agencies"])
async def test_an_alert_near_its_limit_gets_no_edit_over_it(handlers, store, typed) -> None:
    """Offers of 202 and 213 characters were refused when sent: now none is over the limit,
    and the reply says what to shorten."""
    await say(handlers, f"/alert {LONG}")
    assert 185 < len(store.alerts.alerts(USER)[0].query) <= 200
    reply = await both_ways(handlers, 1, typed)
    assert not offers(reply), reply
    assert "near its length limit" in reply and "200 is the most" in reply, reply
    assert "Shorten it first, say its longest part: <code>" in reply
    assert [a.query for a in store.alerts.alerts(USER)] == [LONG]
