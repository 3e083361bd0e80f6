"""Live tests against a real Azure OpenAI resource: what no mock can prove.

They run only when AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and AZURE_OPENAI_DEPLOYMENT (a chat deployment) are
all set, e.g. ``pytest -m live tests/conformance``; OPENAI_API_VERSION, if set, picks the api-version.
"""

from __future__ import annotations

import os
import typing
import uuid
from collections.abc import Iterator
from typing import Any

import azure_openai
import pytest
from azure_openai_rest.api.default import chat_completions_create

LIVE_SETTINGS = ("AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_DEPLOYMENT")

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(
        not all(os.environ.get(name) for name in LIVE_SETTINGS),
        reason="live tests need a real resource: set " + ", ".join(LIVE_SETTINGS),
    ),
]


@pytest.fixture
def client() -> Iterator[azure_openai.AzureOpenAI]:
    with azure_openai.AzureOpenAI(
        endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
        api_key=os.environ["AZURE_OPENAI_API_KEY"],
        deployment=os.environ["AZURE_OPENAI_DEPLOYMENT"],
    ) as live_client:
        yield live_client


def test_chat(client: azure_openai.AzureOpenAI) -> None:
    result = client.chat("Reply with the single word: pong", max_tokens=20, temperature=0)

    assert result.text
    assert result.finish_reason in ("stop", "length")
    assert result.usage is not None and result.usage.total_tokens > 0
    assert result.request_id
    assert result.completion.to_dict() == result.raw  # the real service's answer parses losslessly


def test_chat_through_generated_client(client: azure_openai.AzureOpenAI) -> None:
    body_type: Any = typing.get_type_hints(chat_completions_create.sync_detailed)["body"]
    body = body_type.from_dict({"messages": [{"role": "user", "content": "Say hi"}], "max_tokens": 10})
    response = chat_completions_create.sync_detailed(
        os.environ["AZURE_OPENAI_DEPLOYMENT"], client=client.rest, body=body, api_version=client.api_version
    )

    assert response.status_code == 200
    assert response.parsed is not None
    assert response.parsed.to_dict()["choices"]


def test_chat_streaming(client: azure_openai.AzureOpenAI) -> None:
    with client.chat_stream("Count from 1 to 5, separated by spaces.", max_tokens=30, temperature=0) as stream:
        pieces = [event.text for event in stream]
        final = stream.final()

    assert len(pieces) > 1  # it really arrived in pieces
    assert final.text == "".join(pieces)
    assert final.finish_reason in ("stop", "length")


def test_unknown_deployment_is_a_typed_404(client: azure_openai.AzureOpenAI) -> None:
    missing = f"no-such-deployment-{uuid.uuid4().hex[:8]}"
    with pytest.raises(azure_openai.DeploymentNotFoundError) as raised:
        client.chat("Hello", deployment=missing)

    assert raised.value.status_code == 404
    assert missing in str(raised.value)
