"""What every result shares: the one parse into the generated model, the response info, rate limits and usage."""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

import httpx

from .._errors import ATTEMPTS, ResponseValidationError

if TYPE_CHECKING:
    from azure_openai_rest.types import Unset

    from .._config import Backend

__all__ = ["Model", "RateLimit", "ResponseInfo", "Usage", "answered_by", "first_choice", "given", "parse", "read"]

_T = TypeVar("_T")


class Model(Protocol):
    """A generated model: it gives back its JSON, with the fields the spec does not list."""

    def to_dict(self) -> dict[str, Any]: ...


def parse(model: type[Any], label: str, raw: object) -> Any:
    """``raw`` read as the generated ``model``, at the call: a body off the spec raises, naming ``label``."""
    try:
        return model.from_dict(raw)
    except ValueError as exc:  # the generated ResponseParseError, the only error from_dict raises
        raise ResponseValidationError.of(label, f"does not have the documented shape: {exc}", raw) from exc


class _Choice(Protocol):
    @property
    def index(self) -> int | Unset | None: ...


_C = TypeVar("_C", bound=_Choice)


def first_choice(choices: list[_C] | Unset | None) -> _C | None:
    """The choice with ``index`` 0 (a reply with ``n`` > 1 may list them in any order), else the first listed."""
    listed = given(choices) or []
    return next((c for c in listed if c.index == 0), listed[0] if listed else None)


def given(value: _T | Unset | None) -> _T | None:
    """A model field's value, ``None`` when the service did not send it (the generated ``UNSET``)."""
    # mypy narrows isinstance only by a class named here, and the class is loaded on first use: cast instead.
    return None if isinstance(value, _unset_type()) else cast("_T | None", value)


@functools.cache
def _unset_type() -> type[Unset]:
    # Imported on first use, so ``import azure_openai`` loads no generated code; cached, as an import statement
    # in given() would cost more than the rest of it on every field read.
    from azure_openai_rest.types import Unset

    return Unset


def read(operation: str, body: object, name: str, value: object, kind: type[_T]) -> _T | None:
    """A scalar the generated models hand over unchecked, as ``kind``: ``None`` when not sent; any other type
    raises ``ResponseValidationError`` at the call, so no convenience holds a value of the wrong type."""
    value = given(value)
    if isinstance(value, Enum):  # later api-versions make some strings (``finish_reason``, ``task``) enums
        value = value.value
    if kind is int and type(value) is float and math.isfinite(value):
        value = int(value)  # the spec types the completions' token counts as ``number``
    elif kind is float and type(value) is int:
        value = float(value)  # a duration of whole seconds
    if value is None or (isinstance(value, kind) and type(value) is not bool):
        return value
    raise ResponseValidationError.of(operation, f"has {name} of type {type(value).__name__}, not {kind.__name__}", body)


def _int_header(headers: Mapping[str, str], name: str) -> int | None:
    try:
        return int(float(headers[name]))
    except (KeyError, ValueError, OverflowError):  # absent, not a number, or "inf" (a float but no count)
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
            _int_header(headers, "x-ratelimit-remaining-requests"), _int_header(headers, "x-ratelimit-remaining-tokens")
        )


@dataclass(frozen=True)
class Usage:
    """Token counts of a chat, completions or embeddings call; ``raw`` keeps every field sent (e.g. details)."""

    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    total_tokens: int | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, data: Mapping[str, Any], operation: str = "usage", body: object = None) -> Usage:
        """Build from a JSON ``usage`` object (embeddings have no ``completion_tokens``); a count that is not a
        number raises ``ResponseValidationError`` naming ``operation``, with ``body`` (the response's JSON)."""
        names = ("prompt_tokens", "completion_tokens", "total_tokens")
        prompt, completion, total = [read(operation, body or data, f"usage.{n}", data.get(n), int) for n in names]
        return cls(prompt, completion, total, raw=data)

    @classmethod
    def of(cls, usage: Model | Unset | None, operation: str = "usage", body: object = None) -> Usage | None:
        """The counts of a generated usage model, ``None`` if not sent (read as ``from_json`` reads them)."""
        model = given(usage)
        return None if model is None else cls.from_json(model.to_dict(), operation, body)


def answered_by(response: httpx.Response | None) -> Backend | None:
    """The ``Backend`` that sent ``response`` (its request's last attempt), ``None`` when unknown."""
    try:
        attempts = response.request.extensions.get(ATTEMPTS) if response is not None else None
    except RuntimeError:  # a response built by hand, without a request
        return None
    backend: Backend | None = attempts[-1].backend if attempts else None
    return backend


class ResponseInfo:
    """What every single-response result has: the JSON sent (``raw``), the ``response``, its ids and rate limit."""

    __slots__ = ("raw", "response")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, raw: Any, response: httpx.Response | None) -> None:
        self.raw = raw
        self.response = response

    @property
    def headers(self) -> httpx.Headers:
        """The response headers (empty for a result built without a response)."""
        return self.response.headers if self.response is not None else httpx.Headers()

    @property
    def request_id(self) -> str | None:
        """The service's request id (``apim-request-id`` or ``x-request-id``), for support tickets."""
        request_id: str | None = self.headers.get("apim-request-id") or self.headers.get("x-request-id")
        return request_id

    @property
    def client_request_id(self) -> str | None:
        """The ``x-ms-client-request-id`` this call sent (the same on every retry)."""
        try:
            request = self.response.request if self.response is not None else None
        except RuntimeError:  # a response built by hand, without a request
            return None
        return request.headers.get("x-ms-client-request-id") if request is not None else None

    @property
    def rate_limit(self) -> RateLimit:
        """Remaining requests and tokens from the response headers."""
        return RateLimit.from_headers(self.headers)

    @property
    def backend(self) -> Backend | None:
        """The ``Backend`` that answered (a client's one backend unless it has ``backends=``); ``None`` if unknown."""
        return answered_by(self.response)

    def __eq__(self, other: object) -> bool:
        """Equal when the JSON is equal."""
        return self.raw == other.raw if isinstance(other, ResponseInfo) else NotImplemented
