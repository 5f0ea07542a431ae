"""Every parser over the shared corpus of real responses (not ours to publish, so not copied here).

Run with -s to see, per file, how many postings came out and how many have each field.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.models import BoardInfo, FetchResult
from bot.normalize import posting
from bot.sources import get, kinds

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FOLDER_KINDS = {"greenhouse": "greenhouse", "lever": "lever", "rss": "rss"}  # else: the folder name
READS = {"greenhouse": (".json",), "lever": (".json",), "rss": (".xml", ".rss", ".atom")}
CONTENT_TYPES = {".json": "application/json", ".xml": "application/xml", ".html": "text/html"}


def _cases() -> list:
    if not CORPUS.is_dir():
        reason = f"shared corpus not found at {CORPUS}"
        return [pytest.param(None, None, marks=pytest.mark.skip(reason=reason), id="no-corpus")]
    cases = []
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        kind = FOLDER_KINDS.get(folder.name, folder.name)
        if kind not in kinds():
            skip = pytest.mark.skip(reason=f"no parser for kind {kind} yet")
            cases.append(pytest.param(kind, folder, marks=skip, id=folder.name))
            continue
        for file in sorted(f for f in folder.iterdir() if f.is_file()):
            cases.append(pytest.param(kind, file, id=f"{folder.name}/{file.name}"))
    return cases


@pytest.mark.parametrize(("kind", "path"), _cases())
def test_corpus_file_parses(kind: str, path: Path):
    readable = READS.get(kind)
    if readable and path.suffix.lower() not in readable:
        pytest.skip(f"{kind} reads {', '.join(readable)} responses; {path.name} is another shape")
    url = f"https://corpus.invalid/{path.parent.name}/{path.name}"
    result = FetchResult(
        url=url, body=path.read_bytes(), content_type=CONTENT_TYPES.get(path.suffix, "")
    )
    raws = get(kind).parse(result)
    board = BoardInfo(name=path.stem, kind=kind, url=url)
    postings = [posting(raw, board) for raw in raws]

    def count(field: str) -> int:
        return sum(1 for p in postings if getattr(p, field))

    own_company = sum(1 for raw in raws if raw.company and raw.company.strip())
    print(
        f"\n{path.parent.name}/{path.name}: {len(postings)} postings; with title {count('title')}, "
        f"url {count('url')}, company from source {own_company}, location {count('location')}, "
        f"date {count('posted_at')}"
    )
    assert postings, f"{path.name} gave no postings"
    for p in postings:
        assert p.title, f"{p.key} has no title"
        assert p.url.startswith(("http://", "https://")), f"{p.key} has no absolute URL: {p.url!r}"
