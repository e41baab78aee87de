"""A receiver in a process that did not submit (``seedance callbacks serve``, another web
instance) learns which task a token was issued for from the journal: a token issued for
task A with a body naming task B is refused (401), and so is a token nobody recorded.
Signature timestamps must be whole seconds: ``nan``, ``1e9`` or ``-5`` prove nothing."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest

from seedance import AsyncClient
from seedance._signatures import kie_signature
from seedance.testing import FakeApikley, FakeClock
from tests.support.journal_sql import execute_behind

KEY = "sk-standalone"
SECRET = "s" * 32
BASE = "http://receiver.test/seedance"


async def _post(receiver: Any, path: str, body: Any, **kwargs: Any) -> httpx.Response:
    transport = httpx.ASGITransport(app=receiver)
    async with httpx.AsyncClient(transport=transport, base_url="http://receiver.test") as http:
        return await http.post(path, json=body, **kwargs)


def _client(fake: FakeApikley, journal: Path | str | bool, **options: Any) -> AsyncClient:
    return AsyncClient(
        "apikley",
        api_key=KEY,
        transport=fake.transport(),
        clock=fake.clock,
        journal=journal,
        callback_url=BASE,
        callback_secret=SECRET,
        **options,
    )


def test_a_standalone_receiver_binds_tokens_to_tasks_through_the_journal(tmp_path: Path) -> None:
    async def scenario() -> tuple[int, int, int, int]:
        fake = FakeApikley(api_key=KEY, clock=FakeClock())
        journal = tmp_path / "journal.sqlite3"
        async with _client(fake, journal) as submitter:
            first = await submitter.submit("a red fox in snow")
            second = await submitter.submit("a grey wolf")
        token = fake.tasks.get(first.id).callback_url.rsplit("/", 1)[-1]
        # another process: same secret and journal, nothing in memory
        async with _client(fake, journal) as standalone:
            receiver = standalone.callback_receiver()
            forged = await _post(
                receiver, f"/seedance/apikley/{token}", {"data": {"taskId": second.id}}
            )
            honest = await _post(
                receiver, f"/seedance/apikley/{token}", {"data": {"taskId": first.id}}
            )
            _, unknown_token = standalone.callback_tokens.new("apikley")  # type: ignore[union-attr]
            unrecorded = await _post(
                receiver, f"/seedance/apikley/{unknown_token}", {"data": {"taskId": first.id}}
            )
            for _ in range(100):
                if receiver.confirmed:
                    break
                await asyncio.sleep(0)
            return (
                forged.status_code,
                honest.status_code,
                unrecorded.status_code,
                receiver.confirmed,
            )

    forged, honest, unrecorded, confirmed = asyncio.run(scenario())
    assert forged == 401, "a token issued for task A must not vouch for task B"
    assert honest == 200 and confirmed == 1
    assert unrecorded == 401, "a validly signed token no submission recorded proves nothing"


NEWER = """
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
INSERT INTO {prefix}entries (key, provider, request, state, task_id, created_at, updated_at, hosts)
SELECT 'newer-' || i, 'apikley', '{}', 'submitted', 'task-newer-' || i,
       (SELECT max(created_at) FROM {prefix}entries) + i, 0, '{"callback": "nonce-' || i || '"}'
FROM n
"""
"""A thousand submissions after the one there, each with a callback nonce of its own."""


def test_a_standalone_receiver_finds_a_token_behind_a_thousand_newer_submissions(
    spec: str,
) -> None:
    """A token is looked up by its nonce, not among the newest entries: a large batch
    after a task must not make that task's genuine callback a forgery."""

    async def scenario() -> tuple[int, int, int]:
        fake = FakeApikley(api_key=KEY, clock=FakeClock())
        async with _client(fake, spec) as submitter:
            first = await submitter.submit("the first row of a big batch")
        execute_behind(spec, NEWER)
        token = fake.tasks.get(first.id).callback_url.rsplit("/", 1)[-1]
        async with _client(fake, spec) as standalone:
            assert len(standalone.journal.entries(limit=2000)) == 1001
            receiver = standalone.callback_receiver()
            response = await _post(
                receiver, f"/seedance/apikley/{token}", {"data": {"taskId": first.id}}
            )
            for _ in range(500):
                if receiver.confirmed:
                    break
                await asyncio.sleep(0.01)
            return response.status_code, receiver.confirmed, receiver.rejected

    assert asyncio.run(scenario()) == (200, 1, 0)


@pytest.mark.parametrize("timestamp", ["nan", "NaN", "inf", "1e9", "-5", "12.5", " 1", "", "0x10"])
def test_a_signature_timestamp_that_is_not_whole_seconds_is_refused(
    tmp_path: Path, timestamp: str
) -> None:
    async def scenario() -> int:
        fake = FakeApikley(api_key=KEY, clock=FakeClock())
        async with _client(fake, tmp_path / "journal.sqlite3") as client:
            receiver = client.callback_receiver(webhook_keys={"apikley": "hmac-key"})
            task = await client.submit("a red fox in snow")
            url = fake.tasks.get(task.id).callback_url
            headers = {
                "X-Webhook-Timestamp": timestamp,
                "X-Webhook-Signature": kie_signature("hmac-key", task.id, timestamp),
            }
            response = await _post(
                receiver,
                url.removeprefix("http://receiver.test"),
                {"data": {"taskId": task.id}},
                headers=headers,
            )
            return response.status_code

    assert asyncio.run(scenario()) == 401


def test_a_whole_second_timestamp_within_tolerance_is_accepted(tmp_path: Path) -> None:
    async def scenario() -> int:
        fake = FakeApikley(api_key=KEY, clock=FakeClock())
        async with _client(fake, tmp_path / "journal.sqlite3") as client:
            receiver = client.callback_receiver(webhook_keys={"apikley": "hmac-key"})
            task = await client.submit("a red fox in snow")
            url = fake.tasks.get(task.id).callback_url
            stamp = str(int(client.clock.time()))
            headers = {
                "X-Webhook-Timestamp": stamp,
                "X-Webhook-Signature": kie_signature("hmac-key", task.id, stamp),
            }
            response = await _post(
                receiver,
                url.removeprefix("http://receiver.test"),
                {"data": {"taskId": task.id}},
                headers=headers,
            )
            return response.status_code

    assert asyncio.run(scenario()) == 200


def test_a_callback_that_outruns_its_create_answer_is_asked_to_come_back(tmp_path: Path) -> None:
    """The token is journaled before the create goes out; the task id only with the answer.
    A callback in between is neither accepted nor refused for good: 503, and the provider
    retries it."""
    from seedance._journal import SqliteJournal

    async def scenario() -> int:
        fake = FakeApikley(api_key=KEY, clock=FakeClock())
        journal = tmp_path / "journal.sqlite3"
        async with _client(fake, journal) as standalone:
            nonce, token = standalone.callback_tokens.new("apikley")  # type: ignore[union-attr]
            with SqliteJournal(journal) as raw:  # a submission whose create is on the wire
                raw.claim(
                    "row-1",
                    provider="apikley",
                    request={"prompt": "a fox"},
                    output=None,
                    owner="elsewhere:1:x",
                    lease=60,
                    hosts={"callback": nonce},
                )
            receiver = standalone.callback_receiver()
            response = await _post(
                receiver, f"/seedance/apikley/{token}", {"data": {"taskId": "task_1"}}
            )
            return response.status_code

    assert asyncio.run(scenario()) == 503
