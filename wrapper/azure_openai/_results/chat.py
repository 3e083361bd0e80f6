"""Chat results over the raw JSON the service sent, with typed views built on first access.

The hot path only wraps the decoded JSON; the generated models (``.completion``, ``.message``) are built lazily
through ``_adapter`` and cached, so a caller who reads ``.text`` pays for nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from .._errors import ContentFilterError, ResponseValidationError

__all__ = [
    "ChatResult",
    "ContentFilter",
    "ContentFilterResults",
    "FilterCategory",
    "RateLimit",
    "Usage",
]


def _int_header(headers: Mapping[str, str], name: str) -> int | None:
    value = headers.get(name)
    if value is None:
        return None
    try:
        return int(float(value))
    except (ValueError, OverflowError):  # "inf" and "nan" are floats but no count
        return None


@dataclass(frozen=True)
class RateLimit:
    """What remains of the rate limits after a call, from ``x-ratelimit-remaining-*`` (``None`` when not sent)."""

    remaining_requests: int | None = None
    remaining_tokens: int | None = None

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> RateLimit:
        """Read the ``x-ratelimit-remaining-requests`` / ``-tokens`` response headers."""
        return cls(
            remaining_requests=_int_header(headers, "x-ratelimit-remaining-requests"),
            remaining_tokens=_int_header(headers, "x-ratelimit-remaining-tokens"),
        )


@dataclass(frozen=True)
class Usage:
    """Token counts of a call; ``raw`` keeps every field the service sent (e.g. token details)."""

    prompt_tokens: int | None
    completion_tokens: int | None
    total_tokens: int | None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Usage:
        """Build from the JSON ``usage`` object."""
        return cls(
            prompt_tokens=data.get("prompt_tokens"),
            completion_tokens=data.get("completion_tokens"),
            total_tokens=data.get("total_tokens"),
            raw=data,
        )


@dataclass(frozen=True)
class FilterCategory:
    """One content-filter category: whether it filtered, the severity (``safe`` ... ``high``) or detection."""

    name: str
    filtered: bool
    severity: str | None = None
    detected: bool | None = None
    raw: Any = field(default=None, repr=False, compare=False)

    @classmethod
    def from_json(cls, name: str, data: Any) -> FilterCategory:
        """Build from one category's JSON (an object, or a list of blocklist hits)."""
        if isinstance(data, dict):
            detected = data.get("detected")
            return cls(
                name=name,
                filtered=bool(data.get("filtered", False)),
                severity=data.get("severity"),
                detected=bool(detected) if detected is not None else None,
                raw=data,
            )
        if isinstance(data, list):  # custom_blocklists in newer api-versions: [{"filtered": ..., "id": ...}]
            return cls(name=name, filtered=any(isinstance(d, dict) and d.get("filtered") for d in data), raw=data)
        return cls(name=name, filtered=False, raw=data)


@dataclass(frozen=True)
class ContentFilterResults:
    """The content-filter verdicts for one prompt or completion, by category (``hate``, ``violence``, ...)."""

    categories: Mapping[str, FilterCategory]
    error: Mapping[str, Any] | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ContentFilterResults:
        """Build from a ``content_filter_results`` JSON object (an ``error`` entry means filtering failed)."""
        error = data.get("error")
        categories = {name: FilterCategory.from_json(name, value) for name, value in data.items() if name != "error"}
        return cls(categories=categories, error=error if isinstance(error, dict) else None, raw=data)

    @property
    def filtered(self) -> tuple[str, ...]:
        """Names of the categories that were filtered."""
        return tuple(name for name, category in self.categories.items() if category.filtered)

    def __getitem__(self, name: str) -> FilterCategory:
        """The verdict for one category."""
        return self.categories[name]

    def __iter__(self) -> Iterator[str]:
        """The category names."""
        return iter(self.categories)


# The typed view of a ContentFilterError's verdicts (errors import nothing, so results install it).
ContentFilterError.view = ContentFilterResults.from_json


@dataclass(frozen=True)
class ContentFilter:
    """Content-filter results of a chat call: for the prompt and for the (first) completion."""

    prompt: ContentFilterResults | None
    completion: ContentFilterResults | None

    @property
    def filtered(self) -> bool:
        """Whether anything, prompt or completion, was filtered."""
        return any(r is not None and bool(r.filtered) for r in (self.prompt, self.completion))


def _prompt_filter(raw: Mapping[str, Any]) -> ContentFilterResults | None:
    # 2023 previews called it prompt_annotations; later versions prompt_filter_results.
    entries = raw.get("prompt_filter_results") or raw.get("prompt_annotations")
    if not isinstance(entries, list):
        return None
    for entry in entries:
        if isinstance(entry, dict) and entry.get("prompt_index", 0) == 0:
            results = entry.get("content_filter_results")
            if isinstance(results, dict):
                return ContentFilterResults.from_json(results)
    return None


class ChatResult:
    """The result of a chat call: the JSON the service sent (``raw``) and convenient, typed views of it."""

    __slots__ = ("_completion", "raw", "response")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, raw: dict[str, Any], response: httpx.Response | None = None) -> None:
        self.raw = raw
        self.response = response
        self._completion: Any = None

    def _choice(self) -> dict[str, Any] | None:
        # The views read leniently: a shape they do not know gives None; .completion says what is wrong.
        choices = self.raw.get("choices")
        if isinstance(choices, list) and choices and isinstance(choices[0], dict):
            first: dict[str, Any] = choices[0]
            return first
        return None

    @property
    def text(self) -> str | None:
        """The first choice's message content (``None`` when it has none, e.g. only tool calls)."""
        choice = self._choice()
        if choice is None:
            return None
        message = choice.get("message")
        return message.get("content") if isinstance(message, dict) else None

    @property
    def finish_reason(self) -> str | None:
        """Why the first choice stopped: ``stop``, ``length``, ``tool_calls``, ``content_filter``..."""
        choice = self._choice()
        return choice.get("finish_reason") if choice else None

    @property
    def completion(self) -> Any:
        """The whole response as the generated ``azure_openai_rest`` model (built on first access, cached)."""
        if self._completion is None:
            from .._adapter import response_model

            try:
                self._completion = response_model("chat_completions_create").from_dict(self.raw)
            except ValueError as exc:  # the generated ResponseParseError
                raise ResponseValidationError.of(
                    "chat/completions", f"does not have the documented shape: {exc}", self.raw
                ) from exc
        return self._completion

    @property
    def parsed(self) -> Any:
        """The same model as ``completion``: every single-response result has ``raw``, ``response``, ``parsed``."""
        return self.completion

    @property
    def message(self) -> Any:
        """The first choice's message as the generated model (usable in the next call's ``messages``)."""
        choices = self.completion.choices
        return choices[0].message if choices else None

    @property
    def usage(self) -> Usage | None:
        """Token counts, or ``None`` when the service sent none."""
        usage = self.raw.get("usage")
        return Usage.from_json(usage) if isinstance(usage, dict) else None

    @property
    def content_filter(self) -> ContentFilter:
        """Content-filter results for the prompt and the first completion (each ``None`` when not sent)."""
        choice = self._choice()
        completion = choice.get("content_filter_results") if choice else None
        return ContentFilter(
            prompt=_prompt_filter(self.raw),
            completion=ContentFilterResults.from_json(completion) if isinstance(completion, dict) else None,
        )

    @property
    def request_id(self) -> str | None:
        """The service's request id (``apim-request-id`` or ``x-request-id``), for support tickets."""
        if self.response is None:
            return None
        headers = self.response.headers
        request_id: str | None = headers.get("apim-request-id") or headers.get("x-request-id")
        return request_id

    @property
    def client_request_id(self) -> str | None:
        """The ``x-ms-client-request-id`` this call sent (the same on every retry)."""
        if self.response is None:
            return None
        try:
            request = self.response.request
        except RuntimeError:  # a response built by hand, without a request
            return None
        client_request_id: str | None = request.headers.get("x-ms-client-request-id")
        return client_request_id

    @property
    def rate_limit(self) -> RateLimit:
        """Remaining requests and tokens from the response headers."""
        if self.response is None:
            return RateLimit()
        return RateLimit.from_headers(self.response.headers)

    def __eq__(self, other: object) -> bool:
        """Equal when the JSON is equal (a separate ``chat()`` call differs at least in ``id``)."""
        if isinstance(other, ChatResult):
            return self.raw == other.raw
        return NotImplemented

    def __repr__(self) -> str:
        """Short summary: the start of the text and the finish reason."""
        text = self.text
        if text is not None and len(text) > 60:
            text = text[:60] + "..."
        return f"ChatResult(text={text!r}, finish_reason={self.finish_reason!r})"
