"""Operations mixed into the clients: embeddings, completions, images, audio.

The mixins only do I/O, through the transport methods of ``_base`` (so URL, auth, retries, timeouts and typed
errors are the client's, exactly as for ``chat()``); what they send and how they read the answer is shared in
``_operation_requests``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._base import AsyncTransport, SyncTransport, TimeoutArg
from .._errors import AzureOpenAIError, read_json_object
from .._results.operations import (
    AudioResult,
    CompletionResult,
    EmbeddingsResponse,
    EmbeddingsResult,
    ImagesResult,
    partial_embeddings,
)
from .requests import (
    EMBEDDINGS_BATCH_LIMIT,
    AudioFile,
    ProgressCallback,
    audio_form,
    audio_result,
    completions_body,
    embedding_batches,
    embedding_inputs,
    embeddings_body,
    embeddings_response,
    images_body,
)


class SyncOperations(SyncTransport):
    """Embeddings, completions, images and audio for the synchronous client."""

    def embed(
        self,
        texts: str | Iterable[str],
        *,
        deployment: str | None = None,
        batch_size: int = EMBEDDINGS_BATCH_LIMIT,
        user: str | None = None,
        on_progress: ProgressCallback | None = None,
        api_version: str | None = None,
        timeout: TimeoutArg = None,
        **params: Any,
    ) -> EmbeddingsResult:
        """Embed texts: vectors in input order, sent in requests of at most ``batch_size`` texts.

        When a request fails, its typed error carries the vectors already received in ``.partial``
        (``PartialEmbeddings``: vectors by input index, and the ``missing`` ones to resume with).
        """
        inputs = embedding_inputs(texts)
        batches = embedding_batches(len(inputs), batch_size)
        extra = {"user": user, **params}
        vectors: list[list[float] | None] = [None] * len(inputs)
        responses: list[EmbeddingsResponse] = []
        try:
            for start, stop in batches:
                response = self._post_json(
                    "embeddings",
                    embeddings_body(inputs[start:stop], extra),
                    deployment=deployment,
                    api_version=api_version,
                    timeout=timeout,
                )
                result, batch_vectors = embeddings_response(response, stop - start)
                vectors[start:stop] = batch_vectors
                responses.append(result)
                if on_progress is not None:
                    on_progress(stop, len(inputs))
        except AzureOpenAIError as exc:
            exc.partial = partial_embeddings(vectors, responses)  # type: ignore[attr-defined]  # not every class declares it
            raise
        return EmbeddingsResult(vectors, responses)  # type: ignore[arg-type]  # every slot is filled now

    def complete(
        self,
        prompt: str | list[str],
        *,
        deployment: str | None = None,
        max_tokens: int | None = None,
        temperature: float | None = None,
        api_version: str | None = None,
        timeout: TimeoutArg = None,
        **params: Any,
    ) -> CompletionResult:
        """A text completion of ``prompt``; other request fields (``stop``, ``n``, ``logprobs``...) as keywords."""
        body = completions_body(prompt, {"max_tokens": max_tokens, "temperature": temperature, **params})
        response = self._post_json("completions", body, deployment=deployment, api_version=api_version, timeout=timeout)
        return CompletionResult(read_json_object("completions", response), response)

    def generate_image(
        self,
        prompt: str,
        *,
        deployment: str | None = None,
        n: int | None = None,
        size: str | None = None,
        quality: str | None = None,
        style: str | None = None,
        response_format: str | None = None,
        api_version: str | None = None,
        timeout: TimeoutArg = None,
        **params: Any,
    ) -> ImagesResult:
        """Generate images from ``prompt`` (DALL-E); ``response_format="b64_json"`` returns the data inline."""
        body = images_body(
            prompt,
            {"n": n, "size": size, "quality": quality, "style": style, "response_format": response_format, **params},
        )
        response = self._post_json(
            "images/generations", body, deployment=deployment, api_version=api_version, timeout=timeout
        )
        return ImagesResult(read_json_object("images", response), response)

    def transcribe(
        self,
        file: AudioFile,
        *,
        deployment: str | None = None,
        response_format: str | None = None,
        language: str | None = None,
        prompt: str | None = None,
        temperature: float | None = None,
        filename: str | None = None,
        api_version: str | None = None,
        timeout: TimeoutArg = None,
        **params: Any,
    ) -> AudioResult:
        """Transcribe audio (path, bytes or binary file); ``response_format``: json, verbose_json, text, srt, vtt."""
        files, data = audio_form(
            file,
            filename,
            "transcribe",
            {
                "response_format": response_format,
                "language": language,
                "prompt": prompt,
                "temperature": temperature,
                **params,
            },
        )
        response = self._post_multipart(
            "audio/transcriptions", files, data, deployment=deployment, api_version=api_version, timeout=timeout
        )
        return audio_result("transcribe", response, response_format)

    def translate(
        self,
        file: AudioFile,
        *,
        deployment: str | None = None,
        response_format: str | None = None,
        prompt: str | None = None,
        temperature: float | None = None,
        filename: str | None = None,
        api_version: str | None = None,
        timeout: TimeoutArg = None,
        **params: Any,
    ) -> AudioResult:
        """Translate audio into English text, in any ``response_format`` (as ``transcribe``)."""
        files, data = audio_form(
            file,
            filename,
            "translate",
            {"response_format": response_format, "prompt": prompt, "temperature": temperature, **params},
        )
        response = self._post_multipart(
            "audio/translations", files, data, deployment=deployment, api_version=api_version, timeout=timeout
        )
        return audio_result("translate", response, response_format)


class AsyncOperations(AsyncTransport):
    """Embeddings, completions, images and audio for the asynchronous client."""

    async def embed(
        self,
        texts: str | Iterable[str],
        *,
        deployment: str | None = None,
        batch_size: int = EMBEDDINGS_BATCH_LIMIT,
        max_concurrency: int = 4,
        user: str | None = None,
        on_progress: ProgressCallback | None = None,
        api_version: str | None = None,
        timeout: TimeoutArg = None,
        **params: Any,
    ) -> EmbeddingsResult:
        """Embed texts: vectors in input order; at most ``max_concurrency`` requests of ``batch_size`` in flight.

        When a request fails, the others are cancelled and the typed error carries the vectors already received
        in ``.partial`` (``PartialEmbeddings``: vectors by input index, and the ``missing`` ones to resume with).
        """
        if isinstance(max_concurrency, bool) or not isinstance(max_concurrency, int) or max_concurrency < 1:
            raise ValueError(f"max_concurrency must be a positive int, not {max_concurrency!r}")
        inputs = embedding_inputs(texts)
        batches = embedding_batches(len(inputs), batch_size)
        extra = {"user": user, **params}
        vectors: list[list[float] | None] = [None] * len(inputs)
        responses: list[EmbeddingsResponse | None] = [None] * len(batches)
        pending = iter(enumerate(batches))
        done = 0

        async def worker() -> None:
            nonlocal done
            for number, (start, stop) in pending:  # one shared iterator: each batch is taken once
                response = await self._post_json(
                    "embeddings",
                    embeddings_body(inputs[start:stop], extra),
                    deployment=deployment,
                    api_version=api_version,
                    timeout=timeout,
                )
                responses[number], vectors[start:stop] = embeddings_response(response, stop - start)
                done += stop - start
                if on_progress is not None:
                    on_progress(done, len(inputs))

        import asyncio  # here, not at the top: it costs ~10 ms of `import azure_openai` (asyncio loads subprocess)

        workers = [asyncio.ensure_future(worker()) for _ in range(min(max_concurrency, len(batches)))]
        try:
            await asyncio.gather(*workers)
        except BaseException as exc:
            for task in workers:
                task.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
            if isinstance(exc, AzureOpenAIError):
                exc.partial = partial_embeddings(vectors, responses)  # type: ignore[attr-defined]
            raise
        return EmbeddingsResult(vectors, [r for r in responses if r is not None])  # type: ignore[arg-type]

    async def complete(
        self,
        prompt: str | list[str],
        *,
        deployment: str | None = None,
        max_tokens: int | None = None,
        temperature: float | None = None,
        api_version: str | None = None,
        timeout: TimeoutArg = None,
        **params: Any,
    ) -> CompletionResult:
        """A text completion of ``prompt``; other request fields (``stop``, ``n``, ``logprobs``...) as keywords."""
        body = completions_body(prompt, {"max_tokens": max_tokens, "temperature": temperature, **params})
        response = await self._post_json(
            "completions", body, deployment=deployment, api_version=api_version, timeout=timeout
        )
        return CompletionResult(read_json_object("completions", response), response)

    async def generate_image(
        self,
        prompt: str,
        *,
        deployment: str | None = None,
        n: int | None = None,
        size: str | None = None,
        quality: str | None = None,
        style: str | None = None,
        response_format: str | None = None,
        api_version: str | None = None,
        timeout: TimeoutArg = None,
        **params: Any,
    ) -> ImagesResult:
        """Generate images from ``prompt`` (DALL-E); ``response_format="b64_json"`` returns the data inline."""
        body = images_body(
            prompt,
            {"n": n, "size": size, "quality": quality, "style": style, "response_format": response_format, **params},
        )
        response = await self._post_json(
            "images/generations", body, deployment=deployment, api_version=api_version, timeout=timeout
        )
        return ImagesResult(read_json_object("images", response), response)

    async def transcribe(
        self,
        file: AudioFile,
        *,
        deployment: str | None = None,
        response_format: str | None = None,
        language: str | None = None,
        prompt: str | None = None,
        temperature: float | None = None,
        filename: str | None = None,
        api_version: str | None = None,
        timeout: TimeoutArg = None,
        **params: Any,
    ) -> AudioResult:
        """Transcribe audio (path, bytes or binary file); ``response_format``: json, verbose_json, text, srt, vtt."""
        files, data = audio_form(
            file,
            filename,
            "transcribe",
            {
                "response_format": response_format,
                "language": language,
                "prompt": prompt,
                "temperature": temperature,
                **params,
            },
        )
        response = await self._post_multipart(
            "audio/transcriptions", files, data, deployment=deployment, api_version=api_version, timeout=timeout
        )
        return audio_result("transcribe", response, response_format)

    async def translate(
        self,
        file: AudioFile,
        *,
        deployment: str | None = None,
        response_format: str | None = None,
        prompt: str | None = None,
        temperature: float | None = None,
        filename: str | None = None,
        api_version: str | None = None,
        timeout: TimeoutArg = None,
        **params: Any,
    ) -> AudioResult:
        """Translate audio into English text, in any ``response_format`` (as ``transcribe``)."""
        files, data = audio_form(
            file,
            filename,
            "translate",
            {"response_format": response_format, "prompt": prompt, "temperature": temperature, **params},
        )
        response = await self._post_multipart(
            "audio/translations", files, data, deployment=deployment, api_version=api_version, timeout=timeout
        )
        return audio_result("translate", response, response_format)
