"""`python -m bot` is `jobbot`."""

from bot.cli import main

if __name__ == "__main__":  # not when a reader process imports it (bot.reading)
    raise SystemExit(main())
