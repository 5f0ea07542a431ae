"""The excerpt is the part of a description about the role, as a job seeker reads it: past the
company's pitch however it opens ("Who is Acme?", "Wir sind Acme.", "Hey there!"), under role
headings however they are written ("💻 Role", "Your key responsibilities will be to:", "Deine
Aufgaben"), and not under headings that only look like them ("Role Details" that says where
and what it pays, "About the Role & Team" that is a pitch). The cases are in
tests/fixtures/excerpt/roles.toml: description in, excerpt out."""

from __future__ import annotations

import tomllib
from datetime import datetime

import pytest

from bot.excerpt import about_the_role
from bot.excerpt_cues import kind, plain
from bot.models import Posting
from bot.render import notification
from tests.conftest import FIXTURES

CASES = tomllib.loads((FIXTURES / "excerpt" / "roles.toml").read_text())["case"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_the_excerpt_is_what_the_role_is(case: dict) -> None:
    text = about_the_role(case["description"], case["company"])
    assert text.startswith(case["starts"]), text
    assert text.endswith(case.get("ends", "")), text
    for other in case["absent"]:
        assert other not in text, text


HEADINGS = [
    ("💻 Role", "role"),
    ("**The Role**", "role"),
    ("🛠 What You'll Do:", "role"),
    ("1. Your key responsibilities will be to:", "role"),
    ("How You'll Contribute", "role"),
    ("Typical day-to-day tasks include:", "role"),
    ("What does the role involve?", "role"),
    ("Your mission", "role"),
    ("Aufgaben", "role"),
    ("Deine Aufgaben", "role"),
    ("Ihre Aufgaben", "role"),
    ("Das erwartet dich", "role"),
    ("Vos missions", "role"),
    ("About The Role & Team", "role"),  # a role heading: its content decides (roles.toml)
    ("Who is Acme?", "company"),
    ("Who are we and why should you join us?", "company"),
    ("About Acme:", "company"),
    ("Über uns", "company"),
    ("Qui sommes-nous ?", "company"),
    ("What We Value:", "boilerplate"),
    ("Benefits of the role", "boilerplate"),
    ("Equal opportunity", "boilerplate"),
    ("Das bieten wir", "boilerplate"),
    ("As a Customer Success Manager at Acme, you will be offered:", "other"),
    ("What you'll bring to the role", "other"),
    ("Requirements", "other"),
    ("Job Title", "fact"),
]


@pytest.mark.parametrize(("heading", "expected"), HEADINGS)
def test_what_a_heading_is_about(heading: str, expected: str) -> None:
    assert kind(heading) == expected


def test_a_heading_is_read_without_its_decoration() -> None:
    assert plain("🚀 **The Role** 🚀") == "The Role"
    assert plain("2) What you'll do:") == "What you'll do"
    assert plain("Qui sommes-nous ?") == "Qui sommes-nous"


def _excerpt(description: str, company: str, now: datetime) -> str:
    """The excerpt of a job's message, as the phone shows it."""
    p = Posting("b:1", "b", "1", "CFO", company, "Remote", "https://e.com/1", description)
    return notification(p, ["cfo"], now).plain.split("\n\n")[1]


def test_a_hard_wrapped_excerpt_is_cut_with_an_ellipsis_not_at_a_line_break(now) -> None:
    # Each printed line a paragraph of its own, as a board's <p> per line gives it.
    wrapped = "\n\n".join(
        [
            "Overview",
            "We are hiring a CFO to lead the finance and accounting function for a property"
            " owner. This role owns",
            "financial statements, monthly close, cash management, budgeting, forecasting,"
            " reporting, and controls across",
            "many properties and entities. The right candidate is tech-forward and excited to"
            " modernise finance with",
            "automation and APIs.",
        ]
    )
    body = _excerpt(wrapped, "Keystone Realty", now)
    assert "\n" not in body, body
    assert body.startswith("We are hiring a CFO") and body.endswith("…"), body


def test_an_excerpt_does_not_end_on_a_lead_in(now) -> None:
    case = next(c for c in CASES if c["name"].startswith("an introduction that ends on a lead-in"))
    body = _excerpt(case["description"], case["company"], now)
    assert not body.endswith(":"), body
    assert body.startswith("At Lotwise, you help our buyers"), body
