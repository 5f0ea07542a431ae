"""`python -m bot` is `jobbot`."""

from bot.cli import main

raise SystemExit(main())
