"""Results of embeddings, completions, image generation and audio: the generated model and conveniences over it."""

from __future__ import annotations

import array
import base64
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from .._adapter import response_model
from .._errors import ConfigurationError, ResponseValidationError
from .chat import prompt_filters
from .info import RateLimit, ResponseInfo, Usage, given, parse, read

if TYPE_CHECKING:
    from azure_openai_rest import api  # operations by id, not by tag package: typed in any layout
    from azure_openai_rest.models.audio_segment import AudioSegment

    Completion = api.completions_create.ResponseModel
    Embeddings = api.embeddings_create.ResponseModel
    Images = api.image_generations_create.ResponseModel
    Transcript = api.transcriptions_create.ResponseModel

__all__ = [
    "AudioResult",
    "CompletionResult",
    "EmbeddingsResponse",
    "EmbeddingsResult",
    "EmbeddingsUsage",
    "GeneratedImage",
    "ImagesResult",
    "PartialEmbeddings",
    "vectors_in_order",
]

_T = TypeVar("_T")


class EmbeddingsUsage(Usage):
    """The ``Usage`` of an embeddings call, which has no completion tokens: ``EmbeddingsUsage(prompt, total)``."""

    def __init__(self, prompt_tokens: int | None = None, total_tokens: int | None = None) -> None:
        super().__init__(prompt_tokens, None, total_tokens)  # positional as before Usage took its place


class EmbeddingsResponse(ResponseInfo):
    """One embeddings request's response (``embed`` may send several): ``parsed``, the ``model`` and ``usage``."""

    __slots__ = ("model", "parsed", "usage")

    def __init__(self, raw: dict[str, Any], response: httpx.Response) -> None:
        super().__init__(raw, response)
        parsed: Embeddings = parse(response_model("embeddings_create"), "embeddings", raw)
        self.parsed = parsed
        self.model = read("embeddings", raw, "model", parsed.model, str)
        self.usage = Usage.of(parsed.usage, "embeddings", raw)


def vectors_in_order(raw: Any, expected: int, keep_text: bool = False) -> list[list[float]]:
    """The ``embedding`` lists of one response, ordered by their ``index``; an incomplete answer raises. A base64
    text is freed as it is read: its vector takes its place in ``raw`` (unless ``keep_text``), so none holds both."""
    data = raw.get("data") if isinstance(raw, dict) else None
    if not isinstance(data, list):
        raise ResponseValidationError.of("embeddings", "has no 'data' list", raw)
    if len(data) != expected:
        raise ResponseValidationError.of("embeddings", f"has {len(data)} vectors for {expected} inputs", raw)
    vectors: list[Any] = [None] * expected
    for position, item in enumerate(data):
        index = item.get("index", position) if isinstance(item, dict) else None
        embedding = item.get("embedding") if isinstance(item, dict) else None
        if not isinstance(index, int) or not 0 <= index < expected or vectors[index] is not None:
            raise ResponseValidationError.of(
                "embeddings", f"has a missing, repeated or out-of-range index in data[{position}]", raw
            )
        if isinstance(embedding, str):  # encoding_format="base64"; "float" lists are kept as json.loads made them
            embedding = _floats_from_base64(embedding)
            if embedding is not None and not keep_text:
                item["embedding"] = embedding  # the same vector, in the form encoding_format="float" sends it
        if not isinstance(embedding, list):
            raise ResponseValidationError.of(
                "embeddings", f"data[{position}].embedding is neither a list of floats nor base64", raw
            )
        vectors[index] = embedding
    return vectors


def _floats_from_base64(encoded: str) -> list[float] | None:
    """The float32 vector of an ``encoding_format: base64`` embedding (little-endian), or None if malformed."""
    try:
        floats = array.array("f", base64.b64decode(encoded, validate=True))
    except ValueError:  # not base64 (binascii.Error is one), or not a whole number of float32s
        return None
    if sys.byteorder == "big":
        floats.byteswap()
    return floats.tolist()


class EmbeddingsResult(list[list[float]]):
    """Embedding vectors in the order of the input texts: a list of ``list[float]``, with the ``responses``."""

    __slots__ = ("responses",)

    def __init__(self, vectors: list[list[float]], responses: Sequence[EmbeddingsResponse]) -> None:
        super().__init__(vectors)
        self.responses = tuple(responses)

    def __repr__(self) -> str:
        """A short summary (vectors are long)."""
        dims = len(self[0]) if self else 0
        return f"EmbeddingsResult({len(self)} vectors of {dims} dimensions, {len(self.responses)} requests)"

    @property
    def vectors(self) -> list[list[float]]:
        """The vectors (the result itself: it is the list)."""
        return self

    @property
    def model(self) -> str | None:
        """The model name the service reported."""
        return next((r.model for r in self.responses if r.model is not None), None)

    @property
    def usage(self) -> EmbeddingsUsage:
        """Tokens used, summed over the requests (embeddings have no ``completion_tokens``)."""
        counts = [response.usage for response in self.responses if response.usage is not None]
        return EmbeddingsUsage(sum(u.prompt_tokens or 0 for u in counts), sum(u.total_tokens or 0 for u in counts))

    @property
    def request_ids(self) -> tuple[str | None, ...]:
        """The service's request id of each request, in the order the batches were sent."""
        return tuple(response.request_id for response in self.responses)

    @property
    def rate_limit(self) -> RateLimit | None:
        """The rate-limit headers of the last response (``None`` for an empty input)."""
        return self.responses[-1].rate_limit if self.responses else None

    @property
    def backend(self) -> Any:
        """The ``Backend`` that answered every batch; ``None`` when the batches went to different backends (each
        ``responses[i].backend`` says which) or for an empty input."""
        answered = {id(response.backend): response.backend for response in self.responses}
        return next(iter(answered.values())) if len(answered) == 1 else None


class PartialEmbeddings:
    """What a failed ``embed`` call had received (the error's ``.partial``): ``vectors`` by input index."""

    __slots__ = ("responses", "total", "vectors")

    def __init__(self, vectors: list[list[float] | None], responses: Sequence[EmbeddingsResponse | None]) -> None:
        self.vectors = {index: vector for index, vector in enumerate(vectors) if vector is not None}
        self.responses = tuple(r for r in responses if r is not None)
        self.total = len(vectors)

    @property
    def missing(self) -> list[int]:
        """The input indices without a vector, in order: ``embed([texts[i] for i in partial.missing])`` resumes."""
        return [index for index in range(self.total) if index not in self.vectors]

    def __len__(self) -> int:
        """The number of vectors received."""
        return len(self.vectors)

    def __repr__(self) -> str:
        """How many of the inputs were embedded."""
        return f"PartialEmbeddings({len(self.vectors)} of {self.total} vectors, {len(self.responses)} requests)"


class CompletionResult(ResponseInfo):
    """A completions response: ``parsed``, ``choices`` by ``index``, the ``texts`` of all and the first one's
    ``text`` and ``finish_reason``; ``usage`` (token counts, ``None`` when not sent)."""

    __slots__ = ("choices", "finish_reason", "id", "model", "parsed", "text", "texts", "usage")

    def __init__(self, raw: dict[str, Any], response: httpx.Response) -> None:
        super().__init__(raw, response)
        parsed: Completion = parse(response_model("completions_create"), "completions", raw)
        self.parsed = parsed  # the rest reads the local: mypy infers the attributes' types from it
        self.choices = sorted(given(parsed.choices) or [], key=lambda c: c.index if type(c.index) is int else 0)
        first = self.choices[0] if self.choices else None
        # What the conveniences hand out is type-checked here, at the call: a body off the spec raises.
        self.texts = [read("completions", raw, "choices[].text", choice.text, str) or "" for choice in self.choices]
        self.text = self.texts[0] if self.texts else ""
        self.finish_reason = read("completions", raw, "finish_reason", first.finish_reason, str) if first else None
        self.id = read("completions", raw, "id", parsed.id, str)
        self.model = read("completions", raw, "model", parsed.model, str)
        self.usage = Usage.of(parsed.usage, "completions", raw)

    def __repr__(self) -> str:
        """The id, finish reason and the start of the text."""
        return f"CompletionResult(id={self.id!r}, finish_reason={self.finish_reason!r}, text={self.text[:60]!r})"

    @property
    def prompt_filter_results(self) -> list[dict[str, Any]]:
        """The content filter results for the prompt(s), as sent (older api-versions: ``prompt_annotations``)."""
        return prompt_filters(self.raw)


def _field(raw: dict[str, Any], name: str, kind: type[_T]) -> _T | None:
    return read("images", raw, name, raw.get(name), kind)  # the image's JSON is the body the error holds


class GeneratedImage:
    """One generated image as sent (JSON: ``error`` is not in every api-version's schema): ``url`` or ``b64_json``."""

    __slots__ = ("b64_json", "content_filter_results", "error", "prompt_filter_results", "raw", "revised_prompt", "url")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw
        self.url = _field(raw, "url", str)
        self.b64_json = _field(raw, "b64_json", str)
        self.revised_prompt = _field(raw, "revised_prompt", str)
        self.content_filter_results = _field(raw, "content_filter_results", dict)
        self.prompt_filter_results = _field(raw, "prompt_filter_results", dict)
        self.error = _field(raw, "error", dict)

    def __eq__(self, other: object) -> bool:
        """Equal when the JSON is equal."""
        return self.raw == other.raw if isinstance(other, GeneratedImage) else NotImplemented

    def __repr__(self) -> str:
        """The URL (or that the data is inline) and the revised prompt's start."""
        where = f"url={self.url!r}" if self.url is not None else f"b64_json=<{len(self.b64_json or '')} chars>"
        return f"GeneratedImage({where}, revised_prompt={(self.revised_prompt or '')[:40]!r})"

    def content(self) -> bytes:
        """The image bytes decoded from ``b64_json``; a URL-only image raises ``ConfigurationError`` (the fix is
        ``response_format``), data that is not base64 ``ResponseValidationError``."""
        if self.b64_json is None:
            raise ConfigurationError(
                "this image was returned as a URL, not as data: download image.url, "
                "or call generate_image(..., response_format='b64_json')"
            )
        try:
            return base64.b64decode(self.b64_json)
        except ValueError as exc:  # binascii.Error
            raise ResponseValidationError.of("images", f"has b64_json that is not base64 ({exc})", self.raw) from exc


class ImagesResult(ResponseInfo):
    """An image generation response: ``parsed``, the ``images``, the first image's ``url``, ``created`` (unix s)."""

    __slots__ = ("created", "images", "parsed", "url")

    def __init__(self, raw: dict[str, Any], response: httpx.Response) -> None:
        super().__init__(raw, response)
        parsed: Images = parse(response_model("image_generations_create"), "images", raw)
        self.parsed = parsed
        self.images = [GeneratedImage(item) for item in raw.get("data") or []]  # parsed: a list of objects
        self.url = self.images[0].url if self.images else None
        created: object = parsed.created
        if isinstance(created, str) and created.isdigit():  # an integer, but the spec's own example is a string
            created = int(created)
        self.created = read("images", raw, "created", created, int)

    def __repr__(self) -> str:
        """The number of images and the first URL."""
        return f"ImagesResult({len(self.images)} images, url={self.url!r})"


class AudioResult(ResponseInfo):
    """A transcription or translation: ``text`` (or subtitles), and for ``verbose_json`` the timed ``segments``."""

    __slots__ = ("duration", "language", "parsed", "response_format", "segments", "task", "text")

    def __init__(self, raw: dict[str, Any] | str, response: httpx.Response, response_format: str) -> None:
        super().__init__(raw, response)
        self.response_format = response_format
        model = response_model("transcriptions_create")
        # A text format has no model: read an empty one, so every field below is None for it.
        verbose: Transcript = model() if isinstance(raw, str) else parse(model, "audio", raw)
        self.parsed: Transcript | str = raw if isinstance(raw, str) else verbose
        self.text: str = raw if isinstance(raw, str) else read("audio", raw, "text", verbose.text, str) or ""
        self.language = read("audio", raw, "language", verbose.language, str)
        self.duration = read("audio", raw, "duration", verbose.duration, float)
        self.task = read("audio", raw, "task", verbose.task, str)
        self.segments: list[AudioSegment] = given(verbose.segments) or []

    def __repr__(self) -> str:
        """The format and the start of the text."""
        return f"AudioResult(response_format={self.response_format!r}, text={self.text[:60]!r})"

    def __str__(self) -> str:
        """The transcript (or the subtitles for ``srt``/``vtt``)."""
        return self.text
