"""Sans-I/O flows: each operation is written once, as a generator, and run by a sync and an async driver.

A flow is a generator that yields *steps* (what it needs done: send a request, call a user function, do several
of those) and receives each step's outcome; what it returns is the operation's result. The logic of an operation
(building the body, batching, the tool loop, keeping partial results) lives in the flow; the clients only perform
steps: ``AzureOpenAI`` blocking, ``AsyncAzureOpenAI`` awaiting (and running a ``Gather`` concurrently).

A step that fails is thrown back into the flow at its ``yield``, so a flow handles errors with ``try``/``except``
as plain code would.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Generator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import httpx

__all__ = ["Call", "Flow", "Gather", "Post", "Step", "TimeoutArg", "run_async", "run_sync"]

T = TypeVar("T")

#: A timeout as accepted per call: seconds, an ``httpx.Timeout``, or ``None`` for the client's default.
TimeoutArg = float | httpx.Timeout | None


@dataclass(frozen=True)
class Post:
    """POST to an operation's generated path; the outcome is the read 2xx ``httpx.Response``, else a typed error.

    ``operation`` names the generated operation (module name, or its path below the deployment, see ``_adapter``).
    ``body`` is sent as JSON; ``files`` (name -> (filename, content, content type)) with ``data`` as a multipart form.
    """

    operation: str
    body: Mapping[str, Any] | None = None
    files: Mapping[str, tuple[str, bytes, str]] | None = None
    data: Mapping[str, str] | None = None
    deployment: str | None = None
    api_version: str | None = None
    timeout: TimeoutArg = None


@dataclass(frozen=True)
class Call:
    """Call a user function (a tool); the async driver awaits what it returns when that is awaitable."""

    function: Callable[..., Any]
    args: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Gather:
    """Perform several steps; the outcome is a list, per step in order, of its result or the ``Exception`` it raised.

    The sync driver performs them one after another; the async driver at most ``limit`` at once (all when ``None``).
    """

    steps: Sequence[Step]
    limit: int | None = None


Step = Post | Call | Gather

#: A flow: yields steps, receives their outcomes, returns the operation's result.
Flow = Generator[Step, Any, T]


@dataclass(frozen=True)
class _Done:
    value: Any


def _resume(flow: Flow[Any], outcome: Any, error: BaseException | None) -> Step | _Done:
    """Send the last step's outcome (or throw its error) into the flow; its next step, or ``_Done`` at its end."""
    try:
        return flow.send(outcome) if error is None else flow.throw(error)
    except StopIteration as stop:
        return _Done(stop.value)


def run_sync(flow: Flow[T], perform: Callable[[Step], Any]) -> T:
    """Run ``flow`` to its result, performing each step with the blocking ``perform``."""
    outcome: Any = None
    error: BaseException | None = None
    while not isinstance(step := _resume(flow, outcome, error), _Done):
        try:
            outcome, error = perform(step), None
        except BaseException as exc:  # thrown into the flow, which re-raises what it does not handle
            outcome, error = None, exc
    return cast(T, step.value)


async def run_async(flow: Flow[T], perform: Callable[[Step], Awaitable[Any]]) -> T:
    """Run ``flow`` to its result, performing each step with the awaiting ``perform``."""
    outcome: Any = None
    error: BaseException | None = None
    while not isinstance(step := _resume(flow, outcome, error), _Done):
        try:
            outcome, error = await perform(step), None
        except BaseException as exc:
            outcome, error = None, exc
    return cast(T, step.value)
