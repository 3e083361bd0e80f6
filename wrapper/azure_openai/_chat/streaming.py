"""Streamed chat completions: ``ChatStream`` / ``AsyncChatStream``, two thin I/O shells over ``_StreamCore``."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Generator, Iterator
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from json import JSONDecoder, dumps
from json import loads as json_loads
from json.scanner import make_scanner
from typing import TYPE_CHECKING, Any

import httpx

from .._errors import APITimeoutError, AzureOpenAIError, IncompleteStreamError, build_stream_error
from .._flow import AsyncClient, Post, SyncClient
from .._results.chat import ChatResult, ChatStreamEvent  # ChatStreamEvent re-exported here too
from .._results.info import answered_by
from .._telemetry import STREAM_END
from .._transport.sse import SSEDecoder, SSEEvent
from .accumulate import ChatAccumulator

if TYPE_CHECKING:
    from .._config import Backend

__all__ = ["AsyncChatStream", "ChatStream", "ChatStreamEvent"]

_scan = make_scanner(JSONDecoder())  # type: ignore[arg-type]  # typeshed types the context as a scanner


def _loads(text: str) -> Any:
    """``json.loads`` through the C scanner directly (the hot path); ``json.loads`` for anything unusual."""
    try:
        value, end = _scan(text, 0)
    except StopIteration:
        return json_loads(text)  # raises the JSONDecodeError with its message
    if end != len(text):
        return json_loads(text)  # trailing whitespace is fine, anything else raises
    return value


#: How much of a malformed event goes into an error message.
_PREVIEW = 120

#: Reads after ``[DONE]`` before the response is closed anyway (the chunked body's end is normally one).
_DRAIN_READS = 4

OnComplete = Callable[[ChatResult], None]


def _preview(data: bytes | str) -> str:
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    return text if len(text) <= _PREVIEW else text[:_PREVIEW] + "..."


def partial_result(raw: dict[str, Any], response: httpx.Response | None) -> ChatResult:
    """The accumulated JSON as a result, never raising: when it is off the spec, ``.raw`` holds all of it and
    ``.completion`` only each choice's text (the accumulator checks it is a str) and finish reason."""
    try:
        return ChatResult(raw, response)
    except ValueError:  # ResponseValidationError: on an error's path, the error and its text outlive an odd field
        choices = [_text_only(choice) for choice in raw["choices"]]
    result = ChatResult({"choices": choices}, response)
    result.raw = raw
    return result


def _text_only(choice: dict[str, Any]) -> dict[str, Any]:
    reason = choice["finish_reason"]
    message = {"role": "assistant", "content": choice["message"]["content"]}
    return {"index": choice["index"], "message": message, "finish_reason": reason if isinstance(reason, str) else None}


class _StreamCore:
    """What the sync and async streams share: decoding, folding, completion and errors; no I/O."""

    _opener: Any  # the client's _stream(request): a sync or an async context manager of the response

    def __init__(self, client: SyncClient | AsyncClient, request: Post, on_complete: OnComplete | None) -> None:
        self._opener = client._stream(request)
        self._deployment = request.deployment or client.deployment
        self._acc = ChatAccumulator()
        self._decoder = SSEDecoder()
        self._pending: Iterator[SSEEvent] = iter(())  # what the reads so far completed, not yet taken
        self._response: httpx.Response | None = None
        self._on_complete = on_complete
        self._done = False  # [DONE] (or a clean end) seen
        self._closed = True  # until the response is open: nothing to close
        self._result: ChatResult | None = None

    @property
    def response(self) -> httpx.Response | None:
        """The HTTP response (headers, request ids); ``None`` before an async stream is opened."""
        return self._response

    @property
    def backend(self) -> Backend | None:
        """The ``Backend`` streaming the answer; ``None`` before an async stream is opened."""
        return answered_by(self._response)

    def partial(self) -> ChatResult:
        """What has arrived so far, as a result (the same shape as a complete one; see ``partial_result``)."""
        return partial_result(self._acc.to_json(), self._response)

    def _opened(self, response: httpx.Response) -> bool:
        """Take the opened response; whether it is an event stream (if not, its body goes to ``_not_a_stream``)."""
        self._response, self._closed = response, False
        return "text/event-stream" in response.headers.get("content-type", "")

    def _not_a_stream(self, body: bytes) -> None:
        """A 2xx body that is no event stream: a whole chat completion (sent by a gateway that drops ``stream``,
        and paid for) is streamed as one chunk; anything else raises, with the body in ``.leftover``."""
        with contextlib.suppress(ValueError):
            whole = json_loads(body)
            choices = whole.get("choices") if type(whole) is dict else None
            if isinstance(choices, list) and all(type(choice) is dict for choice in choices):
                deltas = [{**choice, "delta": choice.get("message")} for choice in choices]
                chunk = {**whole, "object": "chat.completion.chunk", "choices": deltas}
                self._pending = iter([("", dumps(chunk).encode())])
                return
        content_type = self._response.headers.get("content-type", "") if self._response else ""
        error = self._incomplete(
            f"expected a text/event-stream response to a stream=true request, got {content_type!r} (the body is "
            f"in .leftover): {_preview(body)}",
            leftover=body,
        )
        self._ended(error)
        raise error

    def _ended(self, error: BaseException | None = None) -> None:
        """Tell the client's telemetry, if on (``STREAM_END``), how the stream ended: what arrived, or the error."""
        end = self._response.extensions.pop(STREAM_END, None) if self._response is not None else None
        if end is not None:
            end(self._acc.to_json, error)

    def _event(self, received: SSEEvent) -> ChatStreamEvent | None:
        """Fold one received event in; the caller's event, ``None`` at ``[DONE]``."""
        kind, data = received
        if data == b"[DONE]":
            self._done = True
            return None
        try:
            raw = _loads(data.decode("utf-8", "replace"))  # invalid UTF-8 is U+FFFD, as the SSE standard says
        except ValueError as exc:
            if kind == "error":  # an error event whose data is plain text is still the service's error
                raise self._stream_error({"error": {"message": data.decode("utf-8", "replace")}}) from exc
            raise self._incomplete(f"event {self._acc.events + 1} is not JSON ({exc}): {_preview(data)!r}") from exc
        if type(raw) is not dict:
            raise self._incomplete(f"event {self._acc.events + 1} is not a JSON object: {_preview(data)!r}")
        if raw.get("error") is not None or kind == "error":
            raise self._stream_error(raw)
        try:
            self._acc.add(raw)
        except (AttributeError, TypeError, ValueError) as exc:  # a field of the wrong type where folding needs one
            what = f"event {self._acc.events} does not have the documented shape ({exc}); its bytes are in .leftover"
            raise self._incomplete(what, leftover=data) from exc
        return ChatStreamEvent(raw)

    def _body_ended(self) -> None:
        """The body ended: fine after ``[DONE]`` or every finish_reason, else ``IncompleteStreamError``."""
        # The standard discards an event the body ends inside of; one received whole (a JSON object or [DONE],
        # only its closing blank line missing, as some proxies send it) is kept, so nothing received is lost.
        events, leftover = self._decoder.close()
        if not events and leftover:
            with contextlib.suppress(ValueError):
                if leftover == b"[DONE]" or type(_loads(leftover.decode("utf-8", "replace"))) is dict:
                    events, leftover = [("", leftover)], b""
        self._pending = iter(events)
        if events:
            return  # the body's last bytes completed events; the next read ends again
        if self._done or self._acc.finished:
            self._done = True
            return
        cut = f"; it ended inside an event (its bytes are in .leftover): {_preview(leftover)!r}" if leftover else ""
        raise self._incomplete(
            f"the stream ended after {self._acc.events} events without [DONE] or a finish_reason{cut}",
            leftover=leftover,
        )

    def _incomplete(self, what: str, **details: Any) -> IncompleteStreamError:
        """``IncompleteStreamError`` saying ``what`` happened, with the text received so far in ``.partial``."""
        return IncompleteStreamError(f"{what}; the text received is in .partial", partial=self.partial(), **details)

    def _stream_error(self, raw: dict[str, Any]) -> AzureOpenAIError:
        return build_stream_error(raw, response=self._response, partial=self.partial(), deployment=self._deployment)

    def _read_error(self, exc: httpx.TransportError | httpx.DecodingError) -> AzureOpenAIError:
        """A read failure mid-stream, as a typed error carrying what arrived (``.partial``)."""
        events = self._acc.events
        if isinstance(exc, httpx.DecodingError):  # the service answered: its body is bad, not the network
            return self._incomplete(
                f"the stream's body could not be decoded after {events} events ({exc}): it does not "
                "match its Content-Encoding (e.g. a corrupt gzip body)"
            )
        if isinstance(exc, httpx.TimeoutException):
            timeout = (self._response.request.extensions.get("timeout") or {}).get("read") if self._response else None
            limit = f" ({timeout:g} s)" if isinstance(timeout, (int, float)) else ""
            return APITimeoutError(
                f"the stream stalled: no data for longer than the read timeout{limit} after "
                f"{events} events; pass timeout= to wait longer; the text received is in .partial",
                request=self._response.request if self._response else None,
                partial=self.partial(),
            )
        return self._incomplete(f"the connection failed after {events} events ({type(exc).__name__}: {exc})")

    def _completed(self) -> None:
        """The stream ended well: tell ``on_complete`` (a cut stream tells nobody)."""
        if self._done and self._on_complete is not None:
            self._final()

    def _final(self) -> ChatResult:
        """The whole result, once the stream is done; ``IncompleteStreamError`` when it was closed before."""
        if not self._done:
            raise self._incomplete(f"the stream was closed after {self._acc.events} events, before it ended")
        if self._result is None:
            self._result = ChatResult(self._acc.to_json(), self._response)
            if self._on_complete is not None:
                self._on_complete(self._result)
        return self._result


class ChatStream(_StreamCore):
    """A streamed chat completion: iterate (in a ``with`` block) for ``ChatStreamEvent``s; ``final()`` at the end."""

    _opener: AbstractContextManager[httpx.Response]

    def __init__(self, client: SyncClient, request: Post, *, on_complete: OnComplete | None = None) -> None:
        super().__init__(client, request, on_complete)
        response = self._opener.__enter__()
        self._reads: Iterator[bytes] = response.iter_bytes()
        if not self._opened(response):
            try:  # the whole body: the reads are left at its end
                self._not_a_stream(b"".join(self._reads))
            except BaseException:
                self.close()
                raise

    def __iter__(self) -> Iterator[ChatStreamEvent]:
        """The events; a loop left early leaves the stream open: another loop reads on (``with`` closes it)."""
        return self._events()

    def __next__(self) -> ChatStreamEvent:
        """The next chunk (``next(stream)``); raises a typed error for an error event, a cut stream or a stall."""
        return next(self._events())

    def _events(self) -> Iterator[ChatStreamEvent]:
        # A generator: resuming it costs less per event than a __next__ method and the calls it would make. The
        # state is the stream's, so a loop left early drops only its generator, and __del__ still sees the stream
        # abandoned as soon as its last reference goes (a generator kept on it would hold it in a cycle).
        try:
            while True:
                for received in self._pending:  # the events the last read completed, from where the last loop left
                    if self._closed:  # by the caller, between two events
                        break
                    event = self._event(received)
                    if event is None:  # [DONE]
                        break
                    yield event
                if self._closed or self._done:  # done: [DONE], or the body ended after every finish_reason
                    break
                self._read_more()
        except GeneratorExit:  # a loop left early: the stream stays open for the next one
            raise
        except BaseException as exc:  # an error event, a cut body, KeyboardInterrupt...: the body is read no further
            self._ended(exc)
            self.close()
            raise
        if not self._closed:
            try:
                self._completed()
            finally:
                self._drain()
                self.close()

    def _read_more(self) -> None:
        """Read the body once more and decode what arrived."""
        try:
            read = next(self._reads, None)
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise self._read_error(exc) from exc
        if read is None:
            self._body_ended()
        else:
            self._pending = iter(self._decoder.feed(read))

    def _drain(self) -> None:
        """Read what follows ``[DONE]`` (normally only the end of the chunked body) so the connection is reused."""
        with contextlib.suppress(httpx.HTTPError):
            for _ in zip(range(_DRAIN_READS), self._reads, strict=False):
                pass

    def final(self) -> ChatResult:
        """Read the rest of the stream; the accumulated ``ChatResult``, shaped as ``chat()``'s (see the module doc)."""
        for _ in self:
            pass
        return self._final()

    def close(self) -> None:
        """Close the response (idempotent); iteration then stops."""
        if not self._closed:
            self._closed = True
            self._ended()
            self._opener.__exit__(None, None, None)

    def __enter__(self) -> ChatStream:
        """Use as a context manager to close the response on early exit."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close the response."""
        self.close()

    def __del__(self) -> None:
        """An abandoned stream (``break`` out of a bare ``for``) closes its response."""
        if not getattr(self, "_closed", True):
            with contextlib.suppress(Exception):  # at interpreter exit the pool may be gone already
                self.close()


class AsyncChatStream(_StreamCore):
    """An async streamed chat completion: ``async with`` it, ``async for`` events, ``await final()``."""

    _opener: AbstractAsyncContextManager[httpx.Response]

    def __init__(self, client: AsyncClient, request: Post, *, on_complete: OnComplete | None = None) -> None:
        super().__init__(client, request, on_complete)
        self._opening = False
        self._managed = False  # inside `async with`: the block closes the response
        self._iterator: AsyncGenerator[ChatStreamEvent, None] | None = None
        self._reads: AsyncIterator[bytes] | None = None

    async def _open(self) -> None:
        if self._opening:
            return
        self._opening = True  # once: a stream that failed to open stays closed
        response = await self._opener.__aenter__()
        self._reads = response.aiter_bytes()
        if not self._opened(response):
            try:  # the whole body: the reads are left at its end
                self._not_a_stream(b"".join([read async for read in self._reads]))
            except BaseException:
                await self.aclose()
                raise

    def __aiter__(self) -> AsyncIterator[ChatStreamEvent]:
        """The events; a bare ``async for`` left early closes the response (in ``async with``, the block does)."""
        return self._events()

    async def __anext__(self) -> ChatStreamEvent:
        """The next chunk (``anext(stream)``); raises a typed error for an error event, a cut stream or a stall."""
        if self._iterator is None:
            self._iterator = self._events()
        return await self._iterator.__anext__()

    async def _events(self) -> AsyncGenerator[ChatStreamEvent, None]:
        # An async generator, so that the event loop's asyncgen hooks finalise it when a bare `async for` drops it
        # early: its `except GeneratorExit` then closes the response, as the sync stream's __del__ does. The loop is
        # the sync one with an await: a generator both could drive would cost ~0.5 µs more per event (issue 12).
        await self._open()
        try:
            while True:
                for received in self._pending:  # the events the last read completed, from where the last loop left
                    if self._closed:  # by the caller, between two events
                        break
                    event = self._event(received)
                    if event is None:  # [DONE]
                        break
                    yield event
                if self._closed or self._done:  # done: [DONE], or the body ended after every finish_reason
                    break
                await self._read_more()
        except GeneratorExit:
            if not self._managed:  # left early outside `async with`: nobody else will close it
                await self.aclose()
            raise
        except BaseException as exc:  # an error event, a decoding error, a cancelled read: close now, not at GC
            self._ended(exc)
            await self.aclose()
            raise
        if not self._closed:
            try:
                self._completed()
            finally:
                await self._drain()
                await self.aclose()

    async def _read_more(self) -> None:
        """Read the body once more and decode what arrived."""
        assert self._reads is not None
        try:
            read = await anext(self._reads, None)
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise self._read_error(exc) from exc
        if read is None:
            self._body_ended()
        else:
            self._pending = iter(self._decoder.feed(read))

    async def _drain(self) -> None:
        """Read what follows ``[DONE]`` (normally only the end of the chunked body) so the connection is reused."""
        assert self._reads is not None
        with contextlib.suppress(httpx.HTTPError):
            for _ in range(_DRAIN_READS):
                if await anext(self._reads, None) is None:
                    break

    async def final(self) -> ChatResult:
        """Read the rest of the stream; the accumulated ``ChatResult``, shaped as ``chat()``'s (see the module doc)."""
        async for _ in self:
            pass
        return self._final()

    async def aclose(self) -> None:
        """Close the response (idempotent); iteration then stops."""
        if not self._closed:
            self._closed = True
            self._ended()
            await self._opener.__aexit__(None, None, None)

    async def __aenter__(self) -> AsyncChatStream:
        """Open the stream; the response is closed when the block exits."""
        self._managed = True
        await self._open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        """Close the response."""
        await self.aclose()

    def __await__(self) -> Generator[Any, None, AsyncChatStream]:
        """``stream = await client.chat_stream(...)`` opens it (non-2xx errors raise here)."""

        async def opened() -> AsyncChatStream:
            await self._open()
            return self

        return opened().__await__()
