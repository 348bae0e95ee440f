"""The wheel a user installs carries every subpackage and the CSS from styles/."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contains_all_packages_and_styles(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    (wheel,) = tmp_path.glob("newsreader-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for css in (ROOT / "styles").glob("*.tcss"):
        assert f"tui/styles/{css.name}" in names
    for source in (ROOT / "tui").rglob("*.py"):
        rel = source.relative_to(ROOT).as_posix()
        assert rel in names, f"{rel} is not in the wheel: add its package to pyproject.toml"
