"""Native OpenTelemetry: a span and two metrics per operation, after the GenAI semantic conventions.

They go through the global tracer and meter providers of ``opentelemetry-api``, which record nothing until the
application configures the SDK. ``opentelemetry`` is imported at a client's first operation, and only when it is
installed: a client without it (or with ``telemetry=False``) has no ``Telemetry`` and pays one ``is None`` per
request. Names, choices and figures: docs/telemetry.md.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import httpx

from ._errors import ATTEMPTS
from ._flow import Post
from ._transport.logs import logger
from ._transport.retry import Attempt

#: The variable of the contrib instrumentations: ``true`` records message content (prompts, replies, tool calls).
CAPTURE_CONTENT = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"

#: Response extension of a streamed response: called with the stream's fold and error (``_chat/streaming.py``).
STREAM_END = "azure_openai.telemetry.stream_end"

#: ``gen_ai.provider.name``, which replaced ``gen_ai.system`` (value ``az.ai.openai``, then ``azure.ai.openai``).
PROVIDER = "azure.ai.openai"

#: ``gen_ai.operation.name`` by ``Post.operation``; operations the conventions do not name keep their path.
_OPERATIONS = {"chat_completions_create": "chat", "completions": "text_completion", "embeddings": "embeddings"}

#: Request fields recorded as attributes (``stop`` and ``encoding_format`` as lists).
_REQUEST = {f: f"gen_ai.request.{f}" for f in ("temperature", "top_p", "max_tokens", "frequency_penalty", "seed")}
_REQUEST |= {
    "presence_penalty": "gen_ai.request.presence_penalty",
    "max_completion_tokens": "gen_ai.request.max_tokens",
    "n": "gen_ai.request.choice.count",
    "stop": "gen_ai.request.stop_sequences",
    "dimensions": "gen_ai.embeddings.dimension.count",
    "encoding_format": "gen_ai.request.encoding_formats",
}

#: The conventions' advised bucket boundaries.
_SECONDS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92]
_TOKENS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864]

_otel: Any = None  # (trace, context, tracer, duration histogram, token histogram), at the first operation


def _instruments() -> Any:
    global _otel
    if _otel is None:
        _otel = instruments()
    return _otel


def instruments(tracer_provider: Any = None, meter_provider: Any = None) -> Any:
    """The tracer and histograms of the given providers, by default the global ones (tests give their own)."""
    from opentelemetry import context, metrics, trace

    histogram = metrics.get_meter("azure_openai", meter_provider=meter_provider).create_histogram
    return (
        trace,
        context,
        trace.get_tracer("azure_openai", tracer_provider=tracer_provider),
        histogram("gen_ai.client.operation.duration", "s", explicit_bucket_boundaries_advisory=_SECONDS),
        histogram("gen_ai.client.token.usage", "{token}", explicit_bucket_boundaries_advisory=_TOKENS),
    )


def telemetry_for(enabled: object, backends: Sequence[Any]) -> Telemetry | None:
    """A client's ``Telemetry``, or ``None`` when it is off or ``opentelemetry-api`` is not installed."""
    from ._errors import InvalidArgumentError

    if not isinstance(enabled, bool):
        raise InvalidArgumentError(f"telemetry must be True or False, not {enabled!r}")
    return Telemetry(backends) if enabled and _installed() else None


@functools.cache
def _installed() -> bool:
    """Whether ``opentelemetry-api`` is installed (it brings metrics with trace), found without importing it."""
    from importlib.util import find_spec

    try:
        return find_spec("opentelemetry.trace") is not None
    except ModuleNotFoundError:  # no opentelemetry namespace at all
        return False


class Telemetry:
    """One client's telemetry: its server's attributes, those of each backend it routes to, and whether message
    content is recorded (read once, here)."""

    __slots__ = ("content", "routes", "server")

    def __init__(self, backends: Sequence[Any]) -> None:
        self.server = _server(backends[0].endpoint)
        #: Routed (several ``Backend``s): by backend, its server and the deployment its requests name (``aim``).
        self.routes = {b: (_server(b.endpoint), b.deployment) for b in backends} if len(backends) > 1 else None
        self.content = os.environ.get(CAPTURE_CONTENT, "").strip().lower() == "true"

    def operation(self, post: Post, deployment: str | None) -> Operation | Idle:
        """The span of one operation request (its retries included), ended by ``with`` or by its stream's end;
        ``IDLE`` while the application has set no tracer or meter provider (nothing would record)."""
        trace, _, tracer, _, _ = _instruments()
        proxy = isinstance(tracer, trace.ProxyTracer) and isinstance(
            trace.get_tracer_provider(), trace.ProxyTracerProvider
        )
        if proxy and not _metering():
            return IDLE
        try:
            return Operation(self, post, deployment)
        except Exception as exc:  # the SDK lets a span processor's failure at the start through: record nothing
            _dropped(exc)
            return IDLE


class Idle:
    """An operation that records nothing (the API's providers are no-ops until the application sets its own)."""

    def __enter__(self) -> Idle:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def ended(self, response: httpx.Response) -> httpx.Response:
        return response

    streaming = ended


IDLE = Idle()


class Operation:
    """One operation: its span, current while the request is sent, and what the response or error adds to it."""

    __slots__ = ("_content", "_detach", "_metric", "_response", "_routes", "_span", "_started", "_streamed")

    def __init__(self, telemetry: Telemetry, post: Post, deployment: str | None) -> None:
        trace, context, tracer, *_ = _instruments()
        body: Mapping[str, Any] = post.body or {}
        name = _OPERATIONS.get(post.operation, post.operation)
        model = post.deployment or deployment or ""
        self._metric: dict[str, Any] = {
            "gen_ai.operation.name": name,
            "gen_ai.provider.name": PROVIDER,
            "gen_ai.request.model": model,
            **telemetry.server,
        }
        start = {**self._metric, "gen_ai.request.stream": True} if body.get("stream") else self._metric
        self._span = span = tracer.start_span(f"{name} {model}", kind=trace.SpanKind.CLIENT, attributes=start)
        self._content, self._routes = telemetry.content and name == "chat", telemetry.routes
        if span.is_recording():
            try:
                for field, attribute in _REQUEST.items():
                    value = body.get(field)
                    if isinstance(value, str) and attribute.endswith("s"):
                        value = [value]  # stop_sequences, encoding_formats: lists
                    if value is not None and not isinstance(value, dict):
                        span.set_attribute(attribute, value)
                if self._content:
                    span.set_attribute("gen_ai.input.messages", _json([_message(m) for m in _list(body, "messages")]))
            except Exception as exc:
                _dropped(exc)
        self._response: httpx.Response | None = None
        self._streamed = False
        token = context.attach(trace.set_span_in_context(span))  # an HTTP instrumentation's spans nest under it
        self._detach: Callable[[], None] | None = lambda: context.detach(token)
        self._started = time.perf_counter()

    def __enter__(self) -> Operation:
        """The operation, its span current."""
        return self

    def ended(self, response: httpx.Response) -> httpx.Response:
        """Keep the (2xx, read) response for the end of the span, and return it."""
        self._response = response
        return response

    def streaming(self, response: httpx.Response) -> httpx.Response:
        """The stream opened: its span stops being current (the caller iterates it elsewhere) and ends when it
        closes, with what the stream's end (``STREAM_END``) adds."""
        _guarded(self._leave)
        _guarded(self._answered, response.request.extensions.get(ATTEMPTS))
        response.extensions[STREAM_END] = self._stream_end
        self._response, self._streamed = response, True
        return response

    def _stream_end(self, fold: Callable[[], Mapping[str, Any]], error: BaseException | None) -> None:
        try:
            if error is not None:
                self._failed(error)
            else:
                self._record(fold())
        except Exception as exc:
            _dropped(exc)

    def __exit__(self, kind: object, error: BaseException | None, tb: object) -> None:
        """End the span: the outcome, the attempts as child spans, and the metrics; whatever fails in recording
        them (a span processor, exporter or instrument that raises included), the duration is recorded, the span
        ends and the call's outcome stays the same."""
        if isinstance(error, GeneratorExit):  # an abandoned stream's generator closed: a plain close, no failure
            error = None
        try:
            self._leave()
            response = self._response or getattr(error, "response", None)
            request = response.request if isinstance(response, httpx.Response) else getattr(error, "request", None)
            attempts = request.extensions.get(ATTEMPTS) if isinstance(request, httpx.Request) else None
            self._answered(attempts)
            if error is not None:
                self._failed(error)
            elif response is not None and not self._streamed and (self._span.is_recording() or _metering()):
                try:
                    body = response.json()
                except ValueError:  # a success that is not JSON (audio as text): nothing more to read
                    body = None
                if isinstance(body, dict):
                    self._record(body)
            trace, _, tracer, _, _ = _instruments()
            if self._span.is_recording() and attempts:
                for number, attempt in enumerate(attempts):
                    _attempt_span(trace, tracer, self._span, number, attempt)
        except Exception as exc:
            _dropped(exc)
        finally:
            _guarded(_instruments()[3].record, time.perf_counter() - self._started, self._metric)
            _guarded(self._span.end)

    def _answered(self, attempts: list[Attempt] | None) -> None:
        """Routed: the server and deployment of the backend the last attempt went to, on the span and metrics (the
        span's name, given at its start, keeps the deployment the call named)."""
        known = self._routes.get(attempts[-1].backend) if self._routes is not None and attempts else None
        if known is not None:
            server, deployment = known
            answered = server if deployment is None else {**server, "gen_ai.request.model": deployment}
            self._metric.update(answered)
            self._span.set_attributes(answered)

    def _leave(self) -> None:
        if self._detach is not None:
            self._detach()
            self._detach = None

    def _failed(self, error: BaseException) -> None:
        """The error's class name as ``error.type`` (``RateLimitError``, ``APITimeoutError``...), status ERROR."""
        trace = _instruments()[0]
        self._metric["error.type"] = type(error).__name__
        self._span.set_attribute("error.type", type(error).__name__)
        self._span.set_status(trace.Status(trace.StatusCode.ERROR, str(error)))  # our errors' text has no secret

    def _record(self, body: Mapping[str, Any]) -> None:
        """What a response body (or a stream's fold) says: ids, model, finish reasons, usage, output content."""
        span, tokens = self._span, _instruments()[4]
        if isinstance(body.get("model"), str):
            self._metric["gen_ai.response.model"] = body["model"]
        usage = _dict(body.get("usage"))
        counts = {"input": usage.get("prompt_tokens"), "output": usage.get("completion_tokens")}
        for kind, count in counts.items():
            if isinstance(count, int):
                _guarded(tokens.record, count, {**self._metric, "gen_ai.token.type": kind})
        if not span.is_recording():
            return
        choices = [c for c in _list(body, "choices") if isinstance(c, dict)]
        reasons = [c["finish_reason"] for c in choices if isinstance(c.get("finish_reason"), str)]
        attributes = {
            "gen_ai.response.id": body.get("id"),
            "gen_ai.response.model": body.get("model"),
            "gen_ai.response.finish_reasons": reasons or None,
            "gen_ai.usage.input_tokens": counts["input"],
            "gen_ai.usage.output_tokens": counts["output"],
        }
        if self._content:
            attributes["gen_ai.output.messages"] = _json([_output(c) for c in choices])
        span.set_attributes({k: v for k, v in attributes.items() if v is not None and v != ""})


def _attempt_span(trace: Any, tracer: Any, parent: Any, number: int, attempt: Attempt) -> None:
    """A send of the request as an HTTP client span, timed from its record, so retries and their waits show."""
    attributes: dict[str, Any] = {"http.request.method": "POST", "server.address": attempt.host}
    if number:
        attributes["http.request.resend_count"] = number
    if attempt.status is not None:
        attributes["http.response.status_code"] = attempt.status
    error = attempt.error or (str(attempt.status) if attempt.status and attempt.status >= 400 else None)
    if error is not None:
        attributes["error.type"] = error
    deployment = getattr(attempt.backend, "deployment", None)  # routing: the backend the attempt went to
    if isinstance(deployment, str):
        attributes["gen_ai.request.model"] = deployment
    kind, parent = trace.SpanKind.CLIENT, trace.set_span_in_context(parent)
    span = tracer.start_span("POST", parent, kind, attributes, start_time=attempt.start_ns)
    if error is not None:
        span.set_status(trace.Status(trace.StatusCode.ERROR))
    span.end(end_time=attempt.end_ns)


def _metering() -> bool:
    """Whether token counts are recorded: the API's proxy histogram records nothing until the application sets a
    meter provider (``_real_instrument``, a private detail: an instrument without it is taken as recording)."""
    return getattr(_instruments()[4], "_real_instrument", True) is not None


def _server(endpoint: str) -> dict[str, Any]:
    url = httpx.URL(endpoint)
    return {"server.address": url.host, "server.port": url.port or (443 if url.scheme == "https" else 80)}


def _dropped(exc: Exception) -> None:
    """Telemetry never changes a call's outcome: a failure to record is logged (its kind only: no body, no secret)."""
    logger.debug("telemetry: recording failed with %s; the call is unaffected", type(exc).__name__)


def _guarded(step: Callable[..., object], *args: Any) -> None:
    """Run one recording step; its failure is only logged, so the steps after it still run."""
    try:
        step(*args)
    except Exception as exc:
        _dropped(exc)


def _dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(body: Mapping[str, Any], field: str) -> list[Any]:
    """``body[field]`` when it is a list, else empty (JSON off the documented shape records nothing)."""
    value = body.get(field)
    return value if isinstance(value, list) else []


def _json(value: Any) -> str:
    # Span attributes cannot hold nested structures: the conventions allow the JSON text.
    return json.dumps(value, ensure_ascii=False, default=str)


def _parts(content: Any) -> list[dict[str, Any]]:
    """A message's content as the conventions' parts: text as text; other parts by their type only (no data)."""
    if isinstance(content, str):
        return [{"type": "text", "content": content}]
    if not isinstance(content, list):
        return []
    return [
        {"type": "text", "content": p.get("text")} if p.get("type") == "text" else {"type": p.get("type")}
        for p in content
        if isinstance(p, dict)
    ]


def _tool_calls(message: Mapping[str, Any]) -> list[dict[str, Any]]:
    calls = []
    for call in map(_dict, _list(message, "tool_calls")):  # an off-shape call: a part with nothing known
        function = _dict(call.get("function"))
        arguments = function.get("arguments")
        if isinstance(arguments, str):
            with contextlib.suppress(ValueError):  # else kept as the model wrote it
                arguments = json.loads(arguments)
        calls.append({"type": "tool_call", "id": call.get("id"), "name": function.get("name"), "arguments": arguments})
    return calls


def _message(message: Any) -> dict[str, Any]:
    """An input message (or a choice's) in the conventions' shape (``gen_ai.input.messages``)."""
    message = _dict(message)
    if message.get("role") == "tool":
        parts = [{"type": "tool_call_response", "id": message.get("tool_call_id"), "result": message.get("content")}]
    else:
        parts = _parts(message.get("content")) + _tool_calls(message)
    return {"role": message.get("role"), "parts": parts}


def _output(choice: Mapping[str, Any]) -> dict[str, Any]:
    """A choice in the conventions' shape (``gen_ai.output.messages``)."""
    return {**_message(choice.get("message")), "finish_reason": choice.get("finish_reason")}
