"""Process bodies for the download fault tests (spawned: light imports only)."""

from __future__ import annotations

import os
import traceback
from typing import Any


def download_one(base: str, api_key: str, url: str, dest: str, events: Any) -> None:
    """``Client.download`` of one finished task's ``url`` to ``dest``; reports
    ("blocked", pid) the first time it finds the destination's lock held, then
    ("done", pid, path) or ("error", pid, traceback)."""
    import seedance._download as downloads
    from seedance import Client, Task

    original = downloads._try_lock
    reported = False

    def watched(path: Any) -> Any:
        nonlocal reported
        found = original(path)
        if found is None and not reported:
            reported = True
            events.put(("blocked", os.getpid()))
        return found

    downloads._try_lock = watched
    try:
        with Client("apikley", api_key=api_key, base_url=base, journal=False) as client:
            task = Task(id="t", provider="apikley", status="succeeded", video_url=url)
            path = client.download(task, dest)
        events.put(("done", os.getpid(), str(path)))
    except BaseException:
        events.put(("error", os.getpid(), traceback.format_exc()))
