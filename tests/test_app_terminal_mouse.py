"""The mouse wheel in a real terminal (issue 11 items 1 and 7): SGR wheel reports scroll a list.

The reader runs in a pty at 100x30, where the Places list gets one row less than it has places;
a wheel turn over it, sent as the terminal would send it, brings the last place into view.
"""

from __future__ import annotations

from tests.terminal import PtyApp, newsreader

SEED = "seeds/000_fc0a23bac9f372ec.txt"


def _places(app: PtyApp) -> tuple[int, int, list[str]]:
    """(row, column) of the Places heading and the rows of the list under it."""
    lines = app.text.splitlines()
    top = next(y for y, line in enumerate(lines) if "Places" in line and "│" in line)
    column = lines[top].index("Places")
    bottom = next(y for y in range(top + 1, len(lines)) if "Also mentioned" in lines[y])
    return top, column, [lines[y][column:].strip() for y in range(top + 1, bottom)]


def test_the_wheel_scrolls_the_places_list(tmp_path):
    env = {"NEWSREADER_FORCE_TTY": "1", "NEWSREADER_CACHE_DIR": str(tmp_path / "cache")}
    with PtyApp(newsreader(SEED), cols=100, rows=30, env=env) as app:
        app.wait_for("mentions", 180)
        app.settle()
        top, column, rows = _places(app)
        assert rows[0].startswith("Russia") and not any(r.startswith("Washington") for r in rows), rows
        for _ in range(3):  # wheel down, over the list (SGR reports are 1-based)
            app.press(f"\x1b[<65;{column + 3};{top + 3}M".encode())
        app.settle()
        _, _, after = _places(app)
        assert any(r.startswith("Washington") for r in after), after
        assert not after[0].startswith("Russia"), after
        app.press("q")
        assert app.close() == 0
