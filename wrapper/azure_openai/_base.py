"""What the operation mixins may use of the client they are mixed into, typed for mypy.

``AzureOpenAI`` / ``AsyncAzureOpenAI`` implement these once (URL, auth, retries, timeouts, typed errors); the chat
helpers and the other operations are mixins that only run flows (``_run``) or open streams (``_stream_json``), so
every operation gets the same policy and none re-implements it.

The members are declared under ``TYPE_CHECKING`` only: a mixin inherits these protocols, and at run time nothing
here may stand before the client's own ``config`` or ``deployment`` in the method resolution order.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import httpx

from ._flow import Flow, RequestOptions, TimeoutArg

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ._config import ClientConfig

__all__ = ["AsyncClient", "AsyncTransport", "SyncClient", "SyncTransport", "TimeoutArg"]

T = TypeVar("T")


class _Settings(Protocol):
    if TYPE_CHECKING:

        @property
        def config(self) -> ClientConfig:
            """The client's resolved settings."""

        @property
        def deployment(self) -> str | None:
            """The client's default deployment."""


class SyncClient(_Settings, Protocol):
    """What a synchronous mixin may use: run a flow to its result, open a stream."""

    if TYPE_CHECKING:

        def _run(self, flow: Flow[T]) -> T:
            """Run ``flow``, sending its requests through the client's policy; its result."""

        def _stream_json(
            self, operation: str, body: Mapping[str, Any], **options: Unpack[RequestOptions]
        ) -> AbstractContextManager[httpx.Response]:
            """POST and hand over the unread 2xx response for streaming; a non-2xx status raises a typed error."""


class AsyncClient(_Settings, Protocol):
    """What an asynchronous mixin may use: run a flow to its result (awaited), open a stream."""

    if TYPE_CHECKING:

        async def _run(self, flow: Flow[T]) -> T:
            """Run ``flow``, sending its requests through the client's policy (steps of a Gather concurrently)."""

        def _stream_json(
            self, operation: str, body: Mapping[str, Any], **options: Unpack[RequestOptions]
        ) -> AbstractAsyncContextManager[httpx.Response]:
            """POST and hand over the unread 2xx response for streaming; a non-2xx status raises a typed error."""


# The names the chat helpers still use (they move to SyncClient / AsyncClient with their rewrite).
SyncTransport = SyncClient
AsyncTransport = AsyncClient
