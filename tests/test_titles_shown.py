"""A job's title as its message shows it: no gender marker ("(m/w/d)", "(H/F)"), and no place
at its end that the location line under it shows already. Display only: the stored title, what
alerts match and a job's identity keep the board's title."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.models import BoardInfo, Posting, RawPosting
from bot.normalize import posting
from bot.render import job_line, notification
from bot.render_title import shown_place, shown_title, without_gender

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("Geowissenschaftler (m/w/d)", "Geowissenschaftler"),
        ("Partner Development Representative (f/m/d)", "Partner Development Representative"),
        ("Werkstudent Vertrieb (w/m/d)", "Werkstudent Vertrieb"),
        ("Backend Developer (m/f/d)", "Backend Developer"),
        ("Product Designer (all genders)", "Product Designer"),
        ("Data Engineer (d/f/m)", "Data Engineer"),
        ("Senior Java Entwickler m/w/d", "Senior Java Entwickler"),
        ("m/w/d Projektleiter Tiefbau", "Projektleiter Tiefbau"),
        ("Sachbearbeiter Buchhaltung (gn)", "Sachbearbeiter Buchhaltung"),
        ("Chef de projet digital (h/f)", "Chef de projet digital"),
        ("Développeur Full Stack (H/F)", "Développeur Full Stack"),
        ("IT-Administrator (m/w/x)", "IT-Administrator"),
        ("Teamleiter Logistik (m/w/divers)", "Teamleiter Logistik"),
        ("Ingénieur DevOps [F/H]", "Ingénieur DevOps"),
        ("Account Manager [all genders]", "Account Manager"),
        ("Ingenieur - m/w/d - Hamburg", "Ingenieur - Hamburg"),
        ("Geräteführer/ Facharbeiter für Drucksondierungen (m/w/d)",
         "Geräteführer/ Facharbeiter für Drucksondierungen"),
    ],
)  # fmt: skip
def test_the_gender_marker_is_left_out(title: str, shown: str) -> None:
    assert without_gender(title) == shown


@pytest.mark.parametrize(
    "title",
    [
        "AI Engineer (Staff/Principal)",
        "iOS/Android Developer (Mid/Senior)",
        "Embedded Engineer (I/O drivers)",
        "B2B/B2C Sales Manager",
        "CI/CD Engineer",
        "Werkstudent*in Marketing",
        "(m/w/d)",  # nothing else: the title as it stands
    ],
)
def test_a_title_without_a_marker_stays(title: str) -> None:
    assert without_gender(title) == title


def job(title: str, location: str, workplace: str | None = None) -> Posting:
    return Posting(
        "b:1", "b", "1", title, "Catawiki", location, "https://e.com/1",
        "We are looking for a specialist to join our auctions team.", NOW, workplace,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("title", "location", "workplace", "shown"),
    [
        ("Expert New Jewellery (Belgium)", "Belgium", None, "Expert New Jewellery"),
        ("Classic Cars Expert (Spanish speaker) - Lisbon", "Lisbon, Portugal", None,
         "Classic Cars Expert (Spanish speaker)"),
        ("Classic Cars Expert (Spanish speaker) - Spain", "Spain; Portugal", None,
         "Classic Cars Expert (Spanish speaker)"),
        ("Partner Development Representative (f/m/d) - Berlin, Germany", "Berlin, Germany",
         "hybrid", "Partner Development Representative"),
        ("Senior Copywriter, Brand & Growth (Remote)", "United States", "remote",
         "Senior Copywriter, Brand & Growth"),
        ("Senior React Developer, Brazil", "Brazil", None, "Senior React Developer"),
        ("Customer Success Manager - Sydney (Hybrid)", "Sydney, Australia", "hybrid",
         "Customer Success Manager"),
        ("Backend Engineer | Remote", "", "remote", "Backend Engineer"),
    ],
)  # fmt: skip
def test_a_trailing_place_the_location_line_shows_is_left_out(
    title: str, location: str, workplace: str | None, shown: str
) -> None:
    p = job(title, location, workplace)
    assert notification(p, ("expert",), NOW).plain.split("\n")[0] == shown
    assert job_line(p)[1].startswith(f"• {shown} — Catawiki")
    assert p.title == title


@pytest.mark.parametrize(
    ("title", "location", "workplace", "shown"),
    [
        ("Backend Engineer (Remote)", "Berlin", None, "Backend Engineer (Remote)"),
        ("Account Executive - UK Enterprise", "London, United Kingdom", "hybrid",
         "Account Executive - UK Enterprise"),
        ("(Senior) Financial Accountant (f/m/d) - Berlin/Brandenburg Region, Germany",
         "Berlin, Germany", "hybrid", "(Senior) Financial Accountant - Berlin/Brandenburg Region, Germany"),
        ("Account Executive - Italy (Madrid based)", "Madrid, ES", None,
         "Account Executive - Italy (Madrid based)"),
        ("Engineer - Backend, Berlin", "Berlin", None, "Engineer - Backend, Berlin"),
        ("Quality Technician - Nights", "Biscoe, NC", None, "Quality Technician - Nights"),
        ("Expert Comics France", "Belgium; France", None, "Expert Comics France"),
        ("Berlin", "Berlin", None, "Berlin"),
    ],
)  # fmt: skip
def test_a_part_the_location_line_does_not_show_exactly_stays(
    title: str, location: str, workplace: str | None, shown: str
) -> None:
    assert notification(job(title, location, workplace), (), NOW).plain.split("\n")[0] == shown


def test_a_place_of_the_same_job_under_another_id_counts_as_shown() -> None:
    """The location line lists the same job's other places on its board ("also")."""
    p = job("Warehouse Operator - Munich", "Berlin, Germany")
    lines = notification(p, (), NOW, also=("b|Munich, Germany",)).plain.split("\n")
    assert lines[:2] == ["Warehouse Operator", "Catawiki · Berlin, Germany · Munich, Germany"]
    assert notification(p, (), NOW).plain.startswith("Warehouse Operator - Munich\n")


def test_the_stored_title_its_match_and_its_identity_are_the_boards() -> None:
    """Normalising keeps the marker and the place: an upgrade changes no stored title, so no
    content hash or identity key moves and no job is sent twice; only the message shows less."""
    raw = RawPosting(
        external_id="16230128",
        title="Geowissenschaftler (m/w/d) - Lilienthal",
        url="https://join.com/companies/fugro/16230128-geowissenschaftler-m-w-d",
        company="Fugro Germany GmbH",
        location="Lilienthal, Germany",
        description_text="Für unser Team in Lilienthal suchen wir eine:n Geowissenschaftler:in.",
    )
    stored = posting(raw, BoardInfo("fugro", "join", "https://join.com/companies/fugro"))
    assert stored.title == "Geowissenschaftler (m/w/d) - Lilienthal"
    assert notification(stored, (), NOW).plain.split("\n")[:2] == [
        "Geowissenschaftler", "Fugro Germany GmbH · Lilienthal, Germany"
    ]  # fmt: skip


def test_shown_title_alone() -> None:
    assert shown_title("Data Engineer (m/w/d) - Berlin", "Berlin, Germany (hybrid)") == (
        "Data Engineer"
    )
    assert shown_title("Data Engineer - Berlin", "") == "Data Engineer - Berlin"


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        ("Stockholm, Sweden, SE", "Stockholm, Sweden"),  # Teamtailor's feed: region and code
        ("London, United Kingdom, GB", "London, United Kingdom"),
        ("Berlin, Germany, DE; Paris, France, FR", "Berlin, Germany; Paris, France"),
        ("Madrid, ES", "Madrid, ES"),  # the code alone names the country once
        ("Austin, TX", "Austin, TX"),
        ("Portland, Oregon, US", "Portland, Oregon, US"),
        ("Lisbon, Spain, PT", "Lisbon, Spain, PT"),  # not the same country: as written
        ("Remote", "Remote"),
    ],
)
def test_a_place_is_shown_without_a_code_that_repeats_its_country(
    location: str, shown: str
) -> None:
    assert shown_place(location) == shown
    p = job("Account Executive", location)
    assert notification(p, (), NOW).plain.split("\n")[1] == f"Catawiki · {shown}"
    assert job_line(p)[1] == f"• Account Executive — Catawiki · {shown}"
