"""Which answer a text that is no command gets, when the answer reads the user's own state:
"any new jobs?", "why is it so quiet?", "no more crypto jobs", "remove go from alert 1",
"save" in reply to a job. Any other text gets the commands it likely meant (`talk`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from bot.store import Stores
from bot.telegram import alert_list, alter, latest, leaveout, quiet, replied
from bot.transport import Incoming, Reply

Answer = Callable[[Stores], Reply]
# "what alerts do I have?", "show me my alerts": the list itself, as /alerts shows it.
_MY_ALERTS = re.compile(
    r"(?:(?:what|which)\s+(?:alerts?\s+(?:do\s+)?i\s+have|are\s+my\s+alerts)|(?:(?:please\s+)?"
    r"(?:show|list|see|view)\s+(?:me\s+)?)?(?:all\s+)?my\s+alerts)(?:\s+please)?[\s?.!]*",
    re.IGNORECASE,
)


def answer(msg: Incoming, now: datetime) -> Answer | None:
    """The answer to `msg`, to run with the stores (off the event loop), or None."""
    text = msg.text
    if _MY_ALERTS.fullmatch(text.strip()):  # "what alerts do I have?": the /alerts menu
        return lambda store: alert_list.menu(store, msg.chat_id, 0, now)
    if latest.asks_for_jobs(text):  # "any new jobs?"
        return lambda store: latest.reply(store, msg)
    if quiet.asks(text):  # "why is it so quiet?"
        return lambda store: quiet.reply(store, msg, now)
    if company := leaveout.company(text):  # "no more jobs from Acme"
        return lambda store: leaveout.mute_offer(company)
    if (unwanted := leaveout.unwanted(text)) is not None:  # "no more crypto jobs"
        return lambda store: leaveout.reply(store, msg, unwanted)
    if change := alter.asked(text):  # "remove crypto from alert 1"
        return lambda store: alter.reply(store, msg, change)
    if action := replied.said(text):  # "save", replying to a job's message
        return lambda store: replied.reply(store, msg, action, now)
    return None
