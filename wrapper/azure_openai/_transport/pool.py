"""An async transport that spreads requests over a few small connection pools, the least busy one first: httpcore's
pool scans every connection per request, so its cost grows with the requests in flight (docs/transport.md)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import httpx


class ShardedAsyncTransport(httpx.AsyncBaseTransport):
    """Sends each request through the shard with the fewest responses open (the first one on a tie)."""

    def __init__(self, shards: list[httpx.AsyncBaseTransport]) -> None:
        if not shards:
            raise ValueError("ShardedAsyncTransport needs at least one transport")
        self.shards = shards
        self.open = [0] * len(shards)  # responses not yet closed, per shard

    @classmethod
    def build(
        cls, make: Callable[[httpx.Limits], httpx.AsyncBaseTransport], limits: httpx.Limits, shards: int
    ) -> ShardedAsyncTransport:
        """``shards`` transports made by ``make``, each given an equal part (rounded up) of ``limits``."""

        def part(value: int | None) -> int | None:
            return None if value is None else max(1, -(-value // shards))

        share = httpx.Limits(
            max_connections=part(limits.max_connections),
            max_keepalive_connections=part(limits.max_keepalive_connections),
            keepalive_expiry=limits.keepalive_expiry,
        )
        return cls([make(share) for _ in range(shards)])

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send through the least busy shard; the shard counts the response as open until it is closed."""
        counts = self.open
        index = counts.index(min(counts))
        counts[index] += 1
        try:
            response = await self.shards[index].handle_async_request(request)
        except BaseException:
            counts[index] -= 1
            raise
        if response.is_closed:  # a body read in advance (e.g. a mock transport's): nothing left open
            counts[index] -= 1
        else:
            response.stream = _Counted(response.stream, counts, index)  # type: ignore[arg-type]
        return response

    async def aclose(self) -> None:
        """Close every shard."""
        for shard in self.shards:
            await shard.aclose()


class _Counted(httpx.AsyncByteStream):
    """A response body that gives its shard's slot back when it is closed (once)."""

    __slots__ = ("_counts", "_index", "_stream")

    def __init__(self, stream: httpx.AsyncByteStream, counts: list[int], index: int) -> None:
        self._stream = stream
        self._counts = counts
        self._index = index

    async def __aiter__(self) -> AsyncIterator[bytes]:
        """The body, as the shard's stream yields it."""
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        """Close the body and free the slot."""
        if self._index >= 0:
            self._counts[self._index] -= 1
            self._index = -1
        await self._stream.aclose()
