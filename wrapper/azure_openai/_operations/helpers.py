"""Operations mixed into the clients: embeddings, completions, images, audio, each running its flow (``flows``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .._flow import AsyncClient, SyncClient
from . import flows

if TYPE_CHECKING:
    from azure_openai_rest import api  # operations by id, not by tag package: typed in any layout
    from typing_extensions import Unpack

    from .._flow import RequestOptions
    from .._results.operations import AudioResult, CompletionResult, EmbeddingsResult, ImagesResult
    from .audio import AudioFile
    from .flows import ProgressCallback

    # Each operation's keywords: the request options, the wrapper's own and the generated request's fields, so
    # regenerating for a new api-version types its new fields. A first argument that is such a field (prompt,
    # file) is positional-only and optional, so that by keyword it arrives here, typed, and means the same.

    class EmbedParams(RequestOptions, api.embeddings_create.RequestParams, total=False):
        """``embed``: ``batch_size`` texts per request (default 2048), ``on_progress(done, total)`` after each."""

        batch_size: int
        on_progress: ProgressCallback | None

    class AsyncEmbedParams(EmbedParams, total=False):
        """``AsyncAzureOpenAI.embed``: also how many requests may be in flight (default 4)."""

        max_concurrency: int

    class CompleteParams(RequestOptions, api.completions_create.RequestParams, total=False):
        """``complete``: the request's fields."""

    class ImageParams(RequestOptions, api.image_generations_create.RequestParams, total=False):
        """``generate_image``: the request's fields."""

    class TranscribeParams(RequestOptions, api.transcriptions_create.RequestParams, total=False):
        """``transcribe``: the file name to send (else taken from the file or its content), the form's fields."""

        filename: str | None
        file: AudioFile  # type: ignore[misc]  # a path too, not only the generated field's bytes or file

    class TranslateParams(RequestOptions, api.translations_create.RequestParams, total=False):
        """``translate``: the file name to send (else taken from the file or its content), the form's fields."""

        filename: str | None
        file: AudioFile  # type: ignore[misc]  # as TranscribeParams


class SyncOperations(SyncClient):
    """Embeddings, completions, images and audio for the synchronous client."""

    def embed(self, texts: str | Iterable[str], **params: Unpack[EmbedParams]) -> EmbeddingsResult:
        """Embed texts: vectors in input order, sent in requests of at most ``batch_size`` texts (default 2048).

        When a request fails, its typed error carries the vectors already received in ``.partial``
        (``PartialEmbeddings``: vectors by input index, and the ``missing`` ones to resume with).
        """
        return self._run(flows.embed(texts, params))

    def complete(self, prompt: str | list[str] | None = None, /, **params: Unpack[CompleteParams]) -> CompletionResult:
        """A text completion of ``prompt``; other request fields (``stop``, ``n``, ``logprobs``...) as keywords."""
        return self._run(flows.complete(prompt, params))

    def generate_image(self, prompt: str | None = None, /, **params: Unpack[ImageParams]) -> ImagesResult:
        """Generate images from ``prompt`` (DALL-E); ``response_format="b64_json"`` returns the data inline."""
        return self._run(flows.generate_image(prompt, params))

    def transcribe(self, file: AudioFile | None = None, /, **params: Unpack[TranscribeParams]) -> AudioResult:
        """Transcribe audio (path, bytes or binary file); ``response_format``: json, verbose_json, text, srt, vtt."""
        return self._run(flows.audio("transcribe", file, params))

    def translate(self, file: AudioFile | None = None, /, **params: Unpack[TranslateParams]) -> AudioResult:
        """Translate audio into English text, in any ``response_format`` (as ``transcribe``)."""
        return self._run(flows.audio("translate", file, params))


class AsyncOperations(AsyncClient):
    """Embeddings, completions, images and audio for the asynchronous client: the methods of ``SyncOperations``."""

    async def embed(self, texts: str | Iterable[str], **params: Unpack[AsyncEmbedParams]) -> EmbeddingsResult:
        """``embed``, with at most ``max_concurrency`` requests (default 4) in flight; a failure cancels the rest."""
        return await self._run(flows.embed(texts, params))

    async def complete(
        self, prompt: str | list[str] | None = None, /, **params: Unpack[CompleteParams]
    ) -> CompletionResult:
        """``complete``, awaited."""
        return await self._run(flows.complete(prompt, params))

    async def generate_image(self, prompt: str | None = None, /, **params: Unpack[ImageParams]) -> ImagesResult:
        """``generate_image``, awaited."""
        return await self._run(flows.generate_image(prompt, params))

    async def transcribe(self, file: AudioFile | None = None, /, **params: Unpack[TranscribeParams]) -> AudioResult:
        """``transcribe``, awaited."""
        return await self._run(flows.audio("transcribe", file, params))

    async def translate(self, file: AudioFile | None = None, /, **params: Unpack[TranslateParams]) -> AudioResult:
        """``translate``, awaited."""
        return await self._run(flows.audio("translate", file, params))
