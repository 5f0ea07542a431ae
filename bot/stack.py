"""The tech a posting names (languages, frameworks, databases, clouds), for one line of its
message: "🧰 Rust · Kafka · PostgreSQL · Kubernetes", so an engineer sees the stack before
reading the text.

Each tech is found by its spellings as postings write them ("Postgres", "PostgreSQL", "k8s").
A name that is also a common word is found only as the tech writes it, in its case, and not
where it means something else: "Go" but not "go-live" or "Go to market", "Swift" but not
SWIFT payments, "Spring Boot" but not spring, "React" but not "react quickly". A posting
names many: the most named come first (the title counts as much as three mentions), ties in
the order they first appear; the company's own name is no tech of its jobs.
"""

from __future__ import annotations

import re
from collections import Counter

from bot.words import C_LANGUAGE, GO_LANGUAGE, tokens

MOST = 6  # techs a message names at most
READ = 20_000  # characters of a description read: the stack is named early, and a hostile
#                posting of megabytes costs no more than this

# (name shown, pattern). Without (?-i), any case; with it, only as written.
_TECH: tuple[tuple[str, str], ...] = (
    ("Rust", r"\brust\b(?!\s+belt)"),
    ("Go", GO_LANGUAGE + r"|\bgolang\b"),  # as alerts read "go"
    ("Scala", r"\bscala\b"),
    ("Java", r"\bjava\b(?![-\s]*script)"),
    ("Kotlin", r"\bkotlin\b"),
    ("Python", r"\bpython\b"),
    ("TypeScript", r"\btypescript\b"),
    ("JavaScript", r"\bjavascript\b"),
    ("C", C_LANGUAGE),  # as alerts read "c"
    ("C++", r"(?<![\w+])c\+\+"),
    ("C#", r"(?<![\w#])c#"),
    (".NET", r"(?<!\w)\.net\b|\bdotnet\b"),
    ("Ruby", r"(?-i:\bRuby\b)"),
    ("PHP", r"\bphp\b"),
    ("Elixir", r"\belixir\b"),
    ("Erlang", r"\berlang\b"),
    ("Haskell", r"\bhaskell\b"),
    ("Clojure", r"\bclojure\b"),
    ("OCaml", r"\bocaml\b"),
    ("F#", r"(?<![\w#])f#"),
    ("Swift", r"(?-i:\bSwift\b)(?!\s*(?:network|message|payments?|code|transfer))"),
    ("Objective-C", r"\bobjective[- ]c\b"),
    ("Solidity", r"\bsolidity\b"),
    ("Zig", r"(?-i:\bZig\b)"),
    ("React Native", r"\breact native\b"),
    ("React", r"(?-i:\bReact\b)(?:\.?js)?(?!\s+(?:to|quickly|fast|native)\b)|\breactjs\b"),
    ("Angular", r"(?-i:\bAngular\b)"),
    ("Vue", r"\bvue(?:\.?js)?\b"),
    ("Node.js", r"\bnode\.?js\b"),
    ("Django", r"\bdjango\b"),
    ("Flask", r"(?-i:\bFlask\b)"),
    ("FastAPI", r"\bfastapi\b"),
    ("Spring", r"\bspring (?:boot|framework|cloud)\b"),
    ("Rails", r"(?-i:\bRails\b)"),
    ("Laravel", r"\blaravel\b"),
    ("gRPC", r"\bgrpc\b"),
    ("GraphQL", r"\bgraphql\b"),
    ("PostgreSQL", r"\bpostgres(?:ql)?\b"),
    ("MySQL", r"\bmysql\b"),
    ("MongoDB", r"\bmongo(?:db)?\b"),
    ("Redis", r"\bredis\b"),
    ("Kafka", r"\bkafka\b"),
    ("RabbitMQ", r"\brabbitmq\b"),
    ("Elasticsearch", r"\belastic ?search\b"),
    ("Cassandra", r"\bcassandra\b"),
    ("DynamoDB", r"\bdynamo ?db\b"),
    ("ClickHouse", r"\bclickhouse\b"),
    ("Snowflake", r"(?-i:\bSnowflake\b)"),
    (
        "Spark",
        r"\bapache spark\b|\bpyspark\b"
        r"|(?-i:\bSpark\b)(?!\s+(?:joy|curiosity|change|ideas?|capital|ventures)\b)",
    ),
    ("Airflow", r"\bairflow\b"),
    ("dbt", r"(?-i:\bdbt\b)"),
    ("BigQuery", r"\bbigquery\b"),
    ("Kubernetes", r"\bkubernetes\b|\bk8s\b"),
    ("Docker", r"\bdocker\b"),
    ("Terraform", r"\bterraform\b"),
    ("AWS", r"\baws\b|\bamazon web services\b"),
    ("GCP", r"\bgcp\b|\bgoogle cloud\b"),
    ("Azure", r"(?-i:\bAzure\b)"),
    ("Linux", r"\blinux\b"),
    ("PyTorch", r"\bpytorch\b"),
    ("TensorFlow", r"\btensorflow\b"),
)
_PATTERNS = tuple((name, re.compile(p, re.IGNORECASE)) for name, p in _TECH)
# A piece of text every spelling of the tech has, lower-cased: most postings name few of
# them, and a search for a piece (in C) rules out the rest before any pattern runs.
_CUES = {
    "Go": "go", "C": "c", "C++": "c++", "C#": "c#", ".NET": "net", "F#": "f#", "Objective-C": "objective",
    "Node.js": "node", "PostgreSQL": "postgres", "MongoDB": "mongo", "Elasticsearch": "elastic",
    "DynamoDB": "dynamo", "Kubernetes": "k", "AWS": "a", "GCP": "g", "React": "react",
    "Spark": "spark", "Vue": "vue", "Spring": "spring ",
}  # fmt: skip
_TITLE_WEIGHT = 3
# The techs' names as a query types them (their tokens), and their other spellings: a list
# of these ("rust, go or scala", "rust/go") is one of them, not all (`bot.lexer`).
_SPELLINGS = (
    "golang", "k8s", "postgres", "js", "ts", "reactjs", "react.js", "nodejs", "vuejs", "vue.js",
    "csharp", "dotnet", "c", "perl", "lua", "dart", "julia", "groovy", "nim", "crystal", "cobol",
    "fortran", "matlab", "sql", "bash", "powershell", "flutter", "svelte", "nextjs", "next.js",
)  # fmt: skip
_NAMES = frozenset(
    (*(" ".join(tokens(name)) for name, _ in _TECH), *(" ".join(tokens(s)) for s in _SPELLINGS))
)


def tech_words() -> frozenset[str]:
    """The techs' names of one word ("rust", "kubernetes"), as a query types them."""
    return frozenset(n for n in _NAMES if " " not in n)


def is_tech(term: str) -> bool:
    """Whether `term`, a query's word or phrase (its tokens, space-separated), names a tech."""
    return term in _NAMES


def stack(title: str, description: str, company: str = "") -> tuple[str, ...]:
    """The techs the posting names, the most named first (at most `MOST`); not the company's
    own name (Snowflake's jobs all say Snowflake)."""
    counts: Counter[str] = Counter()
    first: dict[str, tuple[int, int]] = {}  # where each is first named: (0 title, 1 text; at)
    for part, (weight, text) in enumerate(((_TITLE_WEIGHT, title), (1, description[:READ]))):
        lower = text.lower()
        for name, pattern in _PATTERNS:
            if _CUES.get(name, name.lower()) not in lower:
                continue
            for m in pattern.finditer(text):
                counts[name] += weight
                first[name] = min(first.get(name, (part, m.start())), (part, m.start()))
    own = company.casefold().split()
    ranked = sorted(
        (n for n in counts if n.casefold() not in own), key=lambda n: (-counts[n], first[n])
    )
    return tuple(ranked[:MOST])
