"""/export and /import: a user's alerts, settings, mutes, follows and saved jobs as a JSON
file (`bot.transfer` is its format), and back, all of it checked before anything changes."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime

from bot import importing, transfer
from bot.config import AlertsConfig, FollowConfig
from bot.models import AlertSpec, Document
from bot.store import Keep, Stores
from bot.telegram.commands import Command
from bot.transport import Incoming, Reply
from bot.wording import plural, shorten

esc = html.escape

COMMANDS = (
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
)


class BackupCommands:
    """The commands above; they run on worker threads."""

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
        content = transfer.write(alerts, store.users.prefs(msg.chat_id), muted, now, follows, saved)
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
            backup = importing.read(text, self.limits, have)
        except importing.ImportProblem as exc:
            problems = "\n".join(f"• {esc(shorten(p, 300))}" for p in exc.problems[:20])
            more = f"\n…and {len(exc.problems) - 20} more" if len(exc.problems) > 20 else ""
            return f"I can't import that, so nothing changed:\n{problems}{more}"
        store.users.ensure(msg.chat_id, self.clock(), msg.username, msg.first_name)
        added = store.import_user_data(
            msg.chat_id, backup.alerts, backup.prefs, backup.muted, self.clock()
        )
        kept = len(backup.alerts) - added
        lines = [f"✅ Imported {plural(added, 'alert')}"]
        if kept:
            lines[0] += f" ({kept} you already had)"
        if backup.prefs is not None:
            lines.append(f"Delivery: {esc(backup.prefs.settings.describe())}")
        lines += [esc(shorten(note, 300)) for note in backup.notes]
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
