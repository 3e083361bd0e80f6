"""Operations mixed into the clients: embeddings, completions, images, audio."""

from __future__ import annotations

from ._base import AsyncTransport, SyncTransport


class SyncOperations(SyncTransport):
    """Embeddings, completions, images and audio for the synchronous client."""


class AsyncOperations(AsyncTransport):
    """Embeddings, completions, images and audio for the asynchronous client."""
