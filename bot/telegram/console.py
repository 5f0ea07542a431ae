"""The console chat: the same handlers, in a terminal, with one local user."""

from __future__ import annotations

import asyncio
import logging
import re
import sys
import threading
from html import unescape
from typing import TextIO

from bot.models import Document, OutgoingMessage
from bot.telegram.transport import Incoming, OnMessage, OnPress, Reply

log = logging.getLogger(__name__)
CONSOLE_CHAT_ID = 1
_TAG = re.compile(r"<a href=\"([^\"]*)\">(.*?)</a>|<[^>]+>", re.S)


def html_to_console(text: str) -> str:
    """Telegram HTML -> terminal text: tags dropped, links shown as 'text (url)'."""

    def repl(m: re.Match) -> str:
        if m.group(1) is not None:
            return f"{m.group(2)} ({m.group(1)})"
        return ""

    return unescape(_TAG.sub(repl, text))


class ConsoleTransport:
    """Reads commands from stdin and prints replies and alerts to stdout."""

    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None):
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self._reader: asyncio.Task | None = None
        self._on_message: OnMessage | None = None

    def _print(self, text: str) -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    async def start(self, on_message: OnMessage | None, on_press: OnPress | None = None) -> None:
        self._on_message = on_message
        if on_message is None:
            return
        self._print(
            "jobbot console chat: you are the one local user. Type /start, then e.g. "
            "/alert rust, and wait for alerts. /help lists the commands; Ctrl-C quits."
        )
        self._reader = asyncio.create_task(self._read(), name="console-reader")

    async def _read(self) -> None:
        loop = asyncio.get_running_loop()
        lines: asyncio.Queue[str] = asyncio.Queue()

        def pump() -> None:  # a daemon thread, so a pending readline never blocks exit
            try:
                for line in iter(self.stdin.readline, ""):
                    loop.call_soon_threadsafe(lines.put_nowait, line)
                loop.call_soon_threadsafe(lines.put_nowait, "")
            except (RuntimeError, ValueError):  # the loop or stdin closed under us: we are exiting
                return

        threading.Thread(target=pump, name="console-stdin", daemon=True).start()
        while True:
            line = await lines.get()
            if not line:
                log.info("console input closed; alerts keep printing here")
                return
            text = line.strip()
            if not text or self._on_message is None:
                continue
            reply = await self._on_message(Incoming(CONSOLE_CHAT_ID, text, CONSOLE_CHAT_ID, "you"))
            if reply:
                await self._show(reply)

    async def _show(self, reply: Reply) -> None:
        """A reply: its text; a file is printed whole; buttons are listed (not pressable)."""
        if isinstance(reply, Document):
            await self.send_document(CONSOLE_CHAT_ID, reply)
            return
        if isinstance(reply, str):
            self._print(html_to_console(reply))
            return
        labels = " ".join(f"[{b.text}]" for row in reply.buttons for b in row if b.data)
        self._print(html_to_console(reply.html) + (f"\n{labels}" if labels else ""))

    async def stop(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            self._reader = None

    async def send(
        self, chat_id: int, message: OutgoingMessage, *, plain: bool = False
    ) -> int | None:
        rule = "─" * 60
        body = message.plain
        for row in message.buttons:
            for button in row:
                if button.url:
                    body += f"\n{button.text}: {button.url}"
        self._print(f"{rule}\n{body}\n{rule}")
        return None

    async def send_document(self, chat_id: int, document: Document) -> int | None:
        """Print the file's name, caption and (text) content."""
        rule = "─" * 60
        body = document.content.decode("utf-8", errors="replace")
        caption = html_to_console(document.caption)
        self._print(f"{rule}\n📎 {document.filename}: {caption}\n{body.rstrip()}\n{rule}")
        return None
