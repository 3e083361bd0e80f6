"""What the docs promise about results: one set of attributes, and how ``final()`` relates to ``chat()``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from azure_openai import AzureOpenAI, ChatResult, EmbeddingsResult
from azure_openai.testing import Emulator

REPO = Path(__file__).resolve().parents[2]
DOCS = [REPO / "README.md", REPO / "docs" / "chat.md", REPO / "docs" / "operations.md"]


@pytest.fixture(scope="module")
def client() -> Iterator[AzureOpenAI]:
    with Emulator() as emu, AzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="gpt-35-turbo") as c:
        yield c


def test_every_single_response_result_has_raw_response_request_id_and_parsed(client: AzureOpenAI) -> None:
    chat = client.chat("hello")
    image = client.generate_image("a corgi", deployment="dall-e-3")
    batch = client.embed(["a", "b"], deployment="text-embedding-ada-002").responses[0]
    for result in (chat, image, batch):
        assert isinstance(result.raw, dict) and result.response.status_code == 200
        assert result.request_id and result.client_request_id
        assert result.parsed.to_dict() == result.raw, type(result).__name__
    assert chat.parsed is chat.completion


def test_embed_results_name_their_several_responses(client: AzureOpenAI) -> None:
    result = client.embed(["a", "b", "c"], deployment="text-embedding-ada-002", batch_size=2)
    assert isinstance(result, EmbeddingsResult) and len(result.responses) == 2
    assert result.request_ids == tuple(r.request_id for r in result.responses) and all(result.request_ids)
    assert result.rate_limit == result.responses[-1].rate_limit


def test_final_has_the_shape_of_chat_but_its_own_id_and_usage_only_when_asked(client: AzureOpenAI) -> None:
    whole = client.chat("tell me about streams", seed=3)
    streamed = client.chat_stream("tell me about streams", seed=3).final()
    assert isinstance(streamed, ChatResult) and streamed != whole
    differing = {key for key in {*whole.raw, *streamed.raw} if whole.raw.get(key) != streamed.raw.get(key)}
    assert differing == {"id", "usage"}
    assert streamed.usage is None and streamed.text == whole.text
    # stream_options at an api-version that takes it (the default 2024-02-01 refuses it, as the service does)
    usage, version = {"include_usage": True}, "2024-10-21"
    with_usage = client.chat_stream("tell me about streams", seed=3, stream_options=usage, api_version=version).final()
    assert with_usage.usage == whole.usage


def test_the_docs_say_what_final_and_the_results_have() -> None:
    text = "\n".join(doc.read_text(encoding="utf-8") for doc in DOCS)
    assert "compares equal) as client.chat()" not in text
    assert re.search(r"does not compare equal to a separate chat\(\) call", text)
    assert "`.parsed` (chat results too" in text and "`.request_ids`" in text
