"""This package's own client, azure_openai.AzureOpenAI / AsyncAzureOpenAI, against the emulator."""

from __future__ import annotations

import pytest
from azure_openai import (
    AsyncAzureOpenAI,
    AzureOpenAI,
    ContentFilterError,
    DeploymentNotFoundError,
    IncompleteStreamError,
)
from azure_openai.testing import REDACTED, Emulator, Fault

from .test_operations import wav

SEED_QUESTION = "Do other Azure AI services support this too?"


def test_sync_client_chat_embed_retry_and_typed_errors() -> None:
    with (
        Emulator() as emu,
        AzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="gpt-35-turbo") as client,
    ):
        answer = client.chat(SEED_QUESTION)
        assert answer.text is not None and answer.text.startswith("[emulator]") and SEED_QUESTION in answer.text
        vectors = client.embed(["a", "b"], deployment="text-embedding-ada-002")
        assert len(vectors) == 2 and len(vectors[0]) == 1536
        emu.inject(Fault.rate_limit(retry_after_ms=5))
        assert client.chat("again").text
        assert [r.status for r in emu.requests[-2:]] == [429, 200]
        assert all(r.headers["api-key"] == REDACTED for r in emu.requests)
        with pytest.raises(DeploymentNotFoundError):
            client.chat("x", deployment="no-such-deployment")
        emu.content_filter_next()
        with pytest.raises(ContentFilterError):
            client.chat("x")


async def test_async_client_chat() -> None:
    async with Emulator() as emu:
        client = AsyncAzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="gpt-35-turbo")
        async with client:
            answer = await client.chat(SEED_QUESTION)
            emu.fail_next(1, status=503)
            retried = await client.chat("after a 503")
    assert answer.text is not None and SEED_QUESTION in answer.text
    assert retried.text is not None and "after a 503" in retried.text
    assert [r.status for r in emu.requests] == [200, 503, 200]


def get_weather(city: str, unit: str = "celsius") -> str:
    """The weather in a city."""
    return f"18 degrees {unit} in {city}"


def test_sync_client_streams_runs_a_tool_loop_and_reports_a_cut_stream() -> None:
    with (
        Emulator() as emu,
        AzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="gpt-35-turbo") as client,
    ):
        with client.chat_stream(SEED_QUESTION) as stream:
            text = "".join(event.text for event in stream)
            final = stream.final()
        assert text.startswith("[emulator]") and SEED_QUESTION in text and final.text == text
        run = client.run_tools("Weather in Paris?", tools=[get_weather])
        assert run.rounds == 2
        assert run.result.text is not None and "18 degrees celsius in emulated" in run.result.text
        emu.inject(Fault.cut_stream(after_events=3))
        with pytest.raises(IncompleteStreamError), client.chat_stream("cut me") as stream:
            for _ in stream:
                pass


async def test_async_client_streams() -> None:
    async with Emulator() as emu:
        client = AsyncAzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="gpt-35-turbo")
        async with client, client.chat_stream("async stream") as stream:
            text = "".join([event.text async for event in stream])
    assert text.startswith("[emulator]") and "async stream" in text


@pytest.mark.parametrize("version", ["2024-02-01", "2025-03-01-preview"])
def test_transcribe_sends_timestamp_granularities_as_a_form_array_at_any_api_version(version: str) -> None:
    """The packaged form model may not know the field; it goes out as ``timestamp_granularities[]`` all the same."""
    with (
        Emulator() as emu,
        AzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="whisper", api_version=version) as client,
    ):
        client.transcribe(wav(1.0), response_format="verbose_json", timestamp_granularities=["word", "segment"])
        assert emu.requests[-1].form["timestamp_granularities[]"] == ["word", "segment"]
