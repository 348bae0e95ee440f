"""`newsreader serve`: an SSH server that gives each client its own reader on a pseudo-terminal.

server.py listens and logs, keys.py reads authorized_keys and the host key, session.py runs one
reader per session, pty.py owns the pseudo-terminal and the reader's process group, zygote.py is
the pre-imported process each session's reader is forked from (forks.py keeps it), warm.py fills
the analysis cache in the background. Nothing here imports the command line (`tui.cli`); the
zygote names the reader's modules to pre-import them, as `python -m tui` would.

The names below are imported on first use: `python -m tui.serve.zygote` and `tui.serve.warm` run
this package's modules without asyncssh, which must stay in the server process.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .server import ConnectionLog, ServeConfig, main, start_server

__all__ = ["ConnectionLog", "ServeConfig", "main", "start_server"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import server

        return getattr(server, name)
    raise AttributeError(name)
