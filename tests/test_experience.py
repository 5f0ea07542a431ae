"""bot.experience: the years of experience a posting asks, as postings write them."""

from __future__ import annotations

import pytest

from bot.experience import PHRASES, Asked, asked


@pytest.mark.parametrize(
    ("description", "years", "phrase"),
    [
        ("• 5+ years of experience with Go", 5, "5+ years of experience with Go"),
        ("3-5 years of professional experience.", 3, "3-5 years of professional experience"),
        ("3–8 years’ experience in the trade", 3, "3–8 years’ experience in the trade"),
        ("At least 4 years in backend development.", 4, "At least 4 years in backend development"),
        ("Minimum of two years' experience.", 2, "Minimum of two years' experience"),
        ("Experience as a Full-Stack Developer (3+ years)", 3, "(3+ years)"),
        ("6 years+ experience in B2B sales", 6, "6 years+ experience in B2B sales"),
        ("10–12 years in complex IT program delivery.", 10, "10–12 years in complex IT"),
        ("7+ years building production systems", 7, "7+ years building production systems"),
        ("The ideal candidate has 5+ years of experience.", 5, "5+ years of experience"),
        ("4+ Years of Customer Success Experience", 4, "4+ Years of Customer Success Experience"),
        # the first requirement decides: the next ones are about a tool
        ("• 6+ years of backend experience\n• 2+ years of experience with Kubernetes", 6, "6+"),
        # a domain after the experience is no preference of it
        ("5+ years of CRM experience, ideally in e-commerce", 5, "5+ years of CRM experience"),
        # not asked: a preference, a company's age, a bio, a date, options, a salary
        ("5+ years of experience preferred.", None, ""),
        ("Experience with Go (2+ years) is a plus.", None, ""),
        ("Ideally 5+ years of experience.", None, ""),
        ("We have 15 years of experience in payments.", None, ""),
        ("Our founders bring 20 years of experience.", None, ""),
        ("Kate holds a Stanford PhD and 12 years of executive experience.", None, ""),
        ("Founded 10+ years ago in Berlin.", None, ""),
        ("A 10-year window to exercise your options.", None, ""),
        ("We are a 26-year established company.", None, ""),
        ("$85,000 - $110,000 a year", None, ""),
        ("30 years of experience", None, ""),  # past MOST: a history, not a requirement
        ("We ship every day.", None, ""),
        ("We recognise work anniversaries (3, 5, 8, 10 years) with time off.", None, ""),
    ],
)
def test_asked_reads_the_first_requirement(
    description: str, years: int | None, phrase: str
) -> None:
    got = asked("Engineer", description)
    assert got.years == years, got
    assert got.phrase.startswith(phrase)


def test_a_company_history_before_the_requirement_does_not_hide_it() -> None:
    text = "Our founders have 10+ years of experience in fintech. You have 3+ years with Go."
    assert asked("Engineer", text) == Asked(3, "3+ years with Go")


def test_a_hostile_description_is_read_only_so_far() -> None:
    """A description of nothing but "years" is read for `PHRASES` of them, and says nothing;
    the requirement written after them is past what is read."""
    flood = "year " * 100_000
    assert asked("Engineer", flood) == Asked(None)
    late = "years. " * (PHRASES + 40) + "5+ years of experience."
    assert asked("Engineer", late) == Asked(None)
    assert asked("Engineer", "years. " * (PHRASES - 5) + "5+ years of experience.").years == 5


@pytest.mark.parametrize(
    ("description", "upto"),
    [
        ("3-5 years of professional experience.", 5),
        ("3 to 5 years in backend development.", 5),
        ("8-10+ years of experience in program management.", 10),
        ("5+ years of experience.", None),
        ("Minimum of two years' experience.", None),
    ],
)
def test_a_range_keeps_its_top(description: str, upto: int | None) -> None:
    assert asked("Engineer", description).upto == upto
