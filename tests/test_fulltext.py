"""The postings' text index: /search and the backtest take their candidates from it when a
query needs some word, and find exactly what a scan of the same postings finds."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from bench import world
from bot import match
from bot.errors import QueryError
from bot.models import Posting
from bot.query import Query, parse
from bot.store import Stores
from bot.telegram import stored_search
from tests.test_match_cases import CASES, posting

ALL = 10_000  # more than any set here: both paths read every posting
ODD = [  # text that the matcher folds in ways FTS5's own folding would not
    ("Straße Engineer", "Düsseldorf", "Großartig: C++, C#, .NET, Node.js und CI/CD."),
    ("Développeur Python", "Zürich", "Ærø, Łódź, Þórshöfn; œuvre; naïve café."),
    ("Программист Go", "Москва", "Go-live, C-level; Kubernetes и Rust."),
    ("ML Engineer", "São Paulo", "Machine learning — “deep” learning, k8s, 3.11, R&D."),
]
EXTRA = ["strasse", "dusseldorf", "c++", "c#", ".net", "node.js", "ci/cd", "aero", "lodz",
         "thorshofn", "oeuvre", "naive", "программист", "москва", "go", "c", "k8s", "3.11",
         "r&d", '"deep learning"', "sao paulo", "title:straße", "développeur", "dev*",
         "title:mach*", "location:brazil", "location:germany rust", "-go remote:no"]  # fmt: skip


def _world(store: Stores, now: datetime) -> list[Posting]:
    """The match cases' postings, realistic ones (`bench.world`) and some with odd text, each
    stored after the one posted an hour before it (as polls find them). Returns them."""
    rng = random.Random(3)
    bodies = world.descriptions(rng, 20, chars=300)
    made = [replace(posting(c), key=f"case:{i}", external_id=f"c{i}") for i, c in enumerate(CASES)]
    made += [world.make_posting(rng, 1, i, bodies) for i in range(40)]
    made += [
        replace(made[-1], key=f"odd:{i}", external_id=f"o{i}", title=t, location=loc, description=d)
        for i, (t, loc, d) in enumerate(ODD)
    ]
    rng.shuffle(made)
    made.sort(key=lambda p: p.board)  # stored board by board, each posted after the last
    made = [replace(p, posted_at=now - timedelta(hours=len(made) - i)) for i, p in enumerate(made)]
    for board in sorted({p.board for p in made}):
        store.postings.record(board, [p for p in made if p.board == board], now)
    return made


def _queries() -> list[Query]:
    rng = random.Random(5)
    texts = [c["q"] for c in CASES] + EXTRA + [world._alert_query(rng) for _ in range(60)]
    out = []
    for text in texts:
        try:
            out.append(parse(text))
        except QueryError:
            continue
    return out


# Every match case against the scan it stands for: ~20 s alone, and past the suite's 60 s
# timeout on a machine busy with other work (it failed so once, timed out inside SQLite).
@pytest.mark.timeout(240)
def test_the_index_finds_what_a_scan_finds(
    store: Stores, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every match case's posting is Acme's: past 500 of them, "acme" has more candidates
    # than a reply reads (`CANDIDATES`); here both paths read all.
    monkeypatch.setattr(stored_search, "CANDIDATES", ALL)
    stored = _world(store, now)
    assert len(stored) > stored_search.PAGE, "more than one page of candidates"
    newest = store.listings.latest_postings(ALL)
    week = store.listings.recent_postings(now - timedelta(days=7), ALL)
    looked_up = 0
    for q in _queries():
        looked_up += match.fulltext(q) is not None
        keys = lambda ps: [p.key for p in ps]  # noqa: E731
        hits, read = stored_search.latest(store, 1, q, 5, scan=ALL)
        assert read is None and keys(hits) == keys(match.search(q, newest, 5)), q.normalized
        hits, read = stored_search.recent(store, 1, q, now - timedelta(days=7), ALL)
        assert read is None and keys(hits) == keys(match.search(q, week)), q.normalized
    assert looked_up > 200, "most queries take their candidates from the index"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("rust", '("rust")'),
        ("title:machine learning", '("learning" AND "machine") OR ("ml")'),  # title:ml too
        (
            "devops OR sre",
            '("devops") OR ("dev" AND "ops") OR ("sre") OR ("reliability" AND "site")',
        ),
        ("dev*", '("dev" *)'),
        ('say "hello"', '("hello" AND "say")'),
        ("python -senior", '("python")'),
        ("remote:yes type:full-time", None),  # no word: a scan
        ("location:germany", None),  # a country its cities imply: not in the text
        ("salary:>=100k", None),
    ],
)
def test_the_index_is_asked_for_the_words_a_match_needs(query: str, expected: str | None) -> None:
    assert match.fulltext(query) == expected


def test_a_big_city_is_asked_for_by_any_of_its_names() -> None:
    """A job in Praha matches location:prague (`bot.places`); the index holds "praha"."""
    asked = match.fulltext("location:prague")
    assert asked is not None and asked.startswith('(("prague" OR "praag" OR "prag" OR ')
    assert '"praha"' in asked
    assert '"wien"' in (match.fulltext("rust vienna") or "")


def test_the_index_follows_every_write(store: Stores, now: datetime) -> None:
    """A changed posting is found by its new words only; a deleted one not at all, even when
    a new posting takes its rowid."""
    rust = world.make_posting(random.Random(1), 1, 1, ["Rust and more rust."])
    store.postings.record("board00001", [rust], now)
    assert [p.key for p in store.listings.with_words('"rust"', 10).postings] == [rust.key]
    went = replace(rust, title="Go Engineer", description="Go.", content_hash="other")
    store.postings.record("board00001", [went], now)
    assert store.listings.with_words('"rust"', 10).postings == []
    assert [p.title for p in store.listings.with_words('"go"', 10).postings] == ["Go Engineer"]
    store.db.execute("DELETE FROM postings")
    store.postings.record("board00001", [replace(rust, key="new", title="Cook", description="")], now)  # fmt: skip
    assert store.listings.with_words('"go"', 10).postings == []
    assert store.listings.with_words('"rust"', 10).postings == []
    assert [p.key for p in store.listings.with_words('"cook"', 10).postings] == ["new"]
    store.db.execute("INSERT INTO postings_text (postings_text, rank) VALUES ('integrity-check', 0)")  # fmt: skip
