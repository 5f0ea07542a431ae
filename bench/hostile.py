"""Hostile-input benchmark: time and peak memory of our paths on pathological input.

    .venv/bin/python -m bench.hostile [--sizes 16K,64K,1M,3M] [--paths description,page,scrape]
                                      [--kinds open-a,...] [--timeout 60]

Each case runs in a subprocess of its own (so one case's peak memory does not mix with
another's, and a case that hangs is killed at `--timeout`), under a 4 GB address-space limit.
The table shows, per path, kind and size, the hostile input's time and peak memory next to an
ordinary input of the same size on the same path, and their ratio.

Paths: `description` is one posting's HTML description through `normalize.posting` (the
description path, every posting of every poll); `page` is a careers page through the `jsonld`
source (the page path: JSON-LD, microdata, then the page's own text); `scrape` is a page through
the `html` source with CSS selectors.

A case is any object with these attributes (a `typing.NamedTuple` such as `bench.cases.Case`):

    kind: str     what the input is: "ordinary" for the baseline of its (path, size), else the
                  hostile kind ("open-a", "gzip-bomb", ...)
    path: str     which code path it drives ("description", "page", "fetch", ...)
    size: int     the input's size in bytes
    setup: Callable[[], Callable[[], object]]
                  builds the input (not timed) and returns the call that is timed (it may run
                  its own event loop, e.g. `lambda: asyncio.run(fetch())`)

`CASES` lists ours. If a module `bench/hostile_http.py` exists, its `CASES` (same shape, e.g.
compression bombs and slow drips on a "fetch" path, with "ordinary" cases of the same sizes)
are appended. A case is found again in its subprocess by its index, so `CASES` must be built the
same way on every import.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

from bench.cases import SIZES, Case
from bot import normalize, sources
from bot.models import BoardInfo, FetchResult, RawPosting
from bot.sources.contract import Context, parse_recorded

# Another module's cases (HTTP: compression bombs, slow drips), when it exists.
hostile_http = (
    importlib.import_module("bench.hostile_http")
    if importlib.util.find_spec("bench.hostile_http")
    else None
)


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


# Each hostile kind: a function of the size in bytes giving that much markup.
HOSTILE: dict[str, Callable[[int], str]] = {
    "malformed-quotes": lambda n: _fill("<a x=\"1' y='2 <b c=\"3 ", n),
    "open-a": lambda n: _fill("<a ", n),
    "unclosed-p": lambda n: _fill("<p>", n),
    "deep-nesting": lambda n: "<div>" * (n // 11) + "x" + "</div>" * (n // 11),
    "huge-attribute": lambda n: '<p><a href="' + _fill("x", n - 24) + '">link</a></p>',
    "long-comment": lambda n: "<p>a</p><!--" + _fill("x -- ", n - 15) + "-->",
    "open-comment": lambda n: "<p>a</p>" + _fill("<!-- x ", n - 8),
    "open-script": lambda n: "<p>a</p><script>" + _fill("if (a<b) { s = '<p>'; }\n", n - 16),
}

_PARAGRAPH = (
    "<p>You will build <b>services</b> that move money, with "
    '<a href="https://example.com/team">our team</a> &amp; partners.</p>'
    "<ul><li>Rust or Go</li><li>SQL &lt;3</li></ul><h3>About us</h3>\n"
)


def ordinary(n: int) -> str:
    """An ordinary description of about `n` bytes: paragraphs, links, lists, headings."""
    return _fill(_PARAGRAPH, n)


_JOB = json.dumps({"@context": "https://schema.org", "@type": "JobPosting", "title": "Engineer"})
_PAGE_HEAD = (
    "<!doctype html><html><head><title>Careers</title>"
    f'<script type="application/ld+json">{_JOB}</script></head><body><main>'
)
_LIST_ITEM = (
    '<li class="job"><h3><a href="/jobs/{i}">Engineer {i}</a></h3>'
    '<span class="location">Berlin</span><div class="summary">Build things.</div></li>\n'
)


def _page(body: str) -> FetchResult:
    text = _PAGE_HEAD + body + "</main></body></html>"
    return FetchResult(url="https://example.com/jobs", body=text.encode(), content_type="text/html")


def _describe(markup: str) -> Callable[[], object]:
    raw = RawPosting(
        external_id="1", title="Engineer", url="https://example.com/1", description_html=markup
    )
    info = BoardInfo(name="bench", kind="greenhouse", url="https://example.com/jobs")
    return lambda: normalize.posting(raw, info)


def _read_page(result: FetchResult) -> Callable[[], object]:
    source = sources.get("jsonld")
    return lambda: parse_recorded(source, result)


SELECTORS = {"item": "li.job", "title": "h3", "link": "a", "description": ".summary"}


def _scrape(result: FetchResult) -> Callable[[], object]:
    source = sources.get("html")
    return lambda: parse_recorded(source, result, Context(options={"selectors": SELECTORS}))


def _ordinary_list(n: int) -> str:
    items, size, i = [], 0, 0
    while size < n:
        items.append(_LIST_ITEM.format(i=i))
        size += len(items[-1])
        i += 1
    return "<ul>" + "".join(items) + "</ul>"


def _cases() -> list[Case]:
    cases: list[Case] = []
    kinds = {"ordinary": ordinary, **HOSTILE}
    for size in SIZES.values():
        for kind, make in kinds.items():
            cases.append(Case(kind, "description", size, lambda m=make, n=size: _describe(m(n))))
        for kind, make in kinds.items():
            page = lambda m=make, n=size: _page(m(n))  # noqa: E731
            cases.append(Case(kind, "page", size, lambda p=page: _read_page(p())))
        scraped = {"ordinary": _ordinary_list, **HOSTILE}
        for kind, make in scraped.items():
            page = lambda m=make, n=size: _page(_ordinary_list(1024) + m(n))  # noqa: E731
            cases.append(Case(kind, "scrape", size, lambda p=page: _scrape(p())))
    if hostile_http is not None:
        cases.extend(hostile_http.CASES)
    return cases


CASES = _cases()


def _peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux


def run_one(index: int) -> dict[str, float]:
    """Run case `index` in this process: best of up to 3 runs, and the peak RSS it added."""
    limit = 4 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    call = CASES[index].setup()
    before = _peak_kb()
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
        if best > 0.2:
            break
    return {"seconds": best, "peak_kb": max(_peak_kb() - before, 0)}


def measure(index: int, timeout: float) -> dict[str, float] | str:
    """Case `index` in a subprocess: its figures, or why there are none."""
    command = [sys.executable, "-m", "bench.hostile", "--one", str(index)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f">{timeout:g}s"
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["failed"])[-1]
        return last.split(":")[0][:24]
    return json.loads(done.stdout)


def _size(n: int) -> str:
    return f"{n // 1024**2}M" if n >= 1024**2 else f"{n // 1024}K"


def _cell(result: dict[str, float] | str) -> tuple[str, str]:
    if isinstance(result, str):
        return result, "-"
    seconds, kb = result["seconds"], result["peak_kb"]
    shown = f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"
    return shown, f"{kb / 1024:.1f} MB"


def table(selected: Sequence[int], timeout: float) -> None:
    """Measure the selected cases, printing one row per hostile case next to its baseline (the
    "ordinary" case of its path and size, measured when first needed)."""
    header = ("path", "kind", "size", "hostile", "peak", "ordinary", "peak", "ratio")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header), flush=True)
    ordinary = {(c.path, c.size): i for i, c in enumerate(CASES) if c.kind == "ordinary"}
    baselines: dict[tuple[str, int], dict[str, float] | str] = {}
    for i in selected:
        case = CASES[i]
        if case.kind == "ordinary":
            continue
        key = (case.path, case.size)
        if key not in baselines:
            baselines[key] = measure(ordinary[key], timeout) if key in ordinary else "-"
        hostile, base = measure(i, timeout), baselines[key]
        ratio = "-"
        if isinstance(hostile, dict) and isinstance(base, dict) and base["seconds"] > 0:
            ratio = f"{hostile['seconds'] / base['seconds']:.1f}x"
        row = (case.path, case.kind, _size(case.size), *_cell(hostile), *_cell(base), ratio)
        print("| " + " | ".join(row) + " |", flush=True)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default=",".join(SIZES))
    parser.add_argument("--paths", default="")
    parser.add_argument("--kinds", default="")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(run_one(args.one)))
        return
    sizes = {SIZES[s] for s in args.sizes.split(",")}
    paths = set(filter(None, args.paths.split(",")))
    kinds = set(filter(None, args.kinds.split(",")))
    selected = [
        i
        for i, case in enumerate(CASES)
        if case.size in sizes
        and (not paths or case.path in paths)
        and (not kinds or case.kind in kinds or case.kind == "ordinary")
    ]
    table(selected, args.timeout)


if __name__ == "__main__":
    main()
