"""`jobbot probe` and friends as an operator meets them: piped into `head`, on a configured
board as the poller reads it, and failing with the URL and the bot's own words; boards over
loopback (tests/board_server.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from tests.test_poller import PATH, gh_job

SHOP = """<html><body><ul>
<li class="job"><a href="/jobs/1">Rust Engineer</a><span class="where">Berlin</span></li>
<li class="job"><a href="/jobs/2">Go Engineer</a><span class="where">Remote</span></li>
</ul></body></html>"""


def html_config(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f'[storage]\npath = "{tmp_path / "j.db"}"\n'
        f'[[boards]]\nname = "Shop"\nkind = "html"\nurl = "{url}"\ncompany = "Shop GmbH"\n'
        '[boards.selectors]\nitem = "li.job"\ntitle = "a"\nlink = "a"\nlocation = ".where"\n'
    )
    return path


@pytest.mark.timeout(60)
@pytest.mark.parametrize("as_json", [False, True])
def test_a_probe_piped_into_head_stops_quietly_with_status_141(boards, as_json) -> None:
    """Was a BrokenPipeError traceback, exit 1: a big board read through `| head`."""
    boards.set_json(PATH, {"jobs": [gh_job(i, f"Job {i}") for i in range(3000)]})
    command = [sys.executable, "-m", "bot", "probe", boards.url(PATH), "--kind", "greenhouse"]
    proc = subprocess.Popen(
        [*command, *(["--json"] if as_json else [])],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()  # what `head -1` reads before it goes
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=30) == 141, err  # as cat or git ended by SIGPIPE: 128 + 13
    assert err == ""
    assert first.startswith(b'{"id": "0"' if as_json else b"greenhouse board at ")


def test_probe_board_reads_a_configured_board_as_the_poller_does(tmp_path, boards, capsys) -> None:
    """Its kind, selectors and company come from the config; the URL alone cannot be read."""
    boards.set("/careers", SHOP, content_type="text/html")
    config = html_config(tmp_path, boards.url("/careers"))
    assert main(["probe", "--board", "shop", "--config", str(config)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"html board at {boards.url('/careers')}: 2 postings"
    assert out[1].startswith("- Rust Engineer — Shop GmbH · Berlin")
    assert main(["probe", "--board", "Shop", "--config", str(config), "--json"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(x["board"], x["company"]) for x in lines] == [("Shop", "Shop GmbH")] * 2
    assert main(["probe", boards.url("/careers"), "--kind", "html"]) == 1
    assert "selectors" in capsys.readouterr().err
    assert not (tmp_path / "j.db").exists(), "a probe opens no database"


def test_probe_board_refuses_an_unknown_board_and_a_url_beside_it(tmp_path, capsys) -> None:
    config = html_config(tmp_path, "https://careers.example/jobs")
    assert main(["probe", "--board", "Nope", "--config", str(config)]) == 2
    assert capsys.readouterr().err == f"jobbot: no board named 'Nope' in {config}\n"
    for command in (
        ["probe"],
        ["probe", "https://jobs.lever.co/a", "--board", "Shop", "--config", str(config)],
        ["probe", "--board", "Shop", "--kind", "lever", "--config", str(config)],
    ):
        assert main(command) == 2, command
        assert capsys.readouterr().err.startswith("jobbot: probe takes a board URL"), command


def test_probe_of_a_board_that_answers_404_names_its_url(boards, capsys) -> None:
    boards.set(PATH, "gone", status=404)
    assert main(["probe", boards.url(PATH), "--kind", "greenhouse"]) == 1
    assert capsys.readouterr().err == f"jobbot: {boards.url(PATH)} answered HTTP 404 Not Found\n"


def test_probe_and_poll_say_the_same_of_a_host_that_does_not_resolve(
    tmp_path, capsys, monkeypatch
) -> None:
    """probe said `cannot connect to …: no such host` where the bot says `cannot resolve …`."""
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    url = "https://jobs.nosuch.invalid/acme"
    assert main(["probe", url, "--kind", "greenhouse"]) == 1
    probed = capsys.readouterr().err.removeprefix("jobbot: ").strip()
    assert probed.startswith("cannot resolve jobs.nosuch.invalid ("), probed
    config = tmp_path / "config.toml"
    config.write_text(
        f'[storage]\npath = "{tmp_path / "j.db"}"\n'
        f'[[boards]]\nname = "Gone"\nkind = "greenhouse"\nurl = "{url}"\n'
    )
    assert main(["poll", "--config", str(config)]) == 1
    assert f"Gone: FAILED: {probed}" in capsys.readouterr().out


def test_the_cli_s_error_lines_start_with_jobbot(tmp_path, capsys) -> None:
    """`backup` onto a file and `poll --board` of no board said theirs without `jobbot: `."""
    from bot.store import Stores

    config = html_config(tmp_path, "https://careers.example/jobs")
    Stores.open(tmp_path / "j.db").close()
    (tmp_path / "b.db").write_bytes(b"")
    assert main(["backup", str(tmp_path / "b.db"), "--config", str(config)]) == 2
    assert capsys.readouterr().err == (
        f"jobbot: {tmp_path / 'b.db'} exists; pass --force to overwrite it\n"
    )
    assert main(["poll", "--board", "Nope", "--config", str(config)]) == 2
    assert capsys.readouterr().err == f"jobbot: no board named 'Nope' in {config}\n"
