"""Benchmark the alert index: 1k, 10k and 100k alerts against 10k corpus-shaped postings.

    .venv/bin/python -m bench.match [--alerts 1000,10000,100000] [--postings 10000] [--seed 1]

Alerts are a mix generated from role, technology, seniority and location vocabularies, using
every construct of the language. Postings take their descriptions from the shared corpus (real
job adverts, about 6,000 characters each) when it is there, with a stack sentence, title,
company, location, workplace and employment type drawn from the same vocabularies.

For each size it prints postings per second through `Matcher.match` (tokenizing included)
and through `route` (one delivery per user), the naive loop that evaluates every alert's
compiled query on each posting's view, their ratio, the index's build time and memory, and
how many alerts and users each posting matched. The naive loop's answers are checked against
the index's.
"""

from __future__ import annotations

import argparse
import gc
import random
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from bot import match
from bot.index import Matcher
from bot.models import Alert, BoardInfo, FetchResult, Posting
from bot.view import compile_query, view

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CORPUS_FILES = {"greenhouse": ".json", "lever": ".json", "rss": ".xml"}


def _words(text: str) -> list[str]:
    return text.split()


TECH = _words("""python java javascript typescript go golang rust c++ c# f# .net node.js react vue
angular svelte kotlin swift scala ruby rails php laravel django flask fastapi spring kubernetes
docker terraform ansible aws gcp azure postgresql mysql mongodb redis elasticsearch kafka
rabbitmq spark airflow snowflake dbt bigquery sql graphql grpc ci/cd linux elixir erlang
haskell clojure ocaml flutter android ios pytorch tensorflow llm nlp hadoop jenkins gitlab
salesforce sap tableau looker figma unity unreal webgl solidity blockchain embedded fpga
verilog matlab r julia perl bash powershell cobol fortran selenium cypress playwright jest
webpack nextjs nuxt remix htmx tailwind redux rxjs""")
ROLES = [
    "backend engineer", "frontend engineer", "full stack developer", "data scientist",
    "data engineer", "machine learning engineer", "devops engineer", "site reliability engineer",
    "product manager", "product designer", "security engineer", "mobile developer",
    "qa engineer", "engineering manager", "data analyst", "solutions architect",
    "platform engineer", "software engineer", "technical writer", "customer success manager",
    "account executive", "sales manager", "marketing manager", "content writer",
    "recruiter", "office manager", "financial analyst", "accountant", "legal counsel",
    "support specialist", "ux researcher", "game developer", "embedded engineer",
    "network engineer", "database administrator", "business analyst", "project manager",
    "scrum master", "cloud architect", "research scientist",
]  # fmt: skip
SENIORITY = _words("junior mid senior staff principal lead head intern")
LOCATIONS = [
    "berlin", "london", "lisbon", "amsterdam", "paris", "madrid", "barcelona", "zurich",
    "munich", "dublin", "warsaw", "stockholm", "copenhagen", "new york", "san francisco",
    "toronto", "austin", "seattle", "singapore", "sydney", "sao paulo", "bangalore", "remote",
    "hamburg", "frankfurt", "cologne", "vienna", "prague", "budapest", "krakow", "bucharest",
    "sofia", "athens", "milan", "rome", "porto", "valencia", "brussels", "rotterdam",
    "utrecht", "oslo", "helsinki", "tallinn", "riga", "vilnius", "edinburgh", "manchester",
    "bristol", "geneva", "lyon", "toulouse", "chicago", "boston", "denver", "atlanta",
    "miami", "los angeles", "vancouver", "montreal", "mexico city", "bogota", "buenos aires",
    "santiago", "lima", "cape town", "lagos", "nairobi", "cairo", "dubai", "tel aviv",
    "istanbul", "mumbai", "hyderabad", "pune", "delhi", "shanghai", "tokyo", "seoul",
    "taipei", "hong kong", "jakarta", "manila", "melbourne", "auckland",
]  # fmt: skip
COMPANIES = [
    f"{a}{b}"
    for a in _words("acme globex initech umbrella hooli stark wayne wonka tyrell cyber north blue")
    for b in ("", "soft", "labs", "pay", "data", "cloud", "works", "health", "bank", "ai")
]
PREFIXES = ["dev*", "engineer*", "data*", "kube*", "front*", "back*", "analy*", "secur*"]
FILLER = _words("""we are looking for a to join our team you will work with and on the in of build
design maintain scale systems services customers product experience years strong skills
ability communication collaborate ownership impact growth learning benefits salary equity
office flexible hours health insurance vacation apply today diverse inclusive""")


def _quote(words: str) -> str:
    return f'"{words}"' if " " in words else words


def alert_query(rng: random.Random) -> str:
    """One alert as a user might write it: mostly a role or technology narrowed down."""
    tech, tech2 = rng.sample(TECH, 2)
    role, loc, sen = rng.choice(ROLES), _quote(rng.choice(LOCATIONS)), rng.choice(SENIORITY)
    role_word, sen2, company = role.split()[0], rng.choice(SENIORITY), rng.choice(COMPANIES)
    templates: list[tuple[float, Callable[[], str]]] = [
        (5, lambda: tech),
        (6, lambda: f"title:{tech}"),
        (14, lambda: f"{tech} {loc}"),
        (8, lambda: f"title:{sen} {tech}"),
        (10, lambda: f"title:{sen} {tech} {loc}"),
        (10, lambda: f'"{role}" {loc}'),
        (8, lambda: f'title:"{role}" {loc}'),
        (8, lambda: f"title:({sen} OR {sen2}) {tech} -{tech2}"),
        (6, lambda: f"({tech} OR {tech2}) remote:yes"),
        (5, lambda: f'"{role}" remote:yes'),
        (5, lambda: f"title:{rng.choice(PREFIXES)} {loc}"),
        (3, lambda: f"company:{company}"),
        (4, lambda: f"title:{role_word} type:contract"),
        (5, lambda: f"location:{loc} title:({role_word} OR {tech})"),
        (4, lambda: f'title:"{role}" -{sen} NOT {tech2}'),
        (1, lambda: "remote:yes type:full-time"),
    ]
    weights = [w for w, _ in templates]
    return rng.choices([t for _, t in templates], weights)[0]()


def corpus_descriptions() -> list[str]:
    """Descriptions of the real postings in the shared corpus (empty when it is absent)."""
    from bot.normalize import posting
    from bot.sources import get
    from bot.sources.contract import parse_recorded

    out: list[str] = []
    for kind, suffix in CORPUS_FILES.items():
        folder = CORPUS / kind
        for file in sorted(folder.glob(f"*{suffix}")) if folder.is_dir() else []:
            result = FetchResult(url=f"https://corpus.invalid/{file.name}", body=file.read_bytes())
            board = BoardInfo(file.stem, kind, result.url)
            out += [
                posting(raw, board).description
                for raw in parse_recorded(get(kind), result).postings
            ]
    return [d for d in out if len(d) > 500]


def make_postings(n: int, rng: random.Random) -> list[Posting]:
    """Postings shaped like the corpus: real descriptions when available, vocabulary otherwise."""
    texts = corpus_descriptions() or [" ".join(rng.choices(FILLER, k=900)) + "." for _ in range(50)]
    out = []
    for i in range(n):
        stack = ", ".join(rng.sample(TECH, rng.randint(2, 6)))
        title = f"{rng.choice(SENIORITY).title()} {rng.choice(ROLES).title()}"
        if rng.random() < 0.3:
            title += f" ({rng.choice(TECH)})"
        where = f"{rng.choice(ROLES)} in {rng.choice(LOCATIONS)}"
        description = f"{rng.choice(texts)}\nOur stack: {stack}. {where}."
        out.append(
            Posting(
                key=f"bench:{i}",
                board=rng.choice(COMPANIES).title(),
                external_id=str(i),
                title=title,
                company=rng.choice(COMPANIES).title(),
                location=rng.choice(LOCATIONS).title(),
                url=f"https://example.invalid/{i}",
                description=description,
                workplace=rng.choice(["remote", "hybrid", "onsite", None, None]),
                employment_type=rng.choice(["full_time"] * 6 + ["contract", "part_time", None]),
            )
        )
    return out


def _rate(n: int, seconds: float) -> float:
    return n / seconds if seconds else float("inf")


def run(n_alerts: int, postings: list[Posting], seed: int, naive_postings: int) -> None:
    """Build the index for `n_alerts` alerts, route every posting through it, compare naive."""
    rng = random.Random(seed)
    alerts = [Alert(i, i // 3, alert_query(rng)) for i in range(1, n_alerts + 1)]

    gc.collect()
    start = time.perf_counter()
    matcher = Matcher(alerts)
    build = time.perf_counter() - start

    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    held = Matcher(alerts)
    memory = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    del held

    start = time.perf_counter()
    hits = sum(len(matcher.match(p)) for p in postings)
    indexed = _rate(len(postings), time.perf_counter() - start)
    start = time.perf_counter()
    deliveries = sum(r.users for r in match.route(postings, matcher))
    routed = _rate(len(postings), time.perf_counter() - start)

    # The naive loop: every alert's compiled query on every posting (one view per posting).
    compiled = [(a, compile_query(a.query)) for a in alerts]
    sample = postings[:naive_postings]
    start = time.perf_counter()
    naive_hits = []
    for p in sample:
        v = view(p)
        naive_hits.append({a.id for a, test in compiled if test(v)})
    naive = _rate(len(sample), time.perf_counter() - start)
    assert naive_hits == [{a.id for a in matcher.match(p)} for p in sample], "index != naive"

    print(
        f"{n_alerts:>7} alerts ({matcher.queries:>6} distinct queries)\n"
        f"    match   {indexed:8.0f} postings/s   naive {naive:7.1f}/s   x{indexed / naive:.0f}\n"
        f"    route   {routed:8.0f} postings/s   (one delivery per user and posting)\n"
        f"    build   {build:8.2f} s            index {memory / 2**20:.1f} MiB\n"
        f"    matched {hits / len(postings):8.1f} alerts, {deliveries / len(postings):.1f} users "
        "per posting"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--alerts", default="1000,10000,100000")
    ap.add_argument("--postings", type=int, default=10_000)
    ap.add_argument("--naive-postings", type=int, default=200, help="postings for the naive loop")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    postings = make_postings(args.postings, random.Random(args.seed))
    chars = sum(len(p.description) for p in postings) / len(postings)
    print(f"{len(postings)} postings, {chars:.0f} characters of description on average")
    for n in (int(x) for x in args.alerts.split(",")):
        run(n, postings, args.seed, args.naive_postings)


if __name__ == "__main__":
    main()
