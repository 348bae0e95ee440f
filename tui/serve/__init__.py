"""`newsreader serve`: an SSH server that gives each client its own reader on a pseudo-terminal.

server.py listens and logs, keys.py reads authorized_keys and the host key, session.py runs one
reader per session, pty.py owns the pseudo-terminal and the reader's process group, warm.py fills
the analysis cache in the background. Nothing here imports the command line (`tui.cli`).
"""

from __future__ import annotations

from .server import ConnectionLog, ServeConfig, main, start_server

__all__ = ["ConnectionLog", "ServeConfig", "main", "start_server"]
