"""Native OpenTelemetry (docs/telemetry.md): a span and metrics per operation after the GenAI semantic conventions,
attempts as child spans, streams ending their span at their end, content only on request, and nothing when off.

The SDK is a dev dependency: its tracer and meter providers (in-memory exporter and reader) stand in for the
global ones the clients use, through ``_telemetry.instruments``.
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from azure_openai import (
    AsyncAzureOpenAI,
    AuthenticationError,
    AzureOpenAI,
    Backend,
    ChatResult,
    DeploymentNotFoundError,
    IncompleteStreamError,
    InvalidArgumentError,
    _telemetry,
)
from azure_openai._flow import Post
from azure_openai.testing import Emulator, Fault
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from opentelemetry import trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

from .conftest import Reply, ScriptedServer, chat_json

TOKEN = "secret-bearer-token-0123456789"
pytestmark = [
    pytest.mark.usefixtures("clean_env"),
    pytest.mark.azure_openai_emulator(
        embedding_dimensions=4, tokens=[TOKEN], deployments={"gpt-4": "gpt-4", "embed": "text-embedding-3-small"}
    ),
]


class Otel:
    """What the SDK received: finished spans and metric points."""

    def __init__(self) -> None:
        self.exporter = InMemorySpanExporter()
        self.tracer_provider = TracerProvider()
        self.tracer_provider.add_span_processor(SimpleSpanProcessor(self.exporter))
        self.reader = InMemoryMetricReader()
        self.meter_provider = MeterProvider(metric_readers=[self.reader])

    @property
    def spans(self) -> list[ReadableSpan]:
        return list(self.exporter.get_finished_spans())

    def operations(self) -> list[ReadableSpan]:
        """The operation spans (not the attempts)."""
        return [s for s in self.spans if s.name != "POST"]

    def attempts(self, parent: ReadableSpan) -> list[ReadableSpan]:
        assert parent.context is not None
        return [s for s in self.spans if s.parent is not None and s.parent.span_id == parent.context.span_id]

    def points(self, name: str) -> list[Any]:
        data = self.reader.get_metrics_data()
        return [
            point
            for resource in (data.resource_metrics if data else ())
            for scope in resource.scope_metrics
            for metric in scope.metrics
            if metric.name == name
            for point in metric.data.data_points  # type: ignore[union-attr]
        ]


@pytest.fixture
def otel(monkeypatch: pytest.MonkeyPatch) -> Otel:
    found = Otel()
    monkeypatch.setattr(_telemetry, "_otel", _telemetry.instruments(found.tracer_provider, found.meter_provider))
    return found


#: An api-version that takes stream_options, which usage in a stream needs (the default 2024-02-01 refuses it).
STREAM_USAGE = "2024-10-21"


@pytest.fixture
def emu(azure_openai_emulator: Emulator) -> Emulator:
    return azure_openai_emulator


@pytest.fixture
def client(emu: Emulator) -> Iterator[AzureOpenAI]:
    with AzureOpenAI(
        endpoint=emu.endpoint, api_key=emu.api_key, deployment="gpt-4", retry_backoff=0.0, api_version=STREAM_USAGE
    ) as client:
        yield client


def _port(emu: Emulator) -> int:
    port = httpx.URL(emu.endpoint).port
    assert port is not None
    return port


def test_chat_has_one_client_span_with_the_genai_attributes_and_metrics(
    client: AzureOpenAI, emu: Emulator, otel: Otel
) -> None:
    result = client.chat("Hi", temperature=0.5, top_p=0.9, max_tokens=20, stop="END", seed=7)
    [span] = otel.operations()
    assert span.name == "chat gpt-4" and span.kind is SpanKind.CLIENT and span.parent is None
    assert span.status.status_code is StatusCode.UNSET
    assert result.usage is not None
    assert dict(span.attributes or {}) == {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "azure.ai.openai",
        "gen_ai.request.model": "gpt-4",
        "server.address": "127.0.0.1",
        "server.port": _port(emu),
        "gen_ai.request.temperature": 0.5,
        "gen_ai.request.top_p": 0.9,
        "gen_ai.request.max_tokens": 20,
        "gen_ai.request.stop_sequences": ("END",),
        "gen_ai.request.seed": 7,
        "gen_ai.response.id": result.raw["id"],
        "gen_ai.response.model": result.raw["model"],
        "gen_ai.response.finish_reasons": (result.finish_reason,),
        "gen_ai.usage.input_tokens": result.usage.prompt_tokens,
        "gen_ai.usage.output_tokens": result.usage.completion_tokens,
    }
    [duration] = otel.points("gen_ai.client.operation.duration")
    assert duration.count == 1 and duration.sum > 0
    assert duration.explicit_bounds[:3] == (0.01, 0.02, 0.04)
    assert duration.attributes["gen_ai.response.model"] == result.raw["model"]
    assert "error.type" not in duration.attributes
    tokens = {p.attributes["gen_ai.token.type"]: p.sum for p in otel.points("gen_ai.client.token.usage")}
    assert tokens == {"input": result.usage.prompt_tokens, "output": result.usage.completion_tokens}


async def test_async_chat_and_embeddings_have_their_spans(emu: Emulator, otel: Otel) -> None:
    async with AsyncAzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="gpt-4") as client:
        await client.chat("Hi")
        embedded = await client.embed(["a", "b"], deployment="embed", dimensions=4)
    chat, embeddings = otel.operations()
    assert chat.name == "chat gpt-4"
    assert embeddings.name == "embeddings embed"
    attributes = embeddings.attributes or {}
    assert attributes["gen_ai.operation.name"] == "embeddings"
    assert attributes["gen_ai.embeddings.dimension.count"] == 4
    assert attributes["gen_ai.request.encoding_formats"] == ("base64",)
    assert embedded.usage is not None
    assert attributes["gen_ai.usage.input_tokens"] == embedded.usage.prompt_tokens
    assert "gen_ai.response.finish_reasons" not in attributes


def test_the_span_is_current_while_the_request_is_sent_and_only_then(emu: Emulator, otel: Otel) -> None:
    seen: list[trace.Span] = []
    client = AzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="gpt-4")
    client.http_client.event_hooks["request"].append(lambda request: seen.append(trace.get_current_span()))
    client.chat("Hi")
    [span] = otel.operations()
    assert [s.get_span_context() for s in seen] == [span.get_span_context()]
    assert not trace.get_current_span().is_recording()


def test_retries_show_as_child_http_spans_timed_from_their_attempts(
    client: AzureOpenAI, emu: Emulator, otel: Otel
) -> None:
    emu.inject(Fault.rate_limit(retry_after_ms=1))
    client.chat("Hi")
    [span] = otel.operations()
    first, second = otel.attempts(span)
    assert (first.name, first.kind) == ("POST", SpanKind.CLIENT)
    assert dict(first.attributes or {}) == {
        "http.request.method": "POST",
        "server.address": "127.0.0.1",
        "http.response.status_code": 429,
        "error.type": "429",
    }
    assert first.status.status_code is StatusCode.ERROR
    assert (second.attributes or {})["http.response.status_code"] == 200
    assert (second.attributes or {})["http.request.resend_count"] == 1
    assert first.end_time is not None and second.start_time is not None and first.end_time <= second.start_time
    assert span.start_time is not None and first.start_time is not None and span.start_time <= first.start_time


def test_a_routed_call_names_the_server_and_deployment_that_answered(emu: Emulator, otel: Otel) -> None:
    emu.inject(Fault.rate_limit(retry_after_ms=60_000))  # the first backend is set aside for a minute
    with Emulator(deployments={"gpt-4-b": "gpt-4"}) as other:
        answered = {"server.port": _port(other), "gen_ai.request.model": "gpt-4-b"}
        backends = [
            Backend(emu.endpoint, "gpt-4", api_key=emu.api_key),
            Backend(other.endpoint, "gpt-4-b", api_key=other.api_key, priority=1),
        ]
        with AzureOpenAI(backends=backends, api_version=STREAM_USAGE) as client:
            result = client.chat("Hi")
            with client.chat_stream("Hi", stream_options={"include_usage": True}) as stream:
                stream.final()
            with pytest.raises(DeploymentNotFoundError):  # an error: the backend it came from
                other.inject(Fault.error(404, code="DeploymentNotFound"))
                client.chat("Hi")
    assert result.backend is backends[1]
    spans = otel.operations()
    for span in spans:
        assert span.name == "chat gpt-4"  # named at the start, before any backend answered: the request's
        assert {k: (span.attributes or {})[k] for k in answered} == answered
    assert [len(otel.attempts(span)) for span in spans] == [2, 1, 1]
    durations, tokens = otel.points("gen_ai.client.operation.duration"), otel.points("gen_ai.client.token.usage")
    assert sum(p.count for p in durations) == 3 and sum(p.count for p in tokens) == 4  # the error used none
    assert all({k: p.attributes[k] for k in answered} == answered for p in durations + tokens)


def test_an_error_sets_error_type_and_status_on_the_span_and_the_duration(client: AzureOpenAI, otel: Otel) -> None:
    with pytest.raises(DeploymentNotFoundError):
        client.chat("Hi", deployment="nowhere")
    [span] = otel.operations()
    assert span.name == "chat nowhere"
    assert (span.attributes or {})["error.type"] == "DeploymentNotFoundError"
    assert span.status.status_code is StatusCode.ERROR
    assert [a.attributes["http.response.status_code"] for a in otel.attempts(span) if a.attributes] == [404]
    [duration] = otel.points("gen_ai.client.operation.duration")
    assert duration.attributes["error.type"] == "DeploymentNotFoundError"
    assert otel.points("gen_ai.client.token.usage") == []


def test_a_stream_span_ends_when_the_stream_ends_with_what_it_folded(client: AzureOpenAI, otel: Otel) -> None:
    with client.chat_stream("Hi", stream_options={"include_usage": True}) as stream:
        next(stream)
        assert otel.operations() == []  # still open while the events arrive
        assert not trace.get_current_span().is_recording()  # but not current: the caller's code runs here
        result = stream.final()
    [span] = otel.operations()
    attributes = span.attributes or {}
    assert attributes["gen_ai.request.stream"] is True
    assert attributes["gen_ai.response.finish_reasons"] == (result.finish_reason,)
    assert result.usage is not None
    assert attributes["gen_ai.usage.output_tokens"] == result.usage.completion_tokens
    assert span.status.status_code is StatusCode.UNSET
    assert len(otel.attempts(span)) == 1


def test_a_stream_closed_early_ends_its_span_without_an_error(client: AzureOpenAI, otel: Otel) -> None:
    with client.chat_stream("Hi there, a long answer please") as stream:
        for _ in range(3):
            next(stream)
        folded = stream.partial()
    [span] = otel.operations()
    assert span.status.status_code is StatusCode.UNSET
    attributes = span.attributes or {}
    assert attributes["gen_ai.response.id"] == folded.raw["id"]
    assert "gen_ai.response.finish_reasons" not in attributes  # no choice had finished


async def test_a_cut_async_stream_records_its_error(emu: Emulator, otel: Otel) -> None:
    emu.inject(Fault.cut_stream(after_events=2))
    async with AsyncAzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="gpt-4") as client:
        with pytest.raises(IncompleteStreamError):
            async with client.chat_stream("Hi") as stream:
                async for _ in stream:
                    pass
    [span] = otel.operations()
    assert (span.attributes or {})["error.type"] == "IncompleteStreamError"
    assert span.status.status_code is StatusCode.ERROR


async def test_an_abandoned_async_stream_ends_its_span_without_an_error(emu: Emulator, otel: Otel) -> None:
    async with AsyncAzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="gpt-4") as client:
        stream = await client.chat_stream("Hi")  # opened, never read nor closed: dropped
        del stream
        gc.collect()
        for _ in range(20):  # the loop's asyncgen hook closes the dropped generator in a task of its own
            if otel.operations():
                break
            await asyncio.sleep(0)
        [span] = otel.operations()
    assert span.status.status_code is StatusCode.UNSET
    assert "error.type" not in (span.attributes or {})
    [duration] = otel.points("gen_ai.client.operation.duration")
    assert "error.type" not in duration.attributes


def _chat_with_content(client: AzureOpenAI) -> dict[str, Any]:
    messages = [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Weather in Paris?"},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {"id": "c1", "type": "function", "function": {"name": "weather", "arguments": '{"city": "Paris"}'}}
            ],
        },
        {"role": "tool", "tool_call_id": "c1", "content": "rainy"},
    ]
    client.chat(messages)
    return {"messages": messages}


def test_message_content_is_not_recorded_by_default(client: AzureOpenAI, otel: Otel) -> None:
    _chat_with_content(client)
    [span] = otel.operations()
    recorded = json.dumps(dict(span.attributes or {}))
    assert "gen_ai.input.messages" not in recorded and "gen_ai.output.messages" not in recorded
    assert "Paris" not in recorded


def test_message_content_is_recorded_with_the_opt_in_variable(
    emu: Emulator, otel: Otel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "true")
    with AzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="gpt-4") as client:
        _chat_with_content(client)
        reply = client.chat("Hi").text
    first, second = otel.operations()
    assert json.loads(str((first.attributes or {})["gen_ai.input.messages"])) == [
        {"role": "system", "parts": [{"type": "text", "content": "Be brief."}]},
        {"role": "user", "parts": [{"type": "text", "content": "Weather in Paris?"}]},
        {
            "role": "assistant",
            "parts": [{"type": "tool_call", "id": "c1", "name": "weather", "arguments": {"city": "Paris"}}],
        },
        {"role": "tool", "parts": [{"type": "tool_call_response", "id": "c1", "result": "rainy"}]},
    ]
    [output] = json.loads(str((second.attributes or {})["gen_ai.output.messages"]))
    assert output["role"] == "assistant" and output["parts"] == [{"type": "text", "content": reply}]
    assert output["finish_reason"] in ("stop", "length")


_BASE = {"id": "x", "object": "chat.completion", "created": 1, "model": "m"}
_CALLED = {"index": 0, "finish_reason": "tool_calls"}
_OFF_SHAPE = {
    "choices null": {**_BASE, "choices": None},
    "choices an object": {**_BASE, "choices": {}},
    "tool call a string": {**_BASE, "choices": [{**_CALLED, "message": {"role": "assistant", "tool_calls": ["x"]}}]},
    "function a string": {
        **_BASE,
        "choices": [{**_CALLED, "message": {"role": "assistant", "tool_calls": [{"id": "1", "function": "f"}]}}],
    },
    "usage a list, id an object": {**chat_json(), "usage": [1], "id": {"not": "a str"}},
}


def _outcome(call: Callable[[], ChatResult]) -> str:
    try:
        return f"ok {call().text!r}"
    except Exception as exc:
        return type(exc).__name__


@pytest.mark.parametrize("body", _OFF_SHAPE.values(), ids=_OFF_SHAPE.keys())
def test_telemetry_does_not_change_the_outcome_of_an_off_shape_response(
    server: ScriptedServer, otel: Otel, monkeypatch: pytest.MonkeyPatch, body: dict[str, Any]
) -> None:
    monkeypatch.setenv("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "true")
    server.default = Reply(200, body)
    outcomes = []
    for telemetry in (False, True):
        with AzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d", telemetry=telemetry) as client:
            outcomes.append(_outcome(lambda: client.chat("Hi")))
    assert outcomes[0] == outcomes[1]
    [span] = otel.operations()  # ended, whatever the body
    assert span.end_time is not None


@pytest.mark.parametrize(
    "message",
    [
        {"role": "assistant", "tool_calls": ["x"]},
        {"role": "assistant", "tool_calls": [{"function": "f"}]},
        {"role": ["x"], "content": {}},
    ],
)
def test_telemetry_does_not_change_the_outcome_of_an_off_shape_request(
    server: ScriptedServer, otel: Otel, monkeypatch: pytest.MonkeyPatch, message: Any
) -> None:
    monkeypatch.setenv("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "true")
    with AzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d") as client:
        assert client.chat([message, {"role": "user", "content": "Hi"}]).text == "Hello!"
    [span] = otel.operations()
    recorded = json.loads(str((span.attributes or {})["gen_ai.input.messages"]))
    assert recorded[1] == {"role": "user", "parts": [{"type": "text", "content": "Hi"}]}


def test_a_failure_while_recording_ends_the_span_and_is_only_logged(
    client: AzureOpenAI, otel: Otel, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(self: Any, body: Any) -> None:
        raise RuntimeError(f"boom: {body}")

    monkeypatch.setattr(_telemetry.Operation, "_record", broken)
    caplog.set_level(logging.DEBUG, logger="azure_openai")
    reply = client.chat("Hi").text
    with client.chat_stream("Hi") as stream:
        assert stream.final().text
    assert reply and len(otel.operations()) == 2
    failures = [r for r in caplog.records if "telemetry" in r.getMessage()]
    assert [(r.levelno, r.name) for r in failures] == [(logging.DEBUG, "azure_openai")] * 2
    assert "RuntimeError" in failures[0].getMessage()
    assert not any(reply in r.getMessage() or "boom" in r.getMessage() for r in failures)


class _FailingProcessor(SpanProcessor):
    """A buggy span processor (or a synchronous exporter that raises): the SDK lets its exceptions through."""

    def __init__(self, where: str) -> None:
        self.where = where

    def on_start(self, span: Any, parent_context: Any = None) -> None:
        if self.where == "start":
            raise RuntimeError("processor bug at start")

    def on_end(self, span: ReadableSpan) -> None:
        if self.where == "end":
            raise RuntimeError("processor bug at end")


class _FailingHistogram:
    def record(self, *args: Any, **kwargs: Any) -> None:
        raise RuntimeError("instrument bug")


def _only_logged(caplog: pytest.LogCaptureFixture) -> None:
    """Failures to record were logged at DEBUG by their class name, never their text."""
    failures = [r for r in caplog.records if "telemetry" in r.getMessage()]
    assert failures and all(r.levelno == logging.DEBUG and "RuntimeError" in r.getMessage() for r in failures)
    assert not any("bug" in r.getMessage() for r in failures)


def _streamed(client: AzureOpenAI) -> str:
    with client.chat_stream("Hi") as stream:
        return stream.final().text


_CALLS: dict[str, tuple[Callable[[AzureOpenAI], str], str]] = {
    "chat": (lambda client: client.chat("Hi").text, "ok"),
    "stream": (_streamed, "ok"),
    "failed call": (lambda client: client.chat("Hi", deployment="nowhere").text, "DeploymentNotFoundError"),
}


@pytest.mark.parametrize("call", _CALLS.values(), ids=_CALLS.keys())
@pytest.mark.parametrize("where", ["start", "end"])
def test_a_failing_span_processor_changes_no_outcome(
    client: AzureOpenAI, otel: Otel, caplog: pytest.LogCaptureFixture, where: str, call: Any
) -> None:
    otel.tracer_provider.add_span_processor(_FailingProcessor(where))
    caplog.set_level(logging.DEBUG, logger="azure_openai")
    run, expected = call
    try:
        outcome = "ok" if run(client) else "empty"
    except Exception as exc:  # a failed call keeps its own typed error, not the processor's
        outcome = type(exc).__name__
    assert outcome == expected
    _only_logged(caplog)
    durations = otel.points("gen_ai.client.operation.duration")
    if where == "start":  # the call fell back to recording nothing
        assert otel.spans == [] and durations == []
    else:  # exported before the failing processor ran; the duration recorded all the same
        assert len(otel.operations()) == 1 and len(durations) == 1


@pytest.mark.parametrize("where", ["start", "end"])
async def test_a_failing_span_processor_changes_no_async_outcome(
    emu: Emulator, otel: Otel, caplog: pytest.LogCaptureFixture, where: str
) -> None:
    otel.tracer_provider.add_span_processor(_FailingProcessor(where))
    caplog.set_level(logging.DEBUG, logger="azure_openai")
    async with AsyncAzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="gpt-4") as client:
        with pytest.raises(DeploymentNotFoundError):  # the call's own error, not the processor's
            await client.chat("Hi", deployment="nowhere")
        assert (await client.chat("Hi")).text
        async with client.chat_stream("Hi") as stream:
            assert (await stream.final()).text
    _only_logged(caplog)
    assert len(otel.operations()) == (0 if where == "start" else 3)


@pytest.mark.parametrize("failing", [3, 4], ids=["duration", "token usage"])
def test_a_failing_metric_instrument_keeps_the_span_and_the_other_metric(
    client: AzureOpenAI, otel: Otel, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, failing: int
) -> None:
    instruments = list(_telemetry._otel)
    instruments[failing] = _FailingHistogram()
    monkeypatch.setattr(_telemetry, "_otel", tuple(instruments))
    caplog.set_level(logging.DEBUG, logger="azure_openai")
    reply = client.chat("Hi")
    with client.chat_stream("Hi", stream_options={"include_usage": True}) as stream:
        streamed = stream.final()
    _only_logged(caplog)
    chat, stream_span = otel.operations()
    assert (chat.attributes or {})["gen_ai.response.id"] == reply.raw["id"]
    assert (stream_span.attributes or {})["gen_ai.response.finish_reasons"] == (streamed.finish_reason,)
    assert len(otel.attempts(chat)) == 1
    other = "gen_ai.client.token.usage" if failing == 3 else "gen_ai.client.operation.duration"
    assert otel.points(other)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=12,
)
_FIELDS = ("choices", "message", "tool_calls", "function", "arguments", "content", "usage", "role", "finish_reason")
#: Objects whose keys are often the ones read, so that the odd values land where they are looked for.
_SHAPED = st.recursive(
    _JSON, lambda inner: st.dictionaries(st.sampled_from(_FIELDS), inner, max_size=4) | st.lists(inner, max_size=3)
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(messages=_SHAPED, body=st.dictionaries(st.sampled_from(_FIELDS), _SHAPED, max_size=4))
def test_any_json_shape_is_recorded_without_failing(otel: Otel, messages: Any, body: dict[str, Any]) -> None:
    def raised(exc: Exception) -> None:
        raise exc  # the safety net must not be what keeps the call going

    telemetry = _telemetry.Telemetry([Backend("http://127.0.0.1:1", "d", api_key="k")])
    telemetry.content = True
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_telemetry, "_dropped", raised)
        operation = _telemetry.Operation(telemetry, Post("chat_completions_create", {"messages": messages}), "d")
        with operation:
            request = httpx.Request("POST", "http://127.0.0.1:1/")
            operation.ended(httpx.Response(200, json=body, request=request))


def test_telemetry_false_records_nothing(emu: Emulator, otel: Otel) -> None:
    with AzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="gpt-4", telemetry=False) as client:
        client.chat("Hi")
        with client.chat_stream("Hi") as stream:
            stream.final()
    assert otel.spans == []
    assert otel.points("gen_ai.client.operation.duration") == []


def test_telemetry_must_be_a_bool(emu: Emulator) -> None:
    with pytest.raises(InvalidArgumentError, match="telemetry must be True or False, not 'yes'"):
        AzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, telemetry="yes")  # type: ignore[arg-type]


def test_without_opentelemetry_installed_a_client_has_no_telemetry(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    _telemetry._installed.cache_clear()
    try:
        assert AzureOpenAI(endpoint="https://res.example.com", api_key="k")._telemetry is None
    finally:
        _telemetry._installed.cache_clear()


def test_secrets_never_reach_the_exported_telemetry(emu: Emulator, otel: Otel) -> None:
    with AzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="gpt-4", retry_backoff=0.0) as client:
        client.chat("Hi")
        with pytest.raises(DeploymentNotFoundError):
            client.chat("Hi", deployment="nowhere")
    with AzureOpenAI(endpoint=emu.endpoint, azure_ad_token=TOKEN, deployment="gpt-4") as client:
        client.chat("Hi")
    wrong = AzureOpenAI(endpoint=emu.endpoint, api_key="wrong-key-9876543210", deployment="gpt-4")
    with wrong, pytest.raises(AuthenticationError):
        wrong.chat("Hi")
    exported = "".join(span.to_json() for span in otel.spans)
    assert len(otel.operations()) == 4
    for secret in (emu.api_key, TOKEN, "wrong-key-9876543210"):
        assert secret not in exported


def test_importing_the_package_does_not_import_opentelemetry_nor_the_telemetry_module() -> None:
    # The module loads with the first client (it costs ~0.5 ms), opentelemetry at the first recorded operation.
    names = "m.startswith('opentelemetry') or m == 'azure_openai._telemetry'"
    code = f"import sys, azure_openai; print(sorted(m for m in sys.modules if {names}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_with_only_the_api_and_no_provider_set_an_operation_is_idle(
    client: AzureOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_telemetry, "_otel", _telemetry.instruments())  # the global providers: the API's proxies
    assert client._telemetry is not None
    assert client._telemetry.operation(Post("chat_completions_create", {}), "gpt-4") is _telemetry.IDLE
    assert client.chat("Hi").text
    with client.chat_stream("Hi") as stream:
        assert stream.final().text


def test_the_docs_example_exports_the_span_and_the_metrics() -> None:
    from spec_files import REPO

    text = (REPO / "docs" / "telemetry.md").read_text(encoding="utf-8")
    code = text.split("```python\n", 1)[1].split("```", 1)[0]
    with Emulator() as emu:
        env = {"AZURE_OPENAI_ENDPOINT": emu.endpoint, "AZURE_OPENAI_API_KEY": emu.api_key}
        env["AZURE_OPENAI_DEPLOYMENT"] = "gpt-35-turbo"
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert '"name": "chat gpt-35-turbo"' in done.stdout and '"name": "POST"' in done.stdout
    assert '"gen_ai.usage.output_tokens"' in done.stdout
    assert "gen_ai.client.token.usage" in done.stdout and "gen_ai.client.operation.duration" in done.stdout
    assert emu.api_key not in done.stdout
