"""bot/stack.py: the tech a posting names, for the 🧰 line of its message."""

from __future__ import annotations

import pytest

from bot.models import Posting
from bot.render import notification
from bot.stack import MOST, stack
from tests.test_render import NOW


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Our services are written in Go and Rust, on PostgreSQL.", ("Go", "Rust", "PostgreSQL")),
        ("We use Golang, k8s and Postgres.", ("Go", "Kubernetes", "PostgreSQL")),
        ("Java and Kotlin on the JVM; some JavaScript.", ("Java", "Kotlin", "JavaScript")),
        ("C++ and C# and F# and .NET", ("C++", "C#", "F#", ".NET")),
        ("Fluent C and good C++; C/C++ at the register level", ("C", "C++")),
        ("A series C round; Hepatitis C; P&C; Washington, D.C.", ()),
        ("Ruby on Rails, React with TypeScript", ("Ruby", "Rails", "React", "TypeScript")),
        ("A React Native app", ("React Native",)),
        ("Spring Boot services on AWS", ("Spring", "AWS")),
        ("Apache Spark and Airflow pipelines into BigQuery", ("Spark", "Airflow", "BigQuery")),
        # words that are a tech's name only as it is written, and not in these senses
        ("Help us go-live with the Go to market team.", ()),
        ("Figure things out as you go. Go beyond the brief; let's Go!", ()),
        ("Java and Go for backend, Go's generics", ("Java", "Go")),
        ("SWIFT payments and SWIFT messages; Swift network", ()),
        ("This spring we react quickly to incidents.", ()),
        ("Backed by Spark Capital and a rust belt fund.", ()),
        ("A java lover? Join us.", ("Java",)),
    ],
)
def test_the_techs_a_posting_names(text: str, named: tuple[str, ...]) -> None:
    assert set(stack("Engineer", text)) == set(named), stack("Engineer", text)


def test_the_most_named_come_first_and_the_title_counts_more() -> None:
    text = "Python, Python and Python. Also Kafka, Kafka. Some Redis. Rust."
    assert stack("Engineer", text) == ("Python", "Kafka", "Redis", "Rust")
    assert stack("Rust Engineer", text)[:2] == ("Rust", "Python"), "the title counts 3"
    many = "Go Rust Scala Java Kotlin Python TypeScript Kafka Redis Docker"
    assert stack("Engineer", many) == ("Go", "Rust", "Scala", "Java", "Kotlin", "Python")
    assert len(stack("Engineer", many)) == MOST


def test_the_companys_own_name_is_no_tech_of_its_jobs() -> None:
    text = "Work on Snowflake's query engine in C++."
    assert stack("Engineer", text, "Snowflake Inc.") == ("C++",)
    assert stack("Engineer", text, "Acme") == ("Snowflake", "C++")


def test_a_huge_description_is_read_only_so_far() -> None:
    hostile = "Rust " * 2_000_000  # 10 MB: only the first READ characters are read
    assert stack("Engineer", hostile + "Kafka") == ("Rust",), "Kafka is past what is read"


def test_the_message_names_the_stack_after_the_years() -> None:
    job = Posting(
        "b:1", "b", "1", "Backend Engineer", "Acme", "Berlin", "https://e.com/1",
        "You have 5+ years of experience. We build in Go and Kafka, on Kubernetes. Go!",
    )  # fmt: skip
    lines = notification(job, ["go"], NOW).plain.splitlines()
    at = lines.index("🧰 Go · Kafka · Kubernetes")
    assert lines[at - 1] == "🎓 5+ years of experience asked"
    plain = Posting("b:2", "b", "2", "Office Manager", "Acme", "Berlin", "https://e.com/2", "Hi")
    assert not any(x.startswith("🧰") for x in notification(plain, [], NOW).plain.splitlines())
    said = Posting("b:3", "b", "3", "Rust Engineer", "Acme", "Berlin", "https://e.com/3", "Rust!")
    lines = notification(said, [], NOW).plain.splitlines()
    assert not any(x.startswith("🧰") for x in lines), "the title says it all already"
