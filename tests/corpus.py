"""Where the shared corpus of real board responses is: `JOBBOT_CORPUS`, else `../shared/corpus`
beside the checkout (CI has it there). Its tests skip, saying this path, when it is missing."""

from __future__ import annotations

import os
from pathlib import Path

CORPUS = Path(
    os.environ.get("JOBBOT_CORPUS") or Path(__file__).resolve().parents[2] / "shared" / "corpus"
)
