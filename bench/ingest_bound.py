"""How far a faster HTML reader could take the ingest path: bench.ingest with HTML free.

    .venv/bin/python -m bench.ingest_bound [--postings 100000] [--corpus DIR]

Runs `bench.ingest`'s first polls twice over the same bodies, each into a fresh database. The
first run is the real path; it also keeps every description's text. In the second,
`normalize.html_to_text` looks that text up instead of reading the HTML. Everything else is
the same: parsing, the rest of normalise, the diff writing the same text, the identity keys
over it. So the second run's ratio to the floor is the most any HTML-to-text speed-up can
give. (Looking a 10 KB string up hashes it: a few microseconds a posting, counted.)

Prints, for both runs: postings per second, the three stages, the floor (`bench.ingest`'s,
measured after each run) and the ratio of the path to it.
"""

from __future__ import annotations

import argparse
import gc
import tempfile
from pathlib import Path

import bot.normalize as normalize
from bench.ingest import CORPUS, NOW, SHAPES, Stores, _board, _machine, first_polls, floors


def run(label: str, postings: int, corpus: Path) -> None:
    """One pass of the first polls and the floors in a fresh database; prints one line."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Stores.open(Path(tmp) / "bench.db")
        store.boards.sync_boards(
            [_board(s.kind, f"bench-{s.kind}", "https://bench.invalid/") for s in SHAPES], NOW
        )
        timings = first_polls(store, SHAPES, postings, corpus)
        floors(store, timings, corpus)
        store.close()
    count = sum(t.postings for t in timings.values())
    parse, norm, diff = (sum(getattr(t, s) for t in timings.values()) for s in
                         ("parse", "normalise", "diff"))  # fmt: skip
    floor = sum(t.decode + t.store_text for t in timings.values())
    whole = parse + norm + diff
    print(
        f"{label:<28} {count / whole:>7,.0f} postings/s (parse {parse:.1f}s, normalise "
        f"{norm:.1f}s, diff {diff:.1f}s); floor {count / floor:,.0f}/s; "
        f"path / floor {floor / whole:.3f}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    print(_machine())
    real = normalize.html_to_text
    texts: dict[str, str] = {}

    def keeping(markup: str | None, drop: tuple[str, ...] = ()) -> str:
        text = texts[markup or ""] = real(markup, drop)
        return text

    def looked_up(markup: str | None, drop: tuple[str, ...] = ()) -> str:
        text = texts.get(markup or "")
        return real(markup, drop) if text is None else text

    try:
        normalize.html_to_text = keeping  # type: ignore[assignment]
        run("the real path", args.postings, args.corpus)
        gc.collect()
        normalize.html_to_text = looked_up  # type: ignore[assignment]
        run("HTML to text at no cost", args.postings, args.corpus)
    finally:
        normalize.html_to_text = real


if __name__ == "__main__":
    main()
