"""Shared fixtures: a network guard, a real SQLite store, a loopback board server."""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot import process, rates
from bot.store import Stores
from tests.board_server import BoardServer
from tests.fake_telegram import FakeTelegram

FIXTURES = Path(__file__).parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        help="rewrite the golden files of tests/fixtures/sources instead of comparing them",
    )


@pytest.fixture
def regen_golden(request: pytest.FixtureRequest) -> bool:
    """True under `pytest --regen-golden` (tests/golden.py)."""
    return bool(request.config.getoption("--regen-golden"))


_real_connect = socket.socket.connect
_real_getaddrinfo = socket.getaddrinfo


def _is_local(host: object) -> bool:
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(str(host)).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail loudly when a test reaches past loopback (CI has no network anyway)."""

    def connect(self: socket.socket, address: object) -> object:
        if isinstance(address, tuple) and not _is_local(address[0]):
            raise RuntimeError(f"test tried to reach the network: {address!r}")
        return _real_connect(self, address)

    def getaddrinfo(host: object, *args: object, **kw: object) -> object:
        if not _is_local(host):
            raise socket.gaierror(f"test tried to resolve {host!r}: no network in tests")
        return _real_getaddrinfo(host, *args, **kw)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def store(tmp_path: Path) -> Stores:
    s = Stores.open(tmp_path / "jobbot.db")
    yield s
    s.close()


@pytest.fixture
def boards() -> BoardServer:
    server = BoardServer().start()
    yield server
    server.stop()


@pytest.fixture
def now() -> datetime:
    return datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _no_exchange_rates() -> Iterator[None]:
    """The exchange rates in use are per process (`bot.rates`): none leak between tests."""
    rates.use(None)
    yield
    rates.use(None)


@pytest.fixture(autouse=True)
def _root_logging():
    """`jobbot` commands run in tests set up logging on the captured stderr: undo that after."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:], root.level = handlers, level


@pytest.fixture(autouse=True, scope="session")
def _process_environment() -> None:
    """What `jobbot` sets at start-up (bot/process.py), as the bot runs with it."""
    process.environment()


@pytest.fixture(autouse=True)
def _no_env_token(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never pick up the operator's bot token from the environment."""
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)


@pytest.fixture
def tg() -> Iterator[FakeTelegram]:
    """A fake Telegram Bot API over loopback HTTP (tests/fake_telegram.py)."""
    with FakeTelegram() as server:
        yield server
