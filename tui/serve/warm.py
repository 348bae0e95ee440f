"""Fill the analysis cache for the served files, in a background process at server start.

Readers open a cached analysis without loading spaCy, so once this has run, every session
starts in a fraction of the time and memory; sessions that start earlier simply compute the
analysis themselves (cache writes are atomic, so racing writers are harmless).
Run as `python -m tui.serve.warm FILE...`; exit status 0 when every file is cached.
"""

from __future__ import annotations

import os
import sys


def main(files: list[str]) -> int:
    try:
        os.nice(10)  # never compete with live sessions for the CPU
    except OSError:
        pass
    from ..document import DocumentError
    from ..runner import run_analysis
    from ..web import Feed, open_source

    status = 0
    for source in files:
        try:
            loaded = open_source(source)  # a URL: its saved copy (conditional GET)
            if not isinstance(loaded, Feed):
                run_analysis(loaded)
        except (DocumentError, Exception):
            status = 1
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
