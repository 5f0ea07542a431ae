"""Every source kind, data-driven: each recorded response under tests/fixtures/sources/<kind>/
parsed and normalised must give its `<case>.golden.json` exactly (layout in tests/golden.py).

After a deliberate parser change, `pytest tests/test_source_golden.py --regen-golden` rewrites
the golden files instead of comparing; review `git diff tests/fixtures/sources` and commit it.
"""

from __future__ import annotations

import pytest

from bot import sources
from tests import golden

CASES = golden.cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_source_case(case: golden.Case, regen_golden: bool) -> None:
    actual = golden.render(case)
    if regen_golden:
        case.golden.write_text(actual, encoding="utf-8")
        return
    if not case.golden.exists():
        pytest.fail(f"{case.golden} is missing: run pytest --regen-golden", pytrace=False)
    diff = golden.difference(case.golden.read_text(encoding="utf-8"), actual, case.id)
    if diff:
        pytest.fail(f"{case.id} differs from its golden file:\n{diff}", pytrace=False)


def test_every_kind_that_reads_postings_has_a_case() -> None:
    assert set(sources.kinds()) - {c.kind for c in CASES} == set()


def test_the_kinds_that_ask_for_details_say_so() -> None:
    """A kind whose parse asks for a posting's detail has `details` set, so that a recent
    job's detail is read again (`bot.store.details`); no other kind has it."""
    asking = {c.kind for c in CASES if any(r.detail_of for r in golden.parse(c)[0].follow)}
    assert asking == {k for k in sources.kinds() if sources.get(k).details}


def test_every_golden_file_belongs_to_a_case() -> None:
    wanted = {c.golden for c in CASES}
    stale = [p for p in golden.ROOT.glob(f"*/*{golden.GOLDEN}") if p not in wanted]
    assert stale == []


def test_a_difference_reads_as_a_unified_diff() -> None:
    diff = golden.difference('{\n  "title": "Go"\n}\n', '{\n  "title": "Rust"\n}\n', "x/y")
    assert diff.splitlines() == [
        "--- x/y (golden)",
        "+++ x/y (parsed now)",
        "@@ -1,3 +1,3 @@",
        " {",
        '-  "title": "Go"',
        '+  "title": "Rust"',
        " }",
    ]
    assert golden.difference("same\n", "same\n", "x/y") == ""


@pytest.mark.parametrize("name", ["rss/atom.xml", "personio/feed.xml", "jsonld/feed.json"])
def test_recordings_that_test_a_byte_order_mark_keep_it(name: str) -> None:
    """Their golden cases show the BOM is skipped: an editor must not strip it unnoticed."""
    assert (golden.ROOT / name).read_bytes().startswith(b"\xef\xbb\xbf")
