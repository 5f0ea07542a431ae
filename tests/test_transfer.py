"""bot/transfer.py, bot/importing.py: an export reads back the same; a bad file is refused
saying exactly why."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bot.config import AlertsConfig
from bot.importing import ImportProblem, read
from bot.models import AlertSpec
from bot.policy import DeliverySettings
from bot.prefs import UserPrefs
from bot.transfer import FollowSpec, SavedSpec, write

NOW = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
LIMITS = AlertsConfig(max_per_user=3, max_length=60)
FOLLOW = FollowSpec("https://jobs.lever.co/acme", "lever", "https://api.lever.co/x", True)
SAVED = SavedSpec("Acme:7", "Rust Engineer", "Acme", "https://x.example/7", NOW, "Berlin", NOW)
OLDER_SAVED = {
    "key": "Acme:8",
    "title": "Go",
    "company": "Acme",
    "url": "",
    "saved_at": "2026-05-01T08:00:00+00:00",
}
SETTINGS = DeliverySettings("Europe/Berlin", "weekly", 17 * 60 + 30, 4, (22 * 60, 7 * 60))


def doc(**changes: object) -> str:
    alerts = [
        AlertSpec("rust"),
        AlertSpec("go", True, "daily 18:00", NOW),
        AlertSpec("scala", False, "instant"),
    ]
    base = json.loads(write(alerts, UserPrefs(SETTINGS, 12), ["Acme"], NOW, [FOLLOW], [SAVED]))
    return json.dumps(base | changes)


def test_an_export_reads_back_the_same() -> None:
    backup = read(doc(), LIMITS, have=[])
    assert backup.alerts == (
        AlertSpec("rust"),
        AlertSpec("go", True, "daily 18:00", NOW),
        AlertSpec("scala", False, "instant"),
    )
    assert json.loads(doc())["alerts"][:2] == [
        {"query": "rust", "paused": False},
        {
            "query": "go",
            "paused": True,
            "paused_until": "2026-05-01T08:00:00+00:00",
            "digest": "daily 18:00",
        },
    ], "an alert of the user's delivery, not paused for a time, has neither: older files lack both"
    assert backup.prefs == UserPrefs(SETTINGS, 12) and backup.notes == ()
    assert backup.muted == ("Acme",)
    assert backup.follows == (FOLLOW,)
    assert backup.saved == (SAVED,)


def test_a_saved_job_of_an_older_export_has_no_details_and_was_not_applied() -> None:
    backup = read(doc(saved=[OLDER_SAVED]), LIMITS, have=[])
    assert backup.saved == (SavedSpec("Acme:8", "Go", "Acme", "", NOW),)


def test_a_follow_without_kind_and_endpoint_is_kept_by_its_url_and_older_files_have_none() -> None:
    backup = read(doc(follows=[{"url": "https://acme.example/careers"}]), LIMITS, have=[])
    assert backup.follows == (FollowSpec("https://acme.example/careers", None, None, False),)
    older = json.loads(doc())
    del older["follows"]
    assert read(json.dumps(older), LIMITS, have=[]).follows == ()


def test_duplicates_are_not_doubled_and_count_once_against_the_limit() -> None:
    alerts = [{"query": "Rust"}, {"query": "rust"}, {"query": "go"}, {"query": "java"}]
    backup = read(doc(alerts=alerts), LIMITS, have=["go", "java"])
    assert [a.query for a in backup.alerts] == ["rust", "go", "java"]  # 1 new + 2 held = 3


BAD = [
    ("{not json", "not JSON"),
    ("[1, 2]", "not a jobbot export"),
    (doc(version=7), "version 7 is not one I read"),
    (doc(alerts="rust"), "alerts: must be a list"),
    (doc(alerts=[{"query": "rust OR"}]), "alert 1 “rust OR”: OR needs a term on both sides"),
    (doc(alerts=[{"query": "x" * 61}]), "the limit is 60"),
    (doc(alerts=[{"query": "rust", "paused": "yes"}]), "alert 1: paused must be true or false"),
    (doc(alerts=[{"q": "rust"}]), 'alert 1: must be {"query": "...", "paused": false}'),
    (doc(alerts=[{"query": "rust", "digest": "hourly"}]), "alert 1: digest: use /digest daily"),
    (doc(alerts=[{"query": "rust", "digest": 8}]), "alert 1: digest: use daily HH:MM, weekly"),
    (
        doc(alerts=[{"query": "rust", "paused": True, "paused_until": "friday"}]),
        "alert 1: paused_until must be a time with its offset",
    ),
    (doc(alerts=[{"query": q} for q in ("a1", "b1", "c1", "d1")]), "more than 3, the most"),
    (doc(settings={"timezone": "Mars/Olympus"}), "“Mars/Olympus” is not a time zone I know"),
    (doc(settings={"digest": "hourly"}), "settings: use /digest daily HH:MM"),
    (doc(settings={"quiet": "25:00-07:00"}), "“25:00” is not a time"),
    (doc(settings={"hourly_cap": 0}), "hourly_cap must be a whole number, 1 or more"),
    (doc(muted=[""]), "muted: entry 1 is not a company name"),
    (doc(muted="Acme"), "muted: must be a list"),
    ("x" * 300_000, "over 256 KB"),
    (doc(follows="https://x.example"), "follows: must be a list of at most 200 boards"),
    (doc(follows=[{"url": "javascript:alert(1)"}]), 'follow 1: must be {"url": "https://...",'),
    (doc(follows=[{"url": "https://x.example", "all": "yes"}]), "all is not true/false"),
    (doc(saved={"key": "Acme:7"}), "saved: must be a list of at most 200 jobs"),
    (doc(saved=[{"key": "Acme:7"}]), 'saved job 1: must be {"key", "title", "company", "url",'),
    (
        doc(saved=[{"key": "", "title": "", "company": "", "url": "", "saved_at": "2026"}]),
        "saved job 1: needs a key",
    ),
    (
        doc(
            saved=[
                dict.fromkeys(("key", "title", "company", "url"), "x")
                | {"saved_at": "2026-05-01T08:00:00"}
            ]
        ),
        "saved_at time with its offset",
    ),
    (
        doc(saved=[dict.fromkeys(("key", "title", "company", "url"), "x") | {"saved_at": "today"}]),
        "saved_at time with its offset",
    ),
    (doc(saved=[OLDER_SAVED | {"details": 3}]), "saved job 1: details must be a text"),
    (
        doc(saved=[OLDER_SAVED | {"applied_at": "2026-05-02"}]),
        "saved job 1: applied_at must be a time with its offset",
    ),
]


@pytest.mark.parametrize(("text", "problem"), BAD)
def test_a_bad_file_is_refused_saying_what_is_wrong(text: str, problem: str) -> None:
    with pytest.raises(ImportProblem) as exc:
        read(text, LIMITS, have=[])
    assert any(problem in p for p in exc.value.problems), exc.value.problems


def test_every_problem_is_listed_not_just_the_first() -> None:
    text = doc(alerts=[{"query": "("}, {"query": "-java"}], muted=[3])
    with pytest.raises(ImportProblem) as exc:
        read(text, LIMITS, have=[])
    assert len(exc.value.problems) == 3
