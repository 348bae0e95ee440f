"""A stand-in reader for the serve tests: it says what its process sees from the inside.

A forked reader's /proc/PID/environ shows the environment the zygote was started with (the
kernel keeps the exec-time copy), so a session's real environment, terminal size, locale, cwd
and signal dispositions are reported by the process itself, as one `PROBE {json}` line. Runs as
`python -m tests.serve_probe`, forked from the zygote or spawned fresh, like the reader.
Lines typed: `again` reports again, `exit N` exits with N, `ignore-hup` ignores SIGHUP.
"""

from __future__ import annotations

import json
import locale
import os
import signal
import sys
import threading


def report() -> None:
    cols, rows = os.get_terminal_size(0)
    info = {
        "env": dict(os.environ),
        "size": [cols, rows],
        "cwd": os.getcwd(),
        "pid": os.getpid(),
        "ppid": os.getppid(),
        "sid": os.getsid(0),
        "pgid": os.getpgrp(),
        "tpgid": os.tcgetpgrp(0),
        "ctype": locale.setlocale(locale.LC_CTYPE),
        "ttys": [os.isatty(fd) for fd in (0, 1, 2)],
        "stdout_encoding": sys.stdout.encoding,
        "signals": {
            name: str(signal.getsignal(getattr(signal, name))) for name in ("SIGHUP", "SIGINT", "SIGTERM", "SIGPIPE", "SIGWINCH")
        },
        "blocked": sorted(int(s) for s in signal.pthread_sigmask(signal.SIG_BLOCK, [])),
        "threads": threading.active_count(),
        "loaded": {name: name in sys.modules for name in ("asyncssh", "textual.app", "tui.app")},
        "iterm": getattr(sys.modules.get("textual._xterm_parser"), "IS_ITERM", None),
        "resident": len(sys.modules["tui.runner"]._resident) if "tui.runner" in sys.modules else None,
    }
    print("PROBE " + json.dumps(info), flush=True)


def main() -> int:
    report()
    for line in sys.stdin:
        command = line.split()
        if command == ["again"]:
            report()
        elif command[:1] == ["exit"]:
            return int(command[1])
        elif command == ["ignore-hup"]:
            signal.signal(signal.SIGHUP, signal.SIG_IGN)
            print("IGNORING", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
