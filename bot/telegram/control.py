"""/why and /stop (which asks first: the `s:` press route deletes).

/stop's confirm button carries the minute it was asked (`s:y:<minute>`): a press more than
`CONFIRM_FOR` later is stale and deletes nothing; a press in a private chat by anyone but its
user is refused.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import datetime, timedelta

from bot import policy, reached, sources, why, whyhits
from bot.errors import JobbotError
from bot.follow import walled
from bot.models import Button, OutgoingMessage
from bot.render_title import company_cut
from bot.store import AlertRow, JobRecord, Stores
from bot.store.outbox_rows import UNTIL_RESUME
from bot.telegram import pausing, whyname, whyshort
from bot.telegram.args import echo, with_scheme
from bot.telegram.commands import Command
from bot.telegram.split import visible_text
from bot.transport import Incoming, Press, PressAnswer, Reply
from bot.wording import plural, shorten

esc = html.escape
_NOT_LETTERS = re.compile(r"[\W_]+")
CONFIRM_FOR = timedelta(minutes=15)
MARK = {True: "✅", False: "❌"}

WHY = Command(
    "why",
    "<job URL, id or its words>",
    "Why a job did or didn't reach you",
    "/why https://jobs.example.com/123 — or /why (or just why?) as a reply to a job's "
    "message, or the job's words: /why Go Developer Vellum Pay Lisbon (its title, company "
    "and place; several jobs that have them are offered to choose from). For each of your "
    "alerts: matched, or exactly why not (the missing word, the exclusion that hit, the field filter that failed, a muted company, a hidden job, a job "
    "found before the alert, a board's first poll, already sent).",
    "Jobs",
)
STOP = Command(
    "stop",
    "",
    "Unsubscribe and delete your data",
    "Asks to confirm with a button, then unsubscribes you and deletes your alerts, "
    "settings, mutes, saved jobs and history. /start to come back.",
    "Account",
)
COMMANDS = (WHY, STOP)


def _message(text: str, rows: tuple[tuple[Button, ...], ...] = ()) -> OutgoingMessage:
    return OutgoingMessage(text, visible_text(text), rows)


class ControlCommands:
    """The commands above and the `s:` press route; all run on worker threads."""

    def __init__(self, clock: Callable[[], datetime]):
        self.clock = clock

    def routes(self) -> dict[str, Callable[[Stores, Incoming, str], Reply]]:
        return {c.name: getattr(self, f"cmd_{c.name}") for c in COMMANDS}

    # -- /why ------------------------------------------------------------------------------
    def cmd_why(self, store: Stores, msg: Incoming, arg: str) -> str:
        """For each alert: matched, or why not."""
        arg = _the_link(arg)
        if arg:
            job = _find_job(store, arg.split()[0]) if len(arg) <= 2000 else None
        elif msg.reply_to_message_id is not None:
            job = store.jobs.job_by_message(msg.chat_id, msg.reply_to_message_id)
        else:
            return (
                "Send <code>/why &lt;job URL or its title's words&gt;</code>, or reply /why to a "
                "job's message."
            )
        if job is None and arg and not _is_link(arg) and len(arg) <= 2000:
            found, without = whyname.named(store, arg)
            if len(found) > 1 or without:
                return whyname.choices(arg, found, without)
            job = store.jobs.find_job(found[0].key) if found else None
        if job is None:
            return _no_job(arg)
        alerts = store.alerts.alert_rows(msg.chat_id)
        head = self._job_head(job)
        followed = _followed_line(store, msg.chat_id, job)
        if not alerts:
            none = "You have no alerts, so nothing matches. Add one: /alert rust."
            return f"{head}\n{followed or none}"
        verdicts = [self._verdict(store, msg.chat_id, job, a) for a in alerts]
        lines = [head, *whyshort.said_once(verdicts, job.posting)]
        if stop := whyshort.stop_line(alerts, verdicts, job.posting):
            lines.append(stop)
        if followed:
            lines.append(followed)
        if paused := pausing.paused_line(store, msg.chat_id):
            lines.append(paused)
        return "\n".join(lines)

    @staticmethod
    def _job_head(job: JobRecord) -> str:
        """The job's title, company and board; the board only when it is not the company's
        name again ("— Nubank", not "— Nubank (Nubank)")."""
        p = job.posting
        company = f" — {esc(company_cut(p.company, p.board))}" if p.company else ""
        same = p.company and _squashed(p.company) == _squashed(p.board)
        board = "" if same else f" ({esc(p.board)})"
        return f"🔍 <b>{esc(shorten(p.title, 120))}</b>{company}{board}"

    def _verdict(
        self, store: Stores, chat_id: int, job: JobRecord, a: AlertRow
    ) -> whyshort.Verdict:
        """An alert's line (matched or not) and the reasons."""
        explanation = why.explain(a.query, job.posting)
        outbox = store.outbox.outbox_state(chat_id, job.job_key)
        held = outbox.held_until if outbox and outbox.state == "pending" else None
        facts = reached.Facts(
            alert_created=a.created_at,
            alert_edited=a.edited_at,
            first_seen=job.first_seen,
            baseline=job.baseline,
            company_muted=bool(job.posting.company)
            and store.choices.is_muted(chat_id, job.posting.company),
            hidden=store.choices.is_hidden(chat_id, job.job_key),
            alert_paused=a.paused_at is not None,
            alert_id=a.id,
            resume_at=a.resume_at,
            sent_at=outbox.sent_at if outbox and outbox.state == "sent" else None,
            pending=bool(outbox and outbox.state in ("pending", "sending")),
            held_until=held if held and held < UNTIL_RESUME else None,
            held_for_resume=held == UNTIL_RESUME,
            ended=outbox.error if outbox and outbox.state in ("failed", "dropped") else None,
            changed_at=job.changed_at,
            edit=outbox.edit if outbox else None,
            zone=policy.zone(store.users.settings(chat_id).timezone),
        )
        ok, reasons = reached.verdict(explanation, facts)
        label = f"#{a.id} <b>{esc(shorten(a.query, 100))}</b>"
        found = tuple(whyhits.hits(a.query, job.posting)) if explanation.matched else ()
        if not explanation.matched:
            status = "not matched"
        elif ok:
            status = "matched" + whyshort.by(found)
        else:
            status = "matches, but not sent"
        line = f"{MARK[ok]} {label}: {status}"
        return whyshort.Verdict(a.id, line, tuple(reasons), not explanation.matched, found)

    # -- /stop -----------------------------------------------------------------------------
    def cmd_stop(self, store: Stores, msg: Incoming, arg: str) -> Reply:
        """Ask before deleting anything."""
        n = len(store.alerts.alerts(msg.chat_id))
        minute = int(self.clock().timestamp() // 60)
        text = (
            f"This unsubscribes you and deletes your {plural(n, 'alert')}, your "
            "settings, muted companies and history. Are you sure?"
        )
        rows = (
            (
                Button("🗑 Yes, delete everything", data=f"s:y:{minute}"),
                Button("Cancel", data="s:n"),
            ),
        )
        return _message(text, rows)

    def press_stop(self, store: Stores, press: Press, arg: str, now: datetime) -> PressAnswer:
        """`s:y:<minute>` deletes (when fresh, and pressed by the chat's user); `s:n` keeps."""
        if press.chat_id > 0 and press.user_id not in (None, press.chat_id):
            return PressAnswer("This button isn't yours: nothing changed.")
        if arg == "n":
            return PressAnswer("Cancelled", _message("Cancelled: everything is kept."))
        action, _, minute = arg.partition(":")
        if action != "y" or not minute.isascii() or not minute.isdigit() or len(minute) > 12:
            return PressAnswer("This button is not valid: nothing changed.")
        asked = datetime.fromtimestamp(int(minute) * 60, tz=now.tzinfo)
        if not timedelta(minutes=-1) <= now - asked <= CONFIRM_FOR:
            text = "This confirmation has expired: nothing was deleted. Send /stop again."
            return PressAnswer("Expired: nothing deleted", _message(text))
        user = store.users.user(press.chat_id)
        if user is None or user.state == "stopped":
            return PressAnswer("Already done", _message("You are already unsubscribed."))
        store.users.forget_user(press.chat_id, now)
        text = (
            "Unsubscribed. I deleted your alerts, settings, mutes, saved jobs and history. "
            "/start brings you back."
        )
        return PressAnswer("Deleted", _message(text))


def _find_job(store: Stores, text: str) -> JobRecord | None:
    """The job `text` names (a URL, a key, an id); else the one at that address written without
    its scheme, as browsers show it (example.com/jobs/2)."""
    job = store.jobs.find_job(text)
    if job is None and (url := with_scheme(text)) != text:
        job = store.jobs.find_job(url)
    return job


def _no_job(arg: str) -> str:
    """/why of a link or words that name no job stored: of a login-walled site, why; of a
    board jobbot can read, to follow it; else how to ask."""
    if site := walled(with_scheme(arg)):
        return (
            f"I don't read {site}, so I know no job there. The same job is most likely on the "
            "company's own careers page or job board: send <code>/why</code> with its link there."
        )
    if _is_link(arg) and (board := _board_of(arg)):
        return board
    what = f"“{echo(arg, 80)}”" if arg else "that message"
    words = "" if not arg or _is_link(arg) else ", nor an open job with those words"
    return (
        f"I don't know a job for {what}{words}. Send <code>/why</code> with the job's link (its "
        "posting or apply URL) or its title's words, or reply /why to the job's message."
    )


def _the_link(arg: str) -> str:
    """The one link among words ("why didn't I get this? https://…"), or `arg` as it is."""
    words = arg.split() if len(arg) <= 2000 else []
    links = [w for w in words if "://" in w or ("/" in w and _is_link(w))]
    return links[0] if len(links) == 1 and len(words) > 1 else arg


def _board_of(url: str) -> str | None:
    """For the link of a job on a board jobbot can read but has no job of: to follow it."""
    try:
        sources.detect(with_scheme(url.split()[0]))
    except JobbotError:
        return None
    return (
        "I have no job at that link: it is on a job board I don't read (or was closed before "
        f"I read it). <code>/follow {esc(url.split()[0])}</code> reads that company's board; "
        "its new jobs then reach your alerts, and /why knows them."
    )


def _is_link(text: str) -> bool:
    """Whether `text` starts with an address (a job's link), not words naming the job."""
    first = text.split()[0] if text.split() else ""
    return "://" in first or with_scheme(first) != first


def _followed_line(store: Stores, chat_id: int, job: JobRecord) -> str:
    """The line /why adds when the user follows the job's board for every new job: its jobs
    reach them whatever their alerts say."""
    board = job.posting.board
    if not any(f.board.name == board and f.all_jobs for f in store.follows.follows(chat_id)):
        return ""
    return (
        f"🏢 You follow <b>{esc(shorten(board, 60))}</b> for every new job: its new jobs reach "
        "you, alerts or not (/following)."
    )


def _squashed(name: str) -> str:
    """A name without case, spaces or punctuation: board "nubank" is company "Nubank"."""
    return _NOT_LETTERS.sub("", name.casefold())
