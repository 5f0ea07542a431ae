"""A read board lets go of what it no longer needs: its body once parsed, and each raw posting
once normalised (a 9,000-posting board is ~90 MB of body and ~160 MB of HTML as text)."""

from __future__ import annotations

from bot.intake import Read, drain, fetch_and_read, normalise
from bot.models import BoardInfo
from bot.sources import demo
from bot.sources.contract import Context
from tests.test_fingerprint import BOARD, RAW

URL = "demo://fintech?every=8"


async def test_a_read_board_holds_neither_its_body_nor_its_raw_postings() -> None:
    read = await fetch_and_read(
        None,  # type: ignore[arg-type]  # the demo board answers without a network
        demo.Demo(),
        Context("fintech", URL),
        BoardInfo("fintech", "demo", URL),
    )
    assert isinstance(read, Read) and len(read.postings) == 12
    assert read.crawl.first.body == b"" and read.crawl.postings == []
    assert read.crawl.first.content_type == "application/json"  # the rest of it is kept


def test_normalising_a_drained_list_empties_it_as_it_goes() -> None:
    raws = [RAW, RAW]
    seen: list[int] = []

    def watched():
        for raw in drain(raws):
            seen.append(len(raws))
            yield raw

    postings, unchanged, _ = normalise(watched(), BOARD, {})
    assert seen == [1, 0] and raws == [] and len(postings) == 1 and unchanged == []
