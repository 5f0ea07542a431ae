"""The wheel carries what `jobbot run` needs after `pip install`: the example config, and the
version `bot.__version__` says (pyproject.toml reads it from there)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import bot

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_holds_the_example_config(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, cwd=tmp_path,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("jobbot-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        example = zf.read("bot/config.example.toml").decode()
        metadata = zf.read(f"jobbot-{bot.__version__}.dist-info/METADATA").decode()
    assert example == (ROOT / "config.example.toml").read_text()
    assert f"\nVersion: {bot.__version__}\n" in metadata
