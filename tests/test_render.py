"""Notifications: escaped HTML, the fields a job seeker wants, within Telegram's limits."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta

from bot.models import Posting
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


def test_the_salary_line_is_escaped() -> None:
    m = notification(_paid(salary_min=50, salary_currency="<b>", salary_period="hour"), [], NOW)
    assert "<b>" not in m.html.replace("<b>Rust Engineer</b>", "")
