"""The async client's queued transport: a bounded number of one-connection pools, the one of the request's origin
freed last reused, the rest of the requests waiting first come, first served; slots freed on close, failure,
timeout or cancellation."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from azure_openai import APITimeoutError, AsyncAzureOpenAI, Backend
from azure_openai._transport import http
from azure_openai._transport.pool import QueuedAsyncTransport
from azure_openai._transport.retry import AsyncRetryTransport
from azure_openai.testing import Emulator

from .conftest import ScriptedServer


class Streaming(httpx.AsyncBaseTransport):
    """Answers with a body that stays open until read or closed, as a network transport's does; ``/fail`` fails."""

    def __init__(self, number: int, seen: list[int]) -> None:
        self.number, self.seen = number, seen

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(self.number)
        if request.url.path == "/fail":
            raise httpx.ConnectError("refused", request=request)

        class Body(httpx.AsyncByteStream):
            async def __aiter__(self) -> AsyncIterator[bytes]:
                yield b"{}"

        return httpx.Response(200, stream=Body())


def queued(slots: int, seen: list[int]) -> QueuedAsyncTransport:
    made: list[int] = []

    def make() -> httpx.AsyncBaseTransport:
        made.append(len(made))
        return Streaming(made[-1], seen)

    return QueuedAsyncTransport(make, slots)


async def settle() -> None:
    """Let every task that can run, run (each queued request takes a few loop turns)."""
    for _ in range(20):
        await asyncio.sleep(0)


async def test_requests_one_at_a_time_reuse_one_shard() -> None:
    seen: list[int] = []
    transport = queued(3, seen)
    async with httpx.AsyncClient(transport=transport) as client:
        for _ in range(5):
            assert (await client.get("http://x/")).json() == {}
    assert seen == [0] * 5 and len(transport.shards) == 1


async def test_each_origin_reuses_its_own_shard_and_another_origins_only_once_all_slots_are_made() -> None:
    seen: list[int] = []
    transport = queued(2, seen)
    async with httpx.AsyncClient(transport=transport) as client:
        for _ in range(3):
            for url in ("http://a/", "http://b/"):
                assert (await client.get(url)).json() == {}
        assert seen == [0, 1] * 3  # taking turns, each origin keeps its connection (not a new one per request)
        # A third origin (another port), no slot left to make: the shard idle longest (a's) goes to it, then a
        # takes b's, now the one idle longest.
        assert (await client.get("http://a:8080/")).json() == {} and seen[-1] == 0
        assert (await client.get("https://a/")).json() == {} and seen[-1] == 1
        assert transport.origins == [("http", "a", 8080), ("https", "a", None)]


@pytest.mark.parametrize("at_once", [1, 8])
async def test_two_backends_taking_turns_open_a_connection_per_backend_and_request_in_flight_not_per_request(
    monkeypatch: pytest.MonkeyPatch, at_once: int
) -> None:
    servers = [ScriptedServer(), ScriptedServer()]
    accepted: list[list[object]] = [[], []]
    for server, connections in zip(servers, accepted, strict=True):
        process = server._httpd.process_request

        def counted(request: object, address: object, process: Any = process, connections: Any = connections) -> None:
            connections.append(address)
            process(request, address)

        monkeypatch.setattr(server._httpd, "process_request", counted)
        server.start()
    try:
        backends = [Backend(s.endpoint, "d", api_key="k") for s in servers]
        async with AsyncAzureOpenAI(backends=backends) as client:
            gate = asyncio.Semaphore(at_once)

            async def one() -> None:
                async with gate:
                    assert (await client.chat("hi")).text

            await asyncio.gather(*(one() for _ in range(40 * at_once)))
    finally:
        for server in servers:
            server.stop()
    assert [len(s.seen) for s in servers] == [20 * at_once] * 2  # equal priorities: they take turns
    # Before, a request took the shard freed last, the other backend's: ~1 new connection per 3 requests or more.
    assert all(accepted) and sum(map(len, accepted)) <= 2 * at_once


async def test_at_most_slots_shards_the_rest_wait_in_order_for_the_one_freed() -> None:
    seen: list[int] = []
    transport = queued(2, seen)
    async with httpx.AsyncClient(transport=transport) as client:

        def send() -> asyncio.Future[httpx.Response]:
            return asyncio.ensure_future(client.send(client.build_request("GET", "http://x/"), stream=True))

        first, second = await send(), await send()
        third, fourth = send(), send()
        await settle()
        assert seen == [0, 1] and not third.done() and len(transport.waiting) == 2
        await second.aclose()
        assert not transport.idle and (await third) and seen == [0, 1, 1]  # second's shard, to the first in line
        await first.aclose()
        assert (await fourth) and seen == [0, 1, 1, 0] and not transport.waiting
        for response in (third, fourth):
            await (await response).aread()  # read to the end: closed, shard idle
        await first.aclose()  # closing twice frees the shard once
        assert sorted(transport.idle) == [0, 1] and len(transport.shards) == 2
        assert (await client.get("http://x/")).json() == {} and list(transport.idle)[-1] == 0  # read whole: freed again


async def test_a_failed_request_frees_its_shard() -> None:
    seen: list[int] = []
    transport = queued(1, seen)
    async with httpx.AsyncClient(transport=transport) as client:
        with pytest.raises(httpx.ConnectError):
            await client.get("http://x/fail")
        assert list(transport.idle) == [0]
        assert (await client.get("http://x/")).json() == {}
    assert seen == [0, 0]


async def test_a_request_waiting_past_the_pool_timeout_fails_as_httpcore_pool_does() -> None:
    seen: list[int] = []
    transport = queued(1, seen)
    async with httpx.AsyncClient(transport=transport, timeout=httpx.Timeout(5, pool=0.01)) as client:
        held = await client.send(client.build_request("GET", "http://x/"), stream=True)
        with pytest.raises(httpx.PoolTimeout):
            await client.get("http://x/")
        await held.aclose()  # the timed-out request took nothing: the shard is idle again
        assert list(transport.idle) == [0] and seen == [0]
        assert (await client.get("http://x/")).json() == {}


async def test_the_async_client_raises_its_typed_timeout_when_the_queue_wait_is_too_long(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(http, "ASYNC_LIMITS", httpx.Limits(max_connections=1, max_keepalive_connections=1))
    with Emulator() as emu:
        timeout = httpx.Timeout(30, pool=0.05)
        async with AsyncAzureOpenAI(
            endpoint=emu.endpoint, api_key=emu.api_key, deployment="gpt-35-turbo", timeout=timeout
        ) as client:
            stream = await client.chat_stream("hold the only connection")
            with pytest.raises(APITimeoutError, match="connection pool is exhausted"):
                await client.chat("no connection left")
            await stream.aclose()
            assert (await client.chat("the connection is free again")).text


async def test_cancelled_while_queued_takes_nothing_and_leaks_nothing() -> None:
    seen: list[int] = []
    transport = queued(1, seen)
    async with httpx.AsyncClient(transport=transport) as client:
        held = await client.send(client.build_request("GET", "http://x/"), stream=True)
        cancelled = asyncio.ensure_future(client.get("http://x/"))
        after = asyncio.ensure_future(client.get("http://x/"))
        await settle()
        cancelled.cancel()
        await settle()
        assert cancelled.cancelled() and not after.done()
        await held.aclose()  # to the next request still waiting, not the cancelled one
        assert (await asyncio.wait_for(after, 10)).json() == {}  # a leaked shard would leave it waiting forever
        assert list(transport.idle) == [0] and not transport.waiting
        # Cancelled in the same turn as it was handed the shard: it passes the shard on.
        held = await client.send(client.build_request("GET", "http://x/"), stream=True)
        handed = asyncio.ensure_future(client.get("http://x/"))
        after = asyncio.ensure_future(client.get("http://x/"))
        await settle()
        await held.aclose()
        handed.cancel()
        assert (await asyncio.wait_for(after, 10)).json() == {} and handed.cancelled()
        assert list(transport.idle) == [0] and not transport.waiting and seen == [0, 0, 0, 0]


def test_a_queue_needs_a_slot() -> None:
    with pytest.raises(ValueError):
        QueuedAsyncTransport(httpx.AsyncHTTPTransport, 0)


async def test_the_async_client_sends_through_the_queue_inside_the_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    async with AsyncAzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k") as client:
        retry = client.http_client._transport
        assert isinstance(retry, AsyncRetryTransport)
        assert isinstance(retry.inner, QueuedAsyncTransport) and retry.inner.slots == 100
        assert http.ASYNC_LIMITS.max_keepalive_connections == http.ASYNC_LIMITS.max_connections  # all kept alive
        # The environment's proxy is still a mount (passing transport= to httpx would have dropped it).
        assert any(isinstance(t, AsyncRetryTransport) for t in client.http_client._mounts.values())
    async with (
        httpx.AsyncClient() as own,
        AsyncAzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", http_client=own) as client,
    ):
        # A caller's client keeps its own pool and limits: nothing of ours is put in front of it.
        assert not isinstance(own._transport, QueuedAsyncTransport)
        assert not isinstance(client.http_client._transport.inner, QueuedAsyncTransport)  # type: ignore[attr-defined]
