"""The postings' text in an FTS5 index (`postings_text`), so /search and the backtest read only
the postings that have a query's words, not a scan of the newest few thousand.

The index holds each posting's text as the matcher folds it (`bot.words.fold` over title,
company, location, description and board: Zürich -> zurich, straße -> strasse), tokenised by
FTS5's unicode61; it is contentless and keyed by the posting's rowid. Triggers on `postings`
keep it in step with every write, whoever makes it (a poll's diff, retention's pruning), through
`jobbot_text`, a function every connection registers (`register`). The index only proposes
candidates: the matcher decides (`bot.match.fulltext` builds the FTS5 query from the same keys
its own prefilter uses). A change to `fold` needs a migration that rebuilds the index.
"""

from __future__ import annotations

import sqlite3

from bot.words import fold

_TEXT = "jobbot_text({0}.title, {0}.company, {0}.location, {0}.description, {0}.board)"
_DELETE = f"INSERT INTO postings_text (postings_text, rowid, text) VALUES ('delete', old.rowid, {_TEXT.format('old')});"  # fmt: skip
_INSERT = f"INSERT INTO postings_text (rowid, text) VALUES (new.rowid, {_TEXT.format('new')});"
_CHANGED = " OR ".join(
    f"old.{c} IS NOT new.{c}" for c in ("title", "company", "location", "description", "board")
)

SCHEMA = f"""
CREATE VIRTUAL TABLE postings_text USING fts5(
    text, content='', tokenize='unicode61 remove_diacritics 0'
);
CREATE TRIGGER postings_text_insert AFTER INSERT ON postings BEGIN {_INSERT} END;
CREATE TRIGGER postings_text_delete AFTER DELETE ON postings BEGIN {_DELETE} END;
CREATE TRIGGER postings_text_update AFTER UPDATE ON postings WHEN {_CHANGED}
BEGIN {_DELETE} {_INSERT} END;
"""
FILL = f"INSERT INTO postings_text (rowid, text) SELECT rowid, {_TEXT.format('postings')} FROM postings"  # fmt: skip


def text(*parts: str | None) -> str:
    """A posting's text as the index holds it: what `bot.match.search` folds and looks in."""
    return fold("\n".join(p or "" for p in parts))


def register(conn: sqlite3.Connection) -> None:
    """Give `conn` the `jobbot_text` function that the index's triggers call."""
    conn.create_function("jobbot_text", 5, text, deterministic=True)
