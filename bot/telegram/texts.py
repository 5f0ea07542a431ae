"""Which answer a text that is no command gets, when the answer reads the user's own state:
"any new jobs?", "why is it so quiet?", "no more crypto jobs", "remove go from alert 1",
"save" in reply to a job. Any other text gets the commands it likely meant (`talk`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime

from bot.store import Stores
from bot.telegram import (
    alert_list,
    alter,
    asked_how,
    delivery_modes,
    followed,
    latest,
    leaveout,
    linked,
    portugues,
    quiet,
    replied,
    talk,
    talk_change,
    talk_home,
    why_asked,
)
from bot.telegram.args import ids_named
from bot.telegram.asked_when import worded
from bot.telegram.commands import Command
from bot.telegram.follow import NONE_FOLLOWED, USAGE
from bot.telegram.tips import dollars
from bot.transport import Incoming, Reply

Answer = Callable[[Stores], Reply]
# "what alerts do I have?", "show me my alerts": the list itself, as /alerts shows it.
_MY_ALERTS = re.compile(
    r"(?:(?:what|which)\s+(?:alerts?\s+(?:do\s+)?i\s+have|are\s+my\s+alerts)|(?:(?:please\s+)?"
    r"(?:show|list|see|view)\s+(?:me\s+)?)?(?:all\s+)?my\s+alerts)(?:\s+please)?[\s?.!]*",
    re.IGNORECASE,
)
# "what companies do I follow?", "which companies am I following": the list, as /following.
MY_FOLLOWS = re.compile(
    r"(?:(?:what|which)\s+(?:companies|boards|employers)\s+(?:do\s+i\s+follow|am\s+i\s+"
    r"following|i\s+follow)|who\s+(?:do\s+i\s+follow|am\s+i\s+following)|(?:(?:please\s+)?"
    r"(?:show|list|see|view)\s+(?:me\s+)?)?(?:the\s+)?(?:companies|boards)\s+i\s+follow|"
    r"(?:(?:please\s+)?(?:show|list|see|view)\s+(?:me\s+)?)?my\s+(?:followed\s+)?"
    r"(?:companies|follows))(?:\s+please)?[\s?.!]*",
    re.IGNORECASE,
)
_DELIVERY = {c.name: c for c in delivery_modes.COMMANDS}  # (what `timed` offers)


def answer(
    msg: Incoming,
    now: datetime,
    limit: int = alter.LIMIT,
    commands: Mapping[str, Command] | None = None,
) -> Answer | None:
    """The answer to `msg`, to run with the stores (off the event loop), or None. `limit`: an
    alert's longest query, as configured (an /edit offered is one /edit takes); `commands`:
    ours, for the offer of a sentence read in the user's own dollar."""
    text = msg.text
    if linked.job_link(text) is not None:  # a job's link, or "why didn't I get <link>?"
        return lambda store: linked.job_link_reply(store, msg, now)
    mine = _portuguese(msg, now, limit, commands) or _listed(text, msg.chat_id, now)
    if mine is not None:  # "apagar alerta 2" (as "delete alert 2"), "what alerts do I have?"
        return mine
    how = _HOW_DO_I.fullmatch(" ".join(text.split()))
    if how is not None and (done := _asked_how(msg, how["rest"], limit)) is not None:
        return done  # "how do I exclude crypto?": its /edits
    if asked_how.is_back(text):  # "I'm back": /resume, or that nothing is paused
        return lambda store: welcome_back(store, msg.chat_id)
    if latest.asks_for_jobs(text):  # "any new jobs?"
        return lambda store: latest.reply(store, msg)
    if quiet.asks(text):  # "why is it so quiet?"
        return lambda store: quiet.reply(store, msg, now)
    if company := leaveout.company(text):  # "no more jobs from Acme"
        return lambda store: leaveout.mute_offer(company)
    if (unwanted := leaveout.unwanted(text)) is not None:  # "no more crypto jobs"
        return lambda store: leaveout.reply(store, msg, unwanted)
    if lives := talk_home.lives_in(text):  # "I live in Munich": their alerts there
        return lambda store: talk_home.there(store, msg, *lives, limit)
    if change := alter.asked(text):  # "remove crypto from alert 1"
        return lambda store: talk_change.changed(store, msg, change, limit)
    if action := replied.said(text):  # "save", replying to a job's message
        return lambda store: replied.reply(store, msg, action, now)
    return _timed(text, msg.chat_id) or _in_passing(msg, limit, commands or {}, now)


def _portuguese(
    msg: Incoming, now: datetime, limit: int, commands: Mapping[str, Command] | None
) -> Answer | None:
    """A text in Portuguese: the answer of the English request it makes ("apagar alerta 2":
    "delete alert 2"), else what talk offers of it, or the reply to talk not read."""
    if (pt := portugues.read(msg.text)) is None:
        return None
    done = answer(pt.incoming(msg), now, limit, commands) if pt.text else None
    return done or (lambda store: pt.offer(commands or {}, store.alerts.alerts(msg.chat_id)))


def _in_passing(
    msg: Incoming, limit: int, commands: Mapping[str, Command], now: datetime
) -> Answer | None:
    """ "co-op roles too", "0-2 yrs": their /edits; "at least $40/hour": read in the dollar
    of the user's /timezone (`talk_change`); "why didn't I get the golang job at Nubank?":
    /why's answer (`why_asked`)."""
    if (job := why_asked.named(msg.text)) is not None:
        return lambda store: why_asked.reply(store, msg, job, now, commands)
    change = talk_change.too_asked(msg.text) or talk_change.years_asked(msg.text)
    if change is not None:
        return lambda store: talk_change.changed(store, msg, change, limit)
    if dollars.bare(msg.text):
        return lambda store: talk_change.in_dollars(store, msg, commands)
    return None


def _listed(text: str, chat_id: int, now: datetime) -> Answer | None:
    """ "what alerts do I have?": the /alerts menu; "what companies do I follow?": the list
    of /following."""
    if _MY_ALERTS.fullmatch(text.strip()):
        return lambda store: alert_list.menu(store, chat_id, 0, now)
    if MY_FOLLOWS.fullmatch(text.strip()):
        return lambda store: following(store, chat_id, now)
    return None


def _timed(text: str, chat_id: int) -> Answer | None:
    """ "weekly digest sunday 8pm", "don't send anything at night": the /digest or /quiet
    `talk` offers, worded for the user's own time zone and quiet hours."""
    if (when := asked_how.timed(" ".join(text.split()))) is None:
        return None
    alone = not when.clocked  # "alert 2 instant pls": `talk` reads "2 instant pls"
    if not alone and talk.suggestion(text, _DELIVERY) != worded(when, None):
        return None  # read as something else ("remote rust jobs, weekly digest")
    return lambda store: worded(when, store.users.settings(chat_id))


def following(store: Stores, chat_id: int, now: datetime) -> str:
    """ "what companies do I follow?": /following's list, or how to follow one."""
    if follows := store.follows.follows(chat_id):
        return followed.following(follows, now)
    return NONE_FOLLOWED + USAGE


# "how do I exclude crypto?", "how can I only get remote jobs?": what they would do, done.
_HOW_DO_I = re.compile(r"how\s+(?:do|can|could|should)\s+i\s+(?P<rest>.{3,80}?)[\s?.!]*", re.I)
_GET = re.compile(r"^(only\s+|just\s+)?(?:get|see|receive)\s+", re.IGNORECASE)
_LEAST_PAY = re.compile(r"\b(?:minimum|min|least|lowest)\s+(?:salary|pay|wage)\b", re.I)


def _asked_how(msg: Incoming, rest: str, limit: int) -> Answer | None:
    """The answer to "how do I <do it>" when <do it> is a change to the alerts: its /edits
    ("exclude crypto", "only get remote jobs", "add scala"), or how to name the least pay."""
    rest = _GET.sub(lambda m: m[1] or "", rest)
    if (unwanted := leaveout.unwanted(rest)) is not None:
        return lambda store: leaveout.reply(store, msg, unwanted)
    if (change := alter.asked(rest)) is not None:
        return lambda store: alter.reply(store, msg, change, limit)
    if _LEAST_PAY.search(rest):
        return lambda store: LEAST_PAY
    return None


LEAST_PAY = (
    "Put the least you want in an alert: <code>salary:&gt;=90k</code> (a currency too: "
    "<code>salary:&gt;=EUR90k</code>), e.g. <code>/alert rust salary:&gt;=90k</code>, or add it "
    "to one with /edit. Jobs that state no salary then do not match; "
    "<code>(salary:&gt;=90k OR salary:none)</code> keeps them."
)


def welcome_back(store: Stores, chat_id: int) -> str:
    """ "I'm back": the /resume that turns paused notifications on, the alerts still paused
    one by one, or that nothing is paused."""
    user = store.users.user(chat_id)
    if user is None or user.state != "active":
        return asked_how.WELCOME_BACK
    if not (paused := sorted(store.alerts.paused_alert_ids(chat_id))):
        return "Welcome back! Your notifications are on already: nothing is paused."
    ids, one = " ".join(map(str, paused)), len(paused) == 1
    return (
        f"Welcome back! Your notifications are on; {'alert' if one else 'alerts'} "
        f"{ids_named(paused)} {'is' if one else 'are'} paused: <code>/resume {ids}</code> "
        f"turns {'it' if one else 'them'} on."
    )
