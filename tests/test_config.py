"""Config: the example validates, durations parse, every problem is reported with its path."""

from __future__ import annotations

import dataclasses
import tomllib

import pytest

from bot import config as cfg
from bot import sources
from bot.cli import main
from bot.errors import ConfigError
from bot.telegram.handlers import COMMANDS


def test_example_config_is_valid_and_covers_every_section(monkeypatch) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    c = cfg.load(cfg.EXAMPLE_CONFIG)
    assert c.telegram.token is None
    assert {b.kind for b in c.boards} == set(sources.kinds()), "every kind has an example board"
    data = tomllib.loads(cfg.EXAMPLE_CONFIG.read_text())
    assert set(data) == {
        "telegram", "storage", "access", "polling", "alerts", "follow", "delivery", "rates",
        "boards",
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
        "boards[1].name: 'a' is used by another board",
        "boards[2].interval: '5 minutes' is not a duration like 90s, 15m or 2h",
        "boards[2].url: https://example.com/careers is not a board URL jobbot recognises",
        "boards[3].kind: unknown kind 'nope'",
        "boards[4].name: required",
        "extra: unknown section",
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
    assert "polling.interval" in err and "boards[0].url: required" in err
    broken = tmp_path / "broken.toml"
    broken.write_text("[polling\n")
    assert main(["check-config", "--config", str(broken)]) == 2
    assert "not valid TOML" in capsys.readouterr().err


def test_every_command_has_help() -> None:
    names = [c.name for c in COMMANDS]
    assert names == [
        "start",
        "help",
        "alert",
        "alerts",
        "edit",
        "delete",
        "settings",
        "digest",
        "quiet",
        "timezone",
        "pause",
        "resume",
        "search",
        "follow",
        "following",
        "unfollow",
        "mute",
        "muted",
        "unmute",
        "saved",
        "applied",
        "unsave",
        "why",
        "export",
        "import",
        "stop",
    ]
    assert all(c.summary and c.help and c.group for c in COMMANDS)
    assert all(len(c.summary) <= 256 and len(c.name) <= 32 for c in COMMANDS)  # setMyCommands


SECTIONS = {
    "telegram": cfg.TelegramConfig,
    "storage": cfg.StorageConfig,
    "follow": cfg.FollowConfig,
    "polling": cfg.PollingConfig,
    "alerts": cfg.AlertsConfig,
    "delivery": cfg.DeliveryConfig,
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
                got = getattr(cfg.from_dict({section: {f.name: value}}), section)
                assert getattr(got, f.name) == default, f"{section}.{f.name}"
            with pytest.raises(ConfigError) as err:
                cfg.from_dict({section: {f.name: {"wrong": "kind-of-value"}}})
            [problem] = err.value.problems
            assert problem.startswith(f"{section}.{f.name}: "), problem
            assert ("kind-of-value" in problem) != (f.name == "token"), problem


def test_an_unknown_key_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError) as err:
        cfg.from_dict({"alerts": {"max_trems": 3}, "boards": [{"name": "A", "urll": "x"}]})
    assert "alerts.max_trems: unknown key (known: max_length, max_per_user, max_terms)" in (
        err.value.problems
    )
    assert any(p.startswith("boards[0].urll: unknown key (known: company,") for p in
               err.value.problems)  # fmt: skip


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
