"""bot/compose.py: a delivery's message with what the store knows by then; a job the user
turned away since it was queued is dropped, and a database error leaves out only the
courtesy parts."""

from __future__ import annotations

from datetime import UTC, datetime

from bot import normalize
from bot.compose import compose
from bot.models import BoardInfo, RawPosting
from bot.store import OutboxItem, Stores

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
INFO = BoardInfo("Acme", "greenhouse", "https://example.com/b", "Acme Pay")


def _item(chat: int = 7) -> OutboxItem:
    raw = RawPosting(external_id="1", title="Rust Engineer", url="/jobs/1", location="Berlin")
    return OutboxItem(1, chat, normalize.posting(raw, INFO), (1,), ("rust",), 0)


def test_a_message_is_the_job_with_what_matched_it(tmp_path) -> None:
    store = Stores.open(tmp_path / "c.db")
    message = compose(store, _item(), NOW)
    assert message is not None and message.plain.startswith("Rust Engineer\nAcme Pay · Berlin")
    assert "Matched your alert “rust”" in message.plain


def test_a_database_error_leaves_out_only_the_courtesy_parts(tmp_path) -> None:
    store = Stores.open(tmp_path / "c.db")
    store.db.conn.close()  # every query now raises sqlite3.ProgrammingError
    message = compose(store, _item(), NOW)
    assert message is not None and message.plain.startswith("Rust Engineer\nAcme Pay · Berlin")
