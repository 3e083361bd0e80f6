"""Sans-I/O flows: each operation is written once, as a generator of steps, and run by a sync and an async driver.

A step that fails is thrown back into the flow at its ``yield``, so a flow handles errors with ``try``/``except``.
``SyncClient`` / ``AsyncClient`` type what the operation mixins may use of the client that runs them. See docs/flows.md.
"""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Callable, Generator, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from inspect import isawaitable
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypedDict, TypeVar, cast

import httpx

T = TypeVar("T")

#: A timeout as accepted per call: seconds, an ``httpx.Timeout``, or ``None`` for the client's default.
TimeoutArg = float | httpx.Timeout | None


def wire_value(value: Any) -> Any:
    """A request field as the service reads it: a generated model (the typed keywords accept one) as its
    ``to_dict()``, an enum member as its value, a list or tuple item by item; anything else as given."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [wire_value(item) for item in value]
    return value.value if isinstance(value, enum.Enum) else value


class RequestOptions(TypedDict, total=False):
    """The keywords of every operation that shape its request: each overrides the client's setting for one call."""

    deployment: str | None
    api_version: str | None
    timeout: TimeoutArg


# Named tuples and a plain class, not dataclasses: a dataclass costs ~1.5 ms of import each (and the module ~1 ms
# more), and a frozen one's __init__ three times a named tuple's, on every request.
class Post(NamedTuple):
    """POST to an operation's generated path; the outcome is the read 2xx ``httpx.Response``, else a typed error.

    ``operation`` names the generated operation (module name, or its path below the deployment, see ``_adapter``).
    ``body`` is sent as JSON; ``files`` with ``data`` as a multipart form.
    """

    operation: str
    body: Mapping[str, Any] | None = None
    files: Mapping[str, tuple[str, bytes, str]] | None = None  # name -> (filename, content, type)
    data: Mapping[str, str | list[str]] | None = None  # a list: one field per item
    deployment: str | None = None
    api_version: str | None = None
    timeout: TimeoutArg = None


class Call(NamedTuple):
    """Call a user function (a tool); the async driver awaits what it returns when that is awaitable."""

    function: Callable[..., Any]
    args: tuple[Any, ...] = ()


class Gather:
    """Perform several steps or sub-flows; the outcome is a list, in order, of each one's result or its Exception.

    Async drivers run at most ``limit`` at once; ``stop_on_error`` raises the first Exception and performs (async:
    cancels) nothing more, so a flow keeps what its sub-flows stored before.
    """

    __slots__ = ("limit", "steps", "stop_on_error")

    def __init__(
        self, steps: Sequence[Step | Flow[Any]], limit: int | None = None, stop_on_error: bool = False
    ) -> None:
        if limit is not None and limit < 1:
            raise ValueError(f"Gather: limit must be a positive int or None, not {limit!r}")
        self.steps, self.limit, self.stop_on_error = steps, limit, stop_on_error


Step = Post | Call | Gather

#: A flow: yields steps, receives their outcomes, returns the operation's result.
Flow = Generator[Step, Any, T]

#: How a client sends a ``Post``: blocking, or as an awaitable.
SyncPost = Callable[[Post], httpx.Response]
AsyncPost = Callable[[Post], Awaitable[httpx.Response]]


class _Done(NamedTuple):
    value: Any


# The members are declared under TYPE_CHECKING only, so that at run time nothing here stands before the client's
# own members in the method resolution order of a mixin.
class _Settings(Protocol):
    if TYPE_CHECKING:

        @property
        def deployment(self) -> str | None:
            """The client's default deployment."""


class SyncClient(_Settings, Protocol):
    """What a synchronous mixin may use: run a flow to its result, open a stream."""

    if TYPE_CHECKING:

        def _run(self, flow: Flow[T]) -> T:
            """Run ``flow``, sending its requests through the client's policy; its result."""

        def _stream(self, post: Post) -> AbstractContextManager[httpx.Response]:
            """POST and hand over the unread 2xx response for streaming; a non-2xx status raises a typed error."""


class AsyncClient(_Settings, Protocol):
    """What an asynchronous mixin may use: run a flow to its result (awaited), open a stream."""

    if TYPE_CHECKING:

        async def _run(self, flow: Flow[T]) -> T:
            """Run ``flow``, sending its requests through the client's policy (steps of a Gather concurrently)."""

        def _stream(self, post: Post) -> AbstractAsyncContextManager[httpx.Response]:
            """POST and hand over the unread 2xx response for streaming; a non-2xx status raises a typed error."""


def _resume(flow: Flow[Any], outcome: Any, error: BaseException | None) -> Step | _Done:
    """Send the last step's outcome (or throw its error) into the flow; its next step, or ``_Done`` at its end."""
    try:
        return flow.send(outcome) if error is None else flow.throw(error)
    except StopIteration as stop:
        return _Done(stop.value)


def run_sync(flow: Flow[T], post: SyncPost) -> T:
    """Run ``flow`` to its result, performing each step in turn; ``post`` sends the requests."""
    outcome: Any = None
    error: BaseException | None = None
    while not isinstance(step := _resume(flow, outcome, error), _Done):
        try:
            outcome, error = _perform_sync(step, post), None
        except BaseException as exc:  # thrown into the flow, which re-raises what it does not handle
            outcome, error = None, exc
    return cast(T, step.value)


def _perform_sync(step: Step | Flow[Any], post: SyncPost) -> Any:
    if isinstance(step, Post):
        return post(step)
    if isinstance(step, Call):
        return step.function(*step.args)
    if isinstance(step, Gather):
        outcomes: list[Any] = []
        for each in step.steps:
            try:
                outcomes.append(_perform_sync(each, post))
            except Exception as exc:
                if step.stop_on_error:
                    raise
                outcomes.append(exc)
        return outcomes
    return run_sync(step, post)


async def run_async(flow: Flow[T], post: AsyncPost) -> T:
    """Run ``flow`` to its result, awaiting each step (a ``Gather`` concurrently); ``post`` sends the requests."""
    outcome: Any = None
    error: BaseException | None = None
    while not isinstance(step := _resume(flow, outcome, error), _Done):
        try:
            outcome, error = await _perform_async(step, post), None
        except BaseException as exc:
            outcome, error = None, exc
    return cast(T, step.value)


async def _perform_async(step: Step | Flow[Any], post: AsyncPost) -> Any:
    if isinstance(step, Post):
        return await post(step)
    if isinstance(step, Call):
        result = step.function(*step.args)
        return await result if isawaitable(result) else result
    if isinstance(step, Gather):
        return await _gather(step, post)
    return await run_async(step, post)


async def _gather(gather: Gather, post: AsyncPost) -> list[Any]:
    """Perform the steps with at most ``limit`` workers; on an error that stops it, or a cancellation, the workers
    are cancelled and awaited before it propagates, so nothing keeps running behind the caller's back."""
    import asyncio  # here, not at the top: it costs ~10 ms of `import azure_openai` (asyncio loads subprocess)

    outcomes: list[Any] = [None] * len(gather.steps)
    pending = iter(enumerate(gather.steps))

    async def worker() -> None:
        for index, step in pending:  # one shared iterator: each step is taken once
            try:
                outcomes[index] = await _perform_async(step, post)
            except Exception as exc:
                if gather.stop_on_error:
                    raise
                outcomes[index] = exc

    count = len(gather.steps) if gather.limit is None else min(gather.limit, len(gather.steps))
    workers = [asyncio.ensure_future(worker()) for _ in range(count)]
    try:
        await asyncio.gather(*workers)
    except BaseException:
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
        raise
    return outcomes
