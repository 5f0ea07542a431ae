"""The getUpdates requests as `UpdatesRequest` reads them, over real loopback HTTP: a request
with no answer counts towards a "down" streak (told once), an error page that is no JSON is
named by its status, and at a stop a failed confirming request is one warning and no updates
(not PTB's traceback)."""

from __future__ import annotations

import logging
import socket

import pytest
from telegram import error as tg

from bot.receiving import Receiving
from bot.telegram.ptb_poll import NO_UPDATES, UpdatesRequest


def closed_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}/bot1x/getUpdates"


async def test_no_answer_three_times_is_down_once_and_at_a_stop_no_updates(caplog) -> None:
    receiving = Receiving()
    request = UpdatesRequest(receiving, "http://127.0.0.1")
    await request.initialize()
    url = closed_port()
    try:
        for _ in range(Receiving.DOWN_AFTER + 1):
            with pytest.raises(tg.NetworkError):
                await request.do_request(url, "POST")
        assert receiving.status.state == "down"
        assert caplog.text.count("cannot fetch updates from Telegram") == 1
        request.stopping = True
        caplog.clear()
        assert await request.do_request(url, "POST") == (200, NO_UPDATES)
        [line] = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert "could not confirm the last updates to Telegram" in line.getMessage()
    finally:
        await request.shutdown()


async def test_an_error_page_that_is_no_json_is_named_by_its_status(boards) -> None:
    boards.set(
        "/bot1x/getUpdates", "<html>Bad Gateway</html>", status=502, content_type="text/html"
    )
    receiving = Receiving()
    request = UpdatesRequest(receiving, boards.url(""))
    await request.initialize()
    try:
        for _ in range(Receiving.DOWN_AFTER):
            code, _ = await request.do_request(boards.url("/bot1x/getUpdates"), "GET")
            assert code == 502  # (PTB raises its own error of it, and retries)
        assert (receiving.status.state, receiving.status.reason) == ("down", "HTTP 502")
    finally:
        await request.shutdown()
