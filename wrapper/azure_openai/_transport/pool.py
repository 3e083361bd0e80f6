"""An async transport of at most ``slots`` single-connection pools, made as needed: each request takes the pool
freed last among those connected to its origin, or waits in a FIFO queue until one is free. httpcore's own pool
costs more per request the more connections and waiting requests it holds (docs/transport.md); holding one of
each, it costs little and stays flat."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator, Callable

import httpx

Origin = tuple[str, str, int | None]  # (scheme, host, port): what a pooled connection is connected to


class QueuedAsyncTransport(httpx.AsyncBaseTransport):
    """Sends each request through an idle one-connection transport connected to its origin (the one freed last, so a
    client used one request at a time reuses one connection per origin), else a new one, else the one idle longest
    (which reconnects); with ``slots`` busy, requests wait first come, first served."""

    def __init__(self, make: Callable[[], httpx.AsyncBaseTransport], slots: int) -> None:
        if slots < 1:
            raise ValueError("QueuedAsyncTransport needs at least one slot")
        self.make = make
        self.slots = slots
        self.shards: list[httpx.AsyncBaseTransport] = []
        self.origins: list[Origin] = []  # per shard, the origin it last sent to (its connection's, if it has one)
        # Shards with no response open, the one freed first first; and the same by origin, the one freed last last.
        # Taking another origin's shard makes httpcore close its connection and open one: a TCP (+TLS) handshake.
        self.idle: dict[int, None] = {}
        self.idle_at: dict[Origin, dict[int, None]] = {}
        self.waiting: deque[asyncio.Future[int]] = deque()  # done ones (timed out, cancelled) are skipped

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send through an idle shard of the request's origin, else a new one if fewer than ``slots`` exist, else
        the one idle longest, else the first one freed; the shard is idle again when the response is closed."""
        url = request.url
        origin = (url.scheme, url.host, url.port)
        mine = self.idle_at.get(origin)
        if mine:
            index = mine.popitem()[0]
            del self.idle[index]
        elif len(self.shards) < self.slots:
            index = len(self.shards)
            self.shards.append(self.make())
            self.origins.append(origin)
        elif self.idle:
            index = next(iter(self.idle))
            del self.idle[index], self.idle_at[self.origins[index]][index]
        else:
            index = await self._wait(request)
        self.origins[index] = origin
        try:
            response = await self.shards[index].handle_async_request(request)
        except BaseException:
            self._release(index)
            raise
        if response.is_closed:  # a body read in advance (e.g. a mock transport's): nothing left open
            self._release(index)
        else:
            response.stream = _Held(response.stream, self._release, index)  # type: ignore[arg-type]
        return response

    async def _wait(self, request: httpx.Request) -> int:
        """The shard ``_release`` hands over; past the pool timeout, ``httpx.PoolTimeout`` as httpcore's pool."""
        loop = asyncio.get_running_loop()
        turn: asyncio.Future[int] = loop.create_future()
        self.waiting.append(turn)
        timeout = (request.extensions.get("timeout") or {}).get("pool")
        timer = None if timeout is None else loop.call_later(timeout, _expire, turn, request)
        try:
            return await turn
        except BaseException:
            # Cancelled just after a shard was handed over: it is ours, so pass it on.
            if turn.done() and not turn.cancelled() and turn.exception() is None:
                self._release(turn.result())
            raise
        finally:
            if timer is not None:
                timer.cancel()

    def _release(self, index: int) -> None:
        """Hand the shard to the first request still waiting (whatever its origin: first come, first served), or put
        it back as idle."""
        waiting = self.waiting
        while waiting:
            turn = waiting.popleft()
            if not turn.done():
                turn.set_result(index)
                return
        self.idle[index] = None
        self.idle_at.setdefault(self.origins[index], {})[index] = None

    async def aclose(self) -> None:
        """Close every shard."""
        for shard in self.shards:
            await shard.aclose()


def _expire(turn: asyncio.Future[int], request: httpx.Request) -> None:
    if not turn.done():
        turn.set_exception(httpx.PoolTimeout("timed out waiting for a free connection", request=request))


class _Held(httpx.AsyncByteStream):
    """A response body that frees its shard when it is closed (once)."""

    __slots__ = ("_index", "_release", "_stream")

    def __init__(self, stream: httpx.AsyncByteStream, release: Callable[[int], None], index: int) -> None:
        self._stream = stream
        self._release = release
        self._index = index

    async def __aiter__(self) -> AsyncIterator[bytes]:
        """The body, as the shard's stream yields it."""
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        """Close the body, then free the shard (its connection is back in its pool by then)."""
        try:
            await self._stream.aclose()
        finally:
            if self._index >= 0:
                self._release(self._index)
                self._index = -1
