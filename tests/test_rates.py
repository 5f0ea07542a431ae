"""Exchange rates: the ECB's feed read, salaries compared across currencies with them, and
the refresh that fetches, stores and keeps them through failures and restarts."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, date, datetime

import pytest

from bot import config as cfg
from bot import digest, rates, render
from bot.app import App
from bot.config import RatesConfig
from bot.errors import ParseError
from bot.exchange import ExchangeRefresh
from bot.http import Fetcher, build_client
from bot.index import Matcher
from bot.models import Alert, Posting
from bot.rates import Rates, parse_ecb
from bot.store import OutboxItem, Stores
from bot.why import explain
from tests.conftest import FIXTURES
from tests.test_e2e import TOKEN, USER
from tests.waiting import until

FEED = (FIXTURES / "rates" / "eurofxref-daily.xml").read_bytes()
NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)


def test_the_ecb_feed_gives_each_currencys_rate_against_the_euro() -> None:
    got = parse_ecb(FEED)
    assert got.as_of == date(2026, 12, 4)
    assert dict(got.per_eur) == {
        "EUR": 1.0, "USD": 1.05, "JPY": 160.0, "GBP": 0.84, "CHF": 0.94, "PLN": 4.25,
        "SEK": 11.2, "CAD": 1.47,
    }, "a rate that is no number is left out"  # fmt: skip
    assert got.convert(105_000, "USD", "EUR") == pytest.approx(100_000)
    assert got.convert(100_000, "GBP", "USD") == pytest.approx(125_000)
    assert got.convert(1, "EUR", "EUR") == 1 and got.convert(1, "USD", "ZZZ") is None


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b"<html>Service unavailable", "not XML"),
        (b"<Envelope><Cube/></Envelope>", "no day of rates"),
        (FEED.replace(b"2026-12-04", b"yesterday"), "is not a date"),
        (FEED.replace(b"currency=", b"kind="), "names no currency"),
        (b"<x>" + b" " * (2 << 20) + b"</x>", "expected about 2 KB"),
    ],
)
def test_a_body_that_is_not_the_feed_is_refused_with_why(body: bytes, why: str) -> None:
    with pytest.raises(ParseError, match=why):
        parse_ecb(body)


def _job(currency: str, low: int, high: int) -> Posting:
    return Posting(
        f"B:{currency}", "B", currency, "Rust Engineer", "Acme Pay", "Remote",
        f"https://e.com/{currency}", salary_min=low, salary_max=high,
        salary_currency=currency, salary_period="year",
    )  # fmt: skip


def _matched(query: str, posting: Posting) -> bool:
    return bool(Matcher([Alert(1, 7, query)]).match(posting))


def test_a_salary_filter_in_euros_compares_a_job_paid_in_dollars_at_the_rates_in_use() -> None:
    usd = _job("USD", 140_000, 150_000)  # €133k–143k at 1.05
    assert not _matched("rust salary:>=€100k", usd), "offline: euros only, as before"
    rates.use(parse_ecb(FEED))
    assert _matched("rust salary:>=€100k", usd)
    assert _matched("rust salary:>=140k eur", usd) and not _matched("rust salary:>=€145k", usd)
    assert _matched("salary:<=€135k", usd) and not _matched("salary:<€130k", usd)
    assert _matched("salary:€120k-€135k", usd)
    assert _matched("rust salary:>=150k", usd), "no currency: the job's own numbers"
    assert not _matched("rust salary:>=100k", _job("INR", 90_000, 99_000))
    assert not _matched("rust salary:>=€1k", _job("INR", 9_000_000, 10_000_000)), "no rate"
    said = explain("rust salary:>=€100k", usd).reasons
    assert said[1] == (
        "salary:>=EUR100k: the job pays $140k–150k a year (≈ €133k–143k a year at the ECB's "
        "rates of 4 Dec 2026)"
    )


def _refresh(store: Stores, url: str) -> ExchangeRefresh:
    fetcher = Fetcher(build_client(timeout=5.0))
    return ExchangeRefresh(store.rates, fetcher, RatesConfig(url=url), lambda: NOW)


async def test_rates_are_fetched_stored_and_used_and_a_restart_uses_the_stored(
    store: Stores, boards, tmp_path
) -> None:
    boards.set("/daily.xml", FEED, content_type="text/xml")
    refresh = _refresh(store, boards.url("/daily.xml"))
    assert refresh.load() is None and refresh.stale()
    got = await refresh.once()
    assert got is not None and rates.current() == got and not refresh.stale()
    assert store.rates.rates() == got
    rates.use(None)
    again = _refresh(Stores.open(store.db.path), boards.url("/daily.xml"))
    assert again.load() == got and rates.current() == got, "kept across a restart"
    await refresh.fetcher.client.aclose()
    await again.fetcher.client.aclose()


async def test_a_failed_fetch_keeps_the_rates_in_use_and_is_logged_once(
    store: Stores, boards, caplog
) -> None:
    boards.set("/daily.xml", FEED, content_type="text/xml")
    refresh = _refresh(store, boards.url("/daily.xml"))
    kept = await refresh.once()
    boards.set("/daily.xml", b"<html>maintenance", status=503)
    caplog.set_level(logging.INFO, "bot.exchange")
    caplog.clear()
    assert await refresh.once() is None and await refresh.once() is None
    assert rates.current() == kept and store.rates.rates() == kept
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warned) == 1 and "those of 2026-12-04 stay in use" in warned[0]
    assert refresh.wait() == 3600, "failing: tried again within the hour, not in 12 hours"
    boards.set("/daily.xml", FEED.replace(b"1.0500", b"1.1000"), content_type="text/xml")
    assert (await refresh.once()) is not None and rates.current().per_eur["USD"] == 1.1
    assert refresh.wait() == 12 * 3600
    assert "exchange rates of 2026-12-04 in use" in caplog.records[-1].getMessage()
    boards.set("/daily.xml", b"not xml at all", content_type="text/xml")
    assert await refresh.once() is None and rates.current().per_eur["USD"] == 1.1
    await refresh.fetcher.client.aclose()


async def test_the_refresh_runs_at_start_when_stale_and_not_at_all_without_a_url(
    store: Stores, boards
) -> None:
    store.rates.save_rates(Rates(date(2026, 12, 4), {"EUR": 1.0, "USD": 1.2}))
    off = _refresh(store, "")
    stop = asyncio.Event()
    off.load()  # as the app does at start
    await off.run(stop)  # returns: nothing to fetch
    assert rates.current().per_eur["USD"] == 1.2 and boards.requests == []
    boards.set("/daily.xml", FEED, content_type="text/xml")
    store.rates.save_rates(Rates(date(2026, 11, 20), {"EUR": 1.0, "USD": 1.2}))
    on = _refresh(store, boards.url("/daily.xml"))
    on.load()
    stop.set()  # a stop already asked for still lets the start's fetch run, then ends
    await on.run(stop)
    assert rates.current().as_of == date(2026, 12, 4) and len(boards.requests) == 1
    await on.fetcher.client.aclose()


@pytest.mark.timeout(60)
async def test_the_bot_fetches_the_rates_at_start_and_an_alert_in_euros_finds_a_dollar_job(
    tmp_path, tg, boards
) -> None:
    boards.set("/daily.xml", FEED, content_type="text/xml")
    config = cfg.from_dict(
        {
            "telegram": {"token": TOKEN, "api_url": tg.api_url},
            "storage": {"path": str(tmp_path / "jobbot.db")},
            "rates": {"url": boards.url("/daily.xml")},
        }
    )
    app = App(config)
    now = datetime.now(UTC).isoformat()
    app.store.db.execute(
        "INSERT INTO boards (name, kind, url, endpoint, interval_s, created_at) "
        "VALUES ('B', 'demo', 'demo://', 'demo://', 60, '')"
    )
    app.store.db.execute(
        "INSERT INTO postings (key, board, external_id, title, company, location, url, "
        "description, content_hash, first_seen_at, last_seen_at, posted_at, salary_min, "
        "salary_max, salary_currency, salary_period) VALUES ('B:1', 'B', '1', 'Rust Engineer', "
        "'Acme Pay', 'Remote', 'https://e.com/1', '', 'h', ?, ?, ?, 140000, 150000, 'USD', "
        "'year')",
        (now, now, now),
    )
    stop = asyncio.Event()
    run = asyncio.create_task(app.run(stop))
    await until(lambda: rates.current() is not None)
    tg.push_text(USER, "/start")
    tg.push_text(USER, "/alert salary:>=€130k")
    await tg.wait_for_async(lambda sent: len([m for m in sent if m.chat_id == USER]) >= 2)
    saved = tg.messages_to(USER)[1].text
    stop.set()
    await run
    assert "It would have matched 1 open job posted in the last 7 days" in saved
    assert "Rust Engineer" in saved and "$140k–150k a year" in saved
    assert boards.requests and boards.requests[0][0] == "/daily.xml"


def test_a_jobs_message_says_about_how_much_it_pays_in_the_currency_its_alert_asked() -> None:
    usd = _job("USD", 140_000, 150_000)

    def pay(queries: list[str]) -> str:
        text = render.notification(usd, queries, NOW).plain
        return next(line for line in text.splitlines() if line.startswith("💰"))

    assert pay(["rust salary:>=€100k"]) == "💰 $140k–150k a year", "no rates yet: as stated"
    rates.use(parse_ecb(FEED))
    assert pay(["rust salary:>=€100k"]) == "💰 $140k–150k a year (≈ €133k–143k a year)"
    assert pay(["rust", "go (salary:>=£90k OR salary:none)"]) == (
        "💰 $140k–150k a year (≈ £112k–120k a year)"
    )
    assert pay(["rust salary:>=100k", "rust -salary:<€50k"]) == "💰 $140k–150k a year"
    assert pay(["salary:>=$100k"]) == "💰 $140k–150k a year", "paid in the currency asked"


def test_a_list_line_says_about_how_much_in_the_currency_its_alert_or_search_asked() -> None:
    """A digest's line, a /search page's and a backtest's convert as a job's message does."""
    usd = _job("USD", 140_000, 150_000)
    item = OutboxItem(1, 7, usd, (3,), ("rust salary:>=€100k",), 0)
    rates.use(parse_ecb(FEED))
    (part,) = digest.summary("📬 Your daily digest", [item], {3: "rust salary:>=EUR100k"})
    assert "Acme Pay · Remote · $140k–150k a year (≈ €133k–143k a year)" in part.message.plain
    assert render.job_line(usd, ("salary:>=GBP90k",))[1].endswith(
        "· $140k–150k a year (≈ £112k–120k a year)"
    )
    assert render.job_line(usd, ("rust",))[1].endswith("· $140k–150k a year"), "none asked"
    assert render.job_line(usd)[1].endswith("· $140k–150k a year")
    rates.use(None)
    assert render.job_line(usd, ("salary:>=EUR100k",))[1].endswith("· $140k–150k a year")


async def test_a_huge_answer_from_the_rates_url_is_cut_off_and_changes_nothing(
    store: Stores, boards, tmp_path
) -> None:
    """The app's rates fetcher stops reading at MAX_FEED (1 MB), not at a board's 128 MB."""
    config = cfg.from_dict(
        {"storage": {"path": str(tmp_path / "j.db")}, "rates": {"url": boards.url("/big")}}
    )
    app = App(config)
    boards.set("/big", b"<x>" + b" " * (5 << 20) + b"</x>", content_type="text/xml")
    assert await app.exchange.once() is None and rates.current() is None
    assert "over the 1,048,576 cap" in (app.exchange.failing or "")
    await app.close()


async def test_a_database_that_fails_keeps_the_rates_in_use_and_says_why(
    store: Stores, boards, caplog
) -> None:
    boards.set("/daily.xml", FEED, content_type="text/xml")
    refresh = _refresh(store, boards.url("/daily.xml"))
    kept = await refresh.once()
    store.db.execute("DROP TABLE exchange_rates")  # as a damaged or foreign database would
    caplog.set_level(logging.WARNING, "bot.exchange")
    assert refresh.load() is None and rates.current() == kept, "a failed read changes nothing"
    assert await refresh.once() is None and rates.current() == kept
    assert "no such table: exchange_rates" in (refresh.failing or "")
    said = [r.getMessage() for r in caplog.records]
    assert said[0].startswith("exchange rates not read: ") and "stay in use" in said[1]
    await refresh.fetcher.client.aclose()


async def test_the_refresh_fetches_again_every_every(store: Stores, boards) -> None:
    boards.set("/daily.xml", FEED, content_type="text/xml")
    fetcher = Fetcher(build_client(timeout=5.0))
    config = RatesConfig(url=boards.url("/daily.xml"), every=0.01)
    refresh = ExchangeRefresh(store.rates, fetcher, config, lambda: NOW)
    stop = asyncio.Event()
    task = asyncio.create_task(refresh.run(stop))
    await until(lambda: len(boards.requests) >= 3)
    stop.set()
    await task
    assert rates.current() is not None and not refresh.stale()
    await fetcher.client.aclose()
