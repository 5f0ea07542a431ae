"""The buttons of a job's message: `☆ Save` in row 1; in row 2 `Not interested`, `Mute
<company>`, `Pause alert`, and their Undo (/mute, /muted and /unmute are in `muting.py`;
/saved and /unsave in `saving.py`).

Callback data (built in `bot.job_buttons`) names the delivery: `jh:<id>` hides the job, `jm:<id>`
mutes its company, `jp:<id>` pauses the matched alert (with several, it first offers a choice:
`jp:<id>:<alert>`), `ju:<h|m|p>:<id>[:<alert>]` undoes, `jb:<id>` goes back, `js:<id>`
saves the job or forgets it. A press counts only when that delivery is the presser's chat's
and the press came from the very message it was sent as (see `owned`); anything else answers
"This button no longer works" and changes nothing.
"""

from __future__ import annotations

import html
import re
from datetime import datetime

from bot import compose, job_buttons, render
from bot.models import Alert, Button, OutgoingMessage, Posting
from bot.render_title import company_cut
from bot.store import SentJob, Stores
from bot.store.saved import MOST
from bot.telegram.presses import STALE, PressRoute
from bot.transport import Press, PressAnswer
from bot.wording import shorten

esc = html.escape
_ID = re.compile(r"^[1-9][0-9]{0,18}$")
_MAX_ID = 2**63 - 1  # SQLite's INTEGER
CHOICES = 10  # alerts offered by a Pause alert choice


def ids(rest: str, count: int) -> tuple[int, ...] | None:
    """`count` positive ids separated by ":", or None when the data is anything else."""
    parts = rest.split(":")
    if len(parts) != count or not all(_ID.match(p) for p in parts):
        return None
    values = tuple(int(p) for p in parts)
    return values if max(values) <= _MAX_ID else None


def owned(store: Stores, press: Press, delivery_id: int) -> SentJob | None:
    """The delivery, if the press may act on it: the presser's chat's, pressed under the message
    it was sent as, and in a private chat pressed by that very user."""
    job = store.outbox.sent_job(delivery_id)
    if job is None or job.chat_id != press.chat_id or job.message_id != press.message_id:
        return None
    if press.chat_id > 0 and press.user_id is not None and press.user_id != press.chat_id:
        return None
    return job


def original(store: Stores, job: SentJob, now: datetime) -> OutgoingMessage | None:
    """The job's message as it was sent, with its buttons (None if the posting is gone)."""
    posting = store.listings.posting(job.posting_key)
    if posting is None:
        return None
    queries = job.queries  # as its message named them: an alert edited since changes nothing
    if queries is None:  # sent before jobbot kept them
        queries = tuple(a.query for a in store.alerts.alerts(job.chat_id) if a.id in job.alert_ids)
    edit = (job.edit, job.created_at) if job.edit is not None else None
    sent = compose.Delivered(job.id, queries, not job.alert_ids, edit)
    extra = compose.courtesy(store.jobs, store.users, job.chat_id, job.posting_key)
    saved = store.saved.is_saved(job.chat_id, job.posting_key)
    return compose.message(posting, sent, extra, now, saved)


def _noted(
    message: OutgoingMessage, note: str, rows: tuple[tuple[Button, ...], ...]
) -> OutgoingMessage:
    """The message with `note` (HTML) under it and row 2 replaced by `rows`."""
    links = message.buttons[:1] if message.buttons and _links_row(message.buttons[0]) else ()
    plain = html.unescape(re.sub(r"<[^>]+>", "", note))
    return OutgoingMessage(f"{message.html}\n\n{note}", f"{message.plain}\n\n{plain}", links + rows)


def _links_row(row: tuple[Button, ...]) -> bool:
    """Whether `row` is row 1: links, and the Save button."""
    return all(b.url or (b.data or "").startswith(f"{job_buttons.SAVE}:") for b in row)


def _undo(kind: str, job: SentJob, *more: int) -> tuple[tuple[Button, ...], ...]:
    data = ":".join([job_buttons.UNDO, kind, str(job.id), *map(str, more)])
    return ((Button("↩️ Undo", data=data),),)


def hide(store: Stores, press: Press, rest: str, now: datetime) -> PressAnswer:
    """Not interested: this job (and its copies on other boards) never comes back."""
    parsed = ids(rest, 1)
    job = owned(store, press, parsed[0]) if parsed else None
    message = original(store, job, now) if job else None
    if job is None or message is None:
        return STALE
    store.choices.hide_job(job.chat_id, store.jobs.job_key(job.posting_key), now)
    title = message.html.split("\n", 1)[0]
    note = "🙈 Hidden: you won't see this job again, also not in /search."
    folded = OutgoingMessage(title, html.unescape(re.sub(r"<[^>]+>", "", title)))
    return PressAnswer("Hidden.", _noted(folded, note, _undo("h", job)))


def mute(store: Stores, press: Press, rest: str, now: datetime) -> PressAnswer:
    """Mute <company>: no more jobs from this company."""
    parsed = ids(rest, 1)
    job = owned(store, press, parsed[0]) if parsed else None
    message = original(store, job, now) if job else None
    posting = store.listings.posting(job.posting_key) if job else None
    if job is None or message is None or posting is None or not posting.company.strip():
        return STALE
    store.choices.mute_company(job.chat_id, posting.company, now)
    return PressAnswer(f"Muted {_company(posting)}.", _muted(message, job, posting))


def _muted(message: OutgoingMessage, job: SentJob, posting: Posting) -> OutgoingMessage:
    name = esc(_company(posting))
    note = f"🔇 Muted <b>{name}</b>: no more jobs from them. /muted lists, /unmute undoes."
    return _noted(message, note, _undo("m", job))


def _company(posting: Posting) -> str:
    """The company as the job's message shows it."""
    return company_cut(posting.company, posting.board)


def pause(store: Stores, press: Press, rest: str, now: datetime) -> PressAnswer:
    """Pause alert: the matched alert; with several, first a choice of which."""
    parsed = ids(rest, 1) or ids(rest, 2)
    job = owned(store, press, parsed[0]) if parsed else None
    message = original(store, job, now) if job else None
    if job is None or message is None or parsed is None:
        return STALE
    alerts = [a for a in store.alerts.alerts(job.chat_id) if a.id in job.alert_ids]
    if len(parsed) == 1 and len(alerts) > 1:
        rows = tuple(
            (
                Button(
                    f"⏸ #{a.id} {shorten(a.query, 40)}", data=f"{job_buttons.PAUSE}:{job.id}:{a.id}"
                ),
            )
            for a in alerts[:CHOICES]
        )
        rows += ((Button("Cancel", data=f"{job_buttons.BACK}:{job.id}"),),)
        return PressAnswer("", _noted(message, "Which alert should I pause?", rows))
    chosen = [a for a in alerts if len(parsed) == 1 or a.id == parsed[1]]
    if not chosen and (len(parsed) == 1 or parsed[1] in job.alert_ids):
        return PressAnswer("That alert was deleted: nothing to pause. /alerts lists yours.")
    if not chosen:
        return STALE
    alert = chosen[0]
    store.alerts.set_alert_paused(job.chat_id, alert.id, now)
    return PressAnswer(f"Paused alert #{alert.id}.", _paused(message, job, alert))


def _paused(message: OutgoingMessage, job: SentJob, alert: Alert) -> OutgoingMessage:
    query = esc(shorten(alert.query, 60))
    note = (
        f"⏸ Paused alert #{alert.id} <b>{query}</b>: nothing is sent until /resume {alert.id}; "
        "what it matches meanwhile comes then, in one summary. For a time instead: "
        f"<code>/pause {alert.id} 2w</code>."
    )
    return _noted(message, note, _undo("p", job, alert.id))


def undo(store: Stores, press: Press, rest: str, now: datetime) -> PressAnswer:
    """Undo a hide, mute or pause: the previous state, and the message as it was sent."""
    kind, _, rest = rest.partition(":")
    parsed = ids(rest, 2 if kind == "p" else 1) if kind in ("h", "m", "p") else None
    job = owned(store, press, parsed[0]) if parsed else None
    message = original(store, job, now) if job else None
    posting = store.listings.posting(job.posting_key) if job else None
    if job is None or message is None or posting is None or parsed is None:
        return STALE
    if kind == "h":
        store.choices.unhide_job(job.chat_id, store.jobs.job_key(job.posting_key))
        toast = "This job is back."
    elif kind == "m":
        store.choices.unmute_company(job.chat_id, posting.company)
        toast = f"{_company(posting)} unmuted."
    else:
        if parsed[1] not in job.alert_ids or not store.alerts.set_alert_paused(
            job.chat_id, parsed[1], None
        ):
            return STALE
        toast = f"Alert #{parsed[1]} resumed."
    return PressAnswer(toast, message)


def save(store: Stores, press: Press, rest: str, now: datetime) -> PressAnswer:
    """☆ Save: keep the job in /saved; ★ Saved, pressed again: forget it."""
    parsed = ids(rest, 1)
    job = owned(store, press, parsed[0]) if parsed else None
    posting = store.listings.posting(job.posting_key) if job else None
    if job is None or posting is None:
        return STALE
    if store.saved.is_saved(job.chat_id, job.posting_key):
        store.saved.unsave(job.chat_id, job.posting_key)
        toast = "Removed from /saved."
    elif store.saved.save(job.chat_id, posting, now, render.job_details(posting)):
        toast = "Saved: /saved lists the jobs you saved."
    else:
        return PressAnswer(f"You have {MOST} saved jobs, the most. /unsave some first.")
    message = original(store, job, now)
    return PressAnswer(toast, _as_left(store, job, posting, message)) if message else STALE


def _as_left(
    store: Stores, job: SentJob, posting: Posting, message: OutgoingMessage
) -> OutgoingMessage:
    """The message with the note a mute or pause left under it (and its Undo), while the
    company is still muted or the alert still paused: Save keeps them."""
    if posting.company.strip() and store.choices.is_muted(job.chat_id, posting.company):
        return _muted(message, job, posting)
    paused = store.alerts.paused_alert_ids(job.chat_id) & set(job.alert_ids)
    alert = next((a for a in store.alerts.alerts(job.chat_id) if a.id in paused), None)
    return _paused(message, job, alert) if alert is not None else message


def back(store: Stores, press: Press, rest: str, now: datetime) -> PressAnswer:
    """Cancel a choice: the message as it was sent, nothing changed."""
    parsed = ids(rest, 1)
    job = owned(store, press, parsed[0]) if parsed else None
    message = original(store, job, now) if job else None
    return PressAnswer("", message) if message else STALE


PRESSES: dict[str, PressRoute] = {
    job_buttons.HIDE: hide,
    job_buttons.MUTE: mute,
    job_buttons.PAUSE: pause,
    job_buttons.UNDO: undo,
    job_buttons.BACK: back,
    job_buttons.SAVE: save,
}
