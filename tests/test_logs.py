"""The bot token never reaches a log line, whoever logs it and at whatever level."""

from __future__ import annotations

import logging

from bot import http, logs  # noqa: F401  (importing bot.http turns httpx down)


def test_httpx_request_logging_is_turned_down() -> None:
    assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING


def test_registered_secret_is_redacted_in_records_and_tracebacks(caplog) -> None:
    secret = "999:SecretTokenForLogTest"
    logs.register_secret(secret)
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("telegram.ext.ExtBot").debug("Set Bot API URL: http://x/bot%s", secret)
        try:
            raise RuntimeError(f"GET http://x/bot{secret}/getMe failed")
        except RuntimeError:
            logging.getLogger("bot").exception("boom")
    assert secret not in caplog.text and "[token]" in caplog.text
    formatter = logs.RedactingFormatter("%(message)s", None)
    text = formatter.format(caplog.records[-1])
    assert secret not in text and "RuntimeError: GET http://x/bot[token]/getMe" in text
