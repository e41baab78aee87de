"""Callbacks end to end: fake provider -> real receiver -> waiting client.

Time is virtual (a looptime event loop; the fake runs on a LoopClock), so a minute of
provider time takes milliseconds and latencies can be asserted exactly.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx
import looptime
import pytest

import seedance._callbacks
import seedance._client
from seedance import AsyncClient, Client, Task, TaskStatus, TransportError
from seedance._callbacks import BODY_DEADLINE, CallbackReceiver, CallbackTokens
from seedance._client import CONFIRM_TIMEOUT
from seedance._events import TaskEvents, call_handlers
from seedance.testing import FakeApikley, FakeClock
from seedance.testing.base import SyncFakeTransport
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

    def __init__(
        self,
        *,
        webhook_key: str | None = None,
        signed_by: str | None = None,
        wrap: Callable[[httpx.AsyncBaseTransport], httpx.AsyncBaseTransport] | None = None,
    ) -> None:
        clock = LoopClock()
        self.fake = FakeApikley(
            api_key=KEY,
            clock=clock,
            queued_for=5,
            running_for=25,
            webhook_hmac_key=signed_by,
        )
        transport = self.fake.transport()
        self.client = AsyncClient(
            "apikley",
            api_key=KEY,
            transport=wrap(transport) if wrap is not None else transport,
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


def test_replayed_callbacks_of_an_ended_task_cost_no_status_read() -> None:
    """A captured callback sent again and again after its task ended: acknowledged, and
    never a fetch each (replays would spend the read budget every wait shares)."""

    async def scenario() -> tuple[list[int], int, int]:
        async with World() as world:
            task = await world.client.submit("a red fox in snow")
            done = await world.client.wait(task, timeout=600)
            assert done.succeeded
            before = world.status_gets()
            url = world.fake.tasks.get(task.id).callback_url
            body = {"code": 200, "data": {"taskId": task.id, "state": "success"}}
            path = url.removeprefix("http://receiver.test")
            statuses = [(await world.post(path, body)).status_code for _ in range(20)]
            await asyncio.sleep(5)
            return statuses, before, world.status_gets()

    statuses, before, after = run_virtual(scenario)
    assert statuses == [200] * 20 and after == before


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


def test_task_events_keep_only_the_newest_records() -> None:
    """A client that lives for many tasks stays bounded: nonces and fired handlers are kept
    for the newest ``max_tasks`` only (older tokens are found through the journal)."""
    events = TaskEvents(max_tasks=3)
    fired: list[str] = []
    events.add_handler(lambda t: fired.append(t.id))
    for i in range(5):
        events.bind(f"nonce-{i}", f"t-{i}")
        done = Task(id=f"t-{i}", provider="p", status=TaskStatus.SUCCEEDED)
        call_handlers(events.handlers_due(done), done)
        call_handlers(events.handlers_due(done), done)  # once per task, however often
    assert [events.task_for(f"nonce-{i}") for i in range(5)] == [None, None, "t-2", "t-3", "t-4"]
    assert fired == [f"t-{i}" for i in range(5)]
    assert len(events._fired) == 3 and len(events._nonces) == 3


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


class SlowFetches(httpx.AsyncBaseTransport):
    """The fake's answers; a task fetch is answered at once but handed back ``delays``
    seconds later, one delay per fetch (a slow provider, a slow network); None: never."""

    def __init__(self, inner: httpx.AsyncBaseTransport, *delays: float | None) -> None:
        self.inner = inner
        self.delays = list(delays)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.method == "GET" and self.delays:
            delay = self.delays.pop(0)
            await response.aread()
            await asyncio.sleep(delay if delay is not None else 1e9)
        return response


def callback_path(world: World, task: Task) -> str:
    url: str = world.fake.tasks.get(task.id).callback_url
    return url.removeprefix("http://receiver.test")


def test_a_callback_while_its_task_is_being_confirmed_is_confirmed_after_it() -> None:
    """Running, then succeeded: the second callback comes while the first one's fetch is
    still on its way back with 'running'. One more fetch follows it, however many callbacks
    came meanwhile, and it brings 'succeeded' (not the 60 s safety net)."""

    async def scenario() -> tuple[Task | None, int, int, list[str]]:
        async with World(wrap=lambda inner: SlowFetches(inner, 20)) as world:
            world.fake.faults.callbacks = "drop"  # delivered by hand, below
            fired: list[str] = []
            world.client.on_task_done(lambda task: fired.append(task.status.value))
            task = await world.client.submit("a red fox in snow")
            await asyncio.sleep(20)  # running at the provider (5 s to 30 s)
            body = {"data": {"taskId": task.id}}
            assert (await world.post(callback_path(world, task), body)).status_code == 200
            await asyncio.sleep(11)  # succeeded at the provider; the fetch not back yet
            for _ in range(3):
                assert (await world.post(callback_path(world, task), body)).status_code == 200
            await asyncio.sleep(14)  # the slow fetch is back at 40 s
            return (
                world.client._events.latest(task.id),
                world.status_gets(),
                world.receiver.confirmed,
                fired,
            )

    latest, gets, confirmed, fired = run_virtual(scenario)
    assert latest is not None and latest.status is TaskStatus.SUCCEEDED
    assert (gets, confirmed) == (2, 2), "the fetch in flight, then exactly one more"
    assert fired == ["succeeded"]


def test_a_confirmation_that_hangs_is_given_up_and_frees_its_task(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A provider that never answers the confirming fetch: after CONFIRM_TIMEOUT the task
    leaves the pending set, so its next callback is confirmed (not coalesced for ever)."""

    async def scenario() -> tuple[bool, int, Task | None]:
        async with World(wrap=lambda inner: SlowFetches(inner, None)) as world:
            world.fake.faults.callbacks = "drop"
            task = await world.client.submit("a red fox in snow")
            body = {"data": {"taskId": task.id}}
            assert (await world.post(callback_path(world, task), body)).status_code == 200
            await asyncio.sleep(CONFIRM_TIMEOUT + 1)
            freed = not world.receiver._pending
            assert (await world.post(callback_path(world, task), body)).status_code == 200
            await asyncio.sleep(1)
            return freed, world.receiver.confirmed, world.client._events.latest(task.id)

    freed, confirmed, latest = run_virtual(scenario)
    assert freed and confirmed == 1 and latest is not None
    assert f"did not answer the fetch of task {latest.id} within" in caplog.text


def test_a_sync_clients_confirmation_that_hangs_is_given_up_and_frees_its_task(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same for ``Client``, whose fetch runs in a thread: the wait for it is bounded."""
    monkeypatch.setattr(seedance._client, "CONFIRM_TIMEOUT", 0.2)
    fake = FakeApikley(api_key=KEY, clock=FakeClock())
    released = threading.Event()

    class Hang(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            while request.method == "GET" and not released.is_set():
                await asyncio.sleep(0.01)
            response: httpx.Response = await fake.transport().handle_async_request(request)
            return response

    client = Client(
        "apikley",
        api_key=KEY,
        transport=SyncFakeTransport(Hang()),
        clock=fake.clock,
        journal=False,
        callback_url=CALLBACK_BASE,
        callback_secret="s" * 32,
    )
    task = client.submit("a red fox in snow")
    receiver = client.callback_receiver()
    url: str = fake.tasks.get(task.id).callback_url
    path = url.removeprefix("http://receiver.test")

    async def scenario() -> tuple[int, bool, int]:
        try:
            transport = httpx.ASGITransport(app=receiver)
            async with httpx.AsyncClient(transport=transport, base_url="http://r") as http:
                status = (await http.post(path, json={"data": {"taskId": task.id}})).status_code
            for _ in range(500):
                if not receiver._pending:
                    break
                await asyncio.sleep(0.01)
            return status, not receiver._pending, receiver.confirmed
        finally:
            released.set()  # the thread may end (asyncio.run waits for it)

    with client:
        assert asyncio.run(scenario()) == (200, True, 0)


class CallbackBeforeAnswer(httpx.AsyncBaseTransport):
    """The fake's answers; right after the fake accepts a create, before its answer is
    handed back, the task's callback is posted to the receiver (a provider calling back at
    once, an answer slow to come back). Each status the receiver gave is kept."""

    def __init__(self, fake: FakeApikley, receiver: list[CallbackReceiver]) -> None:
        self.inner = fake.transport()
        self.fake = fake
        self.receiver = receiver
        self.statuses: list[int] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response: httpx.Response = await self.inner.handle_async_request(request)
        if request.url.path.endswith("/createTask"):
            await response.aread()
            task_id = json.loads(response.content)["data"]["taskId"]
            url: str = self.fake.tasks.get(task_id).callback_url
            transport = httpx.ASGITransport(app=self.receiver[0])
            async with httpx.AsyncClient(transport=transport) as http:
                answer = await http.post(url, json={"data": {"taskId": task_id}})
            self.statuses.append(answer.status_code)
        return response


@pytest.mark.parametrize("twin", ["async", "sync"])
def test_without_a_journal_a_callback_that_outruns_its_create_answer_is_asked_back(
    twin: str,
) -> None:
    """The client itself remembers the tokens of creates not answered yet: such a callback
    is 503 (the provider retries), not a forgery, even with no journal to say so. Once the
    create is answered the token is its task's; once it failed, nobody's."""
    fake = FakeApikley(api_key=KEY, clock=FakeClock())
    box: list[CallbackReceiver] = []
    early = CallbackBeforeAnswer(fake, box)
    options: dict[str, Any] = {
        "api_key": KEY,
        "clock": fake.clock,
        "journal": False,
        "callback_url": CALLBACK_BASE,
        "callback_secret": "s" * 32,
    }

    def bound(client: AsyncClient | Client, task: Task) -> list[str | None]:
        """What the client says each token the fake was given belongs to."""
        assert client.callback_tokens is not None
        found = []
        for fake_task in sorted(fake.tasks.all(), key=lambda t: t.id != task.id):
            token = str(fake_task.callback_url).rsplit("/", 1)[-1]
            nonce = client.callback_tokens.nonce_of("apikley", token)
            found.append(client.callback_task_for(nonce or ""))
        return found

    async def in_async() -> tuple[Task, list[str | None]]:
        async with AsyncClient("apikley", transport=early, **options) as client:
            box.append(client.callback_receiver())
            task = await client.submit("a red fox in snow")
            fake.faults.drop_next = 1  # the next create is made, its answer lost
            with pytest.raises(TransportError):
                await client.submit("a grey wolf")
            return task, bound(client, task)

    if twin == "async":
        task, tokens = asyncio.run(in_async())
    else:
        with Client("apikley", transport=SyncFakeTransport(early), **options) as client:
            box.append(client.callback_receiver())
            task = client.submit("a red fox in snow")
            fake.faults.drop_next = 1
            with pytest.raises(TransportError):
                client.submit("a grey wolf")
            tokens = bound(client, task)
    assert early.statuses == [503], "the answered create's callback came before its answer"
    assert box[0].rejected == 0
    assert tokens == [task.id, None], "answered: its task's; failed: nobody's"


def test_a_body_that_trickles_in_is_cut_off_at_the_deadline_with_408() -> None:
    """A byte every 2 s, each in time, never ends: the deadline is for the whole body.
    The answer closes the connection (what is left of the body is no next request)."""

    async def scenario() -> tuple[list[dict[str, Any]], int]:
        async with World() as world:
            task = await world.client.submit("a red fox in snow")
            scope = {"type": "http", "method": "POST", "path": callback_path(world, task)}
            sent: list[dict[str, Any]] = []

            async def receive() -> dict[str, Any]:
                await asyncio.sleep(2)
                return {"type": "http.request", "body": b" ", "more_body": True}

            async def send(message: dict[str, Any]) -> None:
                sent.append(message)

            await asyncio.wait_for(world.receiver(scope, receive, send), BODY_DEADLINE * 10)
            return sent, world.status_gets()

    sent, gets = run_virtual(scenario)
    assert sent[0]["status"] == 408 and (b"connection", b"close") in sent[0]["headers"]
    assert gets == 0


def _receiver_without_journal() -> tuple[CallbackReceiver, str]:
    """A receiver as ``seedance callbacks serve`` runs it, and a valid token for it."""
    client = AsyncClient(
        "apikley",
        api_key=KEY,
        journal=False,
        callback_url="http://127.0.0.1/seedance",
        callback_secret="s" * 32,
    )
    assert client.callback_tokens is not None
    return client.callback_receiver(), client.callback_tokens.new("apikley")[1]


def _read_to_end(sock: socket.socket) -> bytes:
    """All the server sends until it closes the connection (socket.timeout if it never)."""
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_a_slow_sender_over_loopback_is_answered_408_and_disconnected(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Served as ``seedance callbacks serve`` serves it: a body promised and never sent
    holds the connection only until the deadline."""
    from seedance.serving import serve_in_thread

    monkeypatch.setattr(seedance._callbacks, "BODY_DEADLINE", 0.3)
    receiver, token = _receiver_without_journal()
    with serve_in_thread(receiver) as url:
        port = int(url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(
                f"POST /seedance/apikley/{token} HTTP/1.1\r\nHost: r\r\n"
                "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{".encode()
            )
            answer = _read_to_end(sock)
    assert answer.startswith(b"HTTP/1.1 408 "), answer


def test_the_served_receiver_answers_503_beyond_its_connection_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Connections held open (slow senders) cannot make the server take any number more:
    beyond the limit a request is answered 503, which providers retry."""
    from seedance import serving

    monkeypatch.setattr(serving, "LIMIT_CONCURRENCY", 2)
    receiver, _ = _receiver_without_journal()
    with serving.serve_in_thread(receiver) as url:
        port = int(url.rsplit(":", 1)[1])
        with httpx.Client() as http:
            alone = http.get(f"{url}/seedance/apikley/a.b").status_code
        held = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(2)]
        try:
            with httpx.Client() as http:
                crowded = http.get(f"{url}/seedance/apikley/a.b").status_code
        finally:
            for sock in held:
                sock.close()
    assert (alone, crowded) == (405, 503)


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
