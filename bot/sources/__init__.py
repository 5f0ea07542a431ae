"""Board sources, one module per kind. Importing this package registers every kind."""

from bot.sources import demo, greenhouse, lever, rss  # noqa: F401  (registration)
from bot.sources.base import Source, all_sources, detect, get, kinds, register

__all__ = ["Source", "all_sources", "detect", "get", "kinds", "register"]
