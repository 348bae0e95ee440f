"""Fill the analysis cache for the served files, in a background process at server start.

Readers open a cached analysis without loading spaCy, so once this has run, every session
starts in a fraction of the time and memory; sessions that start earlier simply compute the
analysis themselves (cache writes are atomic, so racing writers are harmless).
Run as `python -m tui.serve.warm FILE...`. The exit status says what happened, so the server
logs "ready" only when every entry is really on disk.
"""

from __future__ import annotations

import os
import sys

WARM_OK = 0  # every file has a cache entry
WARM_FAILED = 1  # some file could not be loaded or analysed
WARM_UNWRITABLE = 3  # analysed, but the cache directory cannot be written


def main(files: list[str]) -> int:
    try:
        os.nice(10)  # never compete with live sessions for the CPU
    except OSError:
        pass
    from .. import cache
    from ..analysis.version import RULES_VERSION
    from ..runner import cached_analysis, run_analysis
    from ..web import Feed, open_source

    status = WARM_OK
    for source in files:
        try:
            loaded = open_source(source)  # a URL: its saved copy (conditional GET)
            if isinstance(loaded, Feed) or cached_analysis(loaded) is not None:
                continue
            analysis = run_analysis(loaded, use_cache=False)
        except Exception:
            status = WARM_FAILED
            continue
        if not cache.store(loaded, analysis, RULES_VERSION) and status == WARM_OK:
            status = WARM_UNWRITABLE
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
