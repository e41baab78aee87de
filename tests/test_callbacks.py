"""Callbacks end to end: fake provider -> real receiver -> waiting client.

Time is virtual (a looptime event loop; the fake runs on a LoopClock), so a minute of
provider time takes milliseconds and latencies can be asserted exactly.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx
import looptime
import pytest

from seedance import AsyncClient, Task, TaskStatus
from seedance._callbacks import CallbackReceiver, CallbackTokens
from seedance._events import TaskEvents, call_handlers
from seedance.testing import FakeApikley
from seedance.testing.clock import LoopClock

KEY = "sk-callback-test"
HMAC_KEY = "webhook-hmac-key"
CALLBACK_BASE = "http://receiver.test/seedance"
T = TypeVar("T")


def run_virtual(make: Callable[[], Awaitable[T]]) -> T:
    loop = looptime.new_event_loop(start=0)
    try:
        return loop.run_until_complete(make())
    finally:
        loop.close()


class World:
    """A fake Apikley whose callbacks reach the client's receiver in process."""

    def __init__(self, *, webhook_key: str | None = None, signed_by: str | None = None) -> None:
        clock = LoopClock()
        self.fake = FakeApikley(
            api_key=KEY,
            clock=clock,
            queued_for=5,
            running_for=25,
            webhook_hmac_key=signed_by,
        )
        self.client = AsyncClient(
            "apikley",
            api_key=KEY,
            transport=self.fake.transport(),
            callback_url=CALLBACK_BASE,
            callback_secret="s" * 32,
            clock=clock,
        )
        keys = {"apikley": webhook_key} if webhook_key else None
        self.receiver: CallbackReceiver = self.client.callback_receiver(webhook_keys=keys)
        self.fake.outbox.transport = httpx.ASGITransport(app=self.receiver)
        self.delivery: asyncio.Task[None] | None = None

    async def __aenter__(self) -> World:
        self.delivery = asyncio.ensure_future(self.fake.run_callbacks_forever(interval=0.05))
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self.delivery is not None
        self.delivery.cancel()
        await self.receiver.aclose()
        await self.client.aclose()

    def status_gets(self) -> int:
        return self.client.request_counts.get("get_task_details", 0)

    async def post(self, path: str, body: Any, **kwargs: Any) -> httpx.Response:
        transport = httpx.ASGITransport(app=self.receiver)
        async with httpx.AsyncClient(transport=transport, base_url="http://receiver.test") as http:
            if isinstance(body, bytes):
                return await http.post(path, content=body, **kwargs)
            return await http.post(path, json=body, **kwargs)


def test_wait_resolves_on_the_confirmed_callback_with_one_fetch() -> None:
    async def scenario() -> tuple[float, int, Task]:
        async with World() as world:
            task = await world.client.submit("a red fox in snow")
            done = await world.client.wait(task, timeout=600)
            fake_task = world.fake.tasks.get(task.id)
            assert fake_task is not None
            lag = world.fake.clock.time() - fake_task.finished_at
            return lag, world.status_gets(), done

    lag, gets, done = run_virtual(scenario)
    assert done.status is TaskStatus.SUCCEEDED
    assert gets == 1, "only the confirming fetch, no polling"
    assert 0 <= lag < 0.1


def test_a_dropped_callback_is_recovered_by_the_safety_net_poll() -> None:
    async def scenario() -> tuple[Task, int]:
        async with World() as world:
            world.fake.faults.callbacks = "drop"
            task = await world.client.submit("a red fox in snow")
            done = await world.client.wait(task, timeout=600)
            return done, world.status_gets()

    done, gets = run_virtual(scenario)
    assert done.succeeded
    assert 1 <= gets <= 2, "the slow safety net, not a 2.5 s poll"


def test_duplicated_callbacks_fire_the_handler_once() -> None:
    async def scenario() -> list[str]:
        async with World() as world:
            world.fake.faults.callbacks = "duplicate"
            fired: list[str] = []
            world.client.on_task_done(lambda task: fired.append(task.id))
            first = await world.client.submit("a red fox in snow")
            second = await world.client.submit("a grey wolf in snow")
            await asyncio.sleep(60)  # fire and forget: nobody waits
            assert sorted(fired) == sorted([first.id, second.id])
            return fired

    assert len(run_virtual(scenario)) == 2


def test_reordered_callbacks_complete_both_tasks() -> None:
    async def scenario() -> list[Task]:
        async with World() as world:
            world.fake.faults.callbacks = "reorder"
            tasks = [await world.client.submit(f"fox number {i}") for i in range(3)]
            return list(await asyncio.gather(*(world.client.wait(t, timeout=600) for t in tasks)))

    assert all(t.succeeded for t in run_virtual(scenario))


def test_forged_callbacks_change_nothing() -> None:
    async def scenario() -> None:
        async with World() as world:
            task = await world.client.submit("a red fox in snow")
            body = {"code": 200, "data": {"taskId": task.id, "state": "success"}}
            # no token, a made-up token, a token signed with another secret
            other = CallbackTokens("another-secret-entirely").new("apikley")[1]
            for path in (
                "/seedance/apikley",
                "/seedance/apikley/abc.def",
                f"/seedance/apikley/{other}",
            ):
                response = await world.post(path, body)
                assert response.status_code in (401, 404), path
            assert world.status_gets() == 0, "a forged callback triggers nothing"
            assert world.receiver.rejected == 2

    run_virtual(scenario)


def test_a_token_replayed_for_another_task_is_refused() -> None:
    async def scenario() -> None:
        async with World() as world:
            first = await world.client.submit("a red fox in snow")
            second = await world.client.submit("a grey wolf")
            token = world.fake.tasks.get(first.id).callback_url.rsplit("/", 1)[-1]
            body = {"code": 200, "data": {"taskId": second.id, "state": "success"}}
            response = await world.post(f"/seedance/apikley/{token}", body)
            assert response.status_code == 401
            assert world.status_gets() == 0

    run_virtual(scenario)


def test_a_valid_callback_is_acknowledged_the_way_apikley_expects() -> None:
    async def scenario() -> None:
        async with World() as world:
            task = await world.client.submit("a red fox in snow")
            url = world.fake.tasks.get(task.id).callback_url
            assert url.startswith(CALLBACK_BASE + "/apikley/")
            body = {"code": 200, "data": {"taskId": task.id, "state": "success"}}
            response = await world.post(url.removeprefix("http://receiver.test"), body)
            assert response.status_code == 200
            assert response.json() == {"code": 200, "msg": "success"}
            await asyncio.sleep(1)
            # the callback claimed success, but the provider says queued: the fetch wins
            assert world.status_gets() == 1
            assert world.client._events.latest(task.id).status is TaskStatus.QUEUED  # type: ignore[union-attr]

    run_virtual(scenario)


@pytest.mark.parametrize(
    ("body", "status"),
    [(b"{not json", 400), (b"x" * 300_000, 413), (json.dumps({"no": "id"}).encode(), 400)],
)
def test_malformed_and_oversized_bodies(body: bytes, status: int) -> None:
    async def scenario() -> None:
        async with World() as world:
            task = await world.client.submit("a red fox in snow")
            url = world.fake.tasks.get(task.id).callback_url
            response = await world.post(url.removeprefix("http://receiver.test"), body)
            assert response.status_code == status
            assert world.status_gets() == 0

    run_virtual(scenario)


def test_unknown_provider_and_wrong_method() -> None:
    async def scenario() -> None:
        async with World() as world:
            assert (await world.post("/seedance/ark/a.b", {})).status_code == 404
            transport = httpx.ASGITransport(app=world.receiver)
            async with httpx.AsyncClient(transport=transport, base_url="http://r") as http:
                assert (await http.get("/seedance/apikley/a.b")).status_code == 405

    run_virtual(scenario)


def test_kie_signatures_are_verified() -> None:
    async def signed(signer: str) -> tuple[Task | None, int]:
        async with World(webhook_key=HMAC_KEY, signed_by=signer) as world:
            task = await world.client.submit("a red fox in snow")
            await asyncio.sleep(40)
            return world.client._events.latest(task.id), world.receiver.rejected

    latest, rejected = run_virtual(lambda: signed(HMAC_KEY))
    assert latest is not None and latest.succeeded and rejected == 0
    latest, rejected = run_virtual(lambda: signed("the-wrong-key"))
    assert latest is None and rejected >= 1


def test_a_stale_signature_timestamp_is_refused() -> None:
    async def scenario() -> int:
        async with World(webhook_key=HMAC_KEY) as world:
            task = await world.client.submit("a red fox in snow")
            url = world.fake.tasks.get(task.id).callback_url
            from seedance._signatures import kie_signature

            stale = str(int(world.client.clock.time()) - 3600)
            headers = {
                "X-Webhook-Timestamp": stale,
                "X-Webhook-Signature": kie_signature(HMAC_KEY, task.id, stale),
            }
            body = {"code": 200, "data": {"taskId": task.id}}
            response = await world.post(
                url.removeprefix("http://receiver.test"), body, headers=headers
            )
            return response.status_code

    assert run_virtual(scenario) == 401


def test_task_events_never_move_backwards_nor_fire_twice() -> None:
    async def scenario() -> list[str]:
        events = TaskEvents()
        fired: list[str] = []
        events.add_handler(lambda t: fired.append(t.status.value))
        running = Task(id="t", provider="p", status=TaskStatus.RUNNING)
        done = Task(id="t", provider="p", status=TaskStatus.SUCCEEDED)
        assert events.accept(running)
        assert events.accept(done)
        call_handlers(events.handlers_due(done), done)
        assert not events.accept(running), "a late 'running' must not undo 'succeeded'"
        assert not events.accept(Task(id="t", provider="p", status=TaskStatus.FAILED))
        call_handlers(events.handlers_due(done), done)
        assert events.latest("t") == done
        return fired

    assert asyncio.run(scenario()) == ["succeeded"]


def test_the_receiver_bounds_its_pending_confirmations() -> None:
    async def scenario() -> list[int]:
        async with World() as world:
            world.receiver._max_pending = 2
            statuses = []
            tasks = [await world.client.submit(f"fox {i}") for i in range(4)]
            world.fake.faults.latency = 5  # confirmations stay pending
            for task in tasks:
                url = world.fake.tasks.get(task.id).callback_url
                response = await world.post(
                    url.removeprefix("http://receiver.test"), {"data": {"taskId": task.id}}
                )
                statuses.append(response.status_code)
            world.fake.faults.latency = 0
            return statuses

    assert run_virtual(scenario) == [200, 200, 503, 503]


def test_over_loopback_fake_server_to_real_receiver_to_waiting_client() -> None:
    """Real sockets on 127.0.0.1: the fake (its own server thread) POSTs to a
    uvicorn-served receiver that shares the client's event loop."""
    from seedance.serving import serve_in_loop, serve_in_thread

    fake = FakeApikley(api_key=KEY, queued_for=0.2, running_for=0.5)

    async def main(fake_url: str) -> tuple[Task, int]:
        holder: dict[str, AsyncClient] = {}

        async def receiver_app(scope: Any, receive: Any, send: Any) -> None:
            await holder["client"].callback_receiver()(scope, receive, send)

        async with serve_in_loop(receiver_app) as receiver_url:
            client = AsyncClient(
                "apikley", api_key=KEY, base_url=fake_url, callback_url=receiver_url + "/hooks"
            )
            holder["client"] = client
            delivery = asyncio.ensure_future(fake.run_callbacks_forever(interval=0.02))
            try:
                task = await client.submit("a red fox in snow")
                done = await client.wait(task, timeout=20)
                return done, client.request_counts.get("get_task_details", 0)
            finally:
                delivery.cancel()
                await client.aclose()

    with serve_in_thread(fake.app) as fake_url:
        fake.public_url = fake_url
        done, gets = asyncio.run(main(fake_url))
    assert done.succeeded
    assert gets == 1, "resolved by the callback and its one confirming fetch"
