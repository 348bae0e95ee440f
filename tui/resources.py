"""Files shipped inside the package, found the same way in every kind of install.

`styles/` sits at the top of the repository (the design card's layout) and is installed as the
regular package `tui.styles`, so `importlib.resources` reads it from a wheel, an editable install
or a zip alike. Only a bare checkout on PYTHONPATH, where no `tui.styles` exists, reads the folder.
"""

from __future__ import annotations

from pathlib import Path

STYLESHEET = "newsreader.tcss"


def read_style(name: str = STYLESHEET) -> str:
    """The text of one Textual stylesheet: beside the package's `__init__` when it is a folder
    (importing `importlib.resources` for that cost 4 ms of the reader's start-up), else through
    `importlib.resources`."""
    try:
        from . import styles  # type: ignore[attr-defined]

        if styles.__file__ is not None and (here := Path(styles.__file__).parent / name).is_file():
            return here.read_text("utf-8")
        from importlib import resources

        return resources.files("tui.styles").joinpath(name).read_text("utf-8")
    except (ImportError, FileNotFoundError, NotADirectoryError):
        return (Path(__file__).resolve().parent.parent / "styles" / name).read_text("utf-8")
