"""The operations other than chat, each written once as a flow (``_flow``) that both clients run.

A flow takes the call's keywords as one mapping: the request options go to the ``Post``, the wrapper's own
(``batch_size``, ``on_progress``, ``filename``...) to the flow, and every other keyword not ``None`` into the
request as given, so fields a newer api-version adds need no change here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import httpx

from .._errors import (
    AzureOpenAIError,
    ConfigurationError,
    InvalidArgumentError,
    ResponseValidationError,
    read_json_object,
)
from .._flow import Flow, Gather, Post, wire_value
from .._results.operations import (
    AudioResult,
    CompletionResult,
    EmbeddingsResponse,
    EmbeddingsResult,
    ImagesResult,
    PartialEmbeddings,
    vectors_in_order,
)
from .audio import AudioFile, audio_form, audio_result

#: Called after each embeddings request with (texts embedded so far, total texts).
ProgressCallback = Callable[[int, int], None]

#: The most inputs one embeddings request may carry on Azure OpenAI.
EMBEDDINGS_BATCH_LIMIT = 2048

#: The keywords of every operation that shape the request rather than fill its body.
_REQUEST_OPTIONS = ("deployment", "api_version", "timeout")


def _split(
    operation: str, first: str, given: Any, params: Mapping[str, Any]
) -> tuple[Any, dict[str, Any], dict[str, Any]]:
    """The first argument, the request options and the body fields set (not ``None``) of a call. The first argument
    may come by its field's name instead (the wire name or the generated python name, ``input_``), not as well."""
    for name in (first, first + "_"):
        if name in params and given is not None:
            raise ConfigurationError(f"{operation}() got the {first} twice (first argument and {name}=); give it once")
        given = params.get(name, given)
    if given is None:
        raise ConfigurationError(f"{operation}() needs the {first}: pass it as its first argument or as {first}=")
    options = {name: params[name] for name in _REQUEST_OPTIONS if name in params}
    skip = (*options, first, first + "_")
    fields = {name: wire_value(value) for name, value in params.items() if value is not None and name not in skip}
    return given, options, fields


def _positive(name: str, value: Any, hint: str = "") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigurationError(f"{name} must be a positive int{hint}, not {value!r}")
    return value


def _texts(texts: str | Iterable[str]) -> list[str]:
    """The texts to embed as a list, checked: each must be a non-empty ``str``."""
    if isinstance(texts, str):
        texts = [texts]
    elif isinstance(texts, (bytes, bytearray)) or not isinstance(texts, Iterable):
        raise InvalidArgumentError(f"embed() takes a str or a list of str, not {type(texts).__name__}")
    inputs = list(texts)
    for position, text in enumerate(inputs):
        if not isinstance(text, str):
            raise InvalidArgumentError(
                f"embed(): texts[{position}] is a {type(text).__name__}, not a str; convert it first"
            )
        if not text:
            raise ConfigurationError(
                f"embed(): texts[{position}] is an empty string, which the service rejects; drop it or use ' '"
            )
    return inputs


def embed(texts: str | Iterable[str], params: Mapping[str, Any]) -> Flow[EmbeddingsResult]:
    """Vectors in input order, in requests of ``batch_size`` texts; the first failure stops the others and its
    typed error carries the vectors received in ``.partial``."""
    texts, options, fields = _split("embed", "input", texts, params)
    limit = f" (Azure accepts up to {EMBEDDINGS_BATCH_LIMIT})"
    batch_size = _positive("batch_size", fields.pop("batch_size", EMBEDDINGS_BATCH_LIMIT), limit)
    max_concurrency = _positive("max_concurrency", fields.pop("max_concurrency", 4))
    on_progress: ProgressCallback | None = fields.pop("on_progress", None)
    if on_progress is not None and not callable(on_progress):
        raise ConfigurationError(
            f"on_progress must be a function taking (done, total), got {type(on_progress).__name__}"
        )
    # base64 float32 is a quarter of the bytes of decimal floats on the wire and decodes ~4x faster than
    # json.loads reads them (the official SDK asks for it too); the floats handed back are the same values.
    keep_text = fields.get("encoding_format") == "base64"  # asked for: .raw keeps it, else the vectors replace it
    fields.setdefault("encoding_format", "base64")
    inputs = _texts(texts)
    batches = [(start, min(start + batch_size, len(inputs))) for start in range(0, len(inputs), batch_size)]
    vectors: list[list[float] | None] = [None] * len(inputs)
    responses: list[EmbeddingsResponse | None] = [None] * len(batches)
    off_spec: list[ResponseValidationError] = []  # bodies off the spec (e.g. their usage) whose vectors all arrived
    done = 0

    def batch(number: int, start: int, stop: int) -> Flow[None]:
        nonlocal done
        response = yield Post("embeddings", {"input": inputs[start:stop], **fields}, **options)
        raw = read_json_object("embeddings", response)
        vectors[start:stop] = vectors_in_order(raw, stop - start, keep_text)
        # Keep status, headers and request but not the body bytes: the parsed JSON is the only copy we hold.
        lean = httpx.Response(response.status_code, headers=response.headers, request=response.request)
        try:
            responses[number] = EmbeddingsResponse(raw, lean)
        except ResponseValidationError as exc:  # its vectors are in: the other batches go on, this raises after
            off_spec.append(exc)
        done += stop - start
        try:
            if on_progress is not None:
                on_progress(done, len(inputs))
        except Exception as exc:  # typed, so that it carries the paid-for vectors in .partial like a failed batch
            raise AzureOpenAIError(
                f"on_progress raised {type(exc).__name__}: {exc} (vectors so far in .partial)"
            ) from exc

    try:
        yield Gather([batch(n, *b) for n, b in enumerate(batches)], limit=max_concurrency, stop_on_error=True)
        if off_spec:  # an off-spec body raises, as for every result, but costs no vector: .partial has them all
            raise off_spec[0]
    except AzureOpenAIError as exc:
        exc.partial = PartialEmbeddings(vectors, responses)
        raise
    return EmbeddingsResult(vectors, responses)  # type: ignore[arg-type]  # every slot is filled now


def complete(prompt: str | list[str] | None, params: Mapping[str, Any]) -> Flow[CompletionResult]:
    """A text completion of ``prompt`` (or of ``prompt=``)."""
    prompt, options, fields = _split("complete", "prompt", prompt, params)
    if not isinstance(prompt, str) and not (isinstance(prompt, list) and all(isinstance(p, str) for p in prompt)):
        raise InvalidArgumentError(f"complete() takes a prompt str or a list of str, not {type(prompt).__name__}")
    if fields.get("stream"):
        raise ConfigurationError(
            "complete() does not stream; leave out stream=True (use chat_stream() for streamed chat)"
        )
    response = yield Post("completions", {"prompt": prompt, **fields}, **options)
    return CompletionResult(read_json_object("completions", response), response)


def generate_image(prompt: str | None, params: Mapping[str, Any]) -> Flow[ImagesResult]:
    """Images generated from ``prompt`` (or ``prompt=``)."""
    prompt, options, fields = _split("generate_image", "prompt", prompt, params)
    if not isinstance(prompt, str) or not prompt:
        raise ConfigurationError(f"generate_image() needs a non-empty prompt str, not {prompt!r}")
    response = yield Post("images/generations", {"prompt": prompt, **fields}, **options)
    return ImagesResult(read_json_object("images", response), response)


def audio(operation: str, file: AudioFile | None, params: Mapping[str, Any]) -> Flow[AudioResult]:
    """``transcribe`` or ``translate`` ``file`` or ``file=`` (a path, bytes or a binary file; ``filename`` names it)."""
    file, options, fields = _split(operation, "file", file, params)
    files, data = audio_form(file, fields.pop("filename", None), operation, fields)
    path = "audio/transcriptions" if operation == "transcribe" else "audio/translations"
    response = yield Post(path, files=files, data=data, **options)
    return audio_result(operation, response, fields.get("response_format"))
