"""jobbot: polls job boards, diffs against SQLite, sends matching postings to Telegram."""

__version__ = "0.1.0"
