"""The console chat: the same handlers, in a terminal, with one local user.

Callback buttons show as numbered `[3] Not interested`; typing `3` (or `/press 3`) presses one,
which goes through the same press handlers as Telegram's and prints the message as edited."""

from __future__ import annotations

import asyncio
import logging
import re
import sys
import threading
from html import unescape
from typing import TextIO

from bot.models import Document, OutgoingMessage
from bot.transport import Incoming, OnMessage, OnPress, Press, Reply

log = logging.getLogger(__name__)
CONSOLE_CHAT_ID = 1
_TAG = re.compile(r"<a href=\"([^\"]*)\">(.*?)</a>|<[^>]+>", re.S)
_PRESS = re.compile(r"^(?:/press\s+)?\[?(\d{1,9})\]?$")
KEEP_BUTTONS = 1000  # numbered buttons remembered; older ones no longer work


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
        self._on_press: OnPress | None = None
        self._last_id = 0  # message ids, as Telegram would give them
        self._buttons: dict[int, tuple[int, str]] = {}  # number -> (message id, callback data)
        self._next_button = 1
        self._numbers: dict[int, list[int]] = {}  # message id -> its buttons' numbers, in order

    def _print(self, text: str) -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def _show(self, message: OutgoingMessage, message_id: int) -> str:
        """The message as terminal text, its link buttons as URLs, callback buttons numbered.

        An edited message keeps its buttons' numbers, in order, as Telegram keeps the buttons
        themselves where they were: "[3] Mute" still works after "[1] Save" was pressed."""
        numbers = self._numbers.setdefault(message_id, [])
        self._buttons = {n: b for n, b in self._buttons.items() if b[0] != message_id}
        kept = iter(numbers)
        body = html_to_console(message.html)
        for row in message.buttons:
            pressable = []
            for button in row:
                if button.url:
                    body += f"\n{button.text}: {button.url}"
                elif button.data:
                    number = next(kept, None) or self._take_number(numbers)
                    self._buttons[number] = (message_id, button.data)
                    pressable.append(f"[{number}] {button.text}")
            if pressable:
                body += "\n" + "   ".join(pressable)
        for old in sorted(self._buttons)[:-KEEP_BUTTONS]:
            del self._buttons[old]
        live = {b[0] for b in self._buttons.values()}
        self._numbers = {m: ns for m, ns in self._numbers.items() if m in live}
        return body

    def _take_number(self, numbers: list[int]) -> int:
        numbers.append(self._next_button)
        self._next_button += 1
        return numbers[-1]

    def _new_id(self) -> int:
        self._last_id += 1
        return self._last_id

    async def start(self, on_message: OnMessage | None, on_press: OnPress | None = None) -> None:
        self._on_message = on_message
        self._on_press = on_press
        if on_message is None:
            return
        self._print(
            "jobbot console chat: you are the one local user. Type /start, then e.g. "
            "/alert rust, and wait for alerts. Type a button's number to press it. /help lists "
            "the commands; Ctrl-C quits."
        )
        self._reader = asyncio.create_task(self._read(), name="console-reader")

    async def _read(self) -> None:
        loop = asyncio.get_running_loop()
        lines: asyncio.Queue[str] = asyncio.Queue()

        def pump() -> None:  # a daemon thread, so a pending readline never blocks exit
            try:
                try:
                    for line in iter(self.stdin.readline, ""):
                        loop.call_soon_threadsafe(lines.put_nowait, line)
                except OSError:  # the terminal went away (EIO): its input ended, as at EOF
                    pass
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
            if text:
                await self.type(text)

    async def type(self, text: str) -> None:
        """One line the console user typed: a button's number, or a message to the bot."""
        if (m := _PRESS.match(text)) is not None:
            return await self.press(int(m[1]))
        if self._on_message is None:
            return
        reply = await self._on_message(Incoming(CONSOLE_CHAT_ID, text, CONSOLE_CHAT_ID, "you"))
        if reply:
            self._reply(reply)

    def _reply(self, reply: Reply) -> None:
        if isinstance(reply, Document):
            self._document(reply)
            return
        if isinstance(reply, str):
            reply = OutgoingMessage(reply, html_to_console(reply))
        self._print(self._show(reply, self._new_id()))

    async def press(self, number: int) -> None:
        """Press button [number]: the handlers answer, and its message is shown as edited."""
        button = self._buttons.get(number)
        if button is None or self._on_press is None:
            self._print(f"There is no button [{number}] (any more).")
            return
        message_id, data = button
        answer = await self._on_press(Press(CONSOLE_CHAT_ID, message_id, data, CONSOLE_CHAT_ID))
        if answer.toast:
            self._print(f"» {answer.toast}")
        if answer.edit is not None:
            rule = "┄" * 60
            self._print(f"{rule}\n(edited)\n{self._show(answer.edit, message_id)}\n{rule}")

    async def send_document(self, chat_id: int, document: Document) -> int | None:
        """Print the file's name, caption and (text) content."""
        self._document(document)
        return self._new_id()

    def _document(self, document: Document) -> None:
        rule = "─" * 60
        body = document.content.decode("utf-8", errors="replace")
        caption = html_to_console(document.caption)
        self._print(f"{rule}\n📎 {document.filename}: {caption}\n{body.rstrip()}\n{rule}")

    async def stop(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            self._reader = None

    async def send(
        self, chat_id: int, message: OutgoingMessage, *, plain: bool = False
    ) -> int | None:
        rule = "─" * 60
        message_id = self._new_id()
        self._print(f"{rule}\n{self._show(message, message_id)}\n{rule}")
        return message_id
