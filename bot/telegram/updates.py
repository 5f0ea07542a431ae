"""Telegram updates handled concurrently across chats, one at a time and in order within one."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# Updates waiting for their chat's turn hold a slot of PTB's semaphore, so the cap is generous:
# one chat sending a burst must not use up the slots other chats need.
MAX_PENDING_UPDATES = 4096


def chat_key(update: object) -> int | None:
    """The chat (else the user) an update belongs to; None for updates of neither."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Different chats never wait on each other; one chat's updates run one after another.

    PTB starts one task per update in the order received; each waits on its chat's lock,
    and asyncio locks are first come, first served, so a chat's replies keep the order of
    its messages. A lock is dropped once no update of its chat is pending.
    """

    def __init__(self, max_concurrent_updates: int = MAX_PENDING_UPDATES):
        super().__init__(max_concurrent_updates)
        self._chats: dict[int, tuple[asyncio.Lock, list[int]]] = {}  # lock, [pending updates]

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = chat_key(update)
        if key is None:
            await coroutine
            return
        lock, pending = self._chats.setdefault(key, (asyncio.Lock(), [0]))
        pending[0] += 1
        try:
            async with lock:
                await coroutine
        finally:
            pending[0] -= 1
            if not pending[0]:
                del self._chats[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free: PTB waits for the pending updates before it calls this."""
