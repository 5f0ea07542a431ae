"""What the config check says of configs an operator writes by mistake: typos named with the
word likely meant, a careers page where a board URL goes, an empty database path, one board
under two names, and no token where `jobbot run` needs one."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from bot import config as cfg
from bot.cli import main
from bot.errors import ConfigError

SECTIONS = "sections: access, alerts, boards, delivery, follow, polling, rates, server, storage"


def problems(data: dict) -> list[str]:
    with pytest.raises(ConfigError) as err:
        cfg.from_dict(data)
    return err.value.problems


def test_mistyped_keys_and_kinds_get_the_one_likely_meant() -> None:
    got = problems(
        {
            "polling": {"intervall": "5m"},
            "boards": [
                {"name": "A", "url": "https://jobs.lever.co/a", "enable": False},
                {"name": "B", "kind": "greenhose", "url": "https://careers.example/b"},
            ],
        }
    )
    assert got[0].startswith("polling.intervall: unknown key (did you mean interval? known: ")
    assert got[1].startswith('boards[0] ("A").enable: unknown key (did you mean enabled? ')
    assert got[2].startswith(
        "boards[1] (\"B\").kind: unknown kind 'greenhose' (did you mean greenhouse? known: "
    )
    assert len(got) == 3
    assert "did you mean" not in problems({"alerts": {"colour": "red"}})[0]


def test_a_key_above_every_section_is_an_unknown_key_not_a_section() -> None:
    """`timezone = …` at the top was called an unknown section; a section's key written
    above its [section] names the section's key."""
    assert problems({"timezone": "Europe/Berlin", "interval": "5m", "admins": [1]}) == [
        f"admins: unknown key above every [section] (did you mean telegram.admins? {SECTIONS}, "
        "telegram, users)",
        f"interval: unknown key above every [section] (did you mean polling.interval? "
        f"{SECTIONS}, telegram, users)",
        f"timezone: unknown key above every [section] (did you mean users.timezone? {SECTIONS}, "
        "telegram, users)",
    ]


def test_a_careers_page_points_at_jobbot_detect_and_never_at_demo() -> None:
    [got] = problems({"boards": [{"name": "Foo", "url": "https://foo.example/careers"}]})
    assert got.startswith(
        'boards[0] ("Foo").url: https://foo.example/careers is not a board URL jobbot '
        "recognises. For a careers page, `jobbot detect https://foo.example/careers` prints the "
        "board behind it: put that URL here. Otherwise set kind = one of ashby, "
    )
    assert "demo" not in got and "jsonld" in got


def test_an_empty_storage_path_is_a_problem_not_a_warning(tmp_path, capsys) -> None:
    """It passed with a warning, then `poll` could not open the config's folder as a database
    (and left a stray lock file beside it)."""
    config = tmp_path / "config.toml"
    config.write_text('[storage]\npath = ""\n')
    assert main(["check-config", "--config", str(config)]) == 2
    assert capsys.readouterr().err == (
        "config problems (1):\n  storage.path: must not be empty; set it to the database file, "
        "e.g. /var/lib/jobbot/jobbot.db\n"
    )
    assert main(["poll", "--config", str(config)]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml"]


def test_one_board_under_two_names_is_a_warning_naming_both() -> None:
    """Two names for one endpoint (its canonical form, as the poller fetches it) poll it
    twice; a disabled copy, or another kind or other options, is no copy."""
    config = cfg.from_dict(
        {
            "boards": [
                {"name": "Acme", "url": "https://boards.greenhouse.io/acme"},
                {"name": "Jobs", "url": "https://jobs.lever.co/jobs"},
                {"name": "AcmeGH", "url": "https://job-boards.greenhouse.io/acme/"},
                {"name": "Old", "url": "https://boards.greenhouse.io/acme", "enabled": False},
                {"name": "Feed", "kind": "rss", "url": "https://Jobs.Example/feed"},
                {"name": "Feed2", "kind": "rss", "url": "https://jobs.example/feed/"},
                {"name": "Page", "kind": "jsonld", "url": "https://jobs.example/feed"},
            ]
        }
    )
    endpoint = "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true"
    assert config.warnings == (
        f'boards[2] ("AcmeGH") polls the same board as boards[0] ("Acme") ({endpoint}): it '
        "is polled twice; remove one or set enabled = false",
        'boards[5] ("Feed2") polls the same board as boards[4] ("Feed") '
        "(https://jobs.example/feed/): it is polled twice; remove one or set enabled = false",
    )


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_check_config_without_a_token_says_what_run_does_without_a_terminal(
    tmp_path, capsys, monkeypatch
) -> None:
    """It said OK, "console chat (no token)", where `run` exits 2: under systemd, or checked
    with `sudo -u jobbot` without the service's EnvironmentFile."""
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    config = tmp_path / "config.toml"
    config.write_text(f'[storage]\npath = "{tmp_path / "j.db"}"\n')
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["check-config", "--config", str(config)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("; console chat (no token)")
    assert out[1:] == [
        "warning: no bot token and stdin is not a terminal: `jobbot run` would exit 2 here; "
        f"set TELEGRAM_BOT_TOKEN (or telegram.token in {config}) to the token @BotFather gave "
        "(check a service's config with its environment: its EnvironmentFile or -e)"
    ]
    monkeypatch.setattr(sys, "stdin", _Terminal(""))
    assert main(["check-config", "--config", str(config)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:checks-secret")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["check-config", "--config", str(config)]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == []


def test_run_without_a_token_or_config_toml_says_to_make_a_config_of_one_s_own(
    tmp_path, capsys, monkeypatch
) -> None:
    """It named the example inside the package (site-packages, or bot/ in a checkout)."""
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)  # no config.toml: the packaged example
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert (
        "  no bot token: set TELEGRAM_BOT_TOKEN to the token @BotFather gave, or put it as "
        "telegram.token in a config.toml of your own (copy config.example.toml from the "
        "checkout); stdin is not a terminal"
    ) in err
    assert str(Path("bot") / "config.example.toml") not in err
