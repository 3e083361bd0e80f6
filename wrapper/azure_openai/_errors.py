"""Every error the wrapper raises, as one tree, and the mapping from an HTTP error response to its class.

::

    AzureOpenAIError                      base of everything raised here
    ├── ConfigurationError                a setting is missing or wrong (names the setting and the fix)
    │   ├── InvalidArgumentError          an argument of the wrong type (also a TypeError)
    │   └── AudioNotFoundError            the audio path names no file (also a FileNotFoundError)
    ├── CredentialError                   the token_provider raised instead of returning a token (cause kept)
    ├── RequestEncodingError              the request holds text HTTP cannot carry (a lone surrogate, a header
    │                                     value with a line break; a header value is never quoted)
    ├── ClientClosedError                 a call on a client already closed
    ├── APIConnectionError                no response: DNS, refused connection, reset, TLS, a redirect loop
    │   └── APITimeoutError               connect/read/write/pool timeout
    ├── APIStatusError                    a non-2xx response (status_code, code, message, request ids, body)
    │   ├── BadRequestError               400
    │   │   └── ContentFilterError        400 because the content filter blocked the prompt (or completion)
    │   ├── AuthenticationError           401
    │   ├── PermissionDeniedError         403
    │   ├── NotFoundError                 404
    │   │   └── DeploymentNotFoundError   404: no deployment of that name (the deployment is not the model)
    │   ├── RateLimitError                429 (retry_after)
    │   └── InternalServerError           >= 500
    ├── ResponseValidationError           a 2xx response without the shape the operation returns (body kept)
    └── IncompleteStreamError             a stream ended before its final event (partial result in .partial)
"""

from __future__ import annotations

import email.utils
import errno
import json
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import httpx

#: How much of a non-JSON body (a gateway's HTML page) goes into an error message.
BODY_PREVIEW_CHARS = 200

#: The longest wait in seconds any setting may ask for (a timeout, a backoff, max_retry_wait) and the longest
#: server hint honoured: one day, far below ``threading.TIMEOUT_MAX`` and what ``socket.settimeout`` accepts.
MAX_SECONDS = 86_400.0

#: Request extension holding the ``Attempt`` records of the request, one per send (written by the retry transport,
#: read by telemetry, routing and the errors' ``attempts``).
ATTEMPTS = "azure_openai.attempts"


def attempts_of(request: httpx.Request | None) -> list[Any]:
    """The ``Attempt`` records of ``request`` (each send: backend, status or error, times), oldest first."""
    return list(request.extensions.get(ATTEMPTS, ())) if request is not None else []


def tried(request: httpx.Request | None) -> str:
    """``; attempts: HOST (DEPLOYMENT) HTTP 429, ...`` when the request went to several backends, else ``""``."""
    attempts = attempts_of(request)
    if len({id(a.backend) for a in attempts if a.backend is not None}) < 2:
        return ""
    return "; attempts: " + ", ".join(map(str, attempts))


class AzureOpenAIError(Exception):
    """Base class of every error raised by ``azure_openai``."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickle's default calls ``cls(*args)``, which fails for the errors taking keyword-only arguments (so an
        # error raised in a process pool broke the pool): rebuild from the message, then put the state back (the
        # response, body, partial result...). httpx drops a request's extensions (the attempts) when pickled.
        return _rebuilt, (type(self), self.args), self.__dict__


def _rebuilt(cls: type[AzureOpenAIError], args: tuple[Any, ...]) -> AzureOpenAIError:
    return cls.__new__(cls, *args)  # BaseException.__new__ sets ``args``; ``__init__`` would want keywords


class ConfigurationError(AzureOpenAIError, ValueError):
    """A setting is missing, malformed or contradictory; the message names the setting, its source and the fix."""


class InvalidArgumentError(ConfigurationError, TypeError):
    """An argument of the wrong type; also a ``TypeError``, which these calls raised before."""


class AudioNotFoundError(ConfigurationError, FileNotFoundError):
    """The audio path of ``transcribe``/``translate`` names no file; also the ``FileNotFoundError`` (``errno``
    ENOENT, ``filename``) it was before."""

    def __init__(self, message: str, filename: str) -> None:
        super().__init__(message)
        # Set by hand: ConfigurationError's ValueError comes first in the MRO, so OSError never parses arguments.
        self.errno, self.strerror, self.filename = errno.ENOENT, message, filename

    __str__ = BaseException.__str__  # the message as given, not OSError's "[Errno 2] ...: 'path'"

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.strerror, self.filename)  # errno and filename are not in __dict__


class CredentialError(AzureOpenAIError):
    """The ``token_provider`` raised (e.g. azure-identity's ``CredentialUnavailableError``); ``__cause__`` is that."""


class RequestEncodingError(AzureOpenAIError, ValueError):
    """The request holds text HTTP cannot carry: a lone surrogate such as ``"\\ud800"``, a header with a line break."""


class ClientClosedError(AzureOpenAIError, RuntimeError):
    """A call on a client that was closed (``close()`` or the end of its ``with`` block)."""


class APIConnectionError(AzureOpenAIError):
    """The service could not be reached (after any retries, or past too many redirects); ``__cause__``: why;
    ``partial``: what a stream had delivered before the connection failed or stalled."""

    def __init__(self, message: str, *, request: httpx.Request | None = None, partial: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request
        self.partial = partial

    @property
    def attempts(self) -> list[Any]:
        """Each send of the request (``Attempt``: backend, status or error, times), oldest first."""
        return attempts_of(self.request)


class APITimeoutError(APIConnectionError):
    """A connect, read, write or pool timeout (after any retries)."""


class ResponseValidationError(AzureOpenAIError, ValueError):
    """A 2xx response that does not have the shape the operation needs (``body`` holds what was received)."""

    def __init__(self, message: str, body: object) -> None:
        super().__init__(message)
        self.message = message
        self.body = body

    @classmethod
    def of(cls, operation: str, problem: str, body: object) -> ResponseValidationError:
        """The error for ``operation`` whose response ``problem`` (e.g. "has no 'data' list")."""
        return cls(f"{operation}: the service's response {problem}", body)


def read_json_object(operation: str, response: httpx.Response) -> dict[str, Any]:
    """The JSON object of a 2xx response; anything else (a gateway's HTML page with 200) raises, body kept."""
    try:
        raw = json.loads(response.content)
    except ValueError:
        kind = response.headers.get("content-type")
        raise ResponseValidationError.of(
            operation,
            f"(HTTP {response.status_code}, content-type {kind!r}) is not JSON: {_preview(response.text)!r}",
            response.text,
        ) from None
    if type(raw) is not dict:
        raise ResponseValidationError.of(operation, "is not a JSON object", raw)
    return raw


class IncompleteStreamError(AzureOpenAIError):
    """A stream ended before its final event; ``partial`` holds what had arrived (a result object or ``None``),
    ``leftover`` the bytes of an event it ended inside of."""

    def __init__(self, message: str, *, partial: Any = None, leftover: bytes = b"") -> None:
        super().__init__(message)
        self.message = message
        self.partial = partial
        self.leftover = leftover


class APIStatusError(AzureOpenAIError):
    """The service answered with a non-2xx status (or an error event mid-stream); carries everything it sent."""

    #: For an error event inside a stream: what had arrived before it (a result), else ``None``.
    partial: Any = None

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: Any,
        code: str | None,
        error_message: str | None = None,
        client_request_id: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.response = response
        self.status_code = response.status_code
        self.headers = response.headers
        self.body = body
        self.code = code
        self.error_message = error_message
        self.request_id = _request_id(response.headers)
        self.client_request_id = client_request_id
        self.retry_after = retry_after

    @property
    def attempts(self) -> list[Any]:
        """Each send of the request (``Attempt``: backend, status or error, times), oldest first."""
        try:
            return attempts_of(self.response.request)
        except RuntimeError:  # a response built without a request
            return []


class BadRequestError(APIStatusError):
    """HTTP 400: the request was invalid."""


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


# The verdict types live here, not with the results, because ContentFilterError hands them out and this module
# imports nothing of ours (errors are the leaf of the import graph); the results read verdicts through them too.
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


class ContentFilterError(BadRequestError):
    """HTTP 400 because the content filter blocked the prompt or the completion; ``content_filter_results`` is
    what the service sent, by side: ``{"prompt": {...}, "completion": {...}}``."""

    def __init__(
        self,
        message: str,
        *,
        content_filter_results: Mapping[str, Mapping[str, Any]] | None = None,
        prompt: ContentFilterResults | None = None,
        completion: ContentFilterResults | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(message, **kwargs)
        self.content_filter_results: dict[str, Mapping[str, Any]] = dict(content_filter_results or {})
        for side, view in (("prompt", prompt), ("completion", completion)):  # typed, as earlier versions took them
            if view is not None:  # a ContentFilterResults: its JSON, or the JSON of the verdicts it was built with
                self.content_filter_results[side] = view.raw or {
                    name: {"filtered": c.filtered, "severity": c.severity, "detected": c.detected}
                    for name, c in view.categories.items()
                }

    @property
    def prompt(self) -> ContentFilterResults | None:
        """The verdicts on the prompt, ``None`` when the service sent none."""
        return self._side("prompt")

    @property
    def completion(self) -> ContentFilterResults | None:
        """The verdicts on the completion, ``None`` when the service sent none."""
        return self._side("completion")

    def _side(self, side: str) -> ContentFilterResults | None:
        raw = self.content_filter_results.get(side)
        return None if raw is None else ContentFilterResults.from_json(raw)

    @property
    def revised_prompt(self) -> str | None:
        """For an image request: the prompt as DALL-E revised it before refusing it, when the service sent it."""
        revised = _inner_error(_code_and_message(self.body)[2]).get("revised_prompt")
        return revised if isinstance(revised, str) else None

    @property
    def filtered(self) -> dict[str, str | None]:
        """Each filtered category (prompt and completion) mapped to its severity (``None`` when not graded)."""
        return {category.name: category.severity for _, category in _filtered(self.content_filter_results)}


class AuthenticationError(APIStatusError):
    """HTTP 401: the api key or token was refused."""


class PermissionDeniedError(APIStatusError):
    """HTTP 403: the credential is valid but not allowed to do this."""


class NotFoundError(APIStatusError):
    """HTTP 404: wrong endpoint path, api-version or deployment."""


class DeploymentNotFoundError(NotFoundError):
    """HTTP 404 ``DeploymentNotFound``: no deployment of that name on this resource (a deployment is not a model)."""


class RateLimitError(APIStatusError):
    """HTTP 429: too many requests or tokens; ``retry_after`` is how long the service asked to wait (seconds)."""


class InternalServerError(APIStatusError):
    """HTTP 5xx: the service or a gateway in front of it failed."""


_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: RateLimitError,
}

#: Error codes of a mid-stream error event that say which class it belongs to (the HTTP status was 200).
_STREAM_CODE_CLASSES: dict[str, type[APIStatusError]] = {
    "content_filter": ContentFilterError,
    "rate_limit_exceeded": RateLimitError,
    "429": RateLimitError,
    "server_error": InternalServerError,
    "internal_error": InternalServerError,
    "500": InternalServerError,
    "timeout": InternalServerError,
}


def _request_id(headers: Mapping[str, str]) -> str | None:
    return headers.get("apim-request-id") or headers.get("x-request-id")


def _read_body(response: httpx.Response) -> Any:
    """The error body (every caller has read it): parsed JSON when it is JSON, else the text (``""`` when empty)."""
    content = response.content
    if not content:
        return ""
    try:
        return json.loads(content)
    except ValueError:
        return response.text


def _code_and_message(body: Any) -> tuple[str | None, str | None, dict[str, Any]]:
    """``(code, message, error object)`` from Azure's ``{"error": {...}}`` or a gateway's ``{"message": ...}``."""
    if not isinstance(body, dict):
        return None, None, {}
    error = body.get("error")
    if not isinstance(error, dict):
        error = body
    code = error.get("code")
    message = error.get("message")
    return (
        str(code) if code is not None else None,
        str(message) if message is not None else None,
        error,
    )


def _preview(text: str) -> str:
    text = text.strip()
    return text if len(text) <= BODY_PREVIEW_CHARS else text[:BODY_PREVIEW_CHARS] + "..."


#: The service's 400 for an argument its api-version does not take (``code`` and ``param`` null).
_UNRECOGNIZED = re.compile(r"Unrecognized request arguments? supplied: (.+?)\.?$")


def _hint(
    cls: type[APIStatusError],
    response: httpx.Response,
    error_message: str | None,
    deployment: str | None,
    endpoint: str | None,
    backend: Any,
) -> str | None:
    unrecognized = _UNRECOGNIZED.match(error_message or "") if cls is BadRequestError else None
    if unrecognized:
        names = ", ".join(repr(name.strip()) for name in unrecognized[1].split(","))
        try:
            version = f"api-version {response.request.url.params.get('api-version')}"
        except RuntimeError:  # a response built without a request
            version = "this api-version"
        return f"{version} does not take {names}: use a newer api_version= (or leave the argument out)"
    if cls is DeploymentNotFoundError:
        return (
            f"no deployment named {deployment!r} at {endpoint}: pass the deployment name you chose when deploying "
            "the model (Azure portal > your resource > Deployments), which is not the model name"
        )
    if cls is NotFoundError:
        return f"check the endpoint ({endpoint}), the deployment ({deployment!r}) and the api-version"
    if cls is AuthenticationError:  # named where it came from: an argument, a variable, a --config file...
        token = "is for https://cognitiveservices.azure.com/.default and not expired"
        if backend is None:  # not known (a response without its request's attempts)
            return f"check the api key, or that the token {token}"
        return (
            f"check {backend.credential}"
            if backend.auth.kind == "api_key"
            else f"check that {backend.credential} {token}"
        )
    return None


#: The error codes of a content-filter refusal: text (``content_filter``), DALL-E as Microsoft Learn shows it
#: (``contentFilter``) and as the spec's ``dalleErrorResponse`` and the emulator send it; compared in lower case.
_FILTER_CODES = frozenset({"content_filter", "contentfilter", "content_policy_violation"})


def _inner_error(error: Mapping[str, Any]) -> dict[str, Any]:
    """The error's inner error: ``innererror`` for text, ``inner_error`` for DALL-E; ``{}`` when none."""
    inner = error.get("innererror", error.get("inner_error"))
    return inner if isinstance(inner, dict) else {}


def _content_filter_results(code: str | None, error: Mapping[str, Any]) -> dict[str, Mapping[str, Any]] | None:
    """The verdicts by side when the content filter caused the error (``{}`` when it sent none), else ``None``."""
    inner = _inner_error(error)
    if (code or "").lower() not in _FILTER_CODES and inner.get("code") != "ResponsibleAIPolicyViolation":
        return None
    # Text names the prompt's verdicts in the singular and the completion's in the plural; DALL-E's inner_error
    # has only the plural, for the prompt it refused.
    plural = "prompt" if "innererror" not in error else "completion"
    sides = {"prompt": inner.get("content_filter_result"), plural: inner.get("content_filter_results")}
    return {side: results for side, results in sides.items() if isinstance(results, dict)}


def _filtered(by_side: Mapping[str, Mapping[str, Any]]) -> list[tuple[str, FilterCategory]]:
    """``(side, category)`` of every category the filter blocked."""
    views = {side: ContentFilterResults.from_json(results) for side, results in by_side.items()}
    return [(side, view[name]) for side, view in views.items() for name in view.filtered]


def _filtered_summary(by_side: Mapping[str, Mapping[str, Any]]) -> str:
    """``filtered: prompt violence (medium), prompt jailbreak (detected)`` for the error message."""
    found = [
        f"{side} {c.name} ({c.severity or ('detected' if c.detected else 'filtered')})"
        for side, c in _filtered(by_side)
    ]
    return "filtered: " + (", ".join(found) if found else "no category named")


def _build(
    cls: type[APIStatusError],
    message: str,
    response: httpx.Response,
    body: Any,
    filtered: dict[str, Mapping[str, Any]] | None,
    deployment: str | None,
    retry_after: float | None = None,
) -> APIStatusError:
    """``cls`` with what the service sent; the message ends with ``(request id R, client request id C, deployment
    'D')``, those known (the client request id is the one the request carried, if it was built with one)."""
    code, error_message, _ = _code_and_message(body)
    try:
        client_request_id: str | None = response.request.headers.get("x-ms-client-request-id")
        message += tried(response.request)
    except RuntimeError:
        client_request_id = None
    ids = [f"request id {rid}" for rid in [_request_id(response.headers)] if rid]
    if client_request_id:
        ids.append(f"client request id {client_request_id}")
    if deployment:
        ids.append(f"deployment {deployment!r}")
    extra: dict[str, Any] = {} if filtered is None else {"content_filter_results": filtered}
    return cls(
        message + (f" ({', '.join(ids)})" if ids else ""),
        response=response,
        body=body,
        code=code,
        error_message=error_message,
        client_request_id=client_request_id,
        retry_after=retry_after,
        **extra,
    )


def build_status_error(
    response: httpx.Response, *, deployment: str | None = None, endpoint: str | None = None, backend: Any = None
) -> APIStatusError:
    """The typed error for a non-2xx ``response`` (which must have been read; ``backend``: the ``Backend`` that
    sent it, if known); never a JSON decoding error."""
    status = response.status_code
    body = _read_body(response)
    code, error_message, error = _code_and_message(body)
    cls = _STATUS_CLASSES.get(status, InternalServerError if status >= 500 else APIStatusError)
    filtered = _content_filter_results(code, error) if cls is BadRequestError else None
    if filtered is not None:
        cls = ContentFilterError
    elif cls is NotFoundError and (
        (code or "").lower() == "deploymentnotfound" or "DeploymentNotFound" in (error_message or "")
    ):
        cls = DeploymentNotFoundError

    if error_message is not None:
        summary = error_message
    elif isinstance(body, str) and body.strip():
        summary = f"non-JSON body: {_preview(body)}"
    elif body == "":
        summary = "empty body"
    else:
        summary = f"body: {_preview(json.dumps(body))}"
    parts = [f"HTTP {status}" + (f" {code}" if code else "") + f": {summary}"]
    if 300 <= status < 400:
        parts = [_redirect_summary(response)] + (parts if body != "" else [])
    if filtered:
        parts.append(_filtered_summary(filtered))
    hint = _hint(cls, response, error_message, deployment, endpoint, backend)
    if hint:
        parts.append(hint)
    retry_after = server_wait(response.headers)
    if retry_after is not None and status in (429, 503):
        parts.append(f"retry after {retry_after:g} s")
    named = None if cls is DeploymentNotFoundError else deployment  # its hint names it already
    return _build(cls, "; ".join(parts), response, body, filtered, named, retry_after)


def build_stream_error(
    raw: Mapping[str, Any],
    *,
    response: httpx.Response | None,
    partial: Any = None,
    deployment: str | None = None,
) -> APIStatusError:
    """The typed error for an ``{"error": {...}}`` event inside a 200 stream; ``partial`` is what had arrived."""
    body = dict(raw)
    code, error_message, error = _code_and_message(body)
    if response is None:
        response = httpx.Response(200)
    status = error.get("status")
    cls = _STREAM_CODE_CLASSES.get((code or "").lower())
    if cls is None and isinstance(status, int):
        cls = _STATUS_CLASSES.get(status, InternalServerError if status >= 500 else None)
    if cls is None:
        cls = InternalServerError if code is None or "server" in code.lower() else APIStatusError
    filtered = _content_filter_results(code, error)  # never None when the code says content_filter
    if filtered is not None:
        cls = ContentFilterError
    summary = error_message or _preview(json.dumps(body))
    message = f"error event in the stream{f' {code}' if code else ''}: {summary}; the text before it is in .partial"
    exc = _build(cls, message, response, body, filtered, deployment)
    exc.partial = partial
    return exc


def shown_location(location: str) -> str:
    """A redirect's ``location`` for an error message: no query, fragment or user info (a SAS token can be there)."""
    base, query, _ = location.split("#", 1)[0].partition("?")
    if "://" in base:
        scheme, rest = base.split("://", 1)
        authority, slash, path = rest.partition("/")
        base = f"{scheme}://{authority.rpartition('@')[2]}{slash}{path}"
    return base + (" (query left out)" if query else "")


def _redirect_summary(response: httpx.Response) -> str:
    location = response.headers.get("location")
    where = f"redirect to {shown_location(location)}" if location else "redirect without a Location header"
    return (
        f"HTTP {response.status_code} {where}, not followed: a redirect could take the credential to another "
        "host; if the resource moved, configure the endpoint it points to"
    )


_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)(ms|h|m|s)")


def _capped(seconds: float) -> float | None:
    """A hint of ``seconds`` as a wait from 0 to ``MAX_SECONDS``; ``None`` (no hint) when not finite: a proxy's
    ``inf`` would otherwise set a backend aside for good."""
    return min(max(0.0, seconds), MAX_SECONDS) if math.isfinite(seconds) else None


def _seconds(value: str) -> float | None:
    """Seconds from ``"2"``, ``"0.5"``, ``"20ms"``, ``"1s"``, ``"6m0s"`` (capped); ``None`` when unreadable."""
    value = value.strip()
    try:
        return _capped(float(value))
    except ValueError:
        pass
    parts = _DURATION_PART.findall(value)
    if not parts or "".join(n + u for n, u in parts) != value:
        return None
    scale = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}
    return _capped(sum(float(number) * scale[unit] for number, unit in parts))


def server_wait(headers: Mapping[str, str]) -> float | None:
    """How long the service asked us to wait (seconds, at most ``MAX_SECONDS``), or ``None``: ``retry-after-ms``,
    else ``Retry-After`` (seconds or an HTTP date), else the reset time of the exhausted rate limit (the longer one
    when unsure); a value that is not a finite number counts as absent. Errors report it as ``retry_after``, so it
    lives here (this module imports nothing of ours)."""
    value = headers.get("retry-after-ms")
    if value is not None:
        try:
            wait = _capped(float(value) / 1000.0)
        except ValueError:
            wait = None
        if wait is not None:
            return wait
    value = headers.get("retry-after")
    if value is not None:
        wait = _seconds(value)
        if wait is not None:
            return wait
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, OverflowError):  # not a date, or one far outside the calendar
            pass
        else:
            if when.tzinfo is None:
                when = when.replace(tzinfo=timezone.utc)
            return _capped((when - datetime.now(timezone.utc)).total_seconds())
    resets: list[float] = []
    for kind in ("requests", "tokens"):
        reset = headers.get(f"x-ratelimit-reset-{kind}")
        if reset is None:
            continue
        remaining = headers.get(f"x-ratelimit-remaining-{kind}")
        if remaining is not None and remaining.strip() not in ("0", "0.0"):
            continue  # this limit is not the one we hit
        seconds = _seconds(reset)
        if seconds is not None:
            resets.append(seconds)
    return max(resets) if resets else None
