"""BambooHR: URL recognition and errors (pure); what the careers list and an opening's detail
read is in the golden cases (tests/fixtures/sources/bamboohr)."""

from __future__ import annotations

import pytest

from bot.errors import ParseError
from bot.sources.bamboohr import BambooHR
from bot.sources.contract import Context, Request, Response

LIST = "https://globexcoffee.bamboohr.com/careers/list"
SOURCE = BambooHR()


@pytest.mark.parametrize(
    ("url", "endpoint"),
    [
        ("https://globexcoffee.bamboohr.com/careers", LIST),
        ("globexcoffee.bamboohr.com/careers/9", LIST),
        ("https://GlobexCoffee.bamboohr.com/jobs/", LIST),
        ("https://www.bamboohr.com/careers", None),
        ("https://bamboohr.com.evil.example/careers", None),
    ],
)
def test_endpoint(url: str, endpoint: str | None) -> None:
    assert SOURCE.endpoint(url) == endpoint


def test_the_marketing_site_an_unknown_company_lands_on_is_a_clear_error() -> None:
    response = Response(request=Request(LIST), url="https://www.bamboohr.com/",
                        body=b"<!DOCTYPE html><html>BambooHR</html>", content_type="text/html")  # fmt: skip
    with pytest.raises(ParseError, match=r"expected a BambooHR careers answer.*HTML"):
        SOURCE.parse(response, Context(url=LIST))
