"""Inputs httpx would mishandle or fail on untyped: dot-segment deployments, closed clients, unencodable text."""

from __future__ import annotations

from typing import Any

import pytest
from azure_openai import (
    AsyncAzureOpenAI,
    AzureOpenAI,
    ClientClosedError,
    ConfigurationError,
    RequestEncodingError,
)
from azure_openai_rest.api.default import chat_completions_create

from .conftest import chat_request

pytestmark = pytest.mark.usefixtures("clean_env")


@pytest.mark.parametrize("deployment", [".", "..", " .. "])
def test_a_dot_segment_deployment_is_refused_on_the_client(deployment: str) -> None:
    with pytest.raises(ConfigurationError, match="is not a name"):
        AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", deployment=deployment)


def test_a_dot_segment_deployment_from_the_environment_is_refused(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("AZURE_OPENAI_DEPLOYMENT", "..")
    with pytest.raises(ConfigurationError, match="AZURE_OPENAI_DEPLOYMENT"):
        AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k")


@pytest.mark.parametrize("deployment", [".", ".."])
def test_a_dot_segment_deployment_is_refused_per_call(server: Any, deployment: str) -> None:
    client = AzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d")
    with pytest.raises(ConfigurationError, match="is not a name"):
        client.chat("hi", deployment=deployment)
    with pytest.raises(ConfigurationError, match="is not a name"):
        client.embed("hi", deployment=deployment)
    assert server.seen == []


@pytest.mark.parametrize("deployment", [".", ".."])
def test_a_dot_segment_deployment_is_refused_through_rest(server: Any, deployment: str) -> None:
    client = AzureOpenAI(endpoint=server.endpoint, api_key="k")
    body = chat_request({"messages": [{"role": "user", "content": "hi"}]})
    with pytest.raises(ConfigurationError, match=r"'\.' or '\.\.' path segment"):
        chat_completions_create.sync(deployment, client=client.rest, body=body, api_version=client.api_version)
    assert server.seen == []


async def test_a_dot_segment_deployment_is_refused_through_async_rest(server: Any) -> None:
    async with AsyncAzureOpenAI(endpoint=server.endpoint, api_key="k") as client:
        body = chat_request({"messages": [{"role": "user", "content": "hi"}]})
        with pytest.raises(ConfigurationError, match="path segment"):
            await chat_completions_create.asyncio("..", client=client.rest, body=body, api_version=client.api_version)
    assert server.seen == []


def test_a_lone_surrogate_in_a_deployment_is_refused(server: Any, clean_env: pytest.MonkeyPatch) -> None:
    # It raised UnicodeEncodeError from quote() when the URL was built.
    with pytest.raises(
        ConfigurationError, match=r"deployment \(argument deployment=\) contains a lone surrogate at position 1"
    ):
        AzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d\ud800")
    client = AzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d")
    with pytest.raises(ConfigurationError, match="lone surrogate at position 0"):
        client.chat("hi", deployment="\udc80x")
    with pytest.raises(ConfigurationError, match="lone surrogate"):
        client.embed("hi", deployment="\ud800")
    clean_env.setenv("AZURE_OPENAI_DEPLOYMENT", "caf\udce9")  # a non-UTF-8 byte, as os.environ decodes it
    with pytest.raises(ConfigurationError, match="AZURE_OPENAI_DEPLOYMENT"):
        AzureOpenAI(endpoint=server.endpoint, api_key="k")
    assert server.seen == []


async def test_a_lone_surrogate_in_a_deployment_is_refused_async(server: Any) -> None:
    async with AsyncAzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d") as client:
        with pytest.raises(ConfigurationError, match="lone surrogate"):
            await client.chat("hi", deployment="\ud800")
    assert server.seen == []


def test_names_with_dots_are_still_deployments(server: Any) -> None:
    client = AzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="gpt-4.1")
    client.chat("hi")
    client.chat("hi", deployment="...")
    client.http_client.post("deployments/.hidden/chat/completions", json={})
    assert [s.path.split("?")[0] for s in server.seen] == [
        "/openai/deployments/gpt-4.1/chat/completions",
        "/openai/deployments/.../chat/completions",
        "/openai/deployments/.hidden/chat/completions",
    ]


def test_a_call_on_a_closed_client_says_so(server: Any) -> None:
    with AzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d") as client:
        pass
    with pytest.raises(ClientClosedError, match=r"AzureOpenAI client is closed .* create a new AzureOpenAI"):
        client.chat("hi")
    with pytest.raises(ClientClosedError), client.chat_stream("hi"):
        pass
    assert isinstance(ClientClosedError("x"), RuntimeError)  # code catching httpx's RuntimeError still does


async def test_a_call_on_a_closed_async_client_says_so(server: Any) -> None:
    async with AsyncAzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d") as client:
        pass
    with pytest.raises(ClientClosedError, match="AsyncAzureOpenAI client is closed"):
        await client.chat("hi")


def test_a_lone_surrogate_in_a_prompt_is_a_typed_error(server: Any) -> None:
    client = AzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d")
    with pytest.raises(
        RequestEncodingError, match=r"'\\ud800' at character \d+ .*encode\('utf-8', 'replace'\)"
    ) as info:
        client.chat("caf\ud800", data_sources=[{"type": "azure_search", "parameters": {"key": "DATA-SOURCE-KEY"}}])
    assert isinstance(info.value, ValueError)  # as the UnicodeEncodeError it replaces
    assert info.value.__cause__ is None and info.value.__context__ is None  # the body (and its key) stays out
    assert "DATA-SOURCE-KEY" not in str(info.value)
    assert server.seen == []


def test_a_keyword_json_cannot_encode_is_a_typed_error_naming_it(server: Any) -> None:
    def weather(city: str) -> str:
        return "sunny"

    client = AzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d")
    with pytest.raises(RequestEncodingError, match=r"tools= .* function .*run_tools.*tool_schema\(f\)"):
        client.chat("hi", tools=[weather])  # type: ignore[list-item]
    with pytest.raises(RequestEncodingError, match=r"user= .*type object .*convert it"):
        client.chat("hi", user=object())  # type: ignore[arg-type]
    with pytest.raises(RequestEncodingError, match=r"temperature= .*Out of range float"):
        client.chat("hi", temperature=float("nan"))
    assert server.seen == []


async def test_a_lone_surrogate_is_a_typed_error_async_and_through_rest(server: Any) -> None:
    async with AsyncAzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d") as client:
        with pytest.raises(RequestEncodingError, match="lone surrogate"):
            await client.chat("\udcff")
        body = chat_request({"messages": [{"role": "user", "content": "\ud83d"}]})
        with pytest.raises(RequestEncodingError, match="lone surrogate"):
            await chat_completions_create.asyncio("d", client=client.rest, body=body, api_version=client.api_version)
    assert server.seen == []
