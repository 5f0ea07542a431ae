"""/why, /export, /import and /stop (which asks first: the `s:` press route deletes).

/stop's confirm button carries the minute it was asked (`s:y:<minute>`): a press more than
`CONFIRM_FOR` later is stale and deletes nothing; a press in a private chat by anyone but its
user is refused.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime, timedelta

from bot import policy, transfer, why
from bot.config import AlertsConfig, FollowConfig
from bot.models import AlertSpec, Button, Document, OutgoingMessage
from bot.render import plural, shorten
from bot.store import AlertRow, JobRecord, Keep, Stores
from bot.store.outbox import UNTIL_RESUME
from bot.telegram import pausing
from bot.telegram.args import echo, with_scheme
from bot.telegram.commands import Command
from bot.telegram.split import visible_text
from bot.transport import Incoming, Press, PressAnswer, Reply

esc = html.escape
CONFIRM_FOR = timedelta(minutes=15)
MARK = {True: "✅", False: "❌"}

COMMANDS = (
    Command(
        "why",
        "<job URL or id>",
        "Why a job did or didn't reach you",
        "/why https://jobs.example.com/123 — or /why (or just why?) as a reply to a job's "
        "message. For each of your alerts: matched, or exactly why not (the missing word, the "
        "exclusion that hit, the field filter that failed, a muted company, a hidden job, a job "
        "found before the alert, a board's first poll, already sent).",
        "Jobs",
    ),
    Command(
        "export",
        "",
        "Save your alerts and settings",
        "Sends your alerts (and which are paused), delivery settings, muted companies, the "
        "companies you follow and the jobs you saved as a JSON file. Reply to it with /import "
        "to restore them, here or on another bot.",
        "Account",
    ),
    Command(
        "import",
        "",
        "Restore from an /export file",
        "Reply to an /export file with /import (or send /import followed by its JSON text). "
        "Everything is checked first: a bad file changes nothing and I say what's wrong. "
        "Alerts you already have are not doubled. Companies you followed are followed again "
        "where this bot already reads their board; for the others I list the /follow to send.",
        "Account",
    ),
    Command(
        "stop",
        "",
        "Unsubscribe and delete your data",
        "Asks to confirm with a button, then unsubscribes you and deletes your alerts, "
        "settings, mutes, saved jobs and history. /start to come back.",
        "Account",
    ),
)


def _message(text: str, rows: tuple[tuple[Button, ...], ...] = ()) -> OutgoingMessage:
    return OutgoingMessage(text, visible_text(text), rows)


class ControlCommands:
    """The commands above and the `s:` press route; all run on worker threads."""

    def __init__(
        self,
        limits: AlertsConfig,
        clock: Callable[[], datetime],
        follow_quota: int = FollowConfig.max_per_user,
    ):
        self.limits = limits
        self.clock = clock
        self.follow_quota = follow_quota

    def routes(self) -> dict[str, Callable[[Stores, Incoming, str], Reply]]:
        return {c.name: getattr(self, f"cmd_{c.name}") for c in COMMANDS}

    # -- /why ------------------------------------------------------------------------------
    def cmd_why(self, store: Stores, msg: Incoming, arg: str) -> str:
        """For each alert: matched, or why not."""
        if arg:
            job = _find_job(store, arg.split()[0]) if len(arg) <= 2000 else None
        elif msg.reply_to_message_id is not None:
            job = store.jobs.job_by_message(msg.chat_id, msg.reply_to_message_id)
        else:
            return "Send <code>/why &lt;job URL or id&gt;</code>, or reply /why to a job's message."
        if job is None:
            what = f"“{echo(arg, 80)}”" if arg else "that message"
            return (
                f"I don't know a job for {what}. Send <code>/why</code> with the job's link "
                "(its posting or apply URL), or reply /why to the job's message."
            )
        alerts = store.alerts.alert_rows(msg.chat_id)
        head = self._job_head(job)
        followed = _followed_line(store, msg.chat_id, job)
        if not alerts:
            none = "You have no alerts, so nothing matches. Add one: /alert rust."
            return f"{head}\n{followed or none}"
        lines = [head, *(self._alert_line(store, msg.chat_id, job, a) for a in alerts)]
        if followed:
            lines.append(followed)
        if paused := pausing.paused_line(store, msg.chat_id):
            lines.append(paused)
        return "\n".join(lines)

    @staticmethod
    def _job_head(job: JobRecord) -> str:
        p = job.posting
        company = f" — {esc(shorten(p.company, 60))}" if p.company else ""
        return f"🔍 <b>{esc(shorten(p.title, 120))}</b>{company} ({esc(p.board)})"

    def _alert_line(self, store: Stores, chat_id: int, job: JobRecord, a: AlertRow) -> str:
        explanation = why.explain(a.query, job.posting)
        outbox = store.outbox.outbox_state(chat_id, job.job_key)
        held = outbox.held_until if outbox and outbox.state == "pending" else None
        facts = why.Facts(
            alert_created=a.created_at,
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
            zone=policy.zone(store.users.settings(chat_id).timezone),
        )
        ok, reasons = why.verdict(explanation, facts)
        label = f"#{a.id} <b>{esc(shorten(a.query, 100))}</b>"
        if not explanation.matched:
            status = "not matched"
        elif ok:
            status = "matched"
        else:
            status = "matches, but not sent"
        text = f"{MARK[ok]} {label}: {status}"
        return text + "".join(f"\n   • {esc(r)}" for r in reasons)

    # -- /export and /import ---------------------------------------------------------------
    def cmd_export(self, store: Stores, msg: Incoming, arg: str) -> Reply:
        """The user's alerts, settings, mutes, follows and saved jobs as a JSON file."""
        alerts = [
            AlertSpec(a.query, a.paused_at is not None, a.delivery, a.resume_at)
            for a in store.alerts.alert_rows(msg.chat_id)
        ]
        muted = store.choices.muted_companies(msg.chat_id)
        follows = [
            transfer.FollowSpec(f.board.url, f.board.kind, f.board.endpoint, f.all_jobs)
            for f in store.follows.follows(msg.chat_id)
        ]
        saved = [
            transfer.SavedSpec(
                j.posting_key, j.title, j.company, j.url, j.saved_at, j.details, j.applied_at
            )
            for j in store.saved.saved(msg.chat_id)
        ]
        now = self.clock()
        content = transfer.write(
            alerts,
            store.users.settings(msg.chat_id),
            store.users.hourly_cap(msg.chat_id),
            muted,
            now,
            follows,
            saved,
        )
        caption = (
            f"Your {plural(len(alerts), 'alert')}, settings, "
            f"{len(muted)} muted compan{'ies' if len(muted) != 1 else 'y'}, "
            f"{len(follows)} followed compan{'ies' if len(follows) != 1 else 'y'} and "
            f"{plural(len(saved), 'saved job')}. "
            "Reply to this file with /import to restore them."
        )
        return Document(f"jobbot-export-{now:%Y-%m-%d}.json", content, caption)

    def cmd_import(self, store: Stores, msg: Incoming, arg: str) -> str:
        """Restore an export after checking all of it."""
        if msg.document_error:
            return f"I can't read that file: {esc(msg.document_error)}. Nothing changed."
        text = arg or msg.document
        if not text:
            return "Reply to your /export file with /import, or send /import followed by its text."
        have = [a.query for a in store.alerts.alerts(msg.chat_id)]
        try:
            backup = transfer.read(text, self.limits, have)
        except transfer.ImportProblem as exc:
            problems = "\n".join(f"• {esc(shorten(p, 300))}" for p in exc.problems[:20])
            more = f"\n…and {len(exc.problems) - 20} more" if len(exc.problems) > 20 else ""
            return f"I can't import that, so nothing changed:\n{problems}{more}"
        user = store.users.user(msg.chat_id)
        if user is None or user.state in ("stopped", "blocked"):
            store.users.subscribe(msg.chat_id, self.clock(), msg.username, msg.first_name)
        added = store.import_user_data(
            msg.chat_id, backup.alerts, backup.settings, backup.hourly_cap, backup.muted,
            self.clock(),
        )  # fmt: skip
        kept = len(backup.alerts) - added
        lines = [f"✅ Imported {plural(added, 'alert')}"]
        if kept:
            lines[0] += f" ({kept} you already had)"
        if backup.settings is not None:
            lines.append(f"Delivery: {esc(backup.settings.describe())}")
        if backup.muted:
            lines.append(f"Muted companies: {len(backup.muted)}")
        if backup.saved:
            jobs = [
                Keep(j.key, j.title, j.company, j.url, j.saved_at, j.details, j.applied_at)
                for j in backup.saved
            ]
            restored = store.saved.restore(msg.chat_id, jobs)
            lines.append(f"Saved jobs: {restored} added (/saved)")
        if backup.follows:
            lines += self._refollow(store, msg.chat_id, backup.follows)
        return "\n".join(lines) + "\n/alerts lists your alerts."

    def _refollow(
        self, store: Stores, chat_id: int, specs: tuple[transfer.FollowSpec, ...]
    ) -> list[str]:
        """Follow again each board this bot already reads (no fetch); list the /follow to send
        for the rest (a new board is read once before it is followed, as /follow does)."""
        followed, rest = 0, []
        with store.db.transaction():
            mine = {f.board.name for f in store.follows.follows(chat_id)}
            for spec in specs:
                board = (
                    store.boards.board_at(spec.kind, spec.endpoint)
                    if spec.kind and spec.endpoint
                    else None
                )
                live = board is not None and board.enabled and board.baseline_at is not None
                if (
                    board is None
                    or not live
                    or (board.name not in mine and len(mine) >= self.follow_quota)
                ):
                    rest.append(spec)
                    continue
                store.follows.follow(chat_id, board.name, spec.all_jobs, self.clock())
                followed += 1  # a board already followed counts: it is followed as exported
                mine.add(board.name)
        lines = [f"Following again: {followed} compan{'ies' if followed != 1 else 'y'}"]
        if rest:
            lines.append("Send these to follow the others:")
            lines += [
                f"<code>/follow {esc(s.url)}{' all' if s.all_jobs else ''}</code>" for s in rest
            ]
        return lines

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
