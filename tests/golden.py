"""Golden cases for the sources: one recorded response in, its `Page` out as JSON.

Layout, under tests/fixtures/sources/<kind>/:

- `<case>.<ext>`: the recorded response body (written by us, never copied from a real board).
- `<case>.meta.json` (optional): how it was fetched. Keys, all optional:
  `url` the board's URL (the parse context's; default https://board.example/jobs),
  `board` its name (default "board"), `company` its configured company name,
  `options`, `known` (external ids already stored: no details asked for them),
  `request` the request it answers: "start" (the source's first request) or
  {method, url, json, detail_of} (default: a GET of `url`), `response_url` its final URL
  (default: the request's), `content_type` (default from the extension), `date` (the Date
  header), `body` (a body file of another case, relative to tests/fixtures/sources, when two
  cases read one recording: then the case is its meta file alone).
- `<case>.golden.json`: what the parse gives: each posting normalised the way `jobbot probe
  --json` prints it (`bot.intake.normalise`, `bot.probe.posting_json`) plus `locations`,
  `department` and `partial`; then the follow-up requests (method, url, json, detail_of,
  headers when set).

`pytest tests/test_source_golden.py --regen-golden` rewrites the golden files instead of
comparing them; review the diff (`git diff tests/fixtures/sources`) before committing it.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot import sources
from bot.intake import normalise
from bot.models import BoardInfo, FetchResult, Posting
from bot.probe import posting_json
from bot.sources.contract import Context, Page, Request, Response

ROOT = Path(__file__).parent / "fixtures" / "sources"
BOARD_URL = "https://board.example/jobs"
CONTENT_TYPES = {
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "xml": "application/xml",
    "rss": "application/rss+xml",
    "rdf": "application/rdf+xml",
}
META, GOLDEN = ".meta.json", ".golden.json"


@dataclass(frozen=True)
class Case:
    kind: str
    name: str
    body: Path
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.kind}/{self.name}"

    @property
    def golden(self) -> Path:
        return ROOT / self.kind / f"{self.name}{GOLDEN}"


def cases() -> list[Case]:
    """Every case under ROOT: each body file, and each meta file that names another's body."""
    found = []
    for folder in sorted(p for p in ROOT.iterdir() if p.is_dir()):
        for path in sorted(folder.iterdir()):
            if path.name.endswith(GOLDEN):
                continue
            if path.name.endswith(META):
                meta = json.loads(path.read_text(encoding="utf-8"))
                if "body" in meta:
                    name = path.name.removesuffix(META)
                    found.append(Case(folder.name, name, ROOT / meta["body"], meta))
                continue
            meta_path = folder / f"{path.stem}{META}"
            meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
            found.append(Case(folder.name, path.stem, path, meta))
    return found


def _request(case: Case, ctx: Context) -> Request:
    given = case.meta.get("request")
    if given == "start":
        return sources.get(case.kind).start(ctx)[0]
    if isinstance(given, dict):
        return Request(
            given.get("url", ctx.url),
            given.get("method", "GET"),
            json=given.get("json"),
            detail_of=given.get("detail_of"),
        )
    return Request(ctx.url)


def parse(case: Case) -> tuple[Page, list[Posting]]:
    """The case's recorded response through its source's `parse`, and the postings normalised
    as a poll (and `jobbot probe`) normalises them."""
    meta = case.meta
    ctx = Context(
        board=meta.get("board", "board"),
        url=meta.get("url", BOARD_URL),
        options=meta.get("options", {}),
        known=frozenset(meta.get("known", ())),
    )
    request = _request(case, ctx)
    result = FetchResult(
        url=meta.get("response_url", request.url),
        body=case.body.read_bytes(),
        content_type=meta.get("content_type", CONTENT_TYPES.get(case.body.suffix[1:], "")),
        date=meta.get("date"),
    )
    page = sources.get(case.kind).parse(Response.of(request, result), ctx)
    info = BoardInfo(ctx.board, case.kind, ctx.url, meta.get("company"))
    postings, _unchanged, _fingerprints = normalise(list(page.postings), info, {})
    return page, postings


def _posting(p: Posting) -> dict[str, Any]:
    extra = {"locations": list(p.locations), "department": p.department, "partial": p.partial}
    return posting_json(p) | extra


def _request_json(r: Request) -> dict[str, Any]:
    out: dict[str, Any] = {"method": r.method, "url": r.url, "json": r.json}
    out["detail_of"] = r.detail_of
    if r.headers:
        out["headers"] = dict(r.headers)
    return out


def render(case: Case) -> str:
    """The golden text of a case: its normalised postings and follow-up requests."""
    page, postings = parse(case)
    data = {
        "postings": [_posting(p) for p in postings],
        "follow": [_request_json(r) for r in page.follow],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def difference(expected: str, actual: str, name: str) -> str:
    """A unified diff of golden text against what the parse gives now ("" when equal)."""
    lines = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        fromfile=f"{name} (golden)",
        tofile=f"{name} (parsed now)",
    )
    return "".join(lines)
