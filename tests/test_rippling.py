"""Rippling: URL recognition and errors (pure); what list pages and a job's detail read is in
the golden cases (tests/fixtures/sources/rippling)."""

from __future__ import annotations

import pytest

from bot.errors import ParseError
from bot.sources.contract import Context, Request, Response
from bot.sources.rippling import Rippling

API = "https://ats.rippling.com/api/v2/board/initech/jobs"
A = "1b6c0a9e-0000-4000-8000-00000000000a"
B = "2c7d1b0f-0000-4000-8000-00000000000b"
SOURCE = Rippling()


@pytest.mark.parametrize(
    ("url", "endpoint"),
    [
        ("https://ats.rippling.com/initech/jobs", API),
        ("ats.rippling.com/initech/jobs/" + A, API),
        ("https://ats.rippling.com/en-GB/initech/jobs", API),
        (API, API),
        ("https://ats.rippling.com/internal/x", None),
        ("https://www.rippling.com/careers", None),
    ],
)
def test_endpoint(url: str, endpoint: str | None) -> None:
    assert SOURCE.endpoint(url) == endpoint


def test_an_error_object_is_a_clear_parse_error() -> None:
    response = Response(request=Request(API), url=API, body=b'{"detail":"Not found."}')
    with pytest.raises(ParseError, match="expected a Rippling board answer"):
        SOURCE.parse(response, Context(url=API))
