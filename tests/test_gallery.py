"""The batch gallery's HTML without a browser: escaping, order, paths, atomic rewrites.

The browser half (videos really load, scripts really don't run) is test_gallery_browser.py.
"""

from __future__ import annotations

import json
import os
import stat
import threading
import time
from collections.abc import Mapping, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seedance import _gallery
from seedance._gallery import GalleryWriter, render, write_gallery
from seedance.cli import main
from seedance.testing import media

UNTRUSTED = st.text(st.characters(), max_size=60)  # lone surrogates too: JSON allows them
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


class Page(HTMLParser):
    """What a browser's parser makes of the page: elements, and text by CSS class."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[dict[str, str | None]] = []
        self.text: dict[str, str] = {}
        self._open: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.append(dict(attrs))
        if tag not in ("meta", "br", "img", "video", "source"):
            inherited = self._open[-1] if self._open else ""
            self._open.append(dict(attrs).get("class") or inherited)

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("meta", "br", "img", "video", "source") and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open:
            self.text[self._open[-1]] = self.text.get(self._open[-1], "") + data

    def cards(self) -> list[dict[str, str | None]]:
        return [a for t, a in zip(self.tags, self.attrs, strict=True) if t == "article"]

    def videos(self) -> list[dict[str, str | None]]:
        return [a for t, a in zip(self.tags, self.attrs, strict=True) if t == "video"]


def _page(tmp_path: Path, rows: Sequence[Mapping[str, Any]]) -> Page:
    return Page(render(tmp_path, rows))


# ----------------------------------------------------------------------- escaping


@SETTINGS
@given(prompt=UNTRUSTED, error=UNTRUSTED, model=UNTRUSTED, option=UNTRUSTED, status=UNTRUSTED)
def test_untrusted_text_adds_no_markup_and_reads_back_unchanged(
    tmp_path: Path, prompt: str, error: str, model: str, option: str, status: str
) -> None:
    def row(p: str, e: str, m: str, o: str, s: str) -> dict[str, Any]:
        return {
            "line": 1,
            "status": s or "failed",
            "prompt": p,
            "error": e,
            "model": m,
            "options": {o: o},
            "key": o,
        }

    text = render(tmp_path, [row(prompt, error, model, option, status)])

    def plain(value: str) -> str:  # same emptiness, no markup characters
        return "x" if value else ""

    same = "succeeded" if status == "succeeded" else "failed"
    benign = render(tmp_path, [row(plain(prompt), plain(error), plain(model), plain(option), same)])
    # user text contributes not one "<" (nor a tag, nor an attribute) to the page
    assert text.count("<") == benign.count("<")
    assert Page(text).tags == Page(benign).tags
    page = Page(text)
    assert page.text.get("prompt", "") == prompt
    if status != "succeeded":
        assert page.text["error"].endswith(error)
    assert page.cards()[0]["data-status"] == (status or "failed")
    assert write_gallery(tmp_path, [row(prompt, error, model, option, status)]).stat().st_size


@SETTINGS
@given(name=st.text(st.characters(exclude_characters="/\\\x00"), min_size=1, max_size=30))
def test_file_names_become_quoted_relative_srcs(tmp_path: Path, name: str) -> None:
    if name in (".", ".."):
        return
    src = _page(tmp_path, [{"line": 1, "status": "succeeded", "file": f"sub dir/{name}"}])
    video = src.videos()[0]["src"]
    assert video is not None and video == video.strip()
    assert unquote(video, errors="surrogateescape") == f"sub dir/{name}" or not _utf8(name)
    assert not set(video) & set(" \"'<>#?&")  # quoted: nothing a URL or attribute reads


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return False
    return True


def test_a_file_name_that_is_not_utf8_on_disk_still_plays(tmp_path: Path) -> None:
    name = os.fsdecode(b"clip-\xff.mp4")  # "clip-\udcff.mp4" in Python
    (tmp_path / name).write_bytes(b"")
    src = _page(tmp_path, [{"line": 1, "file": name}]).videos()[0]["src"]
    assert src == "clip-%FF.mp4"  # the name's own bytes, as a browser asks for them


# ----------------------------------------------------------------------- rows


@given(order=st.permutations(range(1, 8)))
def test_cards_are_sorted_by_line_whatever_the_finishing_order(order: list[int]) -> None:
    rows: list[dict[str, Any]] = [{"line": n, "status": "succeeded"} for n in order]
    rows.append({"status": "failed", "error": "no line at all"})
    rows.append({"line": "9", "status": "failed"})  # a line number as text still sorts
    ids = [c.get("id") for c in Page(render(Path("."), rows)).cards()]
    assert ids == [f"line-{n}" for n in range(1, 8)] + ["line-9", None]


def test_missing_and_unknown_fields_are_tolerated(tmp_path: Path) -> None:
    rows: list[dict[str, Any]] = [
        {},
        {"line": True, "status": 3, "file": 7, "error": {"code": "E1"}},
        {"line": 2, "mystery": "<never shown>", "credits": 0.5, "usage": {"tokens": 10}},
    ]
    text = render(tmp_path, rows)
    page = Page(text)
    assert [c["data-status"] for c in page.cards()] == ["unknown", "unknown", "unknown"]
    assert "never shown" not in text
    assert page.videos() == []
    assert '{"code": "E1"}' in page.text["error"]
    assert "tokens=10" in text and "0.5" in text


def test_today_rows_from_the_batch_render(tmp_path: Path) -> None:
    """The exact fields `seedance batch` writes today, plus an invalid line."""
    (tmp_path / "videos").mkdir()
    (tmp_path / "videos" / "sha256-a.mp4").write_bytes(media.sample_video())
    rows = [
        {"line": 2, "key": "k2", "file": None, "task_id": "t2", "status": "failed", "error": "x"},
        {"line": 1, "key": "k1", "file": "videos/sha256-a.mp4", "task_id": "t1", "error": None}
        | {"status": "succeeded"},
        {"line": 3, "status": "invalid", "error": "requests.jsonl:3: not JSON"},
    ]
    page = _page(tmp_path / "videos", rows)
    assert [c["id"] for c in page.cards()] == ["line-1", "line-2", "line-3"]
    assert [v["src"] for v in page.videos()] == ["sha256-a.mp4"]
    assert page.text["error"] == "line 2: xline 3: requests.jsonl:3: not JSON"


def test_paths_are_relative_to_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    (out / "a" / "b").mkdir(parents=True)
    (out / "a" / "b" / "v.mp4").write_bytes(b"")
    (out / "frame.png").write_bytes(b"")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "w.mp4").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    rows: list[dict[str, Any]] = [
        {"line": 1, "file": "a/b/v.mp4", "last_frame": str(out / "frame.png")},
        {"line": 2, "file": str(out / "a" / "b" / "v.mp4")},  # absolute
        {"line": 3, "file": "out/a/b/v.mp4"},  # relative to the batch's working directory
        {"line": 4, "file": "elsewhere/w.mp4"},  # outside the folder
        {"line": 5, "file": "https://cdn.example/v.mp4", "last_frame": "https://x/y.png"},
        {"line": 6, "file": "gone.mp4"},
    ]
    page = _page(out, rows)
    assert [(v["src"], v.get("poster")) for v in page.videos()] == [
        ("a/b/v.mp4", "frame.png"),
        ("a/b/v.mp4", None),
        ("a/b/v.mp4", None),
        ("../elsewhere/w.mp4", None),
        ("gone.mp4", None),  # still linked, and marked missing
    ]
    assert page.text["missing"] == "(file not found)"
    assert "cdn.example" not in render(out, rows)  # a URL is never fetched by the page


# ----------------------------------------------------------------------- writing


def test_write_gallery_reads_the_manifest_and_notes_bad_lines(tmp_path: Path) -> None:
    lines = [json.dumps({"line": 2, "status": "failed", "error": "e"}), "{trunc", "[1]"]
    (tmp_path / "manifest.jsonl").write_text("\n".join(lines) + "\n")
    path = write_gallery(tmp_path)
    assert path == tmp_path / "index.html"
    text = path.read_text()
    assert "manifest.jsonl line 2 is not JSON" in text
    assert "manifest.jsonl line 3 is not a JSON object" in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # it holds prompts
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html", "manifest.jsonl"]


def test_a_reader_never_sees_a_half_written_page(tmp_path: Path) -> None:
    big = [{"line": n, "status": "failed", "prompt": "p" * 2000} for n in range(300)]
    small = [{"line": 1, "status": "succeeded"}]
    write_gallery(tmp_path, small)
    seen: list[str] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            seen.append((tmp_path / "index.html").read_text(encoding="utf-8"))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for i in range(60):
            write_gallery(tmp_path, big if i % 2 else small)
    finally:
        stop.set()
        reader.join(timeout=30)
    assert len(seen) > 10
    whole = [t.startswith("<!doctype html>") and t.endswith("</html>\n") for t in seen]
    assert all(whole), f"{whole.count(False)} of {len(seen)} reads saw a partial page"
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]


def test_a_failed_write_keeps_the_old_page_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_gallery(tmp_path, [{"line": 1, "status": "succeeded"}])
    before = (tmp_path / "index.html").read_text()

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="No space"):
        write_gallery(tmp_path, [{"line": 2, "status": "failed"}])
    assert (tmp_path / "index.html").read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]


def test_live_pages_reload_and_the_final_one_does_not(tmp_path: Path) -> None:
    live = render(tmp_path, [], live=True)
    final = render(tmp_path, [])
    assert '<noscript><meta http-equiv="refresh"' in live and 'data-live="1"' in live
    assert "refresh" not in final and 'data-live=""' in final


# ----------------------------------------------------------------------- GalleryWriter


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_writer_throttles_and_writes_the_last_state_on_close(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[tuple[list[Any], bool]] = []
    real = _gallery.write_gallery

    def counting(out_dir: Path, rows: Any = None, *, live: bool = False) -> Path:
        writes.append(([dict(r) for r in rows], live))
        return real(out_dir, rows, live=live)

    monkeypatch.setattr(_gallery, "write_gallery", counting)
    clock = Clock()
    writer = GalleryWriter(tmp_path, interval=3600, clock=clock)  # its timer never fires here
    writer.update({"line": 2, "status": "running"})
    for n in range(3, 50):
        clock.now += 0.01
        writer.update({"line": n, "status": "succeeded"})
    writer.update({"line": 2, "status": "failed", "error": "boom"})  # replaces line 2's row
    assert len(writes) == 1 and writes[0][1] is True
    clock.now = 7200
    writer.update({"line": 1, "status": "succeeded"})  # the interval has passed: written now
    assert len(writes) == 2
    assert writer.close() == tmp_path / "index.html"
    writer.close()
    rows, live = writes[-1]
    assert len(writes) == 3 and live is False
    assert sorted(r["line"] for r in rows) == list(range(1, 50))
    assert {"line": 2, "status": "failed", "error": "boom"} in rows
    page = Page((tmp_path / "index.html").read_text())
    assert len(page.cards()) == 49


def test_writer_keys_rows_by_line_then_key_and_keeps_rows_with_neither(tmp_path: Path) -> None:
    with GalleryWriter(tmp_path) as writer:
        for row in (
            {"line": "3", "status": "running"},
            {"line": 3, "status": "succeeded"},  # the same line, as text and as a number
            {"key": "k", "status": "running"},
            {"key": "k", "status": "failed"},
            {"line": [1], "status": "odd"},  # junk: neither a line nor a key
            {"status": "odd"},
        ):
            writer.update(row)
    statuses = [c["data-status"] for c in Page(writer.path.read_text()).cards()]
    assert statuses == ["succeeded", "failed", "odd", "odd"]
    with pytest.raises(RuntimeError):
        writer.update({"line": 99})


def test_writer_writes_a_throttled_update_without_waiting_for_close(tmp_path: Path) -> None:
    with GalleryWriter(tmp_path, interval=0.05) as writer:
        writer.update({"line": 1, "status": "running"})
        writer.update({"line": 2, "status": "failed", "error": "late row"})
        deadline = time.monotonic() + 10
        while "late row" not in writer.path.read_text() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert "late row" in writer.path.read_text()
        assert 'data-live="1"' in writer.path.read_text()
    assert 'data-live=""' in writer.path.read_text()


def test_a_stopped_writer_never_replaces_the_final_page(tmp_path: Path) -> None:
    """A live write still pending when the batch ends is dropped by stop(): the final
    page written by whoever ends the batch stays final."""
    writer = GalleryWriter(tmp_path, interval=0.2)
    writer.update({"line": 1, "status": "running"})
    writer.update({"line": 2, "status": "running"})  # deferred: its timer is pending
    writer.stop()
    final = write_gallery(tmp_path, [{"line": 1, "status": "succeeded"}])
    written = final.read_text()
    time.sleep(0.5)  # past the interval: the cancelled timer would have fired by now
    assert final.read_text() == written and 'data-live=""' in written
    with pytest.raises(RuntimeError):
        writer.update({"line": 3})


def test_a_failed_live_write_never_stops_the_batch_but_close_reports_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    writer = GalleryWriter(tmp_path, interval=0.0)
    monkeypatch.setattr(os, "replace", full)
    writer.update({"line": 1, "status": "succeeded"})
    writer.update({"line": 2, "status": "failed"})
    assert isinstance(writer.error, OSError)
    assert len([r for r in caplog.records if "No space" in r.getMessage()]) == 1
    with pytest.raises(OSError, match="No space"):
        writer.close()
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no temp file left behind


# ----------------------------------------------------------------------- seedance gallery


def test_cli_gallery_writes_the_page_of_a_real_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SEEDANCE_FAKE_TIMES", "0.05,0.1")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "requests.jsonl").write_text(
        json.dumps({"prompt": "<b>fox</b>"}) + "\nnot json\n" + json.dumps({"prompt": "owl"}) + "\n"
    )
    main(["batch", "requests.jsonl", "--fake", "--out", "videos", "--json"])
    capsys.readouterr()
    assert main(["gallery", "videos"]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed == str(Path("videos") / "index.html")
    page = Page((tmp_path / printed).read_text())
    srcs = [v["src"] for v in page.videos()]
    assert len(srcs) == 2
    assert all(src and (tmp_path / "videos" / src).read_bytes()[4:8] == b"ftyp" for src in srcs)


def test_cli_gallery_without_a_manifest_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["gallery", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "manifest.jsonl" in err and str(tmp_path) in err
    assert not (tmp_path / "index.html").exists()


def test_every_batch_run_writes_its_gallery_beside_the_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No `seedance gallery` call: the batch itself leaves index.html with every row."""
    monkeypatch.setenv("SEEDANCE_FAKE_TIMES", "0.05,0.1")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "requests.jsonl").write_text(
        json.dumps({"prompt": "<i>heron</i>"}) + "\n[1]\n" + json.dumps({"prompt": "owl"}) + "\n"
    )
    main(["batch", "requests.jsonl", "--fake", "--out", "videos", "--json"])
    capsys.readouterr()
    html = (tmp_path / "videos" / "index.html").read_text()
    page = Page(html)
    assert len(page.videos()) == 2, "both generated videos have a card"
    assert "&lt;i&gt;heron&lt;/i&gt;" in html and "<i>heron" not in html
    assert "line 2" in html.lower(), "the invalid line is shown with its number"
