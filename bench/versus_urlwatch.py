"""Polling 1,000 loopback job boards side by side: `jobbot poll` against urlwatch 2.29.

    .venv/bin/python -m bench.versus_urlwatch [--boards 1000] [--runs 5] [--changed 10]

One local server (`bench.boardfarm`, its own process) serves every board as the Greenhouse
Job Board API does, with ETag and Last-Modified, so a board that did not change answers 304.
Each run starts both tools from nothing (a new database, a new urlwatch cache) and times
three rounds, each tool as a command, start-up included, one after the other:

- cold: the first poll of every board (jobbot stores a baseline; urlwatch stores the text);
- warm: nothing changed (304s);
- changed: `--changed` boards edited one job and added one (the rest answer 304).

Prints each round's seconds and the ratio urlwatch/jobbot (above 1: jobbot is faster), then
the range of the ratio over the runs. jobbot polls the farm with `per_host = 6`, the number
of connections urlwatch's thread pool opens on this 2-core machine (min(32, CPUs + 4)).
jobbot's modules are compiled to bytecode first, as pip compiles urlwatch's when it installs
it: an editable checkout run with PYTHONDONTWRITEBYTECODE set (as here) would otherwise
compile all of `bot/` again at every start, which no installed jobbot does.

urlwatch lives in its own virtualenv, `bench/.venv-bench` (ignored by git), made on first use
with `python -m venv` and pip from the package index; or make it by hand:
`python3 -m venv bench/.venv-bench && bench/.venv-bench/bin/pip install urlwatch==2.29`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv-bench"
URLWATCH = VENV / "bin" / "urlwatch"
ROUNDS = ("cold", "warm", "changed")
PER_HOST = 6


def ensure_urlwatch() -> None:
    """Make `bench/.venv-bench` with urlwatch 2.29 unless it is there."""
    if URLWATCH.exists():
        return
    print(f"installing urlwatch 2.29 into {VENV} ...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    pip = [str(VENV / "bin" / "pip"), "install", "--quiet", "urlwatch==2.29"]
    subprocess.run(pip, check=True)


def start_farm(boards: int) -> tuple[subprocess.Popen, int]:
    farm = subprocess.Popen(
        [sys.executable, "-m", "bench.boardfarm", "--boards", str(boards)],
        cwd=HERE.parent,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert farm.stdout is not None
    line = farm.stdout.readline()
    if not line.startswith("listening on "):
        farm.kill()
        raise SystemExit(f"the board farm did not start: {line!r}")
    return farm, int(line.split()[-1])


def board_url(port: int, n: int) -> str:
    return f"http://127.0.0.1:{port}/v1/boards/b{n}/jobs?content=true"


def write_jobbot(folder: Path, port: int, boards: int) -> Path:
    lines = [
        "[storage]",
        f'path = "{folder / "jobbot.db"}"',
        "[polling]",
        "allow_private_hosts = true",
        f"per_host = {PER_HOST}",
    ]
    for n in range(boards):
        url = board_url(port, n)
        lines += ["[[boards]]", f'name = "b{n}"', 'kind = "greenhouse"', f'url = "{url}"']
    path = folder / "config.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def write_urlwatch(folder: Path, port: int, boards: int) -> list[str]:
    urls = folder / "urls.yaml"
    urls.write_text("\n---\n".join(f"url: {board_url(port, n)}" for n in range(boards)) + "\n")
    files = ["--urls", str(urls), "--config", str(folder / "urlwatch.yaml")]
    files += ["--cache", str(folder / "cache.db"), "--hooks", str(folder / "hooks.py")]
    empty = folder / "empty.yaml"
    empty.write_text("")
    # Its first start writes a default config: not part of any round.
    subprocess.run([str(URLWATCH), *files[:1], str(empty), *files[2:]], capture_output=True)
    (folder / "cache.db").unlink(missing_ok=True)
    return [str(URLWATCH), *files]


def timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=HERE.parent)
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({done.returncode}): {done.stderr[-2000:]}")
    return seconds, done.stdout


def check_jobbot(round_name: str, out: str, boards: int, changed: int) -> None:
    """That jobbot did the round's work: baselines, 304s, the edited boards."""
    counts = {s: out.count(f": {s},") for s in ("baseline", "not_modified", "ok")}
    want = {
        "cold": {"baseline": boards},
        "warm": {"not_modified": boards},
        "changed": {"ok": changed, "not_modified": boards - changed},
    }[round_name]
    if any(counts[k] != v for k, v in want.items()):
        raise SystemExit(f"jobbot's {round_name} round did not do what was asked: {counts}")


def one_run(port: int, boards: int, changed: int, run: int) -> dict[str, tuple[float, float]]:
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    times: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        jobbot = [sys.executable, "-m", "bot", "poll", "--config"]
        jobbot.append(str(write_jobbot(folder, port, boards)))
        urlwatch = write_urlwatch(folder, port, boards)
        for name in ROUNDS:
            if name == "changed":
                picked = ",".join(str((run * 97 + i * 31) % boards) for i in range(changed))
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_change?boards={picked}").read()
            ours, out = timed(jobbot, env)
            check_jobbot(name, out, boards, changed)
            theirs, _ = timed(urlwatch, env)
            times[name] = (ours, theirs)
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--boards", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--changed", type=int, default=10)
    args = parser.parse_args(argv)
    ensure_urlwatch()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "bot")], check=True)
    farm, port = start_farm(args.boards)
    load = "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    print(f"{args.boards} boards on 127.0.0.1:{port}; {load} on {os.cpu_count()} CPUs")
    ratios: dict[str, list[float]] = {name: [] for name in ROUNDS}
    try:
        for run in range(1, args.runs + 1):
            times = one_run(port, args.boards, args.changed, run)
            cells = []
            for name, (ours, theirs) in times.items():
                ratios[name].append(theirs / ours)
                cells.append(
                    f"{name} jobbot {ours:6.2f}s urlwatch {theirs:6.2f}s x{theirs / ours:.2f}"
                )
            print(f"run {run}: " + " | ".join(cells), flush=True)
    finally:
        farm.kill()
    print("urlwatch/jobbot (above 1: jobbot faster): " + ", ".join(
        f"{name} {min(r):.2f}-{max(r):.2f}x" for name, r in ratios.items()))  # fmt: skip
    print("load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
