"""Where bundled files live, in an installed wheel and in a source checkout alike."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def styles_dir() -> Path:
    """The Textual CSS: `tui/styles` inside the wheel, `styles/` at the top of a checkout."""
    try:
        path = Path(str(resources.files("tui.styles")))
        if (path / "newsreader.tcss").is_file():
            return path
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent / "styles"
