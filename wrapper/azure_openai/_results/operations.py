"""Results of embeddings, completions, image generation and audio: the raw JSON kept, typed views built on demand.

Every single-response result keeps exactly what the service sent (``raw``) and the response (``response``,
``request_id``), so nothing is lost when the service adds a field; the convenience attributes read from ``raw`` and
the generated models are only built when ``parsed`` is first asked for. ``EmbeddingsResult`` may stand for several
requests: it has ``responses`` (each an ``EmbeddingsResponse`` with those attributes) and ``request_ids``.
Embedding vectors are decoded from base64 float32 in C (``array``), or are the very lists ``json.loads`` produced
when the caller asked for ``encoding_format="float"``.
"""

from __future__ import annotations

import array
import base64
import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TypeGuard, overload

import httpx

from .._errors import ResponseValidationError
from .chat import RateLimit

__all__ = [
    "AudioResult",
    "AudioSegment",
    "CompletionResult",
    "EmbeddingsResponse",
    "EmbeddingsResult",
    "EmbeddingsUsage",
    "GeneratedImage",
    "ImagesResult",
    "PartialEmbeddings",
]


class _ResponseInfo:
    """What every single-response result carries: the raw body, the response (status, headers), ids, rate limit."""

    __slots__ = ("_parsed", "raw", "response")

    def __init__(self, raw: Any, response: httpx.Response) -> None:
        self.raw = raw
        self.response = response
        self._parsed: Any = None

    @property
    def headers(self) -> httpx.Headers:
        """The response headers."""
        return self.response.headers

    @property
    def request_id(self) -> str | None:
        """The service's request id (``apim-request-id`` or ``x-request-id``), for support tickets."""
        headers = self.response.headers
        request_id: str | None = headers.get("apim-request-id") or headers.get("x-request-id")
        return request_id

    @property
    def client_request_id(self) -> str | None:
        """The ``x-ms-client-request-id`` this call sent (the same on every retry)."""
        try:
            request_id: str | None = self.response.request.headers.get("x-ms-client-request-id")
            return request_id
        except RuntimeError:  # a response built without a request
            return None

    @property
    def rate_limit(self) -> RateLimit:
        """Remaining requests and tokens from the response headers."""
        return RateLimit.from_headers(self.response.headers)


# --------------------------------------------------------------------------------------------------- embeddings


class EmbeddingsUsage:
    """Tokens used by an embeddings call, summed over its requests."""

    # Plain slotted classes, not dataclasses: each dataclass costs ~1 ms at import, and import time is budgeted.
    __slots__ = ("prompt_tokens", "total_tokens")

    def __init__(self, prompt_tokens: int, total_tokens: int) -> None:
        self.prompt_tokens = prompt_tokens
        self.total_tokens = total_tokens

    def __eq__(self, other: object) -> bool:
        """Equal when both counts are equal."""
        if not isinstance(other, EmbeddingsUsage):
            return NotImplemented
        return (self.prompt_tokens, self.total_tokens) == (other.prompt_tokens, other.total_tokens)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        """Both counts."""
        return f"EmbeddingsUsage(prompt_tokens={self.prompt_tokens}, total_tokens={self.total_tokens})"


class EmbeddingsResponse(_ResponseInfo):
    """One embeddings request's response (``embed`` may send several)."""

    __slots__ = ()

    @property
    def parsed(self) -> Any:
        """The generated embeddings response model, built on first use."""
        if self._parsed is None:
            from .._adapter import response_model

            self._parsed = response_model("embeddings_create").from_dict(self.raw)
        return self._parsed


def vectors_in_order(raw: Any, expected: int) -> list[list[float]]:
    """The ``embedding`` lists of one response, ordered by their ``index``; an incomplete answer raises."""
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
        if isinstance(embedding, str):
            embedding = _floats_from_base64(embedding)
        if not isinstance(embedding, list):
            raise ResponseValidationError.of(
                "embeddings", f"data[{position}].embedding is neither a list of floats nor base64", raw
            )
        vectors[index] = embedding
    return vectors


def _floats_from_base64(encoded: str) -> list[float] | None:
    """The float32 vector of an ``encoding_format: base64`` embedding (little-endian), or None if malformed."""
    try:
        packed = base64.b64decode(encoded, validate=True)
    except ValueError:  # binascii.Error is one
        return None
    if len(packed) % 4:
        return None
    floats = array.array("f")
    floats.frombytes(packed)
    if sys.byteorder == "big":
        floats.byteswap()
    return floats.tolist()


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _count(value: object) -> int:
    return int(value) if _is_number(value) else 0


class EmbeddingsResult(Sequence[list[float]]):
    """Embedding vectors in the order of the input texts; a sequence of ``list[float]``."""

    __slots__ = ("responses", "vectors")

    def __init__(self, vectors: list[list[float]], responses: Sequence[EmbeddingsResponse]) -> None:
        self.vectors = vectors
        self.responses = tuple(responses)

    @overload
    def __getitem__(self, index: int) -> list[float]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[list[float]]: ...
    def __getitem__(self, index: int | slice) -> list[float] | Sequence[list[float]]:
        """The vector of the ``index``-th input text."""
        return self.vectors[index]

    def __len__(self) -> int:
        """The number of vectors (= input texts)."""
        return len(self.vectors)

    def __iter__(self) -> Iterator[list[float]]:
        """The vectors in input order."""
        return iter(self.vectors)

    def __repr__(self) -> str:
        """A short summary (vectors are long)."""
        dims = len(self.vectors[0]) if self.vectors else 0
        return f"EmbeddingsResult({len(self.vectors)} vectors of {dims} dimensions, {len(self.responses)} requests)"

    @property
    def model(self) -> str | None:
        """The model name the service reported."""
        for response in self.responses:
            name = response.raw.get("model")
            if isinstance(name, str):
                return name
        return None

    @property
    def usage(self) -> EmbeddingsUsage:
        """Tokens used, summed over the requests."""
        prompt = total = 0
        for response in self.responses:
            usage = response.raw.get("usage")
            if isinstance(usage, dict):
                prompt += _count(usage.get("prompt_tokens"))
                total += _count(usage.get("total_tokens"))
        return EmbeddingsUsage(prompt, total)

    @property
    def request_ids(self) -> tuple[str | None, ...]:
        """The service's request id of each request, in the order the batches were sent."""
        return tuple(response.request_id for response in self.responses)

    @property
    def rate_limit(self) -> RateLimit | None:
        """The rate-limit headers of the last response (``None`` for an empty input)."""
        return self.responses[-1].rate_limit if self.responses else None


class PartialEmbeddings:
    """What an ``embed`` call had received when a batch failed (the error's ``.partial``), to resume from.

    ``vectors`` maps each embedded input's index to its vector; ``missing`` lists the indices still to embed:
    ``client.embed([texts[i] for i in partial.missing])`` finishes the job without paying for the rest again.
    """

    __slots__ = ("responses", "total", "vectors")

    def __init__(self, vectors: dict[int, list[float]], responses: Sequence[EmbeddingsResponse], total: int) -> None:
        self.vectors = vectors
        self.responses = tuple(responses)
        self.total = total

    @property
    def missing(self) -> list[int]:
        """The input indices without a vector, in input order."""
        return [index for index in range(self.total) if index not in self.vectors]

    def __len__(self) -> int:
        """The number of vectors received."""
        return len(self.vectors)

    def __repr__(self) -> str:
        """How many of the inputs were embedded."""
        return f"PartialEmbeddings({len(self.vectors)} of {self.total} vectors, {len(self.responses)} requests)"


def partial_embeddings(
    vectors: list[list[float] | None], responses: Sequence[EmbeddingsResponse | None]
) -> PartialEmbeddings:
    """The ``PartialEmbeddings`` of an ``embed`` call's vectors so far (``None`` where none arrived yet)."""
    done = {index: vector for index, vector in enumerate(vectors) if vector is not None}
    return PartialEmbeddings(done, [r for r in responses if r is not None], len(vectors))


# -------------------------------------------------------------------------------------------------- completions


class CompletionResult(_ResponseInfo):
    """A completions response: ``text`` of the first choice, all choices and the raw JSON."""

    __slots__ = ()

    def __repr__(self) -> str:
        """The id, finish reason and the start of the text."""
        return f"CompletionResult(id={self.id!r}, finish_reason={self.finish_reason!r}, text={self.text[:60]!r})"

    @property
    def choices(self) -> list[dict[str, Any]]:
        """Every choice as the service sent it, in ``index`` order (so ``text`` and ``texts[0]`` agree)."""
        choices = self.raw.get("choices")
        if not isinstance(choices, list):
            return []
        return sorted(choices, key=lambda c: c.get("index") or 0 if isinstance(c, dict) else 0)

    @property
    def text(self) -> str:
        """The first choice's text (``""`` when there is none)."""
        choices = self.choices
        text = choices[0].get("text") if choices else None
        return text if isinstance(text, str) else ""

    @property
    def texts(self) -> list[str]:
        """The text of every choice, in choice order."""
        return [c.get("text") or "" for c in self.choices]

    @property
    def finish_reason(self) -> str | None:
        """Why the first choice stopped: ``stop``, ``length``, ``content_filter``..."""
        choices = self.choices
        reason = choices[0].get("finish_reason") if choices else None
        return reason if isinstance(reason, str) else None

    @property
    def id(self) -> str | None:
        """The completion id."""
        value = self.raw.get("id")
        return value if isinstance(value, str) else None

    @property
    def model(self) -> str | None:
        """The model name the service reported."""
        value = self.raw.get("model")
        return value if isinstance(value, str) else None

    @property
    def usage(self) -> dict[str, Any] | None:
        """Token usage as sent (``prompt_tokens``, ``completion_tokens``, ``total_tokens``)."""
        usage = self.raw.get("usage")
        return usage if isinstance(usage, dict) else None

    @property
    def prompt_filter_results(self) -> list[dict[str, Any]]:
        """The content filter results for the prompt(s), as sent (older api-versions: ``prompt_annotations``)."""
        results = self.raw.get("prompt_filter_results")
        if results is None:  # 2023 previews: the same list under its old name, as chat results accept too
            results = self.raw.get("prompt_annotations")
        return results if isinstance(results, list) else []

    @property
    def parsed(self) -> Any:
        """The generated completions response model, built on first use."""
        if self._parsed is None:
            from .._adapter import response_model

            self._parsed = response_model("completions_create").from_dict(self.raw)
        return self._parsed


# ------------------------------------------------------------------------------------------------------- images


class GeneratedImage:
    """One generated image: a URL or base64 data, the revised prompt and filter results (or an error)."""

    __slots__ = ("raw",)

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def __eq__(self, other: object) -> bool:
        """Equal when the JSON is equal."""
        return self.raw == other.raw if isinstance(other, GeneratedImage) else NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        """The URL (or that the data is inline) and the revised prompt's start."""
        where = f"url={self.url!r}" if self.url is not None else f"b64_json=<{len(self.b64_json or '')} chars>"
        prompt = (self.revised_prompt or "")[:40]
        return f"GeneratedImage({where}, revised_prompt={prompt!r})"

    @property
    def url(self) -> str | None:
        """Where to download the image (when ``response_format`` was ``url``, the default)."""
        value = self.raw.get("url")
        return value if isinstance(value, str) else None

    @property
    def b64_json(self) -> str | None:
        """The image as base64 (when ``response_format`` was ``b64_json``)."""
        value = self.raw.get("b64_json")
        return value if isinstance(value, str) else None

    @property
    def revised_prompt(self) -> str | None:
        """The prompt the service actually used, when it rewrote yours."""
        value = self.raw.get("revised_prompt")
        return value if isinstance(value, str) else None

    @property
    def content_filter_results(self) -> dict[str, Any] | None:
        """The content filter results for the image, as sent."""
        value = self.raw.get("content_filter_results")
        return value if isinstance(value, dict) else None

    @property
    def prompt_filter_results(self) -> dict[str, Any] | None:
        """The content filter results for the prompt, as sent."""
        value = self.raw.get("prompt_filter_results")
        return value if isinstance(value, dict) else None

    @property
    def error(self) -> dict[str, Any] | None:
        """The error for this image when the service could not make it."""
        value = self.raw.get("error")
        return value if isinstance(value, dict) else None

    def content(self) -> bytes:
        """The image bytes decoded from ``b64_json``; raises ``ValueError`` for a URL-only image."""
        if self.b64_json is None:
            raise ValueError(
                "this image was returned as a URL, not as data: download image.url, "
                "or call generate_image(..., response_format='b64_json')"
            )
        return base64.b64decode(self.b64_json)


class ImagesResult(_ResponseInfo):
    """An image generation response: the images and the raw JSON."""

    __slots__ = ()

    def __repr__(self) -> str:
        """The number of images and the first URL."""
        return f"ImagesResult({len(self.images)} images, url={self.url!r})"

    @property
    def images(self) -> list[GeneratedImage]:
        """Every image in the response."""
        data = self.raw.get("data")
        return [GeneratedImage(item) for item in data if isinstance(item, dict)] if isinstance(data, list) else []

    @property
    def url(self) -> str | None:
        """The first image's URL."""
        images = self.images
        return images[0].url if images else None

    @property
    def created(self) -> int | None:
        """When the images were made (unix seconds)."""
        value = self.raw.get("created")
        return value if isinstance(value, int) else None

    @property
    def parsed(self) -> Any:
        """The generated image generation response model, built on first use."""
        if self._parsed is None:
            from .._adapter import response_model

            self._parsed = response_model("image_generations_create").from_dict(self.raw)
        return self._parsed


# -------------------------------------------------------------------------------------------------------- audio


def _opt_float(value: object) -> float | None:
    return float(value) if _is_number(value) else None


class AudioSegment:
    """One timed segment of a ``verbose_json`` transcription or translation."""

    __slots__ = ("end", "id", "raw", "start", "text")

    def __init__(self, id: int | None, start: float | None, end: float | None, text: str, raw: dict[str, Any]) -> None:
        self.id = id
        self.start = start
        self.end = end
        self.text = text
        self.raw = raw

    def __eq__(self, other: object) -> bool:
        """Equal when id, times and text are equal."""
        if not isinstance(other, AudioSegment):
            return NotImplemented
        return (self.id, self.start, self.end, self.text) == (other.id, other.start, other.end, other.text)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        """Id, times and text."""
        return f"AudioSegment(id={self.id!r}, start={self.start!r}, end={self.end!r}, text={self.text!r})"

    @property
    def avg_logprob(self) -> float | None:
        """The average log probability of the segment's tokens."""
        return _opt_float(self.raw.get("avg_logprob"))

    @property
    def no_speech_prob(self) -> float | None:
        """The probability that the segment holds no speech."""
        return _opt_float(self.raw.get("no_speech_prob"))

    @property
    def tokens(self) -> list[int]:
        """The segment's token ids."""
        tokens = self.raw.get("tokens")
        return [int(t) for t in tokens if _is_number(t)] if isinstance(tokens, list) else []

    @classmethod
    def from_raw(cls, raw: object) -> AudioSegment:
        """Read one segment object; a wrong shape raises ``ResponseValidationError``."""
        if not isinstance(raw, dict):
            raise ResponseValidationError.of("audio", "has a segment that is not an object", raw)
        seg_id, text = raw.get("id"), raw.get("text", "")
        if not (seg_id is None or isinstance(seg_id, int)) or not isinstance(text, str):
            raise ResponseValidationError.of("audio", "has a segment whose 'id' or 'text' has the wrong type", raw)
        return cls(seg_id, _opt_float(raw.get("start")), _opt_float(raw.get("end")), text, raw)


class AudioResult(_ResponseInfo):
    """A transcription or translation in any ``response_format``.

    ``text`` is always the transcript: the ``text`` field of ``json``/``verbose_json``, or the whole body of
    ``text``, ``srt`` and ``vtt`` (which the service sends as ``text/plain``). ``raw`` is the parsed JSON object
    or that text.
    """

    __slots__ = ("response_format",)

    def __init__(self, raw: Any, response: httpx.Response, response_format: str) -> None:
        super().__init__(raw, response)
        self.response_format = response_format

    def __repr__(self) -> str:
        """The format and the start of the text."""
        return f"AudioResult(response_format={self.response_format!r}, text={self.text[:60]!r})"

    def __str__(self) -> str:
        """The transcript (or the subtitles for ``srt``/``vtt``)."""
        return self.text

    @property
    def text(self) -> str:
        """The transcript, or the whole subtitle file for ``srt``/``vtt``."""
        if isinstance(self.raw, str):
            return self.raw
        text = self.raw.get("text")
        return text if isinstance(text, str) else ""

    def _field(self, name: str) -> object:
        return self.raw.get(name) if isinstance(self.raw, Mapping) else None

    @property
    def language(self) -> str | None:
        """The spoken language (``verbose_json`` only)."""
        value = self._field("language")
        return value if isinstance(value, str) else None

    @property
    def duration(self) -> float | None:
        """The audio's length in seconds (``verbose_json`` only)."""
        return _opt_float(self._field("duration"))

    @property
    def task(self) -> str | None:
        """``transcribe`` or ``translate`` (``verbose_json`` only)."""
        value = self._field("task")
        return value if isinstance(value, str) else None

    @property
    def segments(self) -> list[AudioSegment]:
        """The timed segments (``verbose_json`` only; empty otherwise)."""
        segments = self._field("segments")
        return [AudioSegment.from_raw(s) for s in segments] if isinstance(segments, list) else []

    @property
    def parsed(self) -> Any:
        """The generated audio response model (JSON formats) built on first use, or the text for text formats."""
        if self._parsed is None:
            if isinstance(self.raw, str):
                return self.raw
            from .._adapter import response_model

            self._parsed = response_model("transcriptions_create").from_dict(self.raw)
        return self._parsed
