"""Child process: the refresh pass alone, as the window's worker runs it (no interpreter start).

``python -m bench.engine PROFILE``: opens the profile, then times
``newsdesk.core.refresh.Refresher.run()`` over every feed twice with one Refresher (cold: the
profile is empty; warm: every feed answers 304), as the worker thread does in a running app.
The cold pass includes starting the parse pool, as the app's first refresh does. Prints JSON.
"""

from __future__ import annotations

import json
import sys
import time


def main() -> int:
    from newsdesk.core.profile import open_profile
    from newsdesk.core.refresh import Refresher

    profile = open_profile(sys.argv[1], seed_defaults=False)
    out = {}
    try:
        ids = [s.id for s in profile.storage.feed_states()]
        with Refresher(profile.storage, profile.settings, profile.taxonomy) as refresher:
            for phase in ("cold", "warm"):
                t = time.perf_counter()
                summary = refresher.run(ids)
                out[phase] = time.perf_counter() - t
                out[f"{phase}_new"] = summary.new_articles
                out[f"{phase}_failed"] = len(summary.failed)
    finally:
        profile.close()
    print(json.dumps(out), flush=True)  # noqa: T201 (a command's output is its interface)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
