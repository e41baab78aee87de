"""The cassettes: documented shapes, no secrets, replayable by the generated clients.

Checked for each provider on every cassette in cassettes/<provider>/ (recorded by key holders
with ``make record-live``) and on the cassettes tools/record_live.py writes in this run against
the provider's fake over loopback (so the checks and the tool's format are always exercised,
with or without committed recordings):
(a) every answer's status and JSON body are what the bundled spec documents for that
    operation, so a live recording checks the spec;
(b) no API key anywhere (the recording keys, any ``*_API_KEY`` set here), every key header
    ``<REDACTED>``, no ``Set-Cookie``;
(c) the generated client replays it (vcrpy, record mode ``none``) and parses every answer into
    the documented model.
The real client's replay of the same files is tests/test_wrapper_replay.py.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from seedance._providers import ADAPTERS
from tests.support import cassettes
from tools import record_live

PROVIDERS = sorted(ADAPTERS)


@pytest.fixture
def files(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], list[Path]]:
    root = tmp_path_factory.getbasetemp() / "recorded"

    def of(provider: str) -> list[Path]:
        fresh = [r.path for r in cassettes.recorded(provider, root)]
        assert len(fresh) == len(record_live.SCENARIOS)
        return [*cassettes.committed(provider), *fresh]

    return of


@pytest.mark.parametrize("provider", PROVIDERS)
def test_answers_are_what_the_spec_documents(
    provider: str, files: Callable[[str], list[Path]]
) -> None:
    for path in files(provider):
        cassettes.check_documented(provider, path)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_no_secrets(provider: str, files: Callable[[str], list[Path]]) -> None:
    keys = [cassettes.fake_key(provider), record_live.BAD_KEY]
    keys += [v for k, v in os.environ.items() if k.endswith("_API_KEY") and len(v) >= 8]
    for path in files(provider):
        cassettes.check_no_secrets(path, keys)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_generated_client_replays_and_parses(
    provider: str, files: Callable[[str], list[Path]]
) -> None:
    for path in files(provider):
        cassettes.check_generated_replay(provider, path)


def test_the_scan_would_see_an_unredacted_header() -> None:
    """The raw-text check matches the way vcrpy writes headers."""
    text = "    headers:\n      Authorization:\n      - Bearer sk-live-123\n"
    assert [m["value"] for m in cassettes.AUTH_LINE.finditer(text)] == ["Bearer sk-live-123"]


def test_only_live_recordings_are_committed() -> None:
    """Cassettes recorded from our own fakes prove nothing about a provider: none stay."""
    for provider in PROVIDERS:
        for path in cassettes.committed(provider):
            assert path.name.startswith("live-"), f"{path}: not a make record-live recording"
            about = record_live.metadata(path)
            assert about["source"] == "live", path
            host = urlsplit(about["base_url"]).hostname
            assert host not in ("127.0.0.1", "localhost", "::1"), f"{path}: recorded from {host}"
