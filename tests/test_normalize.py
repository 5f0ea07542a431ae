"""Table tests for bot.normalize: dates, HTML to text, URLs, categories and the posting record."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.match import matches
from bot.models import BoardInfo, RawPosting
from bot.normalize import (
    canonical_url,
    clean,
    currency,
    employment_type,
    html_to_text,
    page_text,
    parse_date,
    posting,
    repair_mojibake,
    salary,
    salary_from_text,
    salary_period,
    split_locations,
    strip_canary,
    strip_page_noise,
    workplace,
)
from bot.normalize.fields import title_employment, title_workplace

JULY_16 = datetime(2026, 7, 16, 15, 55, 32, tzinfo=UTC)

DATES = [
    ("iso-offset", "2026-07-16T11:55:32-04:00", JULY_16),
    ("iso-z", "2026-07-16T15:55:32Z", JULY_16),
    ("iso-ms-z", "2026-07-16T15:55:32.250Z", JULY_16.replace(microsecond=250_000)),
    ("iso-7-digit-fraction", "2026-07-16T15:55:32.1234567Z", JULY_16.replace(microsecond=123456)),
    ("iso-naive-is-utc", "2026-07-16T15:55:32", JULY_16),
    ("iso-space", "2026-07-16 15:55:32", JULY_16),
    ("date-only", "2026-07-16", datetime(2026, 7, 16, tzinfo=UTC)),
    (
        "recruitee-utc-suffix",
        "2026-08-05 09:41:37 UTC",
        datetime(2026, 8, 5, 9, 41, 37, tzinfo=UTC),
    ),
    ("rfc822", "Thu, 16 Jul 2026 15:55:32 +0000", JULY_16),
    ("rfc822-gmt", "Thu, 16 Jul 2026 15:55:32 GMT", JULY_16),
    ("rfc822-offset", "Thu, 16 Jul 2026 17:55:32 +0200", JULY_16),
    ("epoch-seconds", 1784217332, JULY_16),
    ("epoch-ms", 1784217332000, JULY_16),
    ("epoch-float", 1784217332.5, JULY_16.replace(microsecond=500_000)),
    ("epoch-seconds-string", "1784217332", JULY_16),
    ("epoch-ms-string", " 1784217332000 ", JULY_16),
    (
        "aware-datetime",
        datetime(2026, 7, 16, 17, 55, 32, tzinfo=timezone(timedelta(hours=2))),
        JULY_16,
    ),
    ("naive-datetime", datetime(2026, 7, 16, 15, 55, 32), JULY_16),
    ("date-object", date(2026, 7, 16), datetime(2026, 7, 16, tzinfo=UTC)),
    ("struct-time", time.struct_time((2026, 7, 16, 15, 55, 32, 3, 197, 0)), JULY_16),
    ("none", None, None),
    ("empty", "", None),
    ("blank", "   ", None),
    ("junk", "next Tuesday", None),
    ("bool", True, None),
    ("zero", 0, None),
    ("negative", -5, None),
    ("nan", float("nan"), None),
    ("infinity", float("inf"), None),
    ("huge", 10**30, None),
    ("bad-month", "2026-13-45", None),
    ("list", ["2026-07-16"], None),
]


@pytest.mark.parametrize(("value", "expected"), [d[1:] for d in DATES], ids=[d[0] for d in DATES])
def test_parse_date(value, expected):
    result = parse_date(value)
    assert result == expected
    if result is not None:
        assert result.tzinfo is UTC


HTML = [
    ("plain-text", "Just text &amp; more", "Just text & more"),
    ("escaped-once", "&lt;p&gt;Hello&lt;/p&gt;&lt;p&gt;World&lt;/p&gt;", "Hello\n\nWorld"),
    (
        "escaped-twice",
        "&amp;lt;p&amp;gt;R&amp;amp;amp;D team&amp;lt;/p&amp;gt;",
        "R&D team",
    ),
    ("escaped-text-stays-text", "&lt;p&gt;Use &amp;lt;br&amp;gt; tags&lt;/p&gt;", "Use <br> tags"),
    ("bullets", "<p>Skills:</p><ul><li>Rust</li><li>Go</li></ul><p>Thanks</p>", None),
    ("bare-li-run", "\n<li>One</li>\n<li>Two</li>", "• One\n• Two"),
    ("li-with-paragraphs", "<ul><li><p>One</p></li><li><p>Two</p></li></ul>", "• One\n• Two"),
    ("unclosed-li", "<ul><li>React<li>Node.js</ul>", "• React\n• Node.js"),
    ("unclosed-li-then-para", "<ul><li>Go<li>SQL</ul><p>Stack</p>", "• Go\n• SQL\n\nStack"),
    ("nested-list", "<ul><li>Backend<ul><li>Rust</li></ul></li></ul>", "• Backend\n• Rust"),
    ("br", "line one<br>line two<br/>line three", "line one\nline two\nline three"),
    ("double-br", "para one<br><br><br>para two", "para one\n\npara two"),
    ("heading", "intro<h2>About the role</h2>details", "intro\n\nAbout the role\n\ndetails"),
    ("truncated-tag", '<p>We use Rust and <a href="https://', "We use Rust and"),
    ("truncated-element", "<div><p>Open <strong>forever", "Open forever"),
    ("script-style-img", "<style>p{}</style><p>A<img src=x>B</p><script>x()</script>", "AB"),
    ("nbsp-and-spaces", "<p>Pay&nbsp;&nbsp; is   good\xa0here</p>", "Pay is good here"),
    ("empty-divs", "<div>a</div><div><br></div><div></div><div>b</div>", "a\n\nb"),
    (
        "inline-whitespace",
        "<p>\n  <strong>Headquarters:</strong> Dublin\n</p>",
        "Headquarters: Dublin",
    ),
    ("comment", "<p>a<!-- hidden -->b</p>", "ab"),
    ("quoted-gt-in-attribute", "<p><a title='a>b' href=\"x\">link</a></p>", "link"),
    ("uppercase-tags", "<P>One</P><UL><LI>Two</LI></UL>", "One\n\n• Two"),
    ("pre-keeps-lines", "<pre>line one\nline two</pre><p>after</p>", "line one\nline two\n\nafter"),
    ("unclosed-script", "<p>Shown</p><script>var x = '<p>hidden</p>';", "Shown"),
    (
        "table-cells",
        "<table><tr><td>Rust</td><td>Go</td></tr><tr><td>SQL</td></tr></table>",
        "Rust Go\nSQL",
    ),
    ("empty-bullet", "<ul><li></li><li>Rust</li></ul>", "• Rust"),
    ("stray-list-end", "<li>One</ol>after", "• Oneafter"),  # as browsers show it
    ("stray-list-end-then-para", "<li>One</ol><p>after", "• One\nafter"),
    ("nul-bytes", "<p>a\x00b</p>", "ab"),
    # What the text extraction marks blocks with (NUL and a letter) cannot come from the input.
    ("nul-letter-pairs", "<p>a\x00Pb\x00I</p><pre>\x00R x\n  y</pre>c", "aPbI\n\nR x\ny\n\nc"),
    ("nul-references", "<p>a&#0;Pb&#x0;Q</p>", "a\ufffdPb\ufffdQ"),
    ("nested-pre", "<pre>a\n<pre>b\n c</pre>d\n e</pre>f\ng", "a\n\nb\nc\n\nd\ne\n\nf g"),
    (
        "muted-inside-muted",
        "<svg><style>x</style></svg><noscript><p>n</p></noscript>ok<template><p>t</p></template>",
        "ok",
    ),
    # Escaped markup is decoded as html.unescape decodes it, whichever does the work.
    ("escaped-nul", "&lt;\x00p&gt;x", "<p>x"),
    ("escaped-control-reference", "&lt;p&gt;a&#1;b&lt;/p&gt;", "ab"),
    ("escaped-twice", "&amp;lt;p&amp;gt;Tom &amp;amp;amp; Jerry&amp;lt;/p&amp;gt;", "Tom & Jerry"),
    ("plain-with-entities", "R&amp;D\r\n&amp; more", "R&D\n& more"),
    ("odd-whitespace", "<p>\xa0</p><p> a  \n b </p>\u3000<p>c\x1fd</p>", "a b\n\nc d"),
    # How a run of marks between two words reads, wherever it stands (markup.marked_text).
    ("br-run-with-spaces", "a<br> <br>\n<br>b<br>", "a\n\nb"),
    ("text-before-first-block", "intro <b>bold</b><p>para</p>tail", "intro bold\n\npara\n\ntail"),
    ("marks-at-both-ends", "<br><ul><li><p>x</p></li></ul><br>", "• x"),
    ("blank-lines-between-blocks", "<p>a</p>\n  \n\t<p>b</p>", "a\n\nb"),
    ("odd-spaces-between-bullets", "<li>a</li>\u3000&nbsp;<li>b</li>", "• a\n• b"),
    (
        "nested-lists-with-paragraphs",
        "<ul><li><p>A</p><ul><li><p>B</p></li><li>C</li></ul><p>D</p></li><li>E</li></ul><p>F</p>",
        "• A\n• B\n• C\nD\n• E\n\nF",
    ),
    (
        "list-in-table",
        "<table><tr><td><ul><li>a</li></ul></td><td>b</td></tr></table>after",
        "• a\n\nb\n\nafter",
    ),
    ("pre-in-list", "<ul><li><pre>x\n  y</pre></li></ul>z", "• x\ny\n\nz"),
    ("block-then-br", "<p>a</p><br>b<br><br><div>c</div>", "a\n\nb\n\nc"),
    ("heading-in-bullet", "<ul><li><h3>T</h3>text</li></ul>", "• T\ntext"),
    ("definition-list", "<dl><dt>Term</dt><dd>Def</dd></dl>x", "Term\nDef\n\nx"),
    ("none", None, ""),
    ("empty", "", ""),
]


@pytest.mark.parametrize(("markup", "expected"), [h[1:] for h in HTML], ids=[h[0] for h in HTML])
def test_html_to_text(markup, expected):
    if expected is None:
        expected = "Skills:\n\n• Rust\n• Go\n\nThanks"
    assert html_to_text(markup) == expected


MARKUP = st.lists(
    st.sampled_from(
        ["<p>", "</p>", "<li>", "</ul>", "<ul>", "<br>", "&amp;", "&lt;b&gt;", " ", "\n", "x"]
    )
    | st.text(max_size=5)
).map("".join)


@settings(max_examples=300, deadline=None)
@given(MARKUP)
def test_html_to_text_output_is_tidy_for_any_input(markup):
    text = html_to_text(markup)
    assert text == text.strip()
    assert "\n\n\n" not in text
    assert "  " not in text


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.integers(), st.floats(), st.datetimes(), st.none()))
def test_parse_date_never_raises_and_is_utc(value):
    result = parse_date(value)
    assert result is None or result.tzinfo is UTC


def test_html_to_text_reads_a_long_list():
    # Its cost against ordinary input of the same size: tests/test_hostile_markup.py.
    markup = "<ul>" + "<li><p>item <b>bold</b>&amp; more</p></li>" * 20_000 + "</ul>"
    text = html_to_text(markup)
    assert text.count("\n") == 19_999
    assert text.startswith("• item bold& more\n• item")


WORKPLACES = [
    ("on-site", ("On-Site", None, ""), "onsite"),
    ("onsite", ("onsite", None, ""), "onsite"),
    ("OnSite", ("OnSite", None, ""), "onsite"),
    ("on_site", ("on_site", None, ""), "onsite"),
    ("remote", ("Remote", None, "Berlin"), "remote"),
    ("hybrid", ("HYBRID", True, ""), "hybrid"),
    ("value-beats-flag", ("onsite", True, "Remote - US"), "onsite"),
    ("unspecified-uses-location", ("unspecified", None, "Remote - US"), "remote"),
    ("remote-flag", (None, True, "Berlin"), "remote"),
    ("location-remote", (None, None, "Remote-India (PEO)"), "remote"),
    ("location-hybrid", (None, None, "Berlin (Hybrid)"), "hybrid"),
    ("location-anywhere", (None, None, "Anywhere in the World"), "remote"),
    ("city-only", (None, None, "Lisbon, Portugal"), None),
    ("remote-false-is-unknown", (None, False, "Lisbon"), None),
    ("nothing", (None, None, ""), None),
]


@pytest.mark.parametrize(
    ("args", "expected"), [w[1:] for w in WORKPLACES], ids=[w[0] for w in WORKPLACES]
)
def test_workplace(args, expected):
    assert workplace(*args) == expected


EMPLOYMENT = [
    ("Full-Time", "full_time"),
    ("FullTime", "full_time"),
    ("full time", "full_time"),
    ("fulltime_permanent", "full_time"),
    ("Permanent", "full_time"),
    ("Regular", "full_time"),
    ("Part-time", "part_time"),
    ("Contract", "contract"),
    ("Contractor", "contract"),
    ("1099 Contract", "contract"),
    ("Intern", "intern"),
    ("Internship", "intern"),
    ("Trainee", "intern"),
    ("Short Term", "temporary"),
    ("Temporary", "temporary"),
    ("Freelance", "freelance"),
    ("International", None),
    ("Volunteer", None),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("value", "expected"), EMPLOYMENT, ids=[repr(e[0]) for e in EMPLOYMENT])
def test_employment_type(value, expected):
    assert employment_type(value) == expected


TITLES = [  # (title, workplace it says, employment type it says)
    ("Senior Backend Engineer (Remote)", "remote", None),
    ("Backend Engineer - Remote, US", "remote", None),
    ("Remote - Backend Engineer", "remote", None),
    ("Go Developer – Fully Remote", "remote", None),
    ("Engineer [Hybrid]", "hybrid", None),
    ("Remote Sensing Engineer", None, None),  # what the job does, not where
    ("Remote Support Technician - EMEA", None, None),
    ("Software Engineering Intern", None, "intern"),
    ("Werkstudent Software (m/w/d)", None, "intern"),
    ("Werkstudentin Data Engineering (w/m/d)", None, "intern"),
    ("Praktikum Data Engineering (m/w/d)", None, "intern"),
    ("Pflichtpraktikum im Bereich Data", None, "intern"),
    ("Praktikant (m/w/d) Softwareentwicklung", None, "intern"),
    ("Praktikumsbetreuer Data", None, None),  # supervises interns
    ("Internal Tools Engineer", None, None),
    ("Part-time Developer", None, "part_time"),
    ("Rust Engineer (6-month contract)", None, "contract"),
    ("Rust Engineer - Contractor", None, "contract"),
    ("Contract Manager", None, None),  # manages contracts
    ("Senior Contract Manager - London", None, None),
    ("Senior Engineer, Payments", None, None),
    # A contract or temporary job named in the title (walk 4's bug 17); "Freelance" already.
    ("Product Designer - 6 Month Contract", None, "contract"),
    ("Contract Product Designer", None, "contract"),
    ("Contractor - Product Designer", None, "contract"),
    ("Product Designer (Temp)", None, "temporary"),
    ("Temp Receptionist", None, "temporary"),
    ("Freelance Product Designer", None, "freelance"),
    ("Contract Analyst", None, None),  # analyses contracts
    ("Temp Staffing Recruiter", None, None),  # works for a temp agency
    ("Template Designer", None, None),
    # A short place before the workplace: "NYC Hybrid", "US Remote"; not "Non Remote".
    ("Product Designer (NYC Hybrid)", "hybrid", None),
    ("Product Designer - US Remote", "remote", None),
    ("Engineer - Non Remote", None, None),
    ("Analyst - GIS Remote Sensing", None, None),
]


@pytest.mark.parametrize(("title", "place", "kind"), TITLES, ids=[t[0] for t in TITLES])
def test_a_title_says_how_a_job_is_held_only_in_its_asides(title, place, kind):
    assert title_workplace(title) == place
    assert title_employment(title) == kind


def test_the_board_wins_over_the_title() -> None:
    """The title is read only when the board says nothing: a job the board marks on-site or
    full-time stays so whatever its title says."""
    info = BoardInfo("acme", "greenhouse", "https://boards.greenhouse.io/acme")
    raw = RawPosting(
        external_id="1", title="Rust Engineer (Remote, Contract)", url="https://x.io/1"
    )
    assert (posting(raw, info).workplace, posting(raw, info).employment_type) == (
        "remote",
        "contract",
    )
    told = replace(raw, workplace="onsite", employment_type="Full-time")
    assert (posting(told, info).workplace, posting(told, info).employment_type) == (
        "onsite",
        "full_time",
    )
    intern = replace(raw, title="Office Management Intern", employment_type="Full Time")
    assert posting(intern, info).employment_type == "intern", "full-time says the hours"


URLS = [
    ("absolute", ("https://example.com/jobs/1", None), "https://example.com/jobs/1"),
    ("relative", ("/jobs/1", "https://example.com/careers/"), "https://example.com/jobs/1"),
    (
        "relative-path",
        ("jobs/1", "https://example.com/careers/"),
        "https://example.com/careers/jobs/1",
    ),
    ("fragment", ("https://example.com/jobs/1#content", None), "https://example.com/jobs/1"),
    (
        "utm-dropped",
        ("https://example.com/j?id=7&utm_source=x&UTM_Medium=y", None),
        "https://example.com/j?id=7",
    ),
    (
        "click-ids-dropped",
        ("https://example.com/j?gclid=1&fbclid=2&mc_cid=3&mc_eid=4", None),
        "https://example.com/j",
    ),
    (
        "gh-jid-kept",
        ("https://corp.example/jobs?gh_jid=42", None),
        "https://corp.example/jobs?gh_jid=42",
    ),
    ("host-lowercased", ("HTTPS://Jobs.Example.COM/A", None), "https://jobs.example.com/A"),
    ("whitespace", ("  https://example.com/a  ", None), "https://example.com/a"),
    ("empty-uses-base", ("", "https://example.com/board"), "https://example.com/board"),
    ("empty", ("", None), ""),
    ("no-ip-in-brackets", ("//[::1/jobs/1", "https://example.com/"), "//[::1/jobs/1"),
]


@pytest.mark.parametrize(("args", "expected"), [u[1:] for u in URLS], ids=[u[0] for u in URLS])
def test_canonical_url(args, expected):
    assert canonical_url(*args) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("  Senior   Rust\tEngineer ", "Senior Rust Engineer"), ("a\xa0b\nc", "a b c"), (None, "")],
    ids=["spaces-and-tabs", "nbsp-and-newline", "none"],
)
def test_clean(value, expected):
    assert clean(value) == expected


BOARD = BoardInfo(name="quillfin", kind="greenhouse", url="https://quillfin.example/careers/")


def _raw(**changes) -> RawPosting:
    fields = {
        "external_id": "42",
        "title": " Senior  Backend Engineer (Rust) ",
        "url": "/careers/jobs/42?utm_source=x#apply",
        "company": "Quillfin ",
        "location": "Remote - EU",
        "description_html": "&lt;p&gt;Build&amp;nbsp;the ledger.&lt;/p&gt;",
        "posted_at": 1784217332000,
        "employment_type": "Full-Time",
    }
    fields.update(changes)
    return RawPosting(**fields)


def test_posting_normalises_every_field():
    result = posting(_raw(), BOARD)
    assert result.key == "quillfin:42"
    assert result.board == "quillfin"
    assert result.title == "Senior Backend Engineer (Rust)"
    assert result.company == "Quillfin"
    assert result.location == "Remote - EU"
    assert result.url == "https://quillfin.example/careers/jobs/42"
    assert result.description == "Build the ledger."
    assert result.posted_at == JULY_16
    assert result.workplace == "remote"
    assert result.employment_type == "full_time"
    assert len(result.content_hash) == 64


@pytest.mark.parametrize(
    ("changes", "company", "location"),
    [
        ({"company": None}, "Quillfin Ltd", "Remote - EU"),
        ({"company": "  "}, "Quillfin Ltd", "Remote - EU"),
        ({"location": None, "locations": ("Berlin", " Lisbon ")}, "Quillfin", "Berlin, Lisbon"),
        ({"location": "", "locations": ()}, "Quillfin", ""),
    ],
    ids=["no-company", "blank-company", "locations-joined", "no-location"],
)
def test_posting_fallbacks(changes, company, location):
    board = BoardInfo(name="quillfin", kind="lever", url=BOARD.url, company="Quillfin Ltd")
    result = posting(_raw(**changes), board)
    assert (result.company, result.location) == (company, location)


def test_company_falls_back_to_board_name():
    assert posting(_raw(company=None), BOARD).company == "quillfin"


def test_plain_description_keeps_paragraphs():
    raw = _raw(description_html=None, description_text="One   line.\n\n\n\nTwo.")
    assert posting(raw, BOARD).description == "One line.\n\nTwo."


def test_content_hash_ignores_dates_and_whitespace():
    base = posting(_raw(), BOARD).content_hash
    assert posting(_raw(posted_at="2020-01-01"), BOARD).content_hash == base
    assert posting(_raw(title="Senior Backend Engineer  (Rust)"), BOARD).content_hash == base


@pytest.mark.parametrize(
    "changes",
    [
        {"description_html": "<p>Build the ledger, in Go.</p>"},
        {"title": "Staff Backend Engineer (Rust)"},
        {"location": "Berlin"},
        {"company": "Vellum Pay"},
    ],
    ids=["description", "title", "location", "company"],
)
def test_content_hash_moves_with_visible_text(changes):
    assert posting(_raw(**changes), BOARD).content_hash != posting(_raw(), BOARD).content_hash


# --- repairs ----------------------------------------------------------------------------------


def _mojibake(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


MOJIBAKE = [
    ("apostrophe-latin1", _mojibake("You’ll build"), "You’ll build"),
    ("apostrophe-cp1252", "You’ll build".encode().decode("cp1252"), "You’ll build"),
    ("bullet-and-dash", _mojibake("• Rust — Go"), "• Rust — Go"),
    ("city", _mojibake("Gdańsk, Kraków"), "Gdańsk, Kraków"),
    ("emoji", _mojibake("Ship it 🚀"), "Ship it 🚀"),
    ("mixed-with-good-text", "Café " + _mojibake("you’re"), "Café you’re"),
    ("capital-a-tilde-left-alone", "SÃO PAULO", "SÃO PAULO"),
    ("real-accents-left-alone", "Ñandú Über Größe", "Ñandú Über Größe"),
    ("ascii", "plain text", "plain text"),
    ("empty", "", ""),
]


@pytest.mark.parametrize(
    ("text", "expected"), [m[1:] for m in MOJIBAKE], ids=[m[0] for m in MOJIBAKE]
)
def test_repair_mojibake(text, expected):
    assert repair_mojibake(text) == expected


CANARY = (
    "Please mention the word **ORBITING** and tag RMTI3LjAuMC4x when applying to show you read "
    "the job post completely (#RMTI3LjAuMC4x). This is a beta feature to avoid spam applicants. "
    "Companies can search these words to find applicants that read this and see they're human."
)


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (f"<p>Build things.</p><br/><br/>{CANARY}", "<p>Build things.</p>"),
        (
            f"<p>Build things.</p><p>{CANARY}</p><p>After.</p>",
            "<p>Build things.</p><p></p><p>After.</p>",
        ),
        (
            "<p>Build things.</p><br/>Please mention the word **CUT** and tag",
            "<p>Build things.</p>",
        ),
        ("<p>No canary here.</p>", "<p>No canary here.</p>"),
    ],
    ids=["at-the-end", "in-a-paragraph", "cut-short", "none"],
)
def test_strip_canary(markup, expected):
    assert strip_canary(markup) == expected


# --- page noise -------------------------------------------------------------------------------

BODY = (
    "CloudWalk builds payment infrastructure for millions of Brazilian merchants.\n\n"
    "What You'll Do\n• Build payment services in Rust\n• Own the transaction pipeline\n\n"
    "We offer remote work across Brazil and a yearly learning budget."
)


def test_page_noise_keeps_the_posting_once():
    flattened = BODY.replace(
        "What You'll Do\n• Build payment services in Rust\n• Own",
        "What You'll Do• Build payment services in Rust• Own",
    )
    page = (
        "Apply for this position → Go ad-free with Premium\n\n"
        f"{flattened}\n\nSenior Rust Engineer\n\n{flattened}\n\n"
        "Similar Jobs\n\nRust Backend Engineer\nHarbourcoin · Portugal, Spain"
    )
    assert strip_page_noise(page) == BODY + "\n\nSenior Rust Engineer"


@pytest.mark.parametrize(
    "tail",
    [
        "Other jobs from Harbourcoin",
        "More jobs at Harbourcoin:",
        "Related jobs (12)",
        "Jobs you may like",
        "People also viewed",
        "Recommended positions",
    ],
)
def test_page_noise_drops_other_companies_jobs(tail):
    assert strip_page_noise(f"{BODY}\n\n{tail}\n\nGo Engineer\nHarbourcoin · Remote") == BODY


@pytest.mark.parametrize(
    "chrome",
    [
        "Apply now",
        "Share this job",
        "Sign in to see the salary",
        "Back to all jobs",
        "Home › Jobs › Rust",
        "Skip to content",
    ],
)
def test_page_noise_drops_page_chrome(chrome):
    assert strip_page_noise(f"{chrome}\n\n{BODY}\n\n{chrome}") == BODY


def test_page_noise_keeps_short_repeats_and_sentences():
    text = "Requirements\n• Rust\n• Go\n\nNice to have\n• Rust\n• Go\n\nMore jobs are coming as we grow our Rust team."
    assert strip_page_noise(text) == text


def test_page_text_drops_landmarks():
    markup = (
        "<header><a>Home</a> <a>Jobs</a></header><nav>Rust · Go · Scala</nav>"
        "<main><h1>Rust Engineer</h1><p>Build the ledger.</p></main>"
        "<aside>Top companies: Harbourcoin</aside><footer>© Board</footer><form><button>Apply</button></form>"
    )
    assert page_text(markup) == "Rust Engineer\n\nBuild the ledger."


def test_a_dropped_landmark_inside_a_bullet_leaves_no_break():
    markup = "<ul><li>Rust<nav><p>Jobs</p></nav>Go</li><li>SQL</li></ul>"
    assert html_to_text(markup) == "• Rust\nJobs\nGo\n• SQL"
    assert html_to_text(markup, drop=("nav",)) == "• RustGo\n• SQL"


# --- locations and salary ---------------------------------------------------------------------

LOCATIONS = [
    (
        "semicolons",
        "Amsterdam, Netherlands; France; Lisbon, Portugal",
        ("Amsterdam, Netherlands", "France", "Lisbon, Portugal"),
    ),
    ("bare-commas", "UK,Brazil,Canada", ("UK", "Brazil", "Canada")),
    ("city-country", "Berlin, Germany", ("Berlin, Germany",)),
    ("pipes-and-or", "Berlin | Munich or Remote", ("Berlin", "Munich", "Remote")),
    ("slash", "London / Dublin", ("London", "Dublin")),
    ("repeats-and-spaces", " Berlin ;Berlin; ", ("Berlin",)),
    ("empty", "", ()),
    ("none", None, ()),
]


@pytest.mark.parametrize(
    ("value", "expected"), [loc[1:] for loc in LOCATIONS], ids=[loc[0] for loc in LOCATIONS]
)
def test_split_locations(value, expected):
    assert split_locations(value) == expected


SALARIES = [
    ("numbers", (95000, 130000, "gbp", "1 YEAR"), (95000.0, 130000.0, "GBP", "year")),
    ("strings", ("70000", "90000", "EUR", "year"), (70000.0, 90000.0, "EUR", "year")),
    (
        "thousands-separators",
        ("75,000", "1.200.000", "usd", "annual"),
        (75000.0, 1200000.0, "USD", "year"),
    ),
    ("k-suffix", ("90k", "120K", "EUR", None), (90000.0, 120000.0, "EUR", None)),
    ("zero-is-unknown", (0, 0, "USD", "year"), (None, None, None, None)),
    ("one-bound", (80000, 0, "USD", "year"), (80000.0, None, "USD", "year")),
    ("swapped", (150000, 120000, "USD", "year"), (120000.0, 150000.0, "USD", "year")),
    ("lever-interval", (40, 60, "USD", "per-hour-wage"), (40.0, 60.0, "USD", "hour")),
    ("monthly", (4000, 5000, "PLN", "MONTH"), (4000.0, 5000.0, "PLN", "month")),
    ("sign-currency", (50, 60, "€", "hourly"), (50.0, 60.0, "EUR", "hour")),
    ("junk", ("n/a", None, "dollars", "sometimes"), (None, None, None, None)),
    ("bool", (True, None, None, None), (None, None, None, None)),
]


@pytest.mark.parametrize(
    ("args", "expected"), [x[1:] for x in SALARIES], ids=[x[0] for x in SALARIES]
)
def test_salary(args, expected):
    assert salary(*args) == expected


SALARY_TEXT = [
    ("k-range", "$160k–$180k ($210k for senior band)", (160000.0, 180000.0, "USD", None)),
    ("getro-card", "USD 55-55 / hour", (55.0, 55.0, "USD", "hour")),
    ("euro-per-year", "€60,000 - €75,000 per year", (60000.0, 75000.0, "EUR", "year")),
    ("up-to", "Salary up to $185,500 + equity", (None, 185500.0, "USD", None)),
    ("code-after", "90-110K EUR / year", (90000.0, 110000.0, "EUR", "year")),
    ("pounds-single", "£75 per hour", (75.0, None, "GBP", "hour")),
    ("no-currency", "5+ years of experience, 3 days a week", (None, None, None, None)),
    ("empty", "", (None, None, None, None)),
]


@pytest.mark.parametrize(
    ("text", "expected"), [x[1:] for x in SALARY_TEXT], ids=[x[0] for x in SALARY_TEXT]
)
def test_salary_from_text(text, expected):
    assert salary_from_text(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("usd", "USD"), (" eur ", "EUR"), ("$", "USD"), ("£", "GBP"), ("dollars", None), (None, None)],
)
def test_currency(value, expected):
    assert currency(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("per-year-salary", "year"),
        ("1 YEAR", "year"),
        ("HOUR", "hour"),
        ("yearly", "year"),
        ("per month", "month"),
        ("weekly", "week"),
        ("daily", "day"),
        ("period_not_defined", None),
        (None, None),
    ],
)
def test_salary_period(value, expected):
    assert salary_period(value) == expected


def test_posting_fills_locations_department_and_salary():
    raw = _raw(
        location=None,
        locations=("Berlin, Germany", " Lisbon, Portugal ", "Berlin, Germany"),
        department=" Engineering ",
        salary_min="85000",
        salary_max=110000,
        salary_currency="eur",
        salary_period="YEAR",
    )
    result = posting(raw, BOARD)
    assert result.locations == ("Berlin, Germany", "Lisbon, Portugal")
    assert result.location == "Berlin, Germany; Lisbon, Portugal"
    assert result.department == "Engineering"
    assert (result.salary_min, result.salary_max, result.salary_currency, result.salary_period) == (
        85000.0,
        110000.0,
        "EUR",
        "year",
    )


def test_posting_splits_a_single_location_field():
    result = posting(_raw(location="Amsterdam, Netherlands; Remote"), BOARD)
    assert result.locations == ("Amsterdam, Netherlands", "Remote")
    assert result.workplace == "remote"


def test_posting_reads_a_remote_hint_in_any_location():
    result = posting(_raw(location="Bangalore, India", locations=("Remote-India (PEO)",)), BOARD)
    assert result.workplace == "remote"
    assert result.location == "Bangalore, India; Remote-India (PEO)"  # every place it lists


def test_posting_location_names_every_place_the_board_lists():
    raw = _raw(location="San Francisco", locations=("San Francisco", "Berlin", "london", "Zurich"))
    assert posting(raw, BOARD).location == "San Francisco; Berlin; london; Zurich"
    raw = _raw(location="Zürich, Switzerland", locations=("Zurich", "Berlin, Germany"))
    assert posting(raw, BOARD).location == "Zürich, Switzerland; Berlin, Germany"
    assert posting(_raw(location="", locations=("Berlin", "Paris")), BOARD).location == (
        "Berlin, Paris"
    )
    assert posting(_raw(location="Remote (EU)", locations=()), BOARD).location == "Remote (EU)"
    raw = _raw(location="Jerome, Idaho", locations=("Rome", "Jerome"))
    assert posting(raw, BOARD).location == "Jerome, Idaho; Rome", "whole words only"


def test_posting_repairs_mojibake_everywhere():
    raw = _raw(
        title=_mojibake("Engineer – Kraków"),
        company=_mojibake("Zürich Pay"),
        location=_mojibake("Gdańsk"),
        description_html=_mojibake("<p>You’ll love it</p>"),
    )
    result = posting(raw, BOARD)
    assert (result.title, result.company, result.location, result.description) == (
        "Engineer – Kraków",
        "Zürich Pay",
        "Gdańsk",
        "You’ll love it",
    )


def test_posting_keeps_partial():
    assert posting(_raw(partial=True), BOARD).partial is True


def test_lone_surrogates_are_replaced_not_fatal(store, now) -> None:
    """A JSON "\\ud800" in one posting must not fail the whole board."""
    from bot.config_boards import BoardConfig

    raw = RawPosting(
        external_id="1", title="Rust \ud800 Engineer", url="/j/1", description_html="<p>a\udfff</p>"
    )
    p = posting(raw, BoardInfo("B", "greenhouse", "https://b.example/"))
    assert p.title == "Rust \ufffd Engineer" and "\ufffd" in p.description
    store.boards.sync_boards([BoardConfig("B", "https://b", "greenhouse", "https://b", 60.0)], now)
    assert store.postings.record("B", [p], now).seen == 1


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("R&amp;D Engineer", "R&D Engineer"),  # a JSON-LD title, escaped
        ("Caf&eacute;  Bar &#8211; Barista", "Café Bar – Barista"),
        ("Q&amp;amp;A Lead", "Q&A Lead"),  # escaped twice
        ("AT&T Field Tech", "AT&T Field Tech"),  # no entity: as written
        ("Tom & Jerry's", "Tom & Jerry's"),
        ("R&amp;D &amp;amp;amp; more", "R&D &amp; more"),  # two rounds at most
    ],
)
def test_one_line_fields_have_their_entities_decoded(written: str, shown: str) -> None:
    raw = RawPosting("1", written, "/1", company=written, location=written, department=written)
    p = posting(raw, BOARD)
    assert (p.title, p.company, p.location, p.department) == (shown,) * 4


def test_a_job_is_found_in_every_place_its_board_lists():
    job = posting(_raw(location="London", locations=("London", "Remote - UK", "Dublin")), BOARD)
    assert matches("location:dublin", job) and matches("location:ireland", job)
    assert matches("rust dublin", replace(job, title="Rust Engineer"))
    assert not matches("location:berlin", job)


TITLES = [
    (
        "job-code-first",
        "[Job - 24974] Senior React Developer, Brazil",
        "Senior React Developer, Brazil",
    ),
    ("req-last", "Data Engineer (REQ-2024-0456)", "Data Engineer"),
    ("capitals-code", "Backend Engineer - (R-01234)", "Backend Engineer"),
    ("id-word", "Account Executive (ID 4421)", "Account Executive"),
    ("bare-long-number", "Tech Lead (12345678)", "Tech Lead"),
    ("year-stays", "Summer Intern (2026)", "Summer Intern (2026)"),
    ("words-and-year-stay", "Intern (from 2026)", "Intern (from 2026)"),
    (
        "contract-stays",
        "(1099 Contract) Salesforce Consultant",
        "(1099 Contract) Salesforce Consultant",
    ),
    ("level-stays", "Engineer (L5)", "Engineer (L5)"),
    ("share-stays", "Sales (100% remote)", "Sales (100% remote)"),
    ("gender-stays", "Werkstudent (m/w/d)", "Werkstudent (m/w/d)"),
    ("code-alone-stays", "[12345]", "[12345]"),
]


@pytest.mark.parametrize(("title", "expected"), [t[1:] for t in TITLES], ids=[t[0] for t in TITLES])
def test_a_titles_requisition_code_is_left_out(title, expected):
    raw = RawPosting(external_id="1", title=title, url="https://x.example/1")
    assert posting(raw, BoardInfo("Acme", "lever", "https://x.example")).title == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ((25, 27, "USD", "year"), (25.0, 27.0, "USD", "hour")),  # Remote OK's yearly fields
        ((2500, 3500, "EUR", None), (2500.0, 3500.0, "EUR", "month")),
        ((120000, 150000, "USD", "year"), (120000.0, 150000.0, "USD", "year")),
        ((500, 600, "GBP", "day"), (500.0, 600.0, "GBP", "day")),  # said: kept
        ((800, 900, "JPY", "year"), (800.0, 900.0, "JPY", "year")),  # many units to the euro
        ((1, 2, "USD", "year"), (1.0, 2.0, "USD", "year")),  # no pay's size: as said
    ],
    ids=["hourly", "monthly", "yearly", "day-said", "yen", "too-small-for-any"],
)
def test_a_boards_yearly_pay_too_small_for_a_year_gets_the_period_its_size_says(fields, expected):
    low, high, cur, period = fields
    raw = RawPosting("1", "Recruiter", "https://x.example/1", salary_min=low, salary_max=high,
                     salary_currency=cur, salary_period=period)  # fmt: skip
    p = posting(raw, BoardInfo("Acme", "remoteok", "https://x.example"))
    assert (p.salary_min, p.salary_max, p.salary_currency, p.salary_period) == expected
