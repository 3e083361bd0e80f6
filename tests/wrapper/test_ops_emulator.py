"""The operations over real loopback HTTP against the emulator: the client's URL, auth and policy end to end."""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator
from typing import Any

import pytest
from azure_openai import AsyncAzureOpenAI, AzureOpenAI, DeploymentNotFoundError, RateLimitError
from azure_openai.testing import Emulator, Fault


def wav(seconds: float = 1.0, rate: int = 8000) -> bytes:
    """A silent mono 16-bit PCM WAV file."""
    frames = int(seconds * rate)
    data = b"\x00\x00" * frames
    header = (
        b"RIFF"
        + struct.pack("<I", 36 + len(data))
        + b"WAVEfmt "
        + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16)
    )
    return header + b"data" + struct.pack("<I", len(data)) + data


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    with Emulator(embedding_dimensions=8) as emu:
        yield emu


@pytest.fixture
def emu(emulator: Emulator) -> Emulator:
    emulator.clear_requests()
    emulator.clear_faults()
    return emulator


@pytest.fixture
def client(emu: Emulator) -> Iterator[AzureOpenAI]:
    with AzureOpenAI(
        endpoint=emu.endpoint, api_key=emu.api_key, deployment="text-embedding-ada-002", retry_backoff=0.0
    ) as client:
        yield client


def test_embed_batches_over_http_in_order(client: AzureOpenAI, emu: Emulator) -> None:
    texts = [f"sentence {i}" for i in range(7)]
    batched = client.embed(texts, batch_size=3)
    single = [client.embed(t).vectors[0] for t in texts]
    assert batched.vectors == single  # the same text gets the same vector whichever batch it was in
    assert [len(r.json["input"]) for r in emu.requests[:3]] == [3, 3, 1]
    assert all(len(v) == 8 for v in batched)
    assert all(rid for rid in batched.request_ids)
    assert batched.rate_limit is not None and batched.rate_limit.remaining_requests is not None


def test_embed_is_retried_after_429(client: AzureOpenAI, emu: Emulator) -> None:
    emu.inject(Fault.rate_limit(retry_after_ms=1), times=1)
    assert len(client.embed(["a"])) == 1
    assert [r.status for r in emu.requests] == [429, 200]
    emu.inject(Fault.rate_limit(retry_after_ms=1), times=5)
    with pytest.raises(RateLimitError):
        client.embed(["a"])


def test_complete_and_images(client: AzureOpenAI, emu: Emulator) -> None:
    completion = client.complete("Once upon a time", deployment="gpt-35-turbo", max_tokens=5)
    assert completion.text and completion.finish_reason in ("stop", "length") and completion.usage
    assert completion.prompt_filter_results
    image = client.generate_image("a corgi", deployment="dall-e-3", response_format="b64_json")
    assert image.images[0].content().startswith(b"\x89PNG")
    assert image.images[0].revised_prompt
    assert client.generate_image("a corgi", deployment="dall-e-3").url.startswith("http://127.0.0.1")
    with pytest.raises(DeploymentNotFoundError):
        client.complete("x", deployment="no-such-deployment")


@pytest.mark.parametrize("fmt", ["json", "verbose_json", "text", "srt", "vtt"])
def test_audio_every_format_over_http(client: AzureOpenAI, emu: Emulator, fmt: str) -> None:
    result = client.transcribe(wav(), deployment="whisper", response_format=fmt)
    assert emu.requests[-1].files["file"].filename == "audio.wav"
    assert emu.requests[-1].form["response_format"] == fmt
    assert result.text.strip()
    if fmt == "verbose_json":
        assert result.duration == pytest.approx(1.0) and len(result.segments) == 2
        assert result.segments[-1].end == pytest.approx(1.0)
    if fmt == "srt":
        assert "-->" in result.text and result.text.startswith("1\n")
    if fmt == "vtt":
        assert result.text.startswith("WEBVTT")
    translated = client.translate(io.BytesIO(wav()), deployment="whisper", response_format=fmt)
    assert emu.requests[-1].path.endswith("/audio/translations") and translated.text.strip()


async def test_async_embed_over_http(emu: Emulator) -> None:
    async with AsyncAzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="text-embedding-ada-002") as c:
        texts = [f"item {i}" for i in range(10)]
        result = await c.embed(texts, batch_size=2, max_concurrency=3)
        again = await c.embed(texts)
    assert result.vectors == again.vectors and len(result.responses) == 5


def _first_argument_calls(c: AzureOpenAI | AsyncAzureOpenAI, by_keyword: bool) -> list[Any]:
    """Each operation's call with its first argument (``texts``, ``prompt``, ``file``) positional or by keyword."""
    first: list[tuple[Any, str, Any, dict[str, Any]]] = [
        (c.embed, "texts", ["a", "b"], {}),
        (c.complete, "prompt", "Once upon a time", {"deployment": "gpt-35-turbo", "max_tokens": 5}),
        (c.generate_image, "prompt", "a corgi", {"deployment": "dall-e-3"}),
        (c.transcribe, "file", wav(), {"deployment": "whisper", "language": "en"}),
        (c.translate, "file", wav(), {"deployment": "whisper"}),
    ]
    return [call(**{name: value}, **kw) if by_keyword else call(value, **kw) for call, name, value, kw in first]


def _sent(emu: Emulator) -> list[tuple[str, Any, list[str]]]:
    return [(r.path, r.body, [f.filename for f in r.files.values()]) for r in emu.requests]


def test_the_first_argument_by_keyword_sends_the_same_requests(client: AzureOpenAI, emu: Emulator) -> None:
    positional = _first_argument_calls(client, by_keyword=False)
    sent = _sent(emu)
    emu.clear_requests()
    keyword = _first_argument_calls(client, by_keyword=True)  # before: a TypeError naming SyncOperations
    assert _sent(emu) == sent and len(sent) == 5
    assert [type(r) for r in keyword] == [type(r) for r in positional]
    assert keyword[0].vectors == positional[0].vectors


async def test_async_first_argument_by_keyword_sends_the_same_requests(emu: Emulator) -> None:
    async with AsyncAzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="text-embedding-ada-002") as c:
        positional = [await call for call in _first_argument_calls(c, by_keyword=False)]
        sent = _sent(emu)
        emu.clear_requests()
        keyword = [await call for call in _first_argument_calls(c, by_keyword=True)]
    assert _sent(emu) == sent and len(sent) == 5
    assert [type(r) for r in keyword] == [type(r) for r in positional]
