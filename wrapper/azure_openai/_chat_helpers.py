"""Chat helpers mixed into the clients: streaming, conversations, tools, JSON mode."""

from __future__ import annotations

from ._base import AsyncTransport, SyncTransport


class SyncChatHelpers(SyncTransport):
    """Chat helpers for the synchronous client."""


class AsyncChatHelpers(AsyncTransport):
    """Chat helpers for the asynchronous client."""
