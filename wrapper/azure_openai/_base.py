"""What the operation mixins may use of the client they are mixed into (``_run``, ``_stream``), for mypy.

The members are declared under ``TYPE_CHECKING`` only, so at run time nothing here stands before the client's
own members in the method resolution order.
"""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager, AbstractContextManager
from typing import TYPE_CHECKING, Protocol, TypeVar

import httpx

from ._flow import Flow, Post

__all__ = ["AsyncClient", "SyncClient"]

T = TypeVar("T")


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
