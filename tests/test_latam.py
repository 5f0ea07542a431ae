"""A job seeker in Brazil who wants remote work open to Latin America (walk 1, Lucas): regions
as LATAM postings name them ("Remote - South America", "AMER", "Latin America & Caribbean",
"Western Hemisphere") open to their countries, and a region to what its countries are
(`from:latam` finds "Remote (GMT-3)"); "Remoto", "remota", "télétravail", "Homeoffice" read as
remote; a "Remote" job whose description says whom it hires ("We hire in Brazil…") open to
those places, with /why saying so. Through the real normaliser and matcher."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot import match, normalize, why
from bot.countrynames import country_names
from bot.dedupe import identity
from bot.gazetteer import gazetteer
from bot.geodata import TIME_ZONES
from bot.hiring import hires_in
from bot.index import Matcher
from bot.models import Alert, BoardInfo, Posting, RawPosting
from bot.normalize.foreignwork import text_said
from bot.placelist import board_location
from bot.view import compile_query, view
from tests import cputime

ASHBY = BoardInfo("Ledgerline", "ashby", "https://jobs.ashbyhq.com/ledgerline", None)
GREENHOUSE = BoardInfo("GitLab", "greenhouse", "https://boards.greenhouse.io/gitlab", None)
LEVER = BoardInfo("Nubank", "lever", "https://jobs.lever.co/nubank", None)


def job(
    location: str,
    description: str = "Go.",
    title: str = "Go Engineer",
    board: BoardInfo = ASHBY,
    workplace: str | None = "remote",
) -> Posting:
    raw = RawPosting(
        "1", title, "https://x.example/1", company="Acme", location=location,
        description_html=f"<p>{description}</p>", workplace=workplace,
    )  # fmt: skip
    return normalize.posting(raw, board)


def matched(query: str, posting: Posting) -> bool:
    """Whether `query` matches; the reference evaluator, the compiled query, the index and
    search agree."""
    said = match.matches(query, posting)
    assert compile_query(query)(view(posting)) is said, "compiled query"
    assert bool(Matcher([Alert(1, 1, query)]).match(posting)) is said, "index"
    assert bool(match.search(query, [posting])) is said, "search"
    return said


# --- B1: regions -------------------------------------------------------------------------

OPEN = [  # (location, open to, not open to)
    ("Remote - South America", ("brazil", "latam", "americas", '"south america"'), ("mexico",)),
    ("South America", ("brazil", '"sao paulo"', "latam"), ("usa",)),
    ("Remote (South America)", ("brazil", "argentina"), ("germany",)),
    ("Remote - Central & South America", ("brazil", '"costa rica"', "latam"), ("mexico",)),
    ("Remote - AMER", ("brazil", "usa", "latam", "amer"), ("germany",)),
    ("AMER", ("brazil", "americas"), ("spain",)),
    ("Remote (Latin America & Caribbean)", ("brazil", "jamaica", "latam"), ("usa",)),
    ("Remote (Western Hemisphere)", ("brazil", "usa", "canada"), ("germany",)),
    ("Remote - Western Hemisphere", ("brazil", "americas"), ("portugal",)),
    ("Remote - Latinoamérica", ("brazil", "mexico"), ("usa",)),
    ("Remoto - América do Sul", ("brazil",), ("mexico",)),
    # a zone read as countries counts for the regions holding them
    ("Remote, UTC-3 to UTC-5", ("brazil", "latam", '"latin america"', '"south america"'), ()),
    ("Remote (GMT-3)", ("brazil", "latam", "americas"), ("germany", "usa")),
    ("Remote (BRT)", ("brazil", "latam"), ("mexico",)),
    ("Remote (UTC-5 to UTC-3)", ("latam", "brazil"), ("spain",)),
    # and elsewhere alike: the rule is a region's, not LATAM's
    ("Remote (GMT+8)", ("asia", "apac", "singapore"), ("europe",)),
    ("Remote (UTC+2)", ("europe", "africa", "emea", "israel"), ("usa", "apac")),
    ("Remote - Nordics", ("europe", "emea", "sweden"), ("germany",)),
    # a region that only overlaps is not enough: "North America" has Mexico, no more of LATAM
    ("Remote - North America", ("mexico", "usa"), ("latam", "brazil")),
    ("Remote - LATAM", ("brazil", "mexico", "americas"), ('"north america"', "usa", "jamaica")),
    ("Remote - US", ("americas", "amer"), ("latam", "brazil")),
    ("Remote (US/Canada only)", ("usa",), ("latam", "brazil")),
    ("Remote (Mexico)", ("latam", "mexico"), ("brazil", '"south america"')),
]


@pytest.mark.parametrize(("location", "open_to", "not_open_to"), OPEN, ids=[o[0] for o in OPEN])
def test_a_regions_location_is_open_to_its_countries_and_a_region_to_theirs(
    location: str, open_to: tuple[str, ...], not_open_to: tuple[str, ...]
) -> None:
    posting = job(location)
    for place in open_to:
        assert matched(f"go remote:yes from:{place}", posting), (place, location)
    for place in not_open_to:
        assert not matched(f"go remote:yes from:{place}", posting), (place, location)


def test_the_new_regions_are_places_for_location_too() -> None:
    assert matched('location:"south america"', job("Remote - Brazil"))
    assert matched("location:caribbean", job("Kingston, Jamaica"))
    assert matched('location:"central america"', job("San José, Costa Rica"))
    assert matched("location:amer", job("Toronto, Canada"))
    assert not matched('location:"central america"', job("Mexico City"))


def test_lucas_final_alert_gets_the_south_america_job() -> None:
    """The walk's lost digest job, with his own alert."""
    alert = "remote:yes (go OR elixir OR kotlin) (from:brazil OR brazil OR latam) -(crypto OR web3)"
    elixir = job("Remote - South America", "Elixir and Phoenix.", "Elixir Developer")
    assert matched(alert, elixir)
    assert not matched(alert, job("Remote - US", "Go."))


# --- B2: remote in Portuguese, Spanish, French and German ---------------------------------

WORKPLACE = [  # (title, location, description, workplace): a board with no workplace field
    ("Go Engineer", "Remoto - Brasil", "Go.", "remote"),
    ("Go Engineer", "Brasil (Remoto)", "Go.", "remote"),
    ("Go Engineer", "Remoto - México", "Go.", "remote"),
    ("Go Engineer", "Madrid (Teletrabajo)", "Go.", "remote"),
    ("Go Engineer", "Paris, télétravail", "Go.", "remote"),
    ("Go Engineer", "Berlin / Homeoffice", "Go.", "remote"),
    ("Go Engineer", "Híbrido - São Paulo", "Go.", "hybrid"),
    ("Engenheiro Go (Remoto)", "São Paulo", "Go.", "remote"),
    ("Desarrollador Go - 100% Remoto", "Bogotá", "Go.", "remote"),
    ("Développeur Go (Télétravail)", "Lyon", "Go.", "remote"),
    ("Go Entwickler (Homeoffice)", "Köln", "Go.", "remote"),
    ("Go Engineer", "São Paulo", "Vaga 100% remota. Go.", "remote"),
    ("Go Engineer", "São Paulo", "Trabalho remoto para todo o Brasil.", "remote"),
    ("Go Engineer", "São Paulo", "Sobre a vaga<br>Modelo de trabalho: Remoto", "remote"),
    ("Go Engineer", "São Paulo", "Modelo híbrido, 2 dias no escritório.", "hybrid"),
    ("Go Engineer", "CDMX", "Trabajo 100% remoto desde México.", "remote"),
    ("Go Engineer", "Bogotá", "Modalidad: remota.", "remote"),
    ("Go Engineer", "Lyon", "Poste en télétravail complet.", "remote"),
    ("Go Engineer", "Köln", "Die Stelle ist 100% Homeoffice.", "remote"),
    # mentions, not statements
    ("Técnico de Controle Remoto", "São Paulo", "Conserto de controle remoto.", None),
    ("Go Engineer", "São Paulo", "Acesso remoto à VPN da empresa.", None),
    ("Go Engineer", "São Paulo", "Oferecemos auxílio home office e VR.", None),
    ("Go Engineer", "São Paulo", "Experiência com trabalho remoto.", None),
    ("Go Engineer", "São Paulo", "Esta vaga não é remota.", None),
    ("Go Engineer", "São Paulo", "Não é 100% remoto: 3 dias no escritório.", None),
    ("Go Engineer", "São Paulo", "Modelo de trabalho: remoto ou híbrido.", None),
    ("Go Engineer", "São Paulo", "Modelo híbrido ou 100% remoto.", None),
    ("Go Engineer", "Köln", "Die Stelle ist nicht remote.", None),
    ("Policy Adviser - Home Office", "London", "Policy.", None),
]


@pytest.mark.parametrize(
    ("title", "location", "text", "said"), WORKPLACE, ids=[f"{w[1]}|{w[2]}" for w in WORKPLACE]
)
def test_remote_in_portuguese_spanish_french_and_german(
    title: str, location: str, text: str, said: str | None
) -> None:
    posting = job(location, text, title, GREENHOUSE, workplace=None)
    assert posting.workplace == said
    assert matched("remote:yes", posting) is (said == "remote")


def test_brasil_after_remoto_is_open_to_all_of_brazil() -> None:
    """ "Remoto - Brasil" is "Remote - Brazil": open to São Paulo, not a job in a town."""
    for location in ("Remoto - Brasil", "Brasil (Remoto)", "Remote - Brazil"):
        assert matched('go from:"sao paulo"', job(location, workplace=None)), location
    assert matched("go from:monterrey", job("Remoto - México", workplace=None))


def test_a_remote_word_costs_what_an_ordinary_text_does() -> None:
    ordinary = ("Construa o ledger em Go com o time em São Paulo. " * 2000)[:100_000]
    hostile = ("vaga remota ou híbrida; remoto, remota, télétravail, 100% " * 2000)[:100_000]
    assert cputime.ratio(lambda: text_said(hostile), lambda: text_said(ordinary)) < 20


# --- B3: a "Remote" job whose description says whom it hires -------------------------------

NUBANK = (
    "We hire in Brazil, Argentina and Colombia as contractors via Deel. Must overlap 4 hours "
    "with EST. $5,000 - $7,000 USD/month"
)


def test_the_nubank_job_is_open_to_brazil_and_why_says_the_description_says_so() -> None:
    posting = job("Remote", NUBANK, "Backend Engineer (Golang)", LEVER)
    assert posting.location == "Remote; hires in Brazil, Argentina and Colombia"
    assert matched("remote:yes go from:brazil", posting)
    assert matched("go from:latam", posting)
    assert matched("go from:colombia", posting)
    assert not matched("go from:usa", posting)
    assert not matched("go from:mexico", posting)
    told = why.explain("remote:yes go from:brazil", posting)
    assert told.matched
    assert "from:brazil: the description says it hires in Brazil, Argentina and Colombia" in (
        told.reasons
    )


def test_the_job_stays_the_same_job_by_its_boards_location() -> None:
    posting = job("Remote", NUBANK, "Backend Engineer (Golang)", LEVER)
    assert board_location(posting.location, posting.locations) == "Remote"
    same = job("Remote", "Go.", "Backend Engineer (Golang)", LEVER)
    assert identity(posting).ctl == identity(same).ctl


HIRES = [  # (description, what it says the job hires in)
    (NUBANK, "Brazil, Argentina and Colombia"),
    ("This role is open to candidates based in LATAM.", "LATAM"),
    ("You must be located in Brazil.", "Brazil"),
    ("This role is open to candidates in Latin America.", "Latin America"),
    ("Candidates must be located in the U.S. and authorized to work.", "the US"),
    ("Open to applicants residing in the US or Canada only.", "the US or Canada"),
    ("Only candidates based in Europe will be considered.", "Europe"),
    ("We are hiring across Latin America & the Caribbean!", "Latin America & the Caribbean"),
    ("<b>Location:</b> Remote (LATAM)<br>About us", "LATAM"),
    ("US-based only. Must be authorized to work in the United States.", "US"),
    ("LATAM-based candidates only.", "LATAM"),
    # mentions, not statements; towns and clocks are no country
    ("Our customers in Brazil and Mexico love us.", None),
    ("We have offices in Brazil.", None),
    ("We do not hire in California or Brazil.", None),
    ("You don't need to be located in the US.", None),
    ("We're hiring engineers to help customers in Brazil.", None),
    ("You must be located in São Paulo.", None),
    ("You must be in EST.", None),
    ("We're hiring in 30 countries.", None),
    ("We are a US-based company with customers in Brazil.", None),
    ("You must be located in Mexico City.", None),
    ("We are hiring in Georgia.", None),  # the US state or the country
    ("You must be in GMT.", None),
    ("We're hiring in IT and engineering.", None),
    # a sentence ends a name: not "the Philippines. For"
    ("We hire in the Philippines. For this role, Go.", "the Philippines"),
    ("Candidates must be located in the U.S. Candidates need Go.", "the US"),
]


@pytest.mark.parametrize(("text", "hires"), HIRES, ids=[h[0][:40] for h in HIRES])
def test_whom_a_remote_job_hires_is_read_from_a_statement(text: str, hires: str | None) -> None:
    posting = job("Remote", text)
    assert hires_in(posting.description) == hires
    assert posting.location == ("Remote" if hires is None else f"Remote; hires in {hires}")


def test_a_us_only_job_is_kept_out_of_from_brazil_and_why_says_why() -> None:
    posting = job("Remote", "US-based only. You must be located in the US.")
    assert matched("go from:usa", posting)
    assert not matched("go from:brazil", posting)
    told = why.explain("go from:brazil", posting)
    assert told.reasons == ("from:brazil: the description says it hires in US",)


def test_only_a_location_that_names_no_place_is_read_again_from_the_description() -> None:
    """A location's own places win: "Remote - Anywhere", "Paris", "Remote (EU)"."""
    text = "You must be located in Brazil."
    for location in ("Remote - Anywhere", "Paris", "Remote (EU)", "São Paulo"):
        assert job(location, text).location == location
    assert job("", text).location == "hires in Brazil"
    assert job("Remote, Full-time", text).location == "Remote, Full-time; hires in Brazil"


def test_a_hostile_text_of_hiring_words_costs_what_an_ordinary_one_does() -> None:
    ordinary = ("Build the ledger in Go with our team in Berlin. " * 2000)[:100_000]
    hostile = ("We hire in Brazil, Argentina, Peru and Deel, must be located in " * 2000)[:100_000]
    assert cputime.ratio(lambda: hires_in(hostile), lambda: hires_in(ordinary)) < 20


@pytest.mark.parametrize("location", ["Remote - Anywhere", "Worldwide", "Remote (Global)"])
def test_a_job_open_worldwide_is_not_narrowed_by_its_text(location: str) -> None:
    assert job(location, "You must be located in Brazil.").location == location


@pytest.mark.parametrize("location", ["Remote", "Remoto", "", "Fully Remote", "100% Remote"])
def test_a_location_of_remote_words_alone_is_read_from_the_text(location: str) -> None:
    posting = job(location, "You must be located in Brazil.")
    assert posting.location == "; ".join(p for p in (location, "hires in Brazil") if p)
    assert matched("go from:brazil", posting)
    assert not matched("go from:usa", posting)


def test_the_country_names_ingest_reads_are_the_gazetteers() -> None:
    """`bot.countrynames` (statements are read with it, never with the gazetteer) names each
    country and region as the gazetteer does; not clocks, nor a US state's name ("georgia")."""
    g, light = gazetteer(), country_names()
    left_out = TIME_ZONES.keys() | g.state_names.keys()
    assert {n: c for n, c in g.names.items() if n not in left_out and light.get(n) != c} == {}


NO_GAZETTEER = """
import sys
from bot import normalize
from bot.models import BoardInfo, RawPosting
board = BoardInfo("Acme", "lever", "https://jobs.lever.co/acme", None)
jobs = [("Remote", "We hire in Brazil and Mexico."), ("Paris", "Go."), ("Worldwide", "Go.")]
for i, (location, text) in enumerate(jobs):
    raw = RawPosting(str(i), "Go Engineer", "https://x.example/1", company="Acme",
                     location=location, description_html=f"<p>{text}</p>")
    print(normalize.posting(raw, board).location)
built = "bot.gazetteer" in sys.modules and sys.modules["bot.gazetteer"]._build.cache_info()
print(bool(built and built.currsize))
"""


def test_ingest_reads_whom_a_job_hires_without_building_the_gazetteer() -> None:
    """Ingest runs in the small reader process too (`bot.reading`): the gazetteer's seconds
    and 160 MB are never spent there, not even for a statement read."""
    done = subprocess.run(
        [sys.executable, "-c", NO_GAZETTEER], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.splitlines() == [
        "Remote; hires in Brazil and Mexico",
        "Paris",
        "Worldwide",
        "False",
    ], done.stderr


THEIR_TEXT = [  # (text, workplace): the English word, or no accent, in a text of theirs
    ("Buscamos una persona desarrolladora de Go. Modalidad: remote.", "remote"),
    ("Wir suchen eine Go-Entwicklerin. Die Stelle ist remote.", "remote"),
    ("Vaga 100% remote para pessoas desenvolvedoras de todo o Brasil.", "remote"),
    ("Arbeiten Sie komplett im Homeoffice und gestalten Sie mit uns.", "remote"),
    ("Oferecemos auxílio home office e VR. Modalidade: home office.", "remote"),
    ("Modelo hibrido, 3 dias de escritorio.", "hybrid"),
    ("Poste de développeur 100 % à distance.", "remote"),
    ("We build payments in Go. " * 60 + "Sobre a vaga: Modelo de trabalho: remoto.", "remote"),
    ("We build payments in Go. " * 60 + "Modelo híbrido, 2 dias no escritório.", "hybrid"),
    # an English text is the English readers' (`workterms`): no window of this reader's
    ("This role is 100% remote.", None),
    ("Work mode: Remote. Full remote or hybrid, a home office stipend.", None),
]


@pytest.mark.parametrize(("text", "said"), THEIR_TEXT, ids=[t[0][-40:] for t in THEIR_TEXT])
def test_the_english_word_is_read_in_a_text_of_theirs_only(text: str, said: str | None) -> None:
    assert text_said(text) == said


def test_an_english_texts_remote_words_cost_no_more_than_a_text_without_them() -> None:
    """ "remote", "hybrid", "home office", "distance" in English open no window (each had 5
    patterns run over it, ten times a posting's other cost): a posting with a few of them
    costs what one without them does."""
    plain = ("Build the ledger in Go with our team in Berlin this year. " * 100)[:6000]
    said = "Remote or hybrid: work mode remote, a home office, some distance. " * 3
    english = (said + plain)[:6000]
    assert text_said(english) is None
    slow, fast = (
        (lambda: [text_said(english) for _ in range(50)]),
        (lambda: [text_said(plain) for _ in range(50)]),
    )
    assert cputime.ratio(slow, fast) < 3


# --- walk 5: N2 a country left out, N3 a zone range beside a region, N4 Portuguese and
# Spanish statements of whom a job hires, N5 "presencial" ----------------------------------


@pytest.mark.parametrize(
    "location",
    [
        "Remote - LATAM (excluding Brazil)",
        "Remote - Latin America (except Brazil)",
        "LATAM (no Brazil)",
        "Remote - LATAM, excl. Brazil",
        "Remote (outside Brazil)",
    ],
)
def test_a_country_a_location_leaves_out_is_not_open(location: str) -> None:
    posting = job(location)
    assert not matched("from:brazil", posting)
    assert not matched('from:"sao paulo"', posting)
    if "outside" not in location:
        assert matched("from:latam", posting) and matched("from:mexico", posting)
    assert matched("location:brazil", posting)  # its word is still there


def test_a_phrase_of_no_place_after_no_is_no_exclusion() -> None:
    assert matched("from:brazil", job("Remote - Brazil (no relocation)"))


def test_a_zone_range_beside_a_region_narrows_it() -> None:
    assert not matched("from:brazil", job("Remote, Americas (UTC-8 to UTC-5)"))
    assert matched("from:mexico", job("Remote, Americas (UTC-8 to UTC-5)"))
    assert matched("from:brazil", job("Remote - Americas (UTC-3 to UTC-6)"))
    assert not matched("from:brazil", job("Remote (CET ± 3h)"))


@pytest.mark.parametrize(
    ("text", "hires"),
    [
        ("Contratamos em todo o Brasil. Vaga 100% remota.", "Brasil"),
        ("Somos remotos e contratamos no Brasil como PJ.", "Brasil"),
        ("Vaga aberta para todo o Brasil.", "Brasil"),
        ("Contratamos en México, Colombia y Argentina.", "México, Colombia y Argentina"),
        ("Vacante abierta a candidatos en LATAM.", "LATAM"),
        ("Vaga para pessoas residentes no Brasil.", "Brasil"),
        ("El candidato debe residir en México.", "México"),
        ("No contratamos en Brasil.", None),
        (
            "Open to candidates in Latin America (excluding Brazil).",
            "Latin America (excluding Brazil)",
        ),
        ("We hire in LATAM. We cannot hire in Brazil.", "LATAM (excluding Brazil)"),
        ("No agencies. We hire in Brazil.", "Brazil"),
    ],
)
def test_whom_a_job_hires_in_portuguese_and_spanish(text: str, hires: str | None) -> None:
    assert hires_in(text) == hires


def test_a_remote_job_that_hires_in_latam_but_not_brazil_is_kept_out() -> None:
    posting = job("Remote", "We are hiring in LATAM. We cannot hire in Brazil at this time.")
    assert not matched("from:brazil", posting) and matched("from:argentina", posting)
    assert matched("from:brazil", job("Remote", "Contratamos em todo o Brasil."))
    assert matched("from:mexico", job("Remote", "Contratamos en México, Colombia y Argentina."))


@pytest.mark.parametrize(
    ("location", "text", "workplace"),
    [
        ("Presencial - São Paulo", "Go.", "onsite"),
        ("São Paulo", "Vaga presencial no escritório de São Paulo.", "onsite"),
        ("São Paulo", "Modelo de trabalho: 100% presencial.", "onsite"),
        ("Ciudad de México", "Modalidad: presencial en CDMX.", "onsite"),
        ("São Paulo", "Trabalho presencial ou remoto, você escolhe.", None),
        ("São Paulo (Presencial ou Remoto)", "Go.", None),
        ("São Paulo", "Modelo de trabalho: híbrido ou presencial.", None),
    ],
)
def test_presencial_is_on_site(location: str, text: str, workplace: str | None) -> None:
    assert job(location, text, workplace=None).workplace == workplace
