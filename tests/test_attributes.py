"""bot/attributes.py: every attribute filter of the language (`bot.syntax.ATTRS`) has its row
(a reader, its values' readings, a rarity, a /why wording), so a filter added to the syntax
alone fails here; and a name the table lacks raises instead of matching nothing."""

from __future__ import annotations

import pytest

from bot.attributes import ATTRIBUTES, meaning
from bot.models import Posting
from bot.syntax import ATTRS, FIELD_NAMES, Attr, Query
from bot.telegram.asked_how import how_asked
from bot.telegram.commands import Command
from bot.trie import rarity
from bot.view import ANY, ATTR_VALUES, attribute, compile_node, view
from bot.why import explain

JOB = Posting(
    key="Acme:1",
    board="Acme",
    external_id="1",
    title="Senior Rust Engineer",
    company="Acme Pay",
    location="Berlin, Germany",
    url="https://example.com/1",
    description=(
        "We build payment systems in Rust and run them on Kubernetes for our customers. "
        "You bring 5+ years of experience with Rust. We sponsor visas for this role."
    ),
    workplace="remote",
    employment_type="full_time",
    salary_min=90_000,
    salary_max=110_000,
    salary_currency="EUR",
    salary_period="year",
)

# Each attribute on JOB: (a query of it, what its reader gives, what /why says the job states).
# A new attribute needs its row here too.
CASES = {
    "remote": ("remote:yes", "remote", "is remote"),
    "type": ("type:full-time", "full_time", "is full-time"),
    "salary": ("salary:stated", "stated", "pays €90k–110k a year"),
    "visa": ("visa:yes", "yes", "says “We sponsor visas for this role”"),
    "lang": ("lang:en", "en", "is written in English"),
    "years": ("years:stated", "stated", "asks “5+ years of experience with Rust”"),
}


def test_every_attribute_of_the_syntax_has_a_row_and_a_case() -> None:
    assert set(ATTRIBUTES) == set(ATTRS)
    assert set(CASES) == set(ATTRS)


@pytest.mark.parametrize("name", sorted(ATTRS))
def test_each_attribute_has_readings_for_every_value_the_parser_gives(name: str) -> None:
    row = meaning(name)
    assert set(row.values) == set(ATTRS[name].values())
    assert all(row.values.values())
    assert 0 < row.rarity <= 1
    assert rarity(f"{name}:{next(iter(row.values))}") == row.rarity


@pytest.mark.parametrize("name", sorted(ATTRS))
def test_each_attribute_reads_the_job_and_why_words_it(name: str) -> None:
    query, reading, said = CASES[name]
    v = view(JOB)
    assert meaning(name).read(v) == attribute(JOB, name) == attribute(v, name) == reading
    assert reading in ATTR_VALUES[name, query.partition(":")[2]]
    assert meaning(name).said(JOB, v) == said
    assert explain(query, JOB).reasons == (f"{query}: the job {said}",)
    assert explain(query, JOB).matched


def test_an_attribute_the_table_lacks_raises() -> None:
    with pytest.raises(KeyError, match="equity"):
        meaning("equity")
    with pytest.raises(KeyError, match="equity"):
        attribute(JOB, "equity")
    with pytest.raises(KeyError, match="equity"):
        compile_node(Attr("equity", "yes"), ANY)
    with pytest.raises(KeyError, match="equity"):
        explain(Query(Attr("equity", "yes"), "equity:yes"), JOB)


@pytest.mark.parametrize("name", [*FIELD_NAMES, *ATTRS, "level"])
def test_asking_what_a_filter_means_points_to_help_alert(name: str) -> None:
    commands = {"alert": Command("alert", "<query>", "Create an alert", "")}
    answer = how_asked(f"what does {name}:yes mean", commands)
    assert answer is not None and "<code>/help alert</code>" in answer
