"""embed(): vectors in input order over batches, bounded async concurrency, no copies, typed errors."""

from __future__ import annotations

import asyncio
import base64
import gc
import json
import re
import struct
import types
from typing import Any

import httpx
import pytest
from azure_openai import (
    AsyncAzureOpenAI,
    AzureOpenAI,
    AzureOpenAIError,
    BadRequestError,
    ConfigurationError,
    DeploymentNotFoundError,
    InvalidArgumentError,
    PartialEmbeddings,
    RateLimitError,
    ResponseValidationError,
)
from hypothesis import given, settings
from hypothesis import strategies as st

ENDPOINT = "https://res.openai.azure.com"


def vector_for(text: str) -> list[float]:
    """A vector that identifies its text, so order mistakes show."""
    return [float(len(text)), float(sum(map(ord, text)) % 997), 0.25]


def as_base64(vector: list[float]) -> str:
    """What the service sends for ``encoding_format: base64``: little-endian float32."""
    return base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode()


def embeddings_body(inputs: list[str], *, shuffle: bool = True, encoding: str = "float") -> dict[str, Any]:
    encode = as_base64 if encoding == "base64" else (lambda vector: vector)
    data = [{"object": "embedding", "index": i, "embedding": encode(vector_for(t))} for i, t in enumerate(inputs)]
    if shuffle:  # the service does not promise order: only "index" does
        data.reverse()
    n = sum(len(t) for t in inputs)
    return {"object": "list", "model": "ada", "data": data, "usage": {"prompt_tokens": n, "total_tokens": n}}


class Recorder:
    """A fake service: records request bodies and answers embeddings (or a queued status)."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []
        self.urls: list[httpx.URL] = []
        self.statuses: list[tuple[int, dict[str, Any], dict[str, str]]] = []

    def reply(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        self.bodies.append(body)
        self.urls.append(request.url)
        if self.statuses:
            status, payload, headers = self.statuses.pop(0)
            return httpx.Response(status, json=payload, headers=headers)
        headers = {"apim-request-id": f"req-{len(self.bodies)}", "x-ratelimit-remaining-tokens": "1000"}
        encoding = body.get("encoding_format", "float")
        return httpx.Response(200, json=embeddings_body(body["input"], encoding=encoding), headers=headers)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        return self.reply(request)


def sync_client(handler: Any, **kwargs: Any) -> AzureOpenAI:
    http = httpx.Client(transport=httpx.MockTransport(handler))
    return AzureOpenAI(
        endpoint=ENDPOINT, api_key="test-key", deployment="emb", http_client=http, max_retries=0, **kwargs
    )


def test_vectors_follow_input_order_across_batches() -> None:
    recorder = Recorder()
    texts = [f"text number {i}" + "x" * i for i in range(7)]
    result = sync_client(recorder).embed(texts, batch_size=3)

    assert [b["input"] for b in recorder.bodies] == [texts[0:3], texts[3:6], texts[6:7]]
    assert result.vectors == [vector_for(t) for t in texts]
    assert list(result) == result.vectors and len(result) == 7 and result[6] == vector_for(texts[6])
    assert all(url.path == "/openai/deployments/emb/embeddings" for url in recorder.urls)
    assert result.request_ids == ("req-1", "req-2", "req-3")
    assert result.rate_limit is not None and result.rate_limit.remaining_tokens == 1000
    assert result.usage.total_tokens == sum(len(t) for t in texts)
    assert result.model == "ada"


def test_vectors_are_the_parsed_lists_not_copies() -> None:
    result = sync_client(Recorder()).embed(["a", "bb"], encoding_format="float")
    (response,) = result.responses
    by_index = {item["index"]: item["embedding"] for item in response.raw["data"]}
    assert result.vectors[0] is by_index[0] and result.vectors[1] is by_index[1]
    # The body bytes are not kept alongside the parsed JSON.
    assert response.response.content == b""


def _reachable_strings(root: object) -> set[str]:
    """Every str reachable from ``root`` through objects and containers (not through classes, modules or code)."""
    skip = (type, types.ModuleType, types.FunctionType, types.MethodType, types.CodeType, types.FrameType)
    seen: set[int] = set()
    found: set[str] = set()
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, skip):
            continue
        seen.add(id(obj))
        if isinstance(obj, str):
            found.add(obj)
        else:
            stack.extend(gc.get_referents(obj))
    return found


def test_base64_vectors_decode_to_the_same_floats_and_replace_the_text_in_raw() -> None:
    recorder = Recorder()
    texts = ["a", "bb", "ccc"]
    floats = sync_client(recorder).embed(texts, encoding_format="float")
    packed = sync_client(recorder).embed(texts)
    assert [b.get("encoding_format") for b in recorder.bodies] == ["float", "base64"]
    assert packed.vectors == floats.vectors == [vector_for(t) for t in texts]
    assert all(type(v) is list for v in packed.vectors)
    # .raw and .parsed hold the decoded vectors (the same lists), as an encoding_format="float" answer would.
    (response,) = packed.responses
    assert response.raw == floats.responses[0].raw
    sent = {item["index"]: item["embedding"] for item in response.raw["data"]}
    assert all(sent[i] is packed.vectors[i] for i in range(3))
    assert {item.index: item.embedding for item in response.parsed.data} == sent


def test_the_base64_text_is_not_kept_after_decoding_unless_asked_for() -> None:
    texts = [f"text number {i}" for i in range(64)]
    sent = {as_base64(vector_for(t)) for t in texts}
    by_default = sync_client(Recorder()).embed(texts)
    assert not sent & _reachable_strings(by_default)
    asked = sync_client(Recorder()).embed(texts, encoding_format="base64")
    assert sent <= _reachable_strings(asked)  # the walk finds the text when it is there
    assert {item["embedding"] for item in asked.responses[0].raw["data"]} == sent
    assert asked.vectors == by_default.vectors == [vector_for(t) for t in texts]


@pytest.mark.parametrize("garbage", ["not base64!", base64.b64encode(b"abc").decode(), 12])
def test_malformed_base64_is_a_validation_error_keeping_the_body(garbage: object) -> None:
    def reply(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"data": [{"index": 0, "embedding": garbage}]})

    with pytest.raises(ResponseValidationError, match="neither a list of floats nor base64") as info:
        sync_client(reply).embed(["a"])
    assert info.value.body == {"data": [{"index": 0, "embedding": garbage}]}


def test_default_batch_is_2048_and_one_string_is_one_input() -> None:
    recorder = Recorder()
    client = sync_client(recorder)
    client.embed([f"t{i}" for i in range(2049)])
    assert [len(b["input"]) for b in recorder.bodies] == [2048, 1]
    assert client.embed("solo").vectors == [vector_for("solo")]
    assert recorder.bodies[-1] == {"input": ["solo"], "encoding_format": "base64"}


def test_only_given_parameters_are_sent() -> None:
    recorder = Recorder()
    sync_client(recorder).embed(["a"], user="u-1", dimensions=256)
    assert recorder.bodies == [{"input": ["a"], "user": "u-1", "dimensions": 256, "encoding_format": "base64"}]


def test_progress_reports_each_batch() -> None:
    seen: list[tuple[int, int]] = []
    sync_client(Recorder()).embed(["a"] * 5, batch_size=2, on_progress=lambda done, total: seen.append((done, total)))
    assert seen == [(2, 5), (4, 5), (5, 5)]


def test_a_progress_callback_that_is_not_callable_is_refused_before_any_request() -> None:
    recorder = Recorder()
    with pytest.raises(ConfigurationError, match=r"on_progress must be a function taking \(done, total\), got int"):
        sync_client(recorder).embed(["a", "b"], batch_size=1, on_progress=5)  # type: ignore[arg-type]
    assert recorder.bodies == []


def test_a_progress_callback_that_raises_keeps_the_vectors_received() -> None:
    def broken(done: int, total: int) -> None:
        if done == 2:
            raise RuntimeError("progress bar broke")

    with pytest.raises(AzureOpenAIError, match="on_progress raised RuntimeError: progress bar broke") as caught:
        sync_client(Recorder()).embed(["a", "b", "c"], batch_size=1, on_progress=broken)
    assert isinstance(caught.value.__cause__, RuntimeError)
    partial = caught.value.partial  # type: ignore[attr-defined]
    assert partial.vectors == {0: vector_for("a"), 1: vector_for("b")} and partial.missing == [2]


@pytest.mark.parametrize(
    ("texts", "kwargs", "error", "fragment"),
    [
        (["ok", 3], {}, InvalidArgumentError, "texts[1] is a int"),
        ([None], {}, InvalidArgumentError, "texts[0] is a NoneType"),
        (["ok", ""], {}, ConfigurationError, "texts[1] is an empty string"),
        (b"bytes", {}, InvalidArgumentError, "not bytes"),
        (42, {}, InvalidArgumentError, "not int"),
        (["a"], {"batch_size": 0}, ConfigurationError, "batch_size must be a positive int (Azure accepts up to 2048)"),
        (["a"], {"batch_size": "2"}, ConfigurationError, "batch_size must be a positive int"),
    ],
)
async def test_bad_input_is_refused_before_any_request(
    texts: Any, kwargs: dict[str, Any], error: type[Exception], fragment: str
) -> None:
    recorder, arecorder = Recorder(), AsyncRecorder()
    with pytest.raises(error, match=re.escape(fragment)):
        sync_client(recorder).embed(texts, **kwargs)
    with pytest.raises(error, match=re.escape(fragment)):
        await async_client(arecorder).embed(texts, **kwargs)
    assert recorder.bodies == [] and arecorder.requests == 0


def test_empty_input_sends_nothing() -> None:
    recorder = Recorder()
    result = sync_client(recorder).embed([])
    assert result.vectors == [] and recorder.bodies == [] and result.rate_limit is None


def test_short_answer_raises_and_keeps_the_body() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"data": [{"index": 0, "embedding": [1.0]}]})

    with pytest.raises(ResponseValidationError, match="1 vectors for 2 inputs") as info:
        sync_client(handler).embed(["a", "b"])
    assert info.value.body == {"data": [{"index": 0, "embedding": [1.0]}]}


def test_repeated_index_raises() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"data": [{"index": 0, "embedding": [1.0]}, {"index": 0, "embedding": [2.0]}]})

    with pytest.raises(ResponseValidationError, match="repeated"):
        sync_client(handler).embed(["a", "b"])


def test_non_json_success_raises_typed_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text="<html>gateway</html>", headers={"content-type": "text/html"})

    with pytest.raises(ResponseValidationError, match="is not JSON: '<html>gateway</html>'") as info:
        sync_client(handler).embed(["a"])
    assert info.value.body == "<html>gateway</html>"


def test_deployment_not_found_is_typed() -> None:
    recorder = Recorder()
    recorder.statuses.append(
        (
            404,
            {
                "error": {
                    "code": "DeploymentNotFound",
                    "message": "The API deployment for this resource does not exist.",
                }
            },
            {},
        )
    )
    with pytest.raises(DeploymentNotFoundError):
        sync_client(recorder).embed(["a"], deployment="nope")
    assert recorder.urls[0].path == "/openai/deployments/nope/embeddings"


def test_rate_limit_is_retried_like_chat() -> None:
    recorder = Recorder()
    recorder.statuses.append((429, {"error": {"code": "429", "message": "slow down"}}, {"retry-after-ms": "1"}))
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    client = AzureOpenAI(endpoint=ENDPOINT, api_key="k", deployment="emb", http_client=http, max_retries=1)
    assert client.embed(["a"]).vectors == [vector_for("a")]
    assert len(recorder.bodies) == 2

    recorder.statuses.append((429, {"error": {"code": "429", "message": "slow down"}}, {"retry-after-ms": "1"}))
    with pytest.raises(RateLimitError):
        sync_client(recorder).embed(["a"])


def test_parsed_builds_the_generated_model() -> None:
    result = sync_client(Recorder()).embed(["abc"])
    parsed = result.responses[0].parsed
    assert parsed.to_dict() == result.responses[0].raw


# ---------------------------------------------------------------------------------------------------- async


class AsyncRecorder:
    """Answers after a pause that differs per batch, and tracks how many requests are in flight."""

    def __init__(self, fail_on: int | None = None) -> None:
        self.in_flight = 0
        self.max_in_flight = 0
        self.requests = 0
        self.fail_on = fail_on

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        self.requests += 1
        number = self.requests
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            for _ in range(5 - number % 5):  # later batches may finish first
                await asyncio.sleep(0)
            await asyncio.sleep(0.001)
        finally:
            self.in_flight -= 1
        if number == self.fail_on:
            return httpx.Response(400, json={"error": {"code": "BadRequest", "message": "bad input"}})
        return httpx.Response(200, json=embeddings_body(body["input"]))


def async_client(handler: Any) -> AsyncAzureOpenAI:
    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    return AsyncAzureOpenAI(endpoint=ENDPOINT, api_key="test-key", deployment="emb", http_client=http, max_retries=0)


async def test_async_embed_bounds_concurrency_and_keeps_order() -> None:
    recorder = AsyncRecorder()
    texts = [f"t{i}" * (i % 4 + 1) for i in range(40)]
    progress: list[int] = []
    result = await async_client(recorder).embed(
        texts, batch_size=3, max_concurrency=4, on_progress=lambda done, total: progress.append(done)
    )
    assert result.vectors == [vector_for(t) for t in texts]
    assert recorder.requests == 14
    assert 1 < recorder.max_in_flight <= 4
    assert progress == sorted(progress) and progress[-1] == 40
    assert len(result.responses) == 14


async def test_async_embed_failure_raises_and_stops_the_rest() -> None:
    recorder = AsyncRecorder(fail_on=2)
    with pytest.raises(BadRequestError):
        await async_client(recorder).embed(["a"] * 100, batch_size=1, max_concurrency=2)
    assert recorder.requests < 100


async def test_async_progress_callback_that_raises_keeps_the_vectors_received() -> None:
    def broken(done: int, total: int) -> None:
        raise RuntimeError("progress bar broke")

    with pytest.raises(AzureOpenAIError, match="on_progress raised RuntimeError") as caught:
        await async_client(AsyncRecorder()).embed(["a", "b"], batch_size=1, max_concurrency=1, on_progress=broken)
    assert caught.value.partial.vectors == {0: vector_for("a")}  # type: ignore[attr-defined]


async def test_async_max_concurrency_is_checked() -> None:
    with pytest.raises(ValueError, match="max_concurrency must be a positive int"):
        await async_client(AsyncRecorder()).embed(["a"], max_concurrency=0)


@settings(max_examples=40, deadline=None)
@given(
    texts=st.lists(st.text(min_size=1, max_size=8), max_size=30),
    batch_size=st.integers(min_value=1, max_value=12),
    rng=st.randoms(use_true_random=False),
)
def test_any_batching_and_any_answer_order_gives_input_order(texts: list[str], batch_size: int, rng: Any) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        body = embeddings_body(json.loads(request.content)["input"], shuffle=False)
        rng.shuffle(body["data"])
        return httpx.Response(200, json=body)

    result = sync_client(handler).embed(texts, batch_size=batch_size)
    assert result.vectors == [vector_for(t) for t in texts]
    assert len(result.responses) == -(-len(texts) // batch_size)


def test_a_failed_batch_carries_the_vectors_already_received() -> None:
    recorder = Recorder()
    texts = [f"text {i}" for i in range(7)]
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 3:
            return httpx.Response(429, json={"error": {"code": "429", "message": "Rate limit"}})
        return recorder(request)

    with pytest.raises(RateLimitError) as caught:
        sync_client(handler).embed(texts, batch_size=2)
    partial = caught.value.partial
    assert isinstance(partial, PartialEmbeddings)
    assert partial.vectors == {i: vector_for(texts[i]) for i in range(4)}
    assert partial.missing == [4, 5, 6] and partial.total == 7 and len(partial) == 4
    assert len(partial.responses) == 2 and "4 of 7" in repr(partial)
    # resume with what is missing
    rest = sync_client(recorder).embed([texts[i] for i in partial.missing], batch_size=2)
    assert [*partial.vectors.values(), *rest] == [vector_for(t) for t in texts]


async def test_async_failed_batch_carries_the_vectors_already_received() -> None:
    recorder = AsyncRecorder(fail_on=5)
    texts = [f"t{i}" for i in range(20)]
    with pytest.raises(BadRequestError) as caught:
        await async_client(recorder).embed(texts, batch_size=2, max_concurrency=2)
    partial = caught.value.partial
    assert isinstance(partial, PartialEmbeddings) and partial.total == 20
    assert partial.vectors and all(partial.vectors[i] == vector_for(texts[i]) for i in partial.vectors)
    assert sorted([*partial.vectors, *partial.missing]) == list(range(20))
    assert len(partial.vectors) == 2 * len(partial.responses) >= 6  # at least the 3 batches before the 5th


class UsageOffSpecFirst:
    """Answers every batch; the first with ``usage`` off the spec, though its vectors are all there."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        answer = embeddings_body(json.loads(request.content)["input"])
        if self.calls == 1:
            answer["usage"] = "x"
        return httpx.Response(200, json=answer)


def _check_every_vector_travels(caught: Any, texts: list[str], progress: list[int]) -> None:
    assert "documented shape" in str(caught.value) and caught.value.body["usage"] == "x"
    partial = caught.value.partial
    assert partial.vectors == {i: vector_for(t) for i, t in enumerate(texts)} and partial.missing == []
    assert len(partial.responses) == 3 and progress[-1] == len(texts)  # the batches after the off-spec one ran


def test_an_off_spec_body_with_all_its_vectors_stops_no_batch_and_raises_with_every_vector() -> None:
    # An off-spec body raises like every result's (a ResponseValidationError), but an off-spec detail such as
    # usage must not cost vectors: the later batches still run and .partial holds all of them.
    handler = UsageOffSpecFirst()
    texts, progress = [f"text {i}" for i in range(7)], []
    with pytest.raises(ResponseValidationError) as caught:
        sync_client(handler).embed(texts, batch_size=2, on_progress=lambda done, total: progress.append(done))
    _check_every_vector_travels(caught, texts, progress)


async def test_async_an_off_spec_body_with_all_its_vectors_stops_no_batch() -> None:
    handler = UsageOffSpecFirst()
    texts, progress = [f"text {i}" for i in range(7)], []
    with pytest.raises(ResponseValidationError) as caught:
        await async_client(handler).embed(
            texts, batch_size=2, max_concurrency=1, on_progress=lambda done, total: progress.append(done)
        )
    _check_every_vector_travels(caught, texts, progress)
