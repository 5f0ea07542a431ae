"""Numeric headers are read as ASCII digits only: a "²" from a board is not a number."""

from __future__ import annotations

import pytest

from bot.errors import BoardHTTPError
from bot.http import Fetcher, build_client
from bot.responses import parse_retry_after


@pytest.mark.parametrize("value", ["²", "٣", "1²", "", "soon"])
def test_retry_after_that_is_not_ascii_digits_is_ignored(value: str) -> None:
    assert parse_retry_after(value) is None
    assert parse_retry_after("120") == 120.0


async def test_odd_digits_in_headers_fail_only_that_board_clearly(boards) -> None:
    boards.set("/slow", "busy", status=503, headers={"Retry-After": "²"})
    async with build_client(timeout=2.0) as client:
        with pytest.raises(BoardHTTPError, match="503") as caught:
            await Fetcher(client).get(boards.url("/slow"))
        assert caught.value.retry_after is None
