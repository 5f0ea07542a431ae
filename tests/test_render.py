"""Notifications: escaped HTML, the fields a job seeker wants, within Telegram's limits."""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.models import Earlier, Posting
from bot.render import MAX_MESSAGE, notification, utf16_len

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def test_message_has_title_company_location_date_alert_and_apply_button() -> None:
    p = Posting(
        "b:1", "b", "1", "Senior Rust Engineer <Payments>", "Pay & Co", "Berlin", "https://e.com/1",
        "Build the ledger.", NOW - timedelta(days=2), "hybrid",
    )  # fmt: skip
    m = notification(p, ["rust"], NOW)
    assert m.html.startswith(
        "<b>Senior Rust Engineer &lt;Payments&gt;</b>\nPay &amp; Co · Berlin (hybrid)"
    )
    assert "Posted 2 days ago (19 Nov 2026)" in m.html
    assert "Matched your alert “rust”" in m.html
    assert [[(b.text, b.url) for b in row] for row in m.buttons] == [
        [("View job", "https://e.com/1")]
    ], "no Apply without an application page of its own"
    assert "<" not in m.plain.replace("<Payments>", "")


def test_huge_fields_still_fit_one_message() -> None:
    big = "😀" * 5000
    p = Posting("b:1", "b", "1", big, big, big, "https://e.com/1", big)
    m = notification(p, [big] * 10, NOW)
    assert utf16_len(m.plain) < MAX_MESSAGE


def test_no_button_for_a_non_http_link() -> None:
    p = Posting("b:1", "b", "1", "Job", "Co", "", "javascript:alert(1)")
    assert notification(p, [], NOW).urls == []


def test_apply_only_when_the_board_gives_its_own_application_page() -> None:
    p = Posting(
        "b:1", "b", "1", "Job", "Co", "", "https://e.com/1", apply_url="https://e.com/1/apply"
    )
    assert notification(p, [], NOW).urls == ["https://e.com/1", "https://e.com/1/apply"]
    same = Posting("b:1", "b", "1", "Job", "Co", "", "https://e.com/1", apply_url="https://e.com/1")
    assert notification(same, [], NOW).urls == ["https://e.com/1"]


def test_posted_counts_calendar_days() -> None:
    from bot.render import posted_ago

    late_yesterday = datetime(2026, 11, 20, 23, 0, tzinfo=UTC)
    assert (
        posted_ago(late_yesterday, datetime(2026, 11, 21, 1, 0, tzinfo=UTC))
        == "posted yesterday (20 Nov 2026)"
    )
    assert posted_ago(NOW, NOW) == "posted today (21 Nov 2026)"
    assert posted_ago(None, NOW) == ""


@pytest.mark.parametrize(
    ("days", "said"),
    [
        (2, "2 days ago (19 Nov 2026)"),
        (13, "13 days ago (8 Nov 2026)"),
        (14, "2 weeks ago (7 Nov 2026)"),
        (59, "8 weeks ago (23 Sep 2026)"),
        (60, "2 months ago (22 Sep 2026)"),
        (364, "12 months ago (22 Nov 2025)"),
        (365, "a year ago (21 Nov 2025)"),
        (1948, "5 years ago (22 Jul 2021)"),
    ],
)
def test_an_old_posting_says_its_age_in_weeks_months_or_years(days: int, said: str) -> None:
    """ "Posted 1948 days ago" is hard to read as old."""
    from bot.render import posted_ago

    assert posted_ago(NOW - timedelta(days=days), NOW) == f"posted {said}"


def test_fifty_long_matched_alerts_still_fit_one_message() -> None:
    big = "😀" * 5000
    p = Posting("b:1", "b", "1", big, big, big, "https://e.com/1", big, NOW, "remote")
    queries = [f"{i} " + "😀" * 200 for i in range(50)]
    m = notification(p, queries, NOW, also=[f"other{i}|{big}" for i in range(50)])
    assert utf16_len(m.plain) <= MAX_MESSAGE and utf16_len(html.unescape(m.html)) <= MAX_MESSAGE
    assert "“0 😀" in m.plain and "and 4" in m.plain and "more" in m.plain  # the rest counted


def _paid(**salary: object) -> Posting:
    return Posting(
        "b:1", "b", "1", "Rust Engineer", "Acme", "Berlin", "https://e.com/1", "Build.",
        NOW, "remote", **salary,  # type: ignore[arg-type]
    )  # fmt: skip


def test_the_salary_is_one_line_after_the_location_when_stated() -> None:
    m = notification(
        _paid(salary_min=120000, salary_max=150000, salary_currency="EUR", salary_period="year"),
        ["rust"],
        NOW,
    )
    lines = m.plain.splitlines()
    assert lines[1:3] == ["Acme · Berlin (remote)", "💰 €120k–150k a year"]
    assert "💰 €120k–150k a year" in m.html


def test_no_salary_line_without_a_stated_salary() -> None:
    m = notification(_paid(), ["rust"], NOW)
    assert "💰" not in m.plain and "💰" not in m.html


@pytest.mark.parametrize(
    ("description", "line"),
    [
        ("Rust. We sponsor visas and help you relocate.", "🛂 Visa sponsorship offered"),
        ("Must be authorized to work in the US without sponsorship.", "🛂 No visa sponsorship"),
        ("Rust and Postgres, on call once a month.", None),
        (
            "We may be able to sponsor a visa for exceptional candidates.",
            "🛂 Visa sponsorship in some cases (read the posting)",
        ),
    ],
)
def test_what_the_posting_says_of_visas_is_one_line_after_the_salary(
    description: str, line: str | None
) -> None:
    paid = replace(_paid(salary_min=1, salary_currency="EUR"), description=description)
    lines = notification(paid, ["rust"], NOW).plain.splitlines()
    assert lines[3] == line if line else not any("🛂" in x for x in lines)
    assert lines[2].startswith("💰")


@pytest.mark.parametrize(
    ("description", "line"),
    [
        (
            "You have 5+ years of experience with Rust. We sponsor visas.",
            "🎓 5+ years of experience asked",
        ),
        ("At least one year in a backend role.", "🎓 1+ year of experience asked"),
        ("3-5 years of professional experience.", "🎓 3–5 years of experience asked"),
        ("5+ years of experience preferred.", None),
    ],
)
def test_the_years_asked_are_one_line_after_visas(description: str, line: str | None) -> None:
    paid = replace(_paid(salary_min=1, salary_currency="EUR"), description=description)
    lines = notification(paid, ["rust"], NOW).plain.splitlines()
    visa = 1 if "visas" in description else 0
    assert lines[3 + visa] == line if line else not any("🎓" in x for x in lines)
    assert lines[4 + visa].startswith("Posted") if line else lines[3].startswith("Posted")


def test_the_salary_line_is_escaped() -> None:
    m = notification(_paid(salary_min=50, salary_currency="<b>", salary_period="hour"), [], NOW)
    assert "<b>" not in m.html.replace("<b>Rust Engineer</b>", "")


def test_posted_date_is_in_the_users_time_zone() -> None:
    late = datetime(2026, 11, 20, 23, 30, tzinfo=UTC)
    p = Posting("b:1", "Acme", "1", "Job", "Co", "", "https://e.com/1", "", late)
    now = datetime(2026, 11, 21, 6, 0, tzinfo=UTC)
    assert "Posted yesterday (20 Nov 2026) · via Acme" in notification(p, [], now).plain
    tokyo = notification(p, [], now, zone=ZoneInfo("Asia/Tokyo")).plain
    assert "Posted today (21 Nov 2026) · via Acme" in tokyo, "08:30 on the 21st in Tokyo"
    la = notification(p, [], now, zone=ZoneInfo("America/Los_Angeles")).plain
    assert "Posted today (20 Nov 2026)" in la, "15:30 on the 20th, and it is 22:00 there"


def test_the_board_is_named_even_without_a_date() -> None:
    p = Posting("b:1", "Hacker News", "1", "Job", "Co", "", "https://e.com/1")
    assert "Via Hacker News" in notification(p, [], NOW).plain


def test_row_two_hides_mutes_and_pauses_by_delivery_id() -> None:
    p = Posting("b:1", "b", "1", "Job", "Pay & Co", "", "https://e.com/1")
    m = notification(p, ["rust"], NOW, delivery_id=42)
    assert [[(b.text, b.data) for b in row] for row in m.buttons[1:]] == [
        [("Not interested", "jh:42"), ("Mute Pay & Co", "jm:42"), ("Pause alert", "jp:42")]
    ]
    assert [(b.text, b.data) for b in m.buttons[0]] == [("View job", None), ("☆ Save", "js:42")]
    saved = notification(p, ["rust"], NOW, delivery_id=42, saved=True).buttons[0][-1]
    assert (saved.text, saved.data) == ("★ Saved", "js:42"), "pressed again, it forgets"
    assert notification(p, ["rust"], NOW).buttons == (m.buttons[0][:1],), "no delivery, no Save"
    anonymous = Posting("b:1", "b", "1", "Job", "", "", "https://e.com/1")
    texts = [b.text for b in notification(anonymous, [], NOW, delivery_id=1).buttons[-1]]
    assert texts == ["Not interested"], "no company to mute, no alert to pause"


def test_a_long_company_name_is_shortened_on_its_button() -> None:
    name = "The International Consolidated Widgets and Sprockets Manufacturing Company GmbH"
    p = Posting("b:1", "b", "1", "Job", name, "", "https://e.com/1")
    mute = notification(p, ["x"], NOW, delivery_id=1).buttons[-1][1]
    assert mute.text.startswith("Mute The International") and mute.text.endswith("…")
    assert len(mute.text) <= len("Mute ") + 24


def test_callback_data_fits_64_bytes_for_the_largest_ids() -> None:
    from bot.telegram.buttons import CHOICES, ids

    top = 2**63 - 1
    p = Posting("b:1", "b", "1", "Job", "😀" * 100, "", "https://e.com/1")
    keys = notification(p, ["q"], NOW, delivery_id=top).buttons
    data = [b.data for b in keys[-1]] + [keys[0][-1].data]
    data += [f"ju:p:{top}:{top}", f"jp:{top}:{top}", f"jb:{top}"]  # undo, choice, cancel
    assert all(d and len(d.encode()) <= 64 for d in data), data
    assert ids(f"{top}:{top}", 2) == (top, top) and ids(f"{top + 1}", 1) is None
    assert CHOICES <= 10


@pytest.mark.parametrize(
    ("description", "shown"),
    [
        ("School Counselor at Backpack Healthcare", False),  # a Getro card's whole text
        ("Join Backpack Healthcare as a School Counselor!", False),
        ("School Counselor at Backpack Healthcare. Support 300 students a week.", True),
        ("Counsel students in Maryland.", True),
    ],
)
def test_an_excerpt_that_only_repeats_title_and_company_is_left_out(
    description: str, shown: bool
) -> None:
    p = Posting("b:1", "b", "1", "School Counselor", "Backpack Healthcare", "", "https://e.com/1",
                description)  # fmt: skip
    message = notification(p, ["counselor"], NOW)
    assert ("<i>" in message.html) is shown, message.plain


def test_a_job_sent_for_a_follow_says_so_instead_of_an_alert() -> None:
    """A follower of a board's every new job gets its jobs with no alert: the message says
    why it came, and has no Pause alert button."""
    job = _paid()
    followed = notification(job, [], NOW, delivery_id=7, followed=True).plain.splitlines()
    assert followed[-1] == f"🏢 Every new job of {job.board}: you follow it (/following)"
    assert followed[-2] == ""
    alerted = notification(job, ["rust"], NOW, delivery_id=7, followed=True).plain
    assert "🏢" not in alerted and alerted.endswith("🔔 Matched your alert “rust”")
    assert "🏢" not in notification(job, [], NOW, delivery_id=7).plain


def test_a_job_listed_before_is_one_line_after_the_date_in_the_users_zone() -> None:
    p = Posting("b:1", "Acme", "1", "Job", "Co", "", "https://e.com/1", "", NOW)
    lines = notification(p, [], NOW, earlier=Earlier(datetime(2026, 8, 11, 23, 0, tzinfo=UTC)))
    plain = lines.plain.splitlines()
    assert plain[plain.index("Posted today (21 Nov 2026) · via Acme") + 1] == (
        "🔁 Listed before: first seen 11 Aug 2026"
    )
    tokyo = notification(
        p, [], NOW, zone=ZoneInfo("Asia/Tokyo"),
        earlier=Earlier(datetime(2026, 8, 11, 23, 0, tzinfo=UTC), NOW, NOW),
    ).plain  # fmt: skip
    assert (
        "🔁 Listed before: first seen 12 Aug 2026 · sent to you 21 Nov 2026 · you applied " in tokyo
    )
    assert "Listed before" not in notification(p, [], NOW).plain


@pytest.mark.parametrize(
    ("text", "limit", "shown"),
    [
        (
            "At Catawiki we proudly live by our core values:\n• Be kind " + "and clear " * 20,
            80,
            "At Catawiki we proudly live by our core values…",
        ),
        ("Build payment rails in Rust.\nShip it.", 80, "Build payment rails in Rust.\nShip it."),
        ("A short role, all of it shown:\n• Rust", 80, "A short role, all of it shown:\n• Rust"),
        ("We build rails for money.\n\nAs", 80, "We build rails for money."),
    ],
)
def test_an_excerpt_cut_short_ends_with_an_ellipsis_not_a_lead_in(
    text: str, limit: int, shown: str
) -> None:
    from bot.render import excerpt

    assert excerpt(text, limit) == shown
