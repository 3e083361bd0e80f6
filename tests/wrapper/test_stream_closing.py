"""A stream closes its response as soon as it cannot go on: body errors, cancellation, a bare loop left early."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from azure_openai import AsyncAzureOpenAI, AzureOpenAI, IncompleteStreamError

from .chat_loopback import LoopbackServer, sse, text_stream

ENDPOINT = "https://res.openai.azure.com"
HEADERS = {"content-type": "text/event-stream"}


class Body(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body that sends ``first`` and then raises ``error`` (or, async, waits until cancelled)."""

    def __init__(self, first: list[bytes], error: BaseException | None = None, *, stall: bool = True) -> None:
        self.first, self.error, self.stall = first, error, stall
        self.closed = False
        self.waiting = asyncio.Event()

    def __iter__(self) -> Iterator[bytes]:
        yield from self.first
        assert self.error is not None
        raise self.error

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for piece in self.first:
            yield piece
        if self.error is not None:
            raise self.error
        if not self.stall:
            return
        self.waiting.set()
        await asyncio.Event().wait()  # never set: a stream that stalls until the read is cancelled
        yield b""  # pragma: no cover

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.closed = True


def sync_client(body: Body) -> AzureOpenAI:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, headers=HEADERS, stream=body))
    return AzureOpenAI(
        endpoint=ENDPOINT, api_key="k", deployment="d", http_client=httpx.Client(transport=transport), max_retries=0
    )


def async_client(body: Body) -> AsyncAzureOpenAI:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, headers=HEADERS, stream=body))
    return AsyncAzureOpenAI(
        endpoint=ENDPOINT,
        api_key="k",
        deployment="d",
        http_client=httpx.AsyncClient(transport=transport),
        max_retries=0,
    )


FIRST = text_stream("Hel", done=False)[:3]


def test_a_body_that_raises_a_non_network_error_closes_the_response_at_once() -> None:
    body = Body(FIRST, ValueError("not a network error"))  # a DecodingError is typed now: see below
    with sync_client(body).chat_stream("x") as stream:
        with pytest.raises(ValueError, match="not a network error"):
            for _ in stream:
                pass
        assert body.closed  # at once, not when the block ends


async def test_an_async_body_that_raises_closes_the_response_at_once() -> None:
    body = Body(FIRST, ValueError("not a network error"))
    async with async_client(body).chat_stream("x") as stream:
        with pytest.raises(ValueError, match="not a network error"):
            async for _ in stream:
                pass
        assert body.closed


def test_a_stream_dropped_after_a_loop_left_early_closes_at_once_not_at_a_later_gc() -> None:
    body = Body(FIRST, ValueError("never read"))
    stream = sync_client(body).chat_stream("x")
    gc.disable()
    try:
        for event in stream:
            if event.text:
                break
        assert not body.closed  # another loop could read on
        del stream, event
        assert body.closed  # by reference count: no cycle keeps the dropped stream (and its connection) alive
    finally:
        gc.enable()


async def test_a_cancelled_read_closes_the_response_at_once() -> None:
    body = Body(FIRST)
    async with async_client(body).chat_stream("x") as stream:
        events = aiter(stream)
        assert [(await anext(events)).text for _ in FIRST] == ["", "", "Hel"]
        reading = asyncio.ensure_future(anext(events))
        await body.waiting.wait()
        reading.cancel()
        with pytest.raises(asyncio.CancelledError):
            await reading
        assert body.closed  # at once, not when the block ends


async def test_a_bare_async_for_left_early_closes_the_response() -> None:
    body = Body(FIRST)
    stream = async_client(body).chat_stream("x")
    async for event in stream:
        if event.text:
            break
    for _ in range(20):  # the event loop finalises the dropped generator in a task of its own
        if body.closed:
            break
        await asyncio.sleep(0)
    assert body.closed


async def test_a_bare_async_for_inside_async_with_leaves_closing_to_the_block() -> None:
    body = Body([*FIRST, *text_stream("lo")[2:]], stall=False)
    async with async_client(body).chat_stream("x") as stream:
        async for event in stream:
            if event.text:
                break
        await asyncio.sleep(0)
        assert not body.closed
        assert (await stream.final()).text == "Hello"  # reading on after a break works inside the block


def test_invalid_utf8_in_an_event_becomes_the_replacement_character(loop: LoopbackServer, client: AzureOpenAI) -> None:
    good = sse({"choices": [{"index": 0, "delta": {"content": "caf"}}]})
    bad = good.replace(b'"caf"', b'"caf\xe9 \xff"')
    loop.stream([*text_stream(done=False)[:2], bad, *text_stream()[-2:]])
    with client.chat_stream("x") as stream:
        texts = [event.text for event in stream]
    assert "caf\ufffd \ufffd" in texts
    assert stream.final().text == "caf\ufffd \ufffd"


GARBLED_GZIP = {**HEADERS, "content-encoding": "gzip"}


def test_a_body_that_cannot_be_decoded_is_a_typed_error_and_closes_the_stream() -> None:
    body = Body([b"this is not gzip"], error=None)
    transport = httpx.MockTransport(lambda request: httpx.Response(200, headers=GARBLED_GZIP, stream=body))
    client = AzureOpenAI(
        endpoint=ENDPOINT, api_key="k", deployment="d", http_client=httpx.Client(transport=transport), max_retries=0
    )
    stream = client.chat_stream("hi")
    with pytest.raises(IncompleteStreamError, match="could not be decoded") as caught:
        list(stream)
    assert caught.value.partial is not None and body.closed


async def test_an_async_body_that_cannot_be_decoded_is_a_typed_error_and_closes_the_stream() -> None:
    body = Body([b"this is not gzip"], error=None, stall=False)
    transport = httpx.MockTransport(lambda request: httpx.Response(200, headers=GARBLED_GZIP, stream=body))
    client = AsyncAzureOpenAI(
        endpoint=ENDPOINT,
        api_key="k",
        deployment="d",
        http_client=httpx.AsyncClient(transport=transport),
        max_retries=0,
    )
    stream = client.chat_stream("hi")
    with pytest.raises(IncompleteStreamError, match="could not be decoded") as caught:
        async for _ in stream:
            pass
    assert caught.value.partial is not None and body.closed
