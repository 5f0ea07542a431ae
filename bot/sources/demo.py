"""A simulated fintech job board for the offline demo: `demo://fintech?every=8`.

A new posting appears every `every` seconds. Each one is derived from its time slot alone, so
every poll sees the same postings for the same slots, and about every third one is a Rust role,
which makes `/alert rust` fire within a minute at the default pace. As real boards do, one
posting in four that states no pay has it added a few slots later (an edit: `salary:>=120k`
gets it then, saying so). Companies are fictional.
"""

from __future__ import annotations

import json
import random
import time
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

from bot.errors import ParseError
from bot.models import FetchResult, RawPosting
from bot.sources.base import register
from bot.sources.contract import Context, Page, Request, Response, Source

DEFAULT_EVERY = 8.0
EDITED_AFTER = 3  # slots after which one posting in four that stated no pay states it

RUST_TITLES = (
    "Senior Backend Engineer (Rust)",
    "Rust Engineer, Payment Rails",
    "Staff Engineer, Matching Engine (Rust)",
    "Systems Engineer (Rust) — Card Issuing",
)
OTHER_TITLES = (
    "Staff Software Engineer, Payments",
    "Go Developer — Ledger Platform",
    "Scala Engineer, Risk",
    "Platform Engineer (Kubernetes)",
    "Data Engineer",
    "Senior Frontend Engineer (TypeScript)",
    "Senior JavaScript Engineer, Checkout",
    "Python Engineer, Fraud Detection",
    "Site Reliability Engineer",
    "Mobile Engineer (Kotlin), Banking App",
)
COMPANIES = (
    "Quillfin",
    "Harbourcoin",
    "Vellum Pay",
    "Tallowbank",
    "Fernpoint Finance",
    "Ardent Ledger",
    "Zephyr Clearing",
    "Moneta Loop",
)
LOCATIONS = (
    "Berlin, Germany",
    "Amsterdam, Netherlands",
    "London, United Kingdom",
    "Lisbon, Portugal",
    "Dublin, Ireland",
    "Warsaw, Poland",
    "Stockholm, Sweden",
    "Barcelona, Spain",
    "Remote (EU)",
)
PRODUCTS = (
    "instant SEPA payouts",
    "card issuing for small businesses",
    "a double-entry ledger that settles in real time",
    "cross-border payroll",
    "fraud scoring for online merchants",
)
REQUIREMENTS = {
    "rust": ("3+ years writing production Rust", "Comfort with async Rust (tokio)"),
    "go": ("Several years of production Go", "Experience with gRPC services"),
    "scala": ("Production Scala experience", "Familiarity with Kafka streams"),
    "kubernetes": ("Running Kubernetes in production", "Terraform and GitOps"),
    "typescript": ("Strong TypeScript and React", "An eye for accessible UI"),
    "javascript": ("Modern JavaScript and Node.js", "Experience with payment forms"),
    "python": ("Python for data-heavy services", "Some statistics or ML exposure"),
    "kotlin": ("Kotlin on Android", "Jetpack Compose"),
    "": ("Solid SQL and data modelling", "Experience with on-call rotations"),
}
COMMON_REQUIREMENTS = (
    "You write clear design docs and review code kindly",
    "You care about correctness where money moves",
    "English at work; German, Dutch or Portuguese is a plus",
)


def _every(url: str) -> float:
    values = parse_qs(urlsplit(url).query).get("every") or [""]
    try:
        every = float(values[0])
    except ValueError:
        return DEFAULT_EVERY
    return every if every >= 1 else DEFAULT_EVERY


def _requirements(title: str) -> tuple[str, ...]:
    lowered = title.lower()
    for word, items in REQUIREMENTS.items():
        if word and word in lowered:
            return items
    return REQUIREMENTS[""]


def _description(rng: random.Random, title: str, company: str, location: str) -> str:
    product = rng.choice(PRODUCTS)
    where = "spread across the EU" if location.startswith("Remote") else f"in {location}"
    bullets = "".join(f"<li>{item}</li>" for item in (*_requirements(title), *COMMON_REQUIREMENTS))
    return (
        f"<p>{company} builds {product} for customers across Europe.</p>"
        f"<h3>About the role</h3><p>As our {title} you will own services that move real money, "
        f"from design to on-call, working with a small team {where}.</p>"
        f"<h3>What we look for</h3><ul>{bullets}</ul>"
        f"<p>We offer a yearly learning budget, 30 days of holiday and a flexible schedule.</p>"
    )


def _posting(slot: int, every: float, age: int = 0) -> dict[str, Any]:
    """The posting of time slot `slot`, `age` slots after it appeared."""
    rng = random.Random(slot)
    title = rng.choice(RUST_TITLES if slot % 3 == 0 else OTHER_TITLES)
    company = rng.choice(COMPANIES)
    location = rng.choice(LOCATIONS)
    if location.startswith("Remote"):
        workplace = "remote"
    else:
        workplace = rng.choice(("hybrid", "hybrid", "onsite", "remote"))
    description = _description(rng, title, company, location)
    salary = _salary(rng)
    pay_said = _pay_said(slot, salary)
    if salary is None and not pay_said and slot % 4 == 1 and age >= EDITED_AFTER:
        salary = {"min": 120_000, "max": 145_000, "currency": "EUR"}  # its board added the pay
    return {
        "id": f"demo-{slot}",
        "title": title,
        "company": company,
        "location": location,
        "workplace": workplace,
        "employment_type": rng.choice(("Full-time", "Full-time", "Full-time", "Contract")),
        "department": "Engineering",
        "url": f"https://example.com/jobs/demo-{slot}",
        "posted_at": datetime.fromtimestamp(slot * every, UTC).isoformat(),
        "description_html": description + pay_said,
        "salary": salary,
    }


def _salary(rng: random.Random) -> dict[str, Any] | None:
    """A yearly range in euros, or none: like real boards, not every posting states one."""
    low = rng.choice((0, 0, 60, 75, 90, 110))
    return {"min": low * 1000, "max": (low + 20) * 1000, "currency": "EUR"} if low else None


def _pay_said(slot: int, salary: dict[str, Any] | None) -> str:
    """Half the postings without a salary field state one in their text, as many US and EU
    postings do (`bot.normalize.statedpay` reads it)."""
    if salary is not None or slot % 2:
        return ""
    low = 70 + slot % 5 * 10
    return f"<p>The salary range for this role is €{low},000 – €{low + 25},000 a year.</p>"


def make_postings(now: float, every: float, count: int = 12) -> list[dict[str, Any]]:
    """The postings of the last `count` time slots at `now`, newest first. Pure."""
    current = int(now // every)
    return [
        _posting(slot, every, current - slot)
        for slot in range(current, current - count, -1)
        if slot >= 0
    ]


def _salary_fields(salary: object) -> dict[str, Any]:
    if not isinstance(salary, dict):
        return {}
    return {
        "salary_min": salary.get("min"),
        "salary_max": salary.get("max"),
        "salary_currency": salary.get("currency"),
        "salary_period": "year",
    }


@register
class Demo(Source):
    kind = "demo"
    title = "Simulated fintech board for the offline demo (demo://fintech?every=8)"
    example_url = "demo://fintech?every=8"

    def endpoint(self, url: str) -> str | None:
        url = url.strip()
        return url if url.lower().startswith("demo:") else None

    def respond(self, request: Request) -> FetchResult:
        """Generate the board's current postings; no network."""
        body = json.dumps({"jobs": make_postings(time.time(), _every(request.url))}).encode()
        return FetchResult(url=request.url, body=body, content_type="application/json")

    def parse(self, response: Response, ctx: Context) -> Page:
        try:
            jobs = json.loads(response.text)["jobs"]
        except (ValueError, KeyError, TypeError):
            raise ParseError("expected the demo board's JSON object with a 'jobs' list") from None
        if not isinstance(jobs, list):
            raise ParseError("expected the demo board's JSON object with a 'jobs' list")
        return Page(
            [
                RawPosting(
                    external_id=str(job["id"]),
                    title=job.get("title", ""),
                    url=job.get("url", ""),
                    company=job.get("company"),
                    location=job.get("location"),
                    description_html=job.get("description_html"),
                    posted_at=job.get("posted_at"),
                    workplace=job.get("workplace"),
                    employment_type=job.get("employment_type"),
                    department=job.get("department"),
                    **_salary_fields(job.get("salary")),
                )
                for job in jobs
                if isinstance(job, dict) and job.get("id")
            ]
        )
