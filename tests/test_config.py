"""Config: the example validates, durations parse, every problem is reported with its path."""

from __future__ import annotations

import dataclasses
import tomllib

import pytest

from bot import config as cfg
from bot import sources
from bot.cli import main
from bot.config_values import DURATION, SPEC, format_duration
from bot.errors import ConfigError


def test_example_config_is_valid_and_covers_every_section(monkeypatch) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    c = cfg.load(cfg.EXAMPLE_CONFIG)
    assert c.telegram.token is None
    assert {b.kind for b in c.boards} == set(sources.kinds()), "every kind has an example board"
    data = tomllib.loads(cfg.EXAMPLE_CONFIG.read_text())
    assert set(data) == {
        "telegram", "storage", "access", "users", "polling", "alerts", "follow", "delivery",
        "rates", "boards",
    }  # fmt: skip
    assert c.rates.url.startswith("https://www.ecb.europa.eu/"), "on as shipped"
    assert cfg.from_dict({}).rates.url == "", "off unless configured: tests and the demo"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90s", 90),
        ("15m", 900),
        ("2h", 7200),
        ("1d", 86400),
        ("1h30m", 5400),
        (45, 45),
        ("0.5s", 0.5),
    ],
)
def test_durations(text: object, seconds: float) -> None:
    assert cfg.parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["5 minutes", "", "m", "-5s", 0, True, "1w"])
def test_bad_durations(text: object) -> None:
    with pytest.raises(ValueError):
        cfg.parse_duration(text)


def test_every_problem_is_reported_at_once_with_its_path() -> None:
    data = {
        "telegram": {"api_url": "ftp://x", "admins": ["bob"]},
        "polling": {"interval": "5 minutes", "colse_after": 3},
        "boards": [
            {"name": "A", "url": "https://jobs.lever.co/acme"},
            {"name": "a", "url": "https://jobs.lever.co/other"},
            {"name": "C", "url": "https://example.com/careers", "interval": "5 minutes"},
            {"name": "D", "url": "https://x.test/jobs", "kind": "nope"},
            {"url": "https://jobs.lever.co/x"},
        ],
        "extra": {},
    }
    with pytest.raises(ConfigError) as err:
        cfg.from_dict(data)
    problems = err.value.problems
    expected = [
        "telegram.api_url: 'ftp://x' is not an http(s) URL",
        "telegram.admins: must be a list of Telegram user ids",
        "polling.interval: '5 minutes' is not a duration like 90s, 15m or 2h",
        "polling.colse_after: unknown key",
        "boards[1] (\"a\").name: 'a' is used by another board",
        "boards[2] (\"C\").interval: '5 minutes' is not a duration like 90s, 15m or 2h",
        'boards[2] ("C").url: https://example.com/careers is not a board URL jobbot recognises',
        "boards[3] (\"D\").kind: unknown kind 'nope'",
        "boards[4].name: required",
        "extra: unknown section (known: access, alerts, boards, delivery, follow, polling,",
    ]
    for want in expected:
        assert any(p.startswith(want) for p in problems), f"missing {want!r} in {problems}"


def test_token_from_environment_wins(monkeypatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:env")
    c = cfg.from_dict({"telegram": {"token": "123:file"}})
    assert c.telegram.token == "123:env"
    assert "123:env" not in repr(c), "the token never shows in a repr"


def test_kind_given_means_url_is_fetched_as_is() -> None:
    c = cfg.from_dict(
        {"boards": [{"name": "M", "kind": "greenhouse", "url": "http://127.0.0.1:1/x"}]}
    )
    assert c.boards[0].endpoint == "http://127.0.0.1:1/x"
    assert c.warnings == (), "no short-interval warning at the default 15m"


def test_short_interval_warns() -> None:
    c = cfg.from_dict(
        {
            "boards": [
                {"name": "M", "kind": "greenhouse", "url": "http://127.0.0.1:1/x", "interval": "5s"}
            ]
        }
    )
    assert c.boards[0].interval == 5 and "short" in c.warnings[0]


def test_check_config_exit_codes(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert main(["check-config", "--config", str(cfg.EXAMPLE_CONFIG)]) == 0
    assert "OK" in capsys.readouterr().out
    bad = tmp_path / "bad.toml"
    bad.write_text('[polling]\ninterval = "5 minutes"\n[[boards]]\nname = "X"\n')
    assert main(["check-config", "--config", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "polling.interval" in err and 'boards[0] ("X").url: required' in err
    broken = tmp_path / "broken.toml"
    broken.write_text("[polling\n")
    assert main(["check-config", "--config", str(broken)]) == 2
    assert "not valid TOML" in capsys.readouterr().err


SECTIONS = {
    "telegram": cfg.TelegramConfig,
    "storage": cfg.StorageConfig,
    "follow": cfg.FollowConfig,
    "polling": cfg.PollingConfig,
    "alerts": cfg.AlertsConfig,
    "delivery": cfg.DeliveryConfig,
    "users": cfg.UsersConfig,
}


def test_every_setting_is_read_and_checked_by_its_dotted_path(monkeypatch) -> None:
    """Each field of each section is a TOML key: its default written back reads the same, and
    a value of the wrong type is one problem at `section.key` (the token never echoed)."""
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    for section, kind in SECTIONS.items():
        for f in dataclasses.fields(kind):
            default = getattr(kind(), f.name)
            if default is not None:
                value = list(default) if isinstance(default, tuple) else default
                if f.metadata.get(SPEC) is DURATION[SPEC]:  # with its unit, as durations are
                    value = format_duration(default)
                got = getattr(cfg.from_dict({section: {f.name: value}}), section)
                assert getattr(got, f.name) == default, f"{section}.{f.name}"
            with pytest.raises(ConfigError) as err:
                cfg.from_dict({section: {f.name: {"wrong": "kind-of-value"}}})
            [problem] = err.value.problems
            assert problem.startswith(f"{section}.{f.name}: "), problem
            assert ("kind-of-value" in problem) != (f.name == "token"), problem


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("berlin", "Europe/Berlin"),  # a city, as /timezone takes it
        ("India", "Asia/Kolkata"),  # a country on one clock
        ("+05:30", "+05:30"),
        ("US/Eastern", "America/New_York"),  # a legacy name, as the zone it stands for
    ],
)
def test_users_timezone_takes_what_timezone_takes(typed: str, zone: str) -> None:
    assert cfg.from_dict({"users": {"timezone": typed}}).users.timezone == zone
    assert cfg.from_dict({}).users.timezone == "UTC", "today's default"


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("Europe/Berln", "“Europe/Berln” is not a time zone I know: did you mean Europe/Berlin?"),
        ("Narnia", "“Narnia” is not a time zone I know: try Europe/Berlin, a city, or +02:00"),
        ("USA", "“USA” spans 7 time zones: give a city, e.g. New York City, Chicago, "),
        ("PT", "“PT” is Pacific time or Portugal: give Los Angeles or Portugal"),
    ],
)
def test_an_unknown_users_timezone_is_a_problem_at_its_path(typed: str, problem: str) -> None:
    """Refused at load with its path, the nearest name offered, worded for a config file (no
    "send /timezone …")."""
    with pytest.raises(ConfigError) as err:
        cfg.from_dict({"users": {"timezone": typed}, "alerts": {"max_terms": 0}})
    zone = next(p for p in err.value.problems if p.startswith("users.timezone: "))
    assert zone.startswith(f"users.timezone: {problem}"), zone
    assert "/timezone" not in zone and len(err.value.problems) == 2, "all problems at once"


def test_an_unknown_key_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError) as err:
        cfg.from_dict({"alerts": {"max_trems": 3}, "boards": [{"name": "A", "urll": "x"}]})
    assert (
        "alerts.max_trems: unknown key (did you mean max_terms? known: max_length, "
        "max_per_user, max_terms)"
    ) in err.value.problems
    assert any(p.startswith('boards[0] ("A").urll: unknown key (did you mean url? known: company,')
               for p in err.value.problems)  # fmt: skip


def test_many_boards_resolve_the_annotations_once(monkeypatch) -> None:
    """Resolving a dataclass's string annotations compiles each one: a config of 1,000
    boards did it 1,000 times (a third of a second of every `jobbot poll`)."""
    from bot import config_values

    calls: list[type] = []
    resolve = config_values.get_type_hints
    monkeypatch.setattr(config_values, "get_type_hints", lambda c: calls.append(c) or resolve(c))
    config_values._hints.cache_clear()
    boards = [
        {"name": f"B{n}", "kind": "greenhouse", "url": f"https://example.com/{n}"}
        for n in range(50)
    ]
    config = cfg.from_dict({"boards": boards})
    assert len(config.boards) == 50
    assert len(calls) == len(set(calls)) and len(calls) < 20


@pytest.mark.parametrize(
    ("boards", "problem"),
    [
        ("https://jobs.lever.co/acme", "boards: must be an array of tables ([[boards]])"),
        (["https://jobs.lever.co/acme"], "boards[0]: must be a table"),
    ],
)
def test_boards_that_are_not_tables_are_named(boards: object, problem: str) -> None:
    with pytest.raises(ConfigError) as err:
        cfg.from_dict({"boards": boards})
    assert err.value.problems == [problem]


@pytest.mark.parametrize(
    ("section", "key", "value", "problem"),
    [
        ("storage", "keep_closed", 90,
         'storage.keep_closed: 90 has no unit: write "90d" for days, "90s" for seconds'),
        ("polling", "max_backoff", 6.5,
         'polling.max_backoff: 6.5 has no unit: write "6.5d" for days, "6.5s" for seconds'),
        ("access", "invite_expiry", "0s", "access.invite_expiry: '0s': must be more than 0"),
        ("rates", "every", "-5m", "rates.every: '-5m': must be more than 0"),
    ],
)  # fmt: skip
def test_a_duration_needs_its_unit_and_more_than_nothing(
    section: str, key: str, value: object, problem: str
) -> None:
    """keep_closed = 90 meant 90 seconds without a word: days were likely meant."""
    with pytest.raises(ConfigError) as err:
        cfg.from_dict({section: {key: value}})
    [got] = err.value.problems
    assert got.startswith(problem), got


def test_an_unknown_section_lists_the_known_ones_and_the_one_likely_meant() -> None:
    with pytest.raises(ConfigError) as err:
        cfg.from_dict({"poling": {}, "digest": {}, "board": []})
    known = "known: access, alerts, boards, delivery, follow, polling, rates, server, storage"
    assert err.value.problems == [
        f"board: unknown section (did you mean [[boards]]? {known}, telegram, users)",
        f"digest: unknown section ({known}, telegram, users)",
        f"poling: unknown section (did you mean [polling]? {known}, telegram, users)",
    ]


def test_a_bad_value_from_the_environment_is_named_by_its_variable(monkeypatch) -> None:
    monkeypatch.setenv("JOBBOT_SERVER_LISTEN", "bogus")
    with pytest.raises(ConfigError) as err:
        cfg.from_dict({})
    [problem] = err.value.problems
    assert problem.startswith("JOBBOT_SERVER_LISTEN (overrides server.listen): 'bogus' is not")


def test_a_board_url_must_be_http_with_a_host() -> None:
    boards = [
        {"name": "D", "kind": "lever", "url": "not a url"},
        {"name": "F", "kind": "greenhouse", "url": "ftp://x"},
        {"name": "G", "kind": "rss", "url": "file:///etc/passwd"},
        {"name": "H", "kind": "rss", "url": "demo://fintech"},  # demo:// is the demo's alone
        {"name": "Demo", "url": "demo://fintech?every=8"},
        {"name": "OK", "kind": "rss", "url": "http://127.0.0.1:8080/feed.xml"},
    ]
    with pytest.raises(ConfigError) as err:
        cfg.from_dict({"boards": boards})
    fine = "is not an http(s) URL with a host, like https://jobs.lever.co/acme"
    assert err.value.problems == [
        f"boards[0] (\"D\").url: 'not a url' {fine}",
        f"boards[1] (\"F\").url: 'ftp://x' {fine}",
        f"boards[2] (\"G\").url: 'file:///etc/passwd' {fine}",
        f"boards[3] (\"H\").url: 'demo://fintech' {fine}",
    ]


def test_an_option_its_kind_does_not_read_is_refused() -> None:
    boards = [
        {"name": "A", "url": "https://boards.greenhouse.io/acme", "options": {"qury": "rust"}},
        {"name": "T", "kind": "getro", "url": "https://jobs.techstars.com/jobs",
         "options": {"qury": "rust", "max_pages": 2}},
        {"name": "S", "url": "https://boards.greenhouse.io/s", "selectors": {"item": "li"}},
    ]  # fmt: skip
    with pytest.raises(ConfigError) as err:
        cfg.from_dict({"boards": boards})
    assert err.value.problems == [
        'boards[0] ("A").options.qury: unknown option (a greenhouse board reads no options)',
        'boards[1] ("T").options.qury: unknown option '
        "(a getro board reads only collection_id, max_pages, query)",
        'boards[2] ("S").selectors: only html boards have selectors',
    ]
    ok = {"name": "T", "kind": "getro", "url": "https://jobs.techstars.com/jobs",
          "options": {"query": "rust", "max_pages": 2, "collection_id": "5"}}  # fmt: skip
    assert cfg.from_dict({"boards": [ok]}).boards[0].options["query"] == "rust"


def test_a_demo_board_with_a_real_token_warns(tmp_path, monkeypatch, capsys) -> None:
    """The example copied as it is keeps its Demo board: made-up jobs for real users."""
    config = tmp_path / "config.toml"
    config.write_text(cfg.EXAMPLE_CONFIG.read_text())
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:ABCDEF_secret")
    warning = 'boards[0] ("Demo"): a demo board sends made-up jobs to real Telegram users'
    assert any(w.startswith(warning) for w in cfg.load(config).warnings)
    assert main(["check-config", "--config", str(config)]) == 0
    assert f"warning: {warning}" in capsys.readouterr().out
    config.write_text(
        config.read_text().replace('kind = "demo"\n', 'kind = "demo"\nenabled = false\n')
    )
    assert not any("demo board" in w for w in cfg.load(config).warnings), "off: no warning"
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN")
    config.write_text(cfg.EXAMPLE_CONFIG.read_text())
    assert not any("demo board" in w for w in cfg.load(config).warnings), "the console: fine"
