"""Reading a JSON body: msgspec from the bytes where it can, `json.loads` for what only it reads."""

from __future__ import annotations

import json
import math

import pytest

from bot.decoding import PIECEWISE, loads_json


def _unused() -> str:
    raise AssertionError("the body was decoded to str: msgspec was not used")


def test_a_utf8_body_is_read_from_its_bytes() -> None:
    body = '{"jobs": [{"title": "Ingénieure"}]}'.encode()
    assert loads_json(body, None, _unused) == {"jobs": [{"title": "Ingénieure"}]}
    assert loads_json(body, "UTF-8", _unused) == {"jobs": [{"title": "Ingénieure"}]}
    assert loads_json(b"\xef\xbb\xbf[1]", "utf-8", _unused) == [1]


@pytest.mark.parametrize(
    "body",
    [b'{"t": "\\ud800 lone"}', b'{"n": 123456789012345678901234567890}', b'{"x": NaN}'],
)
def test_what_msgspec_refuses_is_read_as_python_reads_it(body: bytes) -> None:
    value = loads_json(body, None, body.decode)
    if "x" in value:
        assert math.isnan(value["x"])
    else:
        assert value == {"t": "\ud800 lone"} or value == {"n": 123456789012345678901234567890}


def test_a_body_in_another_charset_is_read_from_its_text() -> None:
    body = '{"title": "Señor"}'.encode("latin-1")
    assert loads_json(body, "iso-8859-1", lambda: body.decode("latin-1")) == {"title": "Señor"}


def test_a_body_that_is_not_json_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        loads_json(b"<html>", None, lambda: "<html>")


def test_a_large_body_read_in_pieces_is_the_same_value() -> None:
    jobs = [
        {"id": i, "title": f"Engineer {i}", "content": "&lt;p&gt;" + "x" * 200} for i in range(9000)
    ]
    value = {"jobs": jobs, "meta": {"total": 9000, "ids": list(range(50))}, "empty": []}
    body = json.dumps(value).encode()
    assert len(body) > PIECEWISE
    assert loads_json(body, None, _unused) == value
    assert loads_json(json.dumps(jobs).encode(), None, _unused) == jobs
