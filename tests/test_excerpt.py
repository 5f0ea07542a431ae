"""The excerpt of a job's message is about the role, not the company's "About us"."""

from __future__ import annotations

import json

import pytest

from bot.excerpt import about_the_role
from bot.models import Posting
from bot.render import notification
from tests.conftest import FIXTURES

CASES = json.loads((FIXTURES / "excerpts" / "cases.json").read_text())


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_the_excerpt_is_the_section_about_the_role(case: dict) -> None:
    text = about_the_role(case["description"], case["company"])
    assert text.startswith(case["starts"]), text
    for boilerplate in case["absent"]:
        assert boilerplate not in text


def test_the_message_shows_the_role_not_the_company_blurb(now) -> None:
    case = CASES[0]
    p = Posting(
        "b:1", "b", "1", "Rust Engineer", case["company"], "Berlin", "https://e.com/1",
        case["description"],
    )  # fmt: skip
    message = notification(p, ["rust"], now)
    assert "<i>You will design and build the ledger service in Rust" in message.html
    assert "2 million shops" not in message.plain


def test_an_empty_description_gives_no_excerpt() -> None:
    assert about_the_role("", "Acme") == ""
    assert about_the_role("\n\n  \n", "Acme") == ""
