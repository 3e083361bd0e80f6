"""The operations other than chat, each written once as a flow (``_flow``) that both clients run.

A flow takes the call's keyword arguments as one mapping: ``deployment``, ``api_version`` and ``timeout`` go to
the request, the wrapper's own keywords (``batch_size``, ``on_progress``, ``filename``...) to the flow, and every
other keyword is a field of the request, sent as given (so fields a newer api-version adds need no change here).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .._errors import AzureOpenAIError, ConfigurationError, read_json_object
from .._flow import Flow, Gather, Post
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
    audio_form,
    audio_result,
    completions_body,
    embedding_batches,
    embedding_inputs,
    embeddings_body,
    embeddings_response,
    images_body,
)

#: The keywords of every operation that shape the request rather than fill its body.
_REQUEST_OPTIONS = ("deployment", "api_version", "timeout")


def _split(operation: str, first: str, params: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The request options and the body fields of a call; the field its first argument fills may not come again."""
    if first in params:
        raise ConfigurationError(f"{operation}() takes the {first} as its first argument; leave out {first}=")
    fields = dict(params)
    return {name: fields.pop(name) for name in _REQUEST_OPTIONS if name in fields}, fields


def embed(texts: str | Iterable[str], params: Mapping[str, Any]) -> Flow[EmbeddingsResult]:
    """Vectors in input order, in requests of at most ``batch_size`` texts, ``max_concurrency`` at once (async).

    The first failed request stops the others; its typed error carries the vectors received so far in
    ``.partial`` (``PartialEmbeddings``), so a caller resumes with what is missing.
    """
    options, fields = _split("embed", "input", params)
    batch_size = fields.pop("batch_size", EMBEDDINGS_BATCH_LIMIT)
    max_concurrency = fields.pop("max_concurrency", 4)
    on_progress = fields.pop("on_progress", None)
    if isinstance(max_concurrency, bool) or not isinstance(max_concurrency, int) or max_concurrency < 1:
        raise ValueError(f"max_concurrency must be a positive int, not {max_concurrency!r}")
    inputs = embedding_inputs(texts)
    batches = embedding_batches(len(inputs), batch_size)
    vectors: list[list[float] | None] = [None] * len(inputs)
    responses: list[EmbeddingsResponse | None] = [None] * len(batches)
    done = 0

    def batch(number: int, start: int, stop: int) -> Flow[None]:
        nonlocal done
        response = yield Post("embeddings", embeddings_body(inputs[start:stop], fields), **options)
        responses[number], vectors[start:stop] = embeddings_response(response, stop - start)
        done += stop - start
        if on_progress is not None:
            on_progress(done, len(inputs))

    try:
        yield Gather([batch(n, *b) for n, b in enumerate(batches)], limit=max_concurrency, stop_on_error=True)
    except AzureOpenAIError as exc:
        exc.partial = partial_embeddings(vectors, responses)  # type: ignore[attr-defined]  # not every class declares it
        raise
    return EmbeddingsResult(vectors, responses)  # type: ignore[arg-type]  # every slot is filled now


def complete(prompt: str | list[str], params: Mapping[str, Any]) -> Flow[CompletionResult]:
    """A text completion of ``prompt``."""
    options, fields = _split("complete", "prompt", params)
    response = yield Post("completions", completions_body(prompt, fields), **options)
    return CompletionResult(read_json_object("completions", response), response)


def generate_image(prompt: str, params: Mapping[str, Any]) -> Flow[ImagesResult]:
    """Images generated from ``prompt``."""
    options, fields = _split("generate_image", "prompt", params)
    response = yield Post("images/generations", images_body(prompt, fields), **options)
    return ImagesResult(read_json_object("images", response), response)


def audio(operation: str, file: AudioFile, params: Mapping[str, Any]) -> Flow[AudioResult]:
    """``transcribe`` or ``translate`` ``file`` (a path, bytes or a binary file; ``filename`` names it)."""
    options, fields = _split(operation, "file", params)
    files, data = audio_form(file, fields.pop("filename", None), operation, fields)
    path = "audio/transcriptions" if operation == "transcribe" else "audio/translations"
    response = yield Post(path, files=files, data=data, **options)
    return audio_result(operation, response, fields.get("response_format"))
