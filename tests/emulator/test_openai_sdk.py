"""The official openai SDK's AzureOpenAI works against the emulator: code written for it can be tested here."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import openai
import pytest
from azure_openai.testing import Emulator, Fault

from .conftest import API_VERSION
from .test_operations import WEATHER_TOOL, wav


@pytest.fixture
def sdk(emu: Emulator) -> Iterator[openai.AzureOpenAI]:
    client = openai.AzureOpenAI(azure_endpoint=emu.endpoint, api_key=emu.api_key, api_version=API_VERSION)
    with client:
        yield client


def test_chat(sdk: openai.AzureOpenAI) -> None:
    completion = sdk.chat.completions.create(
        model="gpt-35-turbo", messages=[{"role": "user", "content": "Do other Azure AI services support this too?"}]
    )
    assert completion.id.startswith("chatcmpl-")
    assert completion.choices[0].finish_reason == "stop"
    content = completion.choices[0].message.content
    assert content is not None and content.startswith("[emulator]")
    assert completion.usage is not None and completion.usage.total_tokens > 0


def test_chat_streamed(sdk: openai.AzureOpenAI) -> None:
    stream = sdk.chat.completions.create(
        model="gpt-4", messages=[{"role": "user", "content": "stream please"}], stream=True
    )
    chunks = list(stream)
    assert chunks[0].choices == [] and chunks[0].prompt_filter_results  # type: ignore[attr-defined]
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text.startswith("[emulator]") and "stream please" in text
    assert chunks[-1].choices[0].finish_reason == "stop"


def test_chat_tool_call(sdk: openai.AzureOpenAI) -> None:
    completion = sdk.chat.completions.create(
        model="gpt-4",
        messages=[{"role": "user", "content": "weather?"}],
        tools=[WEATHER_TOOL],  # type: ignore[list-item]
    )
    [call] = completion.choices[0].message.tool_calls or []
    assert call.function.name == "get_weather"  # type: ignore[union-attr]


def test_embeddings(sdk: openai.AzureOpenAI, emu: Emulator) -> None:
    # The SDK asks for base64 unless told otherwise, and decodes it: both paths give the same floats.
    default = sdk.embeddings.create(model="text-embedding-ada-002", input=["one", "two"])
    floats = sdk.embeddings.create(model="text-embedding-ada-002", input=["one", "two"], encoding_format="float")
    assert emu.requests[0].json["encoding_format"] == "base64"
    assert [d.index for d in default.data] == [0, 1]
    assert len(default.data[0].embedding) == 1536
    assert default.data[0].embedding == pytest.approx(floats.data[0].embedding, abs=1e-6)


def test_images(sdk: openai.AzureOpenAI) -> None:
    result = sdk.images.generate(model="dall-e-3", prompt="a lighthouse", n=1)
    assert result.data is not None
    assert result.data[0].url and result.data[0].revised_prompt and "a lighthouse" in result.data[0].revised_prompt


def test_audio(sdk: openai.AzureOpenAI) -> None:
    with warnings.catch_warnings():  # this SDK version marks translations deprecated; Azure still serves them
        warnings.simplefilter("ignore", DeprecationWarning)
        translation = sdk.audio.translations.create(model="whisper", file=("a.wav", wav(1.0), "audio/wav"))
    assert translation.text.startswith("[emulator]") and "translation" in translation.text
    file = ("a.wav", wav(1.0), "audio/wav")
    srt = sdk.audio.transcriptions.create(model="whisper", file=file, response_format="srt")
    assert str(srt).startswith("1\n00:00:00,000 --> ")


@pytest.mark.parametrize("version", ["2024-02-01", "2024-10-21", "2025-03-01-preview"])
def test_audio_timestamp_granularities_go_as_a_form_array(emu: Emulator, version: str) -> None:
    """The SDK sends ``timestamp_granularities[]`` once per item: the emulator reads a list, which the
    2025-03-01-preview spec checks as an array, and the earlier specs (without the field) do not refuse."""
    client = openai.AzureOpenAI(azure_endpoint=emu.endpoint, api_key=emu.api_key, api_version=version, max_retries=0)
    file = ("a.wav", wav(1.0), "audio/wav")
    for granularities in (["word"], ["word", "segment"]):
        verbose = client.audio.transcriptions.create(
            model="whisper", file=file, response_format="verbose_json", timestamp_granularities=granularities
        )
        assert verbose.text.startswith("[emulator]")
        assert emu.requests[-1].form["timestamp_granularities[]"] == granularities
    if version == "2025-03-01-preview":  # the items are still checked against the spec's enum
        with pytest.raises(openai.BadRequestError, match="timestamp_granularities"):
            client.audio.transcriptions.create(
                model="whisper",
                file=file,
                timestamp_granularities=["char"],  # type: ignore[list-item]
            )


def test_sdk_sees_typed_errors_and_retries(emu: Emulator, sdk: openai.AzureOpenAI) -> None:
    with pytest.raises(openai.NotFoundError):
        sdk.chat.completions.create(model="no-such", messages=[{"role": "user", "content": "x"}])
    emu.inject(Fault.rate_limit(retry_after_ms=10))
    completion = sdk.chat.completions.create(model="gpt-35-turbo", messages=[{"role": "user", "content": "x"}])
    assert completion.choices[0].message.content
    assert [r.status for r in emu.requests[-2:]] == [429, 200]


async def test_async_chat() -> None:
    async with Emulator() as emu:
        client = openai.AsyncAzureOpenAI(azure_endpoint=emu.endpoint, api_key=emu.api_key, api_version=API_VERSION)
        async with client:
            completion = await client.chat.completions.create(
                model="gpt-35-turbo", messages=[{"role": "user", "content": "async hello"}]
            )
    assert "async hello" in (completion.choices[0].message.content or "")
