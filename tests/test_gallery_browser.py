"""The batch gallery in a real browser: Debian's headless chromium, driven by Playwright.

Playwright's wheel ships its driver; the browser is the system's (``executable_path``), never
one Playwright downloads. With no chromium the tests skip with the reason, unless
``SEEDANCE_REQUIRE_BROWSER=1`` (CI sets it), which makes that a failure.
The full-page screenshot stays in the test's tmp dir (``gallery.png``).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from seedance import _gallery
from seedance._gallery import GalleryWriter, write_gallery
from seedance.testing import media

XSS_PROMPT = "<script>alert(1)</script>"
XSS_ERROR = '<img src=x onerror="window.__pwned = 1">moderation: the prompt was rejected'
TIMEOUT_MS = 10_000  # every wait in the browser has this deadline


def _chromium() -> str:
    found = os.environ.get("SEEDANCE_CHROMIUM") or shutil.which("chromium")
    if found:
        return found
    reason = "no chromium on this machine (Debian: apt-get install chromium; .ci/run does)"
    if os.environ.get("SEEDANCE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"SEEDANCE_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = _chromium()
    with sync_playwright() as playwright:
        # --no-sandbox: CI runs as root, where chromium's sandbox refuses to start.
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


def _media_files(folder: Path) -> tuple[Path, Path]:
    """The fakes' real sample MP4 and last frame, under a name that needs URL quoting."""
    sub = folder / "clips & takes"
    sub.mkdir(parents=True)
    video = sub / "fox #1 ü.mp4"
    poster = sub / "fox #1 ü.last.png"
    video.write_bytes(media.sample_video())
    poster.write_bytes(media.last_frame())
    return video, poster


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fake batch folder: two succeeded rows, one failed, one invalid line."""
    out = tmp_path_factory.mktemp("gallery") / "videos"
    video, poster = _media_files(out)
    shutil.copy(video, out / "plain.mp4")
    rows: list[dict[str, Any]] = [
        {"line": 4, "status": "invalid", "error": "requests.jsonl:4: not JSON (Expecting value)"},
        {
            "line": 3,
            "key": "sha256-bbb",
            "task_id": "task-3",
            "status": "failed",
            "file": None,
            "error": XSS_ERROR,
            "prompt": "a forbidden fox",
        },
        {
            "line": 2,
            "key": "sha256-aaa",
            "task_id": "task-2",
            "status": "succeeded",
            "file": "plain.mp4",
            "error": None,
            "prompt": XSS_PROMPT,
        },
        {
            "line": 1,
            "key": "sha256-ccc",
            "task_id": "task-1",
            "status": "succeeded",
            "file": str(video),  # absolute, as the batch may write it
            "last_frame": str(poster.relative_to(out)),
            "error": None,
            "prompt": "a red fox running through fresh snow, cinematic",
            "model": "bytedance/seedance-1.5-pro",
            "provider": "apikley",
            "options": {"duration": 5, "aspect_ratio": "16:9"},
            "duration": 2,
            "credits": 12.5,
            "usage": {"completion_tokens": 108900},
            "unknown_field": {"ignored": True},
        },
    ]
    (out / "manifest.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    write_gallery(out)
    return out


@pytest.fixture(scope="module")
def dialogs() -> list[str]:
    """Every alert/confirm/prompt the gallery page opened (an injected script would)."""
    return []


@pytest.fixture(scope="module")
def page(browser: Browser, batch: Path, dialogs: list[str]) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()

    def record(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    opened.on("dialog", record)
    opened.goto((batch / "index.html").as_uri())
    opened.wait_for_function(
        """() => Array.from(document.querySelectorAll('.card[data-status="succeeded"] video'))
                 .every(v => v.readyState >= 1 || v.error)""",
        timeout=TIMEOUT_MS,
    )
    opened.screenshot(path=str(batch.parent / "gallery.png"), full_page=True)
    yield opened
    context.close()


def test_every_succeeded_row_plays_its_file(page: Page, batch: Path) -> None:
    videos = page.eval_on_selector_all(
        '.card[data-status="succeeded"] video',
        """vs => vs.map(v => ({src: v.currentSrc, ready: v.readyState, duration: v.duration,
                             width: v.videoWidth, error: v.error && v.error.code,
                             poster: v.poster}))""",
    )
    assert len(videos) == 2
    for video in videos:
        assert video["error"] is None, video
        assert video["ready"] >= 1 and video["duration"] > 0 and video["width"] > 0, video
    # the relative, quoted src resolved to the real files, poster included
    assert videos[0]["src"] == (batch / "clips & takes" / "fox #1 ü.mp4").as_uri()
    assert videos[0]["poster"] == (batch / "clips & takes" / "fox #1 ü.last.png").as_uri()
    assert videos[1]["src"] == (batch / "plain.mp4").as_uri()
    poster_loaded = page.evaluate(
        """src => new Promise(done => { const i = new Image();
             i.onload = () => done(i.naturalWidth); i.onerror = () => done(0); i.src = src; })""",
        videos[0]["poster"],
    )
    assert poster_loaded > 0


def test_the_browser_decodes_the_samples_codec(page: Page) -> None:
    """The sample is H.264 (avcC box); Debian's chromium must claim it, not just parse it."""
    data = media.sample_video()
    at = data.index(b"avcC") + 4
    codec = f"avc1.{data[at + 1]:02X}{data[at + 2]:02X}{data[at + 3]:02X}"
    verdict = page.evaluate(
        "c => document.createElement('video').canPlayType(`video/mp4; codecs=\"${c}\"`)", codec
    )
    assert verdict in ("probably", "maybe"), codec


def test_cards_are_sorted_by_line_with_errors_and_line_numbers(page: Page) -> None:
    cards = page.eval_on_selector_all(
        "#cards > .card", "cs => cs.map(c => [c.dataset.status, c.innerText])"
    )
    assert [status for status, _ in cards] == ["succeeded", "succeeded", "failed", "invalid"]
    assert "line 1" in cards[0][1] and "12.5" in cards[0][1] and "duration=5" in cards[0][1]
    failed, invalid = cards[2][1], cards[3][1]
    assert "line 3:" in failed and XSS_ERROR in failed
    assert "line 4:" in invalid and "not JSON" in invalid
    assert page.evaluate("getComputedStyle(document.querySelector('.error')).display") != "none"


def test_untrusted_text_renders_as_text_and_never_runs(page: Page, dialogs: list[str]) -> None:
    prompt = page.text_content("#line-2 .prompt")
    assert prompt == XSS_PROMPT
    assert page.evaluate("document.scripts.length") == 1  # the page's own filter script
    assert page.evaluate("document.querySelectorAll('#cards img').length") == 0
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []


def test_the_status_filter_hides_other_cards(page: Page) -> None:
    page.click('nav button[data-filter="failed"]')
    visible = page.eval_on_selector_all(
        "#cards > .card", "cs => cs.filter(c => c.offsetParent !== null).map(c => c.id)"
    )
    assert visible == ["line-3"]
    assert page.evaluate("location.hash") == "#status=failed"
    page.click('nav button[data-filter=""]')
    visible = page.eval_on_selector_all(
        "#cards > .card", "cs => cs.filter(c => c.offsetParent !== null).length"
    )
    assert visible == 4


def test_readable_with_javascript_off(browser: Browser, batch: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        opened = context.new_page()
        opened.goto((batch / "index.html").as_uri())
        assert opened.is_hidden("#filter")  # the filter needs the script; the cards do not
        text = opened.inner_text("#cards")
        assert XSS_PROMPT in text and XSS_ERROR in text
        assert opened.locator("#cards > .card:visible").count() == 4
    finally:
        context.close()


def test_a_live_page_picks_up_rows_as_they_finish(
    browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_gallery, "RELOAD_SECONDS", 1)
    (tmp_path / "a.mp4").write_bytes(media.sample_video())
    writer = GalleryWriter(tmp_path, interval=0.0)
    writer.update({"line": 1, "status": "running", "prompt": "first"})
    context = browser.new_context()
    try:
        opened = context.new_page()
        opened.goto(writer.path.as_uri())
        assert opened.locator(".card").count() == 1
        writer.update({"line": 1, "status": "succeeded", "file": "a.mp4", "prompt": "first"})
        writer.update({"line": 2, "status": "failed", "error": "boom", "prompt": "second"})
        writer.close()
        # the page reloads itself (deadline-bound wait) and then stops reloading
        opened.wait_for_selector("#line-2 .error", timeout=TIMEOUT_MS)
        assert opened.evaluate("document.body.dataset.live") == ""
        assert opened.locator('.card[data-status="succeeded"] video').count() == 1
    finally:
        context.close()
