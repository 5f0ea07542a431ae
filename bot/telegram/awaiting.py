"""What a chat was asked to send next: after the ✏️ Edit button of /alerts, the new query of
that alert. The next text that is no command, within `WAIT`, is taken as it (`/edit 3
<text>`); a command or another press of the menu instead forgets it. Kept in memory: a
restart forgets it, and the prompt also shows the /edit to send."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

WAIT = timedelta(minutes=10)


class Awaiting:
    """The alert each chat was asked the new query of, and when; safe across threads (the
    press runs on a database worker, the text on the event loop)."""

    def __init__(self) -> None:
        self._edits: dict[int, tuple[int, datetime]] = {}
        self._lock = threading.Lock()

    def expect_edit(self, chat_id: int, alert_id: int, now: datetime) -> None:
        with self._lock:
            self._edits[chat_id] = (alert_id, now)

    def take_edit(self, chat_id: int, now: datetime) -> int | None:
        """The alert whose new query the chat's next text is, once; None when none was asked
        for in the last `WAIT`."""
        with self._lock:
            asked = self._edits.pop(chat_id, None)
            for chat, (_, at) in list(self._edits.items()):  # (old asks, never answered)
                if now - at > WAIT:
                    del self._edits[chat]
        return asked[0] if asked and now - asked[1] <= WAIT else None

    def forget(self, chat_id: int) -> None:
        with self._lock:
            self._edits.pop(chat_id, None)
