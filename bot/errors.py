"""The exceptions jobbot raises, translated once at the edge where they enter.

JobbotError
├── ConfigError          the config file has problems (lists every one, with its path)
├── FetchError           a board could not be fetched
│   ├── BoardUnreachable     DNS, connect, TLS or timeout
│   ├── BoardHTTPError       the board answered an error status
│   ├── ResponseTooLarge     the body passed the size cap
│   └── BadResponse          the answer breaks HTTP: redirect loop, undecodable body
├── ParseError           a response is not in the shape its source expects
├── DetectError          a URL is not a board jobbot recognises
│   └── UnsupportedBoard     recognised (Eightfold, classic iCIMS...), but cannot be read
├── QueryError           an alert query that cannot be used
├── StorageError         the database is missing, corrupt, locked by another jobbot, or full
│   ├── StoreBusy            locked by another writer, or the disk is full: try again soon
│   └── StorageSetupError    its files need an operator's hand (owner, folder, a newer jobbot's
│                            schema): a restart cannot mend it, so `run` exits 2
└── SendError            Telegram (or the console) did not take a message
    ├── ChatBlocked          403: the user blocked the bot, or the chat is gone
    ├── RateLimited          429: wait retry_after seconds
    ├── ChatMigrated         the group became a supergroup with a new id
    ├── MessageRejected      400: the message itself is wrong
    │   └── BadMarkup            can't parse entities: resend as plain text
    ├── TokenRejected        401/404: the bot token is refused; pause all sending
    └── TransientSendError   5xx, network error, timeout: retry later

The database is the one edge not wrapped while the bot runs: opening it (`store.db`) raises
StorageError, and the command worker (`telegram/dbworker.py`) answers a locked or full one as
StoreBusy, but a query that fails later raises sqlite3.Error itself. The engine catches that
where one failure must not stop the rest (a poll's board, a delivery's courtesy parts, one
notice), logs it once, and carries on. `except Exception` is only a bulkhead around one unit
of work (one board, posting, command, press or delivery, or a step of shutting down): a bug
there is logged and the others go on.
"""

from __future__ import annotations


class JobbotError(Exception):
    """Base of every error jobbot raises on purpose."""


class ConfigError(JobbotError):
    """The configuration has one or more problems, each with its dotted path."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class FetchError(JobbotError):
    """A board could not be fetched."""


class BoardUnreachable(FetchError):
    """DNS, connection, TLS or timeout failure."""


class NoSuchHost(BoardUnreachable):
    """DNS answered that the host's name does not exist (not that it could not be asked)."""


class BoardHTTPError(FetchError):
    """The board answered with an error status."""

    def __init__(self, status: int, message: str, retry_after: float | None = None):
        self.status = status
        self.retry_after = retry_after
        super().__init__(message)


class ResponseTooLarge(FetchError):
    """The response body passed the configured size cap."""


class BadResponse(FetchError):
    """The board's answer breaks HTTP: a redirect loop, a body that does not decode, a
    protocol error. The board's fault, like an error status."""


class ForbiddenHost(FetchError):
    """The URL resolves to a loopback, private or link-local address, which chat may not use."""


class ParseError(JobbotError):
    """A response is not in the shape its source expects."""


class DetectError(JobbotError):
    """A URL is not a job board jobbot recognises."""


class QueryError(JobbotError):
    """An alert query that cannot be used; the message says why."""


def at(pos: int) -> str:
    """Where in a query, for a QueryError's message."""
    return f"at character {pos + 1}"


class UnknownField(QueryError):
    """A field jobbot does not have, at `start`-`end` of the query ("level:"): `instead` is
    what it most likely meant in its place ("title:"; "" for the bare word), None if none."""

    def __init__(self, message: str, start: int, end: int, instead: str | None) -> None:
        super().__init__(message)
        self.start, self.end, self.instead = start, end, instead


class StorageError(JobbotError):
    """The database cannot be used: missing, corrupt, held by another jobbot, or the disk is
    full. The message says which, and what to do."""


class StoreBusy(StorageError):
    """The database is locked by another writer, or the disk is full: worth trying again soon."""


class StorageSetupError(StorageError):
    """The database's files cannot be used as they are set up: a file or folder this user
    cannot write, a schema a newer jobbot wrote. A restart cannot mend it (exit status 2, as
    for a configuration fault); the message names the file and the fix."""


class SendError(JobbotError):
    """A message was not delivered."""


class ChatBlocked(SendError):
    """The user blocked the bot, deactivated, or the chat no longer exists."""


class RateLimited(SendError):
    """Telegram asked us to wait `retry_after` seconds."""

    def __init__(self, retry_after: float, message: str = "rate limited"):
        self.retry_after = retry_after
        super().__init__(f"{message} (retry after {retry_after:g}s)")


class ChatMigrated(SendError):
    """A group was migrated to a supergroup; messages go to `new_chat_id` now."""

    def __init__(self, new_chat_id: int):
        self.new_chat_id = new_chat_id
        super().__init__(f"chat migrated to {new_chat_id}")


class MessageRejected(SendError):
    """Telegram refused this message as such (400)."""


class BadMarkup(MessageRejected):
    """Telegram could not parse the message's HTML entities."""


class TokenRejected(SendError):
    """Telegram refused the bot token (401 Unauthorized, 404 Not Found): no message can go out
    until it accepts it again, and no message is to blame."""


class TransientSendError(SendError):
    """A server error, network error or timeout: worth retrying later."""


class UnsupportedBoard(DetectError):
    """The URL is a board jobbot recognises but cannot read (no public job feed)."""
