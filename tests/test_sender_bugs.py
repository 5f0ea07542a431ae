"""A bug in delivery surfaces once, loudly, and never stops delivery silently.

A send that fails on something no transport may raise (not a SendError) is logged once per kind
of failure with its traceback, and its delivery waits its backoff and goes again; the other
chats flow meanwhile. A bug in the sender's loop itself stops the bot with exit status 1 (its
service manager restarts it; start-up recovery resends what was in flight). The failures are
real ones: a transport that raises, a row no version of jobbot writes."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sqlite3
import threading

import pytest

from bot.cli import main
from bot.config import DeliveryConfig
from bot.holding import DeliveryStores
from bot.models import OutgoingMessage
from bot.sender import Sender
from bot.store import Stores
from tests.test_delivery import NOW, TOKEN, fill
from tests.test_outage import Clock
from tests.test_outage import transport as transport  # the fixture: PTB against the fake API
from tests.waiting import until


class BuggyTransport:
    """The real transport to the fake Bot API, with a bug: its first `bugs` sends to `chat`
    raise an error outside the SendError tree, as a bug in a transport would."""

    def __init__(self, inner, chat: int, bugs: int) -> None:
        self.inner, self.chat, self.bugs = inner, chat, bugs

    async def send(self, chat_id: int, message: OutgoingMessage, *, plain: bool = False):
        if chat_id == self.chat and self.bugs:
            self.bugs -= 1
            raise RuntimeError("a bug in the transport")
        return await self.inner.send(chat_id, message, plain=plain)


def errors(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_send_failing_on_a_bug_is_logged_once_and_retried_while_others_flow(
    store: Stores, tg, transport, caplog
) -> None:
    clock = Clock(NOW)
    fill(store, [1, 2], 1)
    buggy = BuggyTransport(transport, chat=1, bugs=2)
    sender = Sender(
        store.view(DeliveryStores), buggy, DeliveryConfig(per_chat_interval=0.01), clock
    )
    await sender.drain(timeout=5)
    assert [m.chat_id for m in tg.sent] == [2], "the other chat got its job"
    state, error = store.db.execute(
        "SELECT state, last_error FROM deliveries WHERE chat_id = 1"
    ).fetchone()
    assert state == "pending" and "RuntimeError: a bug in the transport" in error
    assert len(errors(caplog)) == 1 and errors(caplog)[0].exc_info, "one traceback"
    for _ in range(2):  # the same bug again: retried, not logged again; then it goes
        clock.advance(minutes=15)
        await sender.drain(timeout=5)
    assert sorted(m.chat_id for m in tg.sent) == [1, 2], "each job once"
    assert store.outbox.delivery_counts() == {"sent": 2}
    assert len(errors(caplog)) == 1


async def test_a_failed_send_the_database_cannot_record_goes_again_once_it_can(
    store: Stores, tg, transport, caplog
) -> None:
    """Telegram failed the send while another program held the database's write lock: the
    delivery is not left claimed ('sending') until a restart; it goes again once it can."""
    fill(store, [1], 1)
    store.db.execute("PRAGMA busy_timeout=50")
    tg.fail_next(1, status=500)
    tg.delay(0.3)
    config = DeliveryConfig(per_chat_interval=0.01, retry_base=0.01)
    sender = Sender(store.view(DeliveryStores), transport, config, Clock(NOW))
    stop = asyncio.Event()
    run = asyncio.create_task(sender.run(stop))
    await until(lambda: any(c.method.lower() == "sendmessage" for c in tg.calls))
    other = sqlite3.connect(store.db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    await until(lambda: any("delivery paused" in r.getMessage() for r in caplog.records))
    other.execute("ROLLBACK")
    await until(lambda: store.outbox.delivery_counts() == {"sent": 1})
    stop.set()
    await run
    assert [m.chat_id for m in tg.sent] == [1]
    assert not any(r.exc_info for r in caplog.records), "no stray traceback"


@pytest.fixture
def watchdog():
    """Before the fix, a dead sender left `jobbot run` running forever: end it, so that the
    test fails rather than hangs. Never fires when the bot stops itself."""
    timer = threading.Timer(20, os.kill, (os.getpid(), signal.SIGTERM))
    timer.start()
    yield
    timer.cancel()


def test_a_bug_in_the_sender_loop_stops_the_bot_with_exit_status_1(
    tmp_path, tg, monkeypatch, capsys, watchdog
) -> None:
    db = tmp_path / "jobbot.db"
    config = tmp_path / "config.toml"
    config.write_text(f'[telegram]\napi_url = "{tg.api_url}"\n[storage]\npath = "{db}"\n')
    store = Stores.open(db)
    fill(store, [1], 1)
    store.db.execute("UPDATE deliveries SET created_at = 'yesterday'")  # no version writes this
    store.close()
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    status = main(["run", "--config", str(config)])
    err = capsys.readouterr().err
    assert status == 1, err
    assert "jobbot: the sender task failed" in err
    assert err.count("Traceback") == 1, err
    assert TOKEN not in err


async def test_lasting_database_trouble_is_logged_once_per_spell(
    store: Stores, transport, caplog
) -> None:
    """A pass that had nothing to record proves nothing: only a dispatch that read and wrote
    the outbox ends the spell (before, a lasting error was logged every 5 s)."""
    sender = Sender(store.view(DeliveryStores), transport, DeliveryConfig(), Clock(NOW))
    trouble = sqlite3.OperationalError("database or disk is full")
    for _ in range(3):
        sender.ledger.storage_failed(trouble)
        sender.ledger.record_unrecorded()  # nothing waits to be recorded
    assert len(errors(caplog)) == 1
    sender.ledger.storage_ok()
    sender.ledger.storage_failed(trouble)
    assert len(errors(caplog)) == 2, "a new spell is logged again"
    assert any("delivery resumed" in r.getMessage() for r in caplog.records)
