"""The analysis child process: `python -m tui.analysis_worker`.

The reader analyses in a separate process rather than a thread: spaCy then never shares the
UI's interpreter lock (keys stay answered while a long text is parsed), never loads into the UI
process at all, and quitting can simply end the child. Messages are length-prefixed pickles on
stdin/stdout between two processes of this same program, never from outside.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
import sys
import threading
from typing import IO, Any

_HEADER = struct.Struct("!I")


def send(stream: IO[bytes], message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)))
    stream.write(data)
    stream.flush()


def receive(stream: IO[bytes]) -> Any:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError("analysis process ended")
    (size,) = _HEADER.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("analysis process ended mid-message")
    return pickle.loads(data)


def _exit_when_orphaned() -> None:
    """The reader keeps our stdin open while it wants the result. End of file means it has gone
    (quit, crashed or was killed), so stop at once, with any parsing processes we started (they
    share our process group: the reader starts us in a session of our own).

    The watch reads the raw descriptor, not sys.stdin: a thread blocked inside sys.stdin would
    hold its lock across the fork of spaCy's worker processes, which close sys.stdin on start
    and would wait for that lock forever.
    """

    def watch() -> None:
        while os.read(0, 65536):
            pass
        try:
            os.killpg(os.getpgid(0), signal.SIGKILL)
        finally:
            os._exit(0)

    threading.Thread(target=watch, name="orphan-watch", daemon=True).start()


# Below this many characters a second parsing process costs more (model load, shipping docs
# back) than it saves; above it two processes parse 500 KB in 10.6 s instead of 17.2 s.
PARALLEL_FROM_CHARS = 300_000


def parser_processes(length: int) -> int:
    """How many spaCy processes to parse with; NEWSREADER_PROCESSES overrides (1 turns it off)."""
    wanted = os.environ.get("NEWSREADER_PROCESSES", "")
    if wanted.isdigit() and int(wanted) >= 1:
        return int(wanted)
    # One core stays with the reader: on 2 cores, two parser processes took page down from 24 ms
    # to 224 ms (median) while a 2 MB text was analysed, for an analysis 15% faster.
    spare = max(1, (os.cpu_count() or 1) - 1)
    return min(2, spare) if length >= PARALLEL_FROM_CHARS else 1


def main() -> int:
    out = sys.stdout.buffer
    # Anything a library prints must not corrupt the message stream.
    sys.stdout = sys.stderr
    article, model, *rest = receive(sys.stdin.buffer)
    remember = bool(rest and rest[0])  # store the complete analysis in the cache (see below)
    _exit_when_orphaned()
    try:
        # Parsing is background work: the reader's keys come first when both want a core.
        os.nice(10)
    except OSError:
        pass
    try:
        from .analysis import ModelError, analyse_stages, load_pipeline
        from .analysis_delta import delta

        nlp = load_pipeline(model)
        last_percent = -1

        def progress(done: int, total: int) -> None:
            nonlocal last_percent
            percent = done * 100 // max(total, 1)
            if percent != last_percent:
                last_percent = percent
                send(out, ("progress", done, total))

        before = None
        for analysis in analyse_stages(article, nlp, progress, n_process=parser_processes(len(article.text))):
            # Only what changed since the stage before: the reader rebuilds the rest (`analysis_delta`).
            send(out, ("stage", delta(before, analysis, article.text)))
            before = analysis
        if remember and before is not None:
            # Here, not in the reader: writing 2 MB's analysis as JSON took ~0.9 s of the reader's
            # interpreter lock (one 0.14 s stretch in `json.dumps`), keys waiting meanwhile.
            from .runner import remember_analysis

            remember_analysis(article, before)
        send(out, ("done",))
    except ModelError as exc:
        send(out, ("error", str(exc)))
        return 2
    except Exception as exc:  # reported to the reader as one line, not a traceback
        send(out, ("error", f"analysis failed: {type(exc).__name__}: {exc}"))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
