"""The async client's sharded connection pools: least-busy routing, slots freed on close or failure, proxies kept."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from azure_openai import AsyncAzureOpenAI
from azure_openai._transport.http import ASYNC_LIMITS, ASYNC_SHARDS
from azure_openai._transport.pool import ShardedAsyncTransport
from azure_openai._transport.retry import AsyncRetryTransport


def shards(count: int, seen: list[int]) -> ShardedAsyncTransport:
    def handler(number: int) -> httpx.MockTransport:
        async def answer(request: httpx.Request) -> httpx.Response:
            seen.append(number)
            if request.url.path == "/fail":
                raise httpx.ConnectError("refused", request=request)
            return httpx.Response(200, json={"shard": number})

        return httpx.MockTransport(answer)

    return ShardedAsyncTransport([handler(n) for n in range(count)])


async def test_requests_one_at_a_time_reuse_the_first_shard() -> None:
    seen: list[int] = []
    async with httpx.AsyncClient(transport=shards(3, seen)) as client:
        for _ in range(5):
            assert (await client.get("http://x/")).json() == {"shard": 0}
    assert seen == [0] * 5


class Streaming(httpx.AsyncBaseTransport):
    """Answers with a body that stays open until read or closed, as a network transport's does."""

    def __init__(self, number: int, seen: list[int]) -> None:
        self.number, self.seen = number, seen

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(self.number)

        class Body(httpx.AsyncByteStream):
            async def __aiter__(self) -> AsyncIterator[bytes]:
                yield b"{}"

        return httpx.Response(200, stream=Body())


async def test_open_responses_send_the_next_request_to_the_least_busy_shard() -> None:
    seen: list[int] = []
    transport = ShardedAsyncTransport([Streaming(n, seen) for n in range(3)])
    async with httpx.AsyncClient(transport=transport) as client:
        responses = [await client.send(client.build_request("GET", "http://x/"), stream=True) for _ in range(3)]
        assert seen == [0, 1, 2] and transport.open == [1, 1, 1]
        await responses[1].aclose()
        assert transport.open == [1, 0, 1]
        fourth = await client.send(client.build_request("GET", "http://x/"), stream=True)
        assert seen[-1] == 1
        await responses[1].aclose()  # closing twice frees the slot once
        assert transport.open == [1, 1, 1]
        for response in [responses[0], responses[2], fourth]:
            await response.aread()  # read to the end: closed
        assert (await client.get("http://x/")).json() == {}  # read whole: closed, slot freed
    assert transport.open == [0, 0, 0]


async def test_a_failed_request_frees_its_slot() -> None:
    seen: list[int] = []
    transport = shards(2, seen)
    async with httpx.AsyncClient(transport=transport) as client:
        with pytest.raises(httpx.ConnectError):
            await client.get("http://x/fail")
    assert transport.open == [0, 0]


async def test_concurrent_requests_spread_over_the_shards() -> None:
    seen: list[int] = []
    gate = asyncio.Event()

    def waiting(number: int) -> httpx.MockTransport:
        async def answer(request: httpx.Request) -> httpx.Response:
            seen.append(number)
            await gate.wait()
            return httpx.Response(200)

        return httpx.MockTransport(answer)

    transport = ShardedAsyncTransport([waiting(n) for n in range(4)])
    async with httpx.AsyncClient(transport=transport) as client:
        tasks = [asyncio.ensure_future(client.get("http://x/")) for _ in range(8)]
        for _ in range(100):
            await asyncio.sleep(0.001)
            if len(seen) == 8:
                break
        assert sorted(seen) == [0, 0, 1, 1, 2, 2, 3, 3]
        assert transport.open == [2, 2, 2, 2]
        gate.set()
        await asyncio.gather(*tasks)
    assert transport.open == [0, 0, 0, 0]


def test_build_splits_the_limits_and_close_closes_every_shard() -> None:
    made: list[httpx.Limits] = []

    def make(limits: httpx.Limits) -> httpx.AsyncBaseTransport:
        made.append(limits)
        return httpx.AsyncHTTPTransport(limits=limits)

    transport = ShardedAsyncTransport.build(make, httpx.Limits(max_connections=10, max_keepalive_connections=3), 4)
    assert len(transport.shards) == 4
    assert {(m.max_connections, m.max_keepalive_connections) for m in made} == {(3, 1)}
    asyncio.run(transport.aclose())
    with pytest.raises(ValueError):
        ShardedAsyncTransport([])


async def test_the_async_client_sends_through_the_shards_inside_the_retries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    async with AsyncAzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k") as client:
        http = client.http_client
        retry = http._transport
        assert isinstance(retry, AsyncRetryTransport)
        assert isinstance(retry.inner, ShardedAsyncTransport)
        assert len(retry.inner.shards) == ASYNC_SHARDS
        assert ASYNC_LIMITS.max_keepalive_connections == 100
        # The environment's proxy is still a mount (passing transport= to httpx would have dropped it).
        assert any(isinstance(t, AsyncRetryTransport) for t in http._mounts.values())
