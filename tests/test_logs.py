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


def test_json_log_lines_carry_fields_and_never_the_token(tmp_path, tg, boards, capsys) -> None:
    import json

    from bot import cli
    from tests.test_poller import PATH, gh_job

    token = "123456789:AAJsonLogTokenNeverShown_xyz"
    boards.set_json(PATH, {"jobs": [gh_job(1)]})
    boards.set("/broken", "down", status=500)
    broken = boards.url("/broken")
    (tmp_path / "config.toml").write_text(
        f'[telegram]\ntoken = "{token}"\napi_url = "{tg.api_url}"\n'
        f'[storage]\npath = "{tmp_path / "jobbot.db"}"\n'
        f'[[boards]]\nname = "Acme"\nkind = "greenhouse"\nurl = "{boards.url(PATH)}"\n'
        f'[[boards]]\nname = "Broken"\nkind = "greenhouse"\nurl = "{broken}"\n'
    )
    code = cli.main(["poll", "--config", str(tmp_path / "config.toml"), "--log-format", "json"])
    err = capsys.readouterr().err
    assert code == 1 and token not in err
    lines = [json.loads(line) for line in err.splitlines()]  # every line is one JSON object
    polls = {x["board"]: x for x in lines if x.get("event") == "poll"}
    assert polls["Acme"]["outcome"] == "baseline" and polls["Broken"]["outcome"] == "failed"
    assert {"time", "level", "logger", "message"} <= polls["Acme"].keys()
    warning = next(x for x in lines if x["level"] == "WARNING" and "HTTP 500" in x["message"])
    assert warning["board"] == "Broken"  # the poller's own line, in the poll's log fields


def test_json_formatter_redacts_tracebacks_and_adds_the_fields_in_scope(caplog) -> None:
    import json

    secret = "999:AnotherSecretForJsonTest"
    logs.register_secret(secret)
    with caplog.at_level(logging.INFO), logs.fields(chat=42, job="Acme:7"):
        try:
            raise RuntimeError(f"GET http://x/bot{secret}/sendMessage failed")
        except RuntimeError:
            logging.getLogger("bot.sender").exception("send failed")
    line = json.loads(logs.JsonFormatter().format(caplog.records[-1]))
    assert line["chat"] == 42 and line["job"] == "Acme:7" and "board" not in line
    assert secret not in json.dumps(line) and "bot[token]/sendMessage" in line["traceback"]


def test_text_log_lines_carry_the_date(capsys) -> None:
    """A log kept for days says which day each line is from."""
    import re

    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        logs.setup()
        logging.getLogger("bot.poller").info("poll %s: ok", "Acme")
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)
    line = capsys.readouterr().err.strip().splitlines()[-1]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d INFO    bot\.poller: poll Acme: ok", line)
