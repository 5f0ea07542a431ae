"""A text that asks why no job came ("why is it so quiet?", "I haven't received any jobs
today", "is the bot working?"): what decides it for this user, from their own state (a digest,
quiet hours and weekends, jobs waiting, when the boards were last read) above the /alerts menu,
which counts what each alert sent in 7 days, says whether notifications are paused, and whose
🔎 shows what holds an alert back. A user who is not subscribed (never, /stop, or the bot blocked)
is told so, and how to come back, not "I'm working"."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from bot.models import OutgoingMessage
from bot.policy import fmt_minutes, weekend_ends
from bot.store import Stores
from bot.telegram import alert_list
from bot.telegram.admin import ago
from bot.transport import Incoming, Reply
from bot.wording import plural

STALE = timedelta(hours=1)  # no board read for so long: reading fails, say so
_ASKS = re.compile(
    r"(?:hi|hey|hello)?[\s,!.]*(?:"
    r"why\s+(?:is\s+it|it'?s|so)\s+(?:so\s+)?quiet"
    r"|why\s+(?:am\s+i|are\s+you|is\s+it|do\s+i|don'?t\s+i|have\s*n'?t\s+i)\s+(?:not\s+)?"
    r"(?:getting|get|sending|send|receiving|received|got)\s+(?:any(?:thing)?|no)\b.*"
    r"|why\s+(?:no|nothing)(?:\s+(?:jobs?|alerts?|messages?))?(?:\s+(?:today|yet|lately))?"
    r"|i\s*(?:have\s*n'?t|have\s+not|did\s*n'?t|did\s+not|do\s*n'?t|do\s+not|'?m\s+not|am\s+not)\s+"
    r"(?:get|got|gotten|receive|received|receiving|getting|seen|see)\s+(?:any(?:thing)?|a\s+single|"
    r"no)\b.*"
    r"|(?:are\s+you|is\s+(?:the\s+)?bot|is\s+(?:it|this))\s+(?:still\s+)?(?:working|alive|running|"
    r"broken|dead|down|on)"
    r"|(?:the\s+)?bot\s+(?:is\s*n'?t|is\s+not|'?s\s+not|does\s*n'?t|does\s+not)\s+(?:working|work)"
    r"|(?:the\s+)?bot\s+(?:is|'?s)\s+(?:broken|dead|down)"
    r"|no\s+(?:new\s+)?(?:jobs?|alerts?|messages?)\s+(?:today|yet|lately|recently|this\s+week)"
    r"|(?:still\s+)?nothing(?:\s+(?:is\s+)?(?:coming|came|arrived|arriving|yet|today))?"
    r"|(?:it'?s|it\s+is|it\s+has\s+been|it'?s\s+been)\s+(?:so\s+|very\s+|really\s+)?quiet"
    r"|did\s+you\s+stop(?:\s+working)?"
    r"|(?:you\s+)?(?:have\s+)?stopped\s+(?:sending|working)\b.*"
    r"|nothing\s+new|no\s+new\s+(?:jobs?|alerts?|messages?)"
    r"|(?:i\s+)?have\s*n'?t\s+heard\s+from\s+you\b.*"
    r"|where\s+are\s+(?:my|the)\s+(?:jobs|alerts|messages|notifications)"
    r"|(?:i'?m\s+)?still\s+waiting(?:\s+for\s+(?:jobs|alerts|anything))?"
    r"|am\s+i\s+(?:still\s+)?(?:subscribed|signed\s+up|on\s+the\s+list)"
    r")[\s?!.]*",
    re.IGNORECASE,
)


def asks(text: str) -> bool:
    """Whether `text` asks why no job came, or whether the bot works."""
    return len(text) <= 120 and _ASKS.fullmatch(" ".join(text.split())) is not None


# Why a user who is not subscribed gets no job, by their state (None: never subscribed).
NOT_SUBSCRIBED = {
    None: "You're not subscribed, so no jobs come to you. Send /start, then add an alert.",
    "stopped": "You're not subscribed: you sent /stop, so no jobs come to you. Send /start to "
    "come back, then add your alerts again.",
    "blocked": "You're not subscribed: Telegram told me you had blocked the bot, so no jobs "
    "came. Send /start to get them again.",
}


def reply(store: Stores, msg: Incoming, now: datetime) -> Reply:
    """What decides whether jobs come to this user, then their alerts (the /alerts menu)."""
    chat_id = msg.chat_id
    user = store.users.user(chat_id)
    if user is None or user.state in NOT_SUBSCRIBED:
        return NOT_SUBSCRIBED[user.state if user else None]
    return _subscribed(store, chat_id, now)


def _subscribed(store: Stores, chat_id: int, now: datetime) -> OutgoingMessage:
    settings = store.users.settings(chat_id)
    lines = [
        "I'm working. A job comes as soon as a board I read posts one that an alert of yours "
        "matches."
    ]
    read = [b.last_success_at for b in store.boards.all(enabled_only=True) if b.last_success_at]
    if read and now - max(read) > STALE:  # every board failing: not "working"
        lines[0] = (
            f"⚠️ I last read the boards {ago(max(read), now)}: reading them fails now, and the "
            "bot's admins are told. Jobs posted meanwhile come once it works again."
        )
    elif read:
        lines[0] += f" I last read the boards {ago(max(read), now)}."
    if settings.mode != "instant":
        lines.append(f"📬 Your jobs come in {settings.how()} (/digest off: each as it arrives).")
    if settings.quiet:
        start, end = (fmt_minutes(m) for m in settings.quiet)
        lines.append(f"🌙 Quiet hours: {start}–{end}, your time (/quiet off).")
    if settings.quiet_weekends:
        monday = fmt_minutes(weekend_ends(settings))
        lines.append(f"🌙 Quiet weekends: Saturday 00:00 to Monday {monday} (/quiet weekends off).")
    held, _ = store.held.held_count(chat_id)
    if held:
        lines.append(f"Waiting for a summary: {plural(held, 'job')}.")
    lines.append("Each alert's 🔎 shows what it matched in 7 days, or what holds it back.")
    return alert_list.menu(store, chat_id, 0, now, note="\n".join(lines))
