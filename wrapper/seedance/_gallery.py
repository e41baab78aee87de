"""``index.html`` beside a batch's ``manifest.jsonl``: one card per row, to look at, not read.

One self-contained file (inline CSS and script, nothing fetched), readable with JavaScript
off; with it on, a bar filters the cards by status. Rows are the manifest's (every field is
optional, unknown ones are ignored) and every text from one is HTML-escaped. Videos and
posters are local files linked by relative, URL-quoted paths (a URL is never used: the page
stays offline), so the folder can be zipped or served as is. Written 0600: it holds prompts.
"""

from __future__ import annotations

import html
import json
import logging
import os
import tempfile
import threading
import time
import webbrowser
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ._errors import ConfigurationError

log = logging.getLogger("seedance.gallery")

MANIFEST = "manifest.jsonl"
INDEX = "index.html"
RELOAD_SECONDS = 5  # how often a page written while the batch runs reloads itself

_TONE = {  # status -> CSS class (a fixed set: a status itself never becomes a class name)
    **dict.fromkeys(("failed", "error", "timed out", "expired", "cancelled"), "bad"),
    **{"succeeded": "ok", "invalid": "invalid", "queued": "pending", "running": "pending"},
}


def read_manifest(out_dir: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """The rows of ``out_dir/manifest.jsonl``, and one message per line that is not a row."""
    path = out_dir / MANIFEST
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigurationError(
            f"no {MANIFEST} in {out_dir}: a folder written by `seedance batch --out` has one"
        ) from None
    except OSError as exc:
        raise ConfigurationError(f"cannot read {path}: {exc.strerror}") from exc
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{MANIFEST} line {number} is not JSON ({exc.msg})")
            continue
        if isinstance(row, dict):
            rows.append(row)
        else:
            problems.append(f"{MANIFEST} line {number} is not a JSON object")
    return rows, problems


def write_gallery(
    out_dir: Path, rows: Iterable[Mapping[str, Any]] | None = None, *, live: bool = False
) -> Path:
    """Write ``out_dir/index.html`` from ``rows`` (by default the folder's manifest); its path.

    ``live``: the batch still runs, so the page reloads itself (not while a video plays). The
    page is written to a temp file renamed over: a reader sees the old page or the new one
    (no fsync: it can be rebuilt from the manifest at will).
    """
    problems: list[str] = []
    if rows is None:
        rows, problems = read_manifest(out_dir)
    page = render(out_dir, rows, problems=problems, live=live)
    fd, temp = tempfile.mkstemp(dir=out_dir, prefix=f".{INDEX}.", suffix=".tmp")
    try:  # errors="replace": JSON allows lone surrogates, which UTF-8 cannot hold
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as handle:
            handle.write(page)
        os.replace(temp, out_dir / INDEX)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return out_dir / INDEX


def open_in_browser(path: Path) -> bool:
    """Open a written page in the user's default browser (False when none could be started)."""
    return webbrowser.open(path.resolve().as_uri())


class GalleryWriter:
    """Keeps ``index.html`` current while a batch runs. Thread-safe.

    ``update(row)`` records a row (replacing an earlier one of the same ``line``, else the same
    ``key``) and rewrites the page at most once per ``interval`` seconds; an update inside the
    interval is written when it ends. The page is a view, so a failed live write (a full disk)
    never stops the batch: it is logged and kept in ``error``. ``close()`` writes the final
    page (no longer reloading itself) and raises if that fails.
    """

    def __init__(
        self, out_dir: Path, *, interval: float = 0.5, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.out_dir = out_dir
        self.path = out_dir / INDEX
        self._interval = interval
        self._clock = clock
        self._rows: dict[tuple[str, object], Mapping[str, Any]] = {}
        self._lock = threading.RLock()
        self._last_write = float("-inf")
        self._timer: threading.Timer | None = None
        self._closed = False
        self.error: OSError | None = None

    def __enter__(self) -> GalleryWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def update(self, row: Mapping[str, Any]) -> None:
        with self._lock:
            if self._closed:
                raise RuntimeError("GalleryWriter.update after close")
            self._rows[_identity(row)] = dict(row)
            wait = self._last_write + self._interval - self._clock()
            if wait <= 0:
                self._write_locked(live=True)
            elif self._timer is None:
                self._timer = threading.Timer(wait, self._deferred)
                self._timer.daemon = True
                self._timer.start()

    def close(self) -> Path:
        """Write the final page; later calls do nothing more."""
        with self._lock:
            if not self._closed:
                self.stop()
                self._write_locked(live=False)
        return self.path

    def stop(self) -> None:
        """Stop without a final write (whoever ends the batch writes the final page from
        its manifest): a pending live write can no longer replace that page."""
        with self._lock:
            self._closed = True
            if self._timer is not None:
                self._timer.cancel()

    def _deferred(self) -> None:
        with self._lock:
            self._timer = None
            if not self._closed:
                self._write_locked(live=True)

    def _write_locked(self, *, live: bool) -> None:
        self._last_write = self._clock()
        try:
            write_gallery(self.out_dir, list(self._rows.values()), live=live)
        except OSError as exc:
            if not live:
                raise
            if self.error is None:
                log.warning("cannot write %s (the batch goes on): %s", self.path, exc)
            self.error = exc


def _identity(row: Mapping[str, Any]) -> tuple[str, object]:
    """What a row replaces: the row of its line, else of its key, else nothing."""
    if (line := _line(row)) is not None:
        return ("line", line)
    key = row.get("key")
    return ("key", key) if isinstance(key, str) else ("row", object())


# ----------------------------------------------------------------------- rendering


def render(
    out_dir: Path,
    rows: Iterable[Mapping[str, Any]],
    *,
    problems: Iterable[str] = (),
    live: bool = False,
) -> str:
    """The page's HTML for ``rows`` of a batch in ``out_dir`` (paths are made relative to it)."""
    ordered = sorted(rows, key=lambda row: (_line(row) is None, _line(row) or 0))
    counts = sorted(Counter(_status(row) for row in ordered).items())
    title = f"seedance batch: {out_dir.resolve().name}"
    summary = ", ".join(f"{count} {status}" for status, count in counts)
    filters = "".join(
        f'<button type="button" data-filter="{_e(status)}">{_e(status)} ({count})</button>'
        for status, count in counts
    )
    notes = "".join(f'<p class="note">{_e(problem)}</p>' for problem in problems)
    refresh = ""
    if live:
        running = f"The batch is still running; this page reloads every {RELOAD_SECONDS} s."
        notes += f'<p class="note live">{running}</p>'
        refresh = f'<noscript><meta http-equiv="refresh" content="{RELOAD_SECONDS}"></noscript>'
    cards = "\n".join(_card(out_dir, row) for row in ordered)
    written = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{refresh}
<title>{_e(title)}</title>
<style>{_CSS}</style>
</head>
<body data-live="{"1" if live else ""}" data-reload="{RELOAD_SECONDS}">
<header>
<h1>{_e(title)}</h1>
<p class="summary">{len(ordered)} rows: {_e(summary) or "none yet"}. Written {written}.</p>
<nav id="filter" hidden><button type="button" data-filter="">all ({len(ordered)})</button>\
{filters}</nav>
{notes}
</header>
<main id="cards">
{cards}
</main>
<script>{_SCRIPT}</script>
</body>
</html>
"""


def _card(out_dir: Path, row: Mapping[str, Any]) -> str:
    status = _status(row)
    line = _line(row)
    label = f"line {line}" if line is not None else "no line"
    anchor = f' id="line-{line}"' if line is not None else ""
    parts = [
        f'<article class="card {_TONE.get(status, "other")}"{anchor} data-status="{_e(status)}">',
        f'<h2><span class="line">{_e(label)}</span> <span class="status">{_e(status)}</span></h2>',
    ]
    video = _local(out_dir, row.get("file"))
    if video is not None:
        poster = _local(out_dir, row.get("last_frame"))
        poster_attr = f' poster="{_src(out_dir, poster)}"' if poster is not None else ""
        src = _src(out_dir, video)
        parts.append(f'<video controls preload="metadata" src="{src}"{poster_attr}></video>')
        missing = "" if video.exists() else ' <span class="missing">(file not found)</span>'
        parts.append(f'<p class="file"><a href="{src}">{_e(video.name)}</a>{missing}</p>')
    if row.get("error") is not None and status != "succeeded":
        parts.append(f'<p class="error"><b>{_e(label)}:</b> {_e(_text(row["error"]))}</p>')
    if row.get("prompt") is not None:
        parts.append(f'<p class="prompt">{_e(_text(row["prompt"]))}</p>')
    facts = [
        ("model", row.get("model")),
        ("provider", row.get("provider")),
        ("options", _options(row.get("options"))),
        ("duration", _seconds(row.get("duration"))),
        ("elapsed", _seconds(row.get("elapsed"))),
        ("credits", row.get("credits")),
        ("usage", _options(row.get("usage"))),
        ("task", row.get("task_id")),
        ("key", row.get("key")),
    ]
    shown = "".join(
        f"<dt>{name}</dt><dd>{_e(_text(value))}</dd>"
        for name, value in facts
        if value not in (None, "", {}, [])
    )
    if shown:
        parts.append(f"<dl>{shown}</dl>")
    parts.append("</article>")
    return "\n".join(parts)


def _line(row: Mapping[str, Any]) -> int | None:
    value = row.get("line")
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _status(row: Mapping[str, Any]) -> str:
    status = row.get("status")
    return status if isinstance(status, str) and status else "unknown"


def _local(out_dir: Path, value: object) -> Path | None:
    """The local file a row names (relative to the folder, absolute, or relative to the
    batch's working directory), or None (no value, or a URL: the page stays offline)."""
    if not isinstance(value, str) or not value or "://" in value or value.startswith("data:"):
        return None
    path = Path(value)
    if path.is_absolute():
        return path
    candidates = (out_dir / path, path.absolute(), out_dir / path.name)
    return next((c for c in candidates if c.exists()), out_dir / path)


def _src(out_dir: Path, path: Path) -> str:
    """A relative, URL-quoted reference to ``path`` from a page in ``out_dir``."""
    try:
        relative = Path(os.path.relpath(path.absolute(), out_dir.absolute()))
    except ValueError:  # another drive (Windows): no relative path exists
        return _e(path.absolute().as_uri())
    text = relative.as_posix()
    try:  # a name that was not UTF-8 on disk comes back as the bytes it has there
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate from JSON: no such file can exist
        raw = text.encode("utf-8", "replace")
    return _e(quote(raw))


def _options(value: object) -> object:
    if isinstance(value, Mapping):
        return ", ".join(f"{k}={_text(v)}" for k, v in value.items())
    return value


def _seconds(value: object) -> object:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:g} s"
    return value


def _text(value: object) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


_e = html.escape  # quotes too: every text lands in an attribute or an element


_CSS = """
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #f4f4f6; --card: #fff; --mute: #6b6b73;
  --ok: #1a7f37; --bad: #c62828; --invalid: #8e5a00; --pending: #3558c7; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8e8ea; --bg: #141416; --card: #1f1f23;
  --mute: #9a9aa3; --ok: #4ac26b; --bad: #ff6b6b; --invalid: #e0a43a; --pending: #7f9cff; } }
* { box-sizing: border-box; }
body { margin: 0; padding: 1rem 1.5rem 3rem; font: 15px/1.45 system-ui, sans-serif;
  color: var(--fg); background: var(--bg); }
h1 { font-size: 1.3rem; margin: 0 0 .25rem; }
.summary, .note { color: var(--mute); margin: .25rem 0; }
.live { color: var(--pending); }
nav { margin: .75rem 0; display: flex; flex-wrap: wrap; gap: .4rem; }
nav[hidden], .card[hidden] { display: none; }
nav button { font: inherit; padding: .2rem .7rem; border-radius: 1rem; cursor: pointer;
  border: 1px solid var(--mute); background: var(--card); color: var(--fg); }
nav button[aria-pressed="true"] { background: var(--fg); color: var(--bg); }
main { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 1rem; }
.ok { --tone: var(--ok); } .bad { --tone: var(--bad); }
.invalid { --tone: var(--invalid); } .pending { --tone: var(--pending); }
.card { background: var(--card); border-radius: .6rem; padding: .8rem 1rem; min-width: 0;
  border-top: 4px solid var(--tone, var(--mute)); box-shadow: 0 1px 3px rgba(0,0,0,.12); }
h2 { font-size: .95rem; margin: 0 0 .5rem; display: flex; justify-content: space-between; }
.line { color: var(--mute); font-weight: normal; }
.status { color: var(--tone, var(--fg)); }
video { width: 100%; max-height: 260px; background: #000; border-radius: .3rem; display: block; }
.file { margin: .2rem 0 0; font-size: .8rem; overflow-wrap: anywhere; }
.prompt, .error { white-space: pre-wrap; overflow-wrap: anywhere; margin: .6rem 0; }
.error, .missing { color: var(--bad); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .7rem; margin: .4rem 0 0;
  font-size: .85rem; }
dt { color: var(--mute); } dd { margin: 0; overflow-wrap: anywhere; }
"""

_SCRIPT = """
(() => {
  const nav = document.getElementById("filter");
  const cards = [...document.querySelectorAll("#cards > .card")];
  const buttons = [...nav.querySelectorAll("button")];
  const apply = () => {
    const m = /^#status=(.*)$/.exec(location.hash);
    const wanted = m ? decodeURIComponent(m[1]) : "";
    cards.forEach((c) => { c.hidden = wanted !== "" && c.dataset.status !== wanted; });
    buttons.forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.filter === wanted)));
  };
  buttons.forEach((b) => b.addEventListener("click", () => {
    const f = b.dataset.filter;
    history.replaceState(null, "", f ? "#status=" + encodeURIComponent(f) : location.pathname);
    apply();
  }));
  window.addEventListener("hashchange", apply);
  nav.hidden = false;
  apply();
  if (document.body.dataset.live) {
    const delay = 1000 * Number(document.body.dataset.reload);
    const tick = () => {
      const playing = [...document.querySelectorAll("video")].some((v) => !v.paused && !v.ended);
      if (playing) setTimeout(tick, delay); else location.reload();
    };
    setTimeout(tick, delay);
  }
})();
"""
