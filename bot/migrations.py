"""Schema changes as named migrations, applied in order at start-up (sqlite-utils Migrations).

This list is the schema's history: a name is recorded in the database once applied, so a
step is never renamed, reordered or removed. A new step is a function in
`bot.store.schema_changes`, added at the end here with the next number.
"""

from __future__ import annotations

import logging
import time

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from bot.store import schema_changes, schema_reread, schema_tables

log = logging.getLogger(__name__)
migrations = Migrations("jobbot")
migrations(name="0001_initial")(schema_tables.initial)
migrations(name="0002_board_options")(schema_tables.board_options)
migrations(name="0003_posting_details")(schema_tables.posting_details)
migrations(name="0004_board_body_hash")(schema_tables.board_body_hash)
migrations(name="0005_job_identity")(schema_tables.job_identity)
migrations(name="0006_raw_fingerprint")(schema_tables.raw_fingerprint)
migrations(name="0007_job_seeker_control")(schema_tables.job_seeker_control)
migrations(name="0008_postings_posted")(schema_tables.postings_posted)
migrations(name="0009_incremental_vacuum", transactional=False)(schema_tables.incremental_vacuum)
migrations(name="0010_access")(schema_tables.access)
migrations(name="0011_notices")(schema_tables.notices)
migrations(name="0012_follows")(schema_tables.follows)
migrations(name="0013_postings_text")(schema_changes.postings_text)
migrations(name="0014_postings_text_queue")(schema_changes.postings_text_queue)
migrations(name="0015_postings_partial")(schema_changes.postings_partial)
migrations(name="0016_postings_queued_by_writer")(schema_changes.postings_queued_by_writer)
migrations(name="0017_turned_away_by_job")(schema_changes.turned_away_by_job)
migrations(name="0018_postings_open_by_board")(schema_changes.postings_open_by_board)
migrations(name="0019_text_index_merged_in_steps")(schema_changes.text_index_merged_in_steps)
migrations(name="0020_postings_board_state")(schema_changes.postings_board_state)
migrations(name="0021_ctl_key_board_location")(schema_changes.ctl_key_board_location)
migrations(name="0022_muted_company_keys")(schema_changes.muted_company_keys)
migrations(name="0023_job_identity_without_legal_form")(
    schema_changes.job_identity_without_legal_form
)
migrations(name="0024_users_resume_at")(schema_changes.users_resume_at)
migrations(name="0025_saved_jobs")(schema_changes.saved_jobs)
migrations(name="0026_saved_jobs_applied")(schema_changes.saved_jobs_applied)
migrations(name="0027_alerts_delivery")(schema_changes.alerts_delivery)
migrations(name="0028_alerts_resume_at")(schema_changes.alerts_resume_at)
migrations(name="0029_exchange_rates")(schema_changes.exchange_rates)
migrations(name="0030_deliveries_sent_queries")(schema_changes.deliveries_sent_queries)
migrations(name="0031_pay_from_descriptions")(schema_reread.pay_from_descriptions)
migrations(name="0032_deliveries_edit")(schema_changes.deliveries_edit)
migrations(name="0033_content_hash_with_fields")(schema_reread.content_hash_with_fields)
migrations(name="0034_postings_detailed_at")(schema_changes.postings_detailed_at)
migrations(name="0035_pay_read_again")(schema_reread.pay_read_again)
migrations(name="0036_alerts_edited_at")(schema_changes.alerts_edited_at)
migrations(name="0037_users_invite")(schema_changes.users_invite)
# The pay reader learnt more ways (a pay word after the amount, "gross per year", "USD"):
# the same re-reading as 0035, so a job is not taken for an edit ("pay added") at the upgrade.
migrations(name="0038_pay_read_again")(schema_reread.pay_read_again)
migrations(name="0039_users_quiet_off")(schema_changes.users_quiet_off)
migrations(name="0040_users_own_zone")(schema_changes.users_own_zone)
migrations(name="0041_workplace_read_again")(schema_reread.workplace_read_again)
# US pay lines with no pay word ("$150,000 - $190,000 USD", "$150K–$190K + equity"): read again.
migrations(name="0042_pay_read_again")(schema_reread.pay_read_again)
migrations(name="0043_users_quiet_weekends")(schema_changes.users_quiet_weekends)
# Where a "Remote" job hires, as its text says; "Remoto", "Vaga 100% remota"; co-op titles.
migrations(name="0044_places_and_work_read_again")(schema_reread.places_and_work_read_again)
# One amount, a currency after it ("$45/hour CAD"), Portuguese and Spanish pay ("R$ 25.000/mês").
migrations(name="0045_pay_read_again")(schema_reread.pay_read_again_as_stated)


def newer(applied: list[str]) -> list[str]:
    """The migrations in `applied` this jobbot does not know: a newer one wrote the database."""
    known = {m.name for m in migrations._migrations}
    return [name for name in applied if name not in known]


def last() -> str:
    """The newest migration this jobbot knows."""
    return migrations._migrations[-1].name


def apply(db: Database) -> None:
    """Apply the pending migrations, one at a time; an upgrade logs each (name, time taken)
    and a summary, so the journal shows it. A new database's schema is one line."""
    pending = [m.name for m in migrations.pending(db)]
    if not pending:
        return
    upgrade = bool(migrations.applied(db))
    started = time.monotonic()
    for i, name in enumerate(pending):
        began = time.monotonic()
        migrations.apply(db, stop_before=pending[i + 1 :])  # this one alone
        if upgrade:
            log.info("database migration %s applied in %.1f s", name, time.monotonic() - began)
    took = time.monotonic() - started
    if upgrade:
        log.info("database upgraded: %d migrations applied in %.1f s", len(pending), took)
    else:
        log.info("new database: its schema made (%d migrations, %.1f s)", len(pending), took)
