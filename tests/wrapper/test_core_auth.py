"""Auth: api-key header, Bearer tokens, token providers (sync/async) refreshed per request and on 401."""

from __future__ import annotations

import subprocess
import sys
import types
from typing import Any

import httpx
import pytest
from azure_openai import AsyncAzureOpenAI, AuthenticationError, AzureOpenAI, ConfigurationError

pytestmark = pytest.mark.usefixtures("clean_env")


def test_api_key_goes_in_the_api_key_header(server: Any) -> None:
    AzureOpenAI(endpoint=server.endpoint, api_key="the-key", deployment="d").chat("hi")
    headers = server.seen[0].headers
    assert headers["api-key"] == "the-key"
    assert "authorization" not in headers


def test_azure_ad_token_goes_in_a_bearer_header(server: Any, clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("AZURE_OPENAI_AD_TOKEN", "env-token")
    AzureOpenAI(endpoint=server.endpoint, deployment="d").chat("hi")
    assert server.seen[0].headers["authorization"] == "Bearer env-token"
    assert "api-key" not in server.seen[0].headers


def test_token_provider_is_called_per_request(server: Any) -> None:
    tokens = iter(["t1", "t2", "t3"])
    client = AzureOpenAI(endpoint=server.endpoint, token_provider=lambda: next(tokens), deployment="d")
    client.chat("a")
    client.chat("b")
    assert [s.headers["authorization"] for s in server.seen] == ["Bearer t1", "Bearer t2"]


def test_401_asks_the_provider_again_and_retries_once(server: Any, reply: Any) -> None:
    calls: list[int] = []

    def provider() -> str:
        calls.append(1)
        return f"token-{len(calls)}"

    server.replies = [reply(401, {"error": {"code": "401", "message": "expired"}})]
    result = AzureOpenAI(endpoint=server.endpoint, token_provider=provider, deployment="d").chat("hi")
    assert result.text == "Hello!"
    assert [s.headers["authorization"] for s in server.seen] == ["Bearer token-1", "Bearer token-2"]
    assert server.seen[0].headers["x-ms-client-request-id"] == server.seen[1].headers["x-ms-client-request-id"]


def test_a_second_401_is_raised(server: Any, reply: Any) -> None:
    server.replies = [reply(401, {"error": {"code": "401", "message": "still no"}}) for _ in range(3)]
    with pytest.raises(AuthenticationError, match="still no"):
        AzureOpenAI(endpoint=server.endpoint, token_provider=lambda: "t", deployment="d").chat("hi")
    assert len(server.seen) == 2


def test_401_with_an_api_key_is_not_retried(server: Any, reply: Any) -> None:
    server.replies = [reply(401, {"error": {"code": "401", "message": "bad key"}})]
    with pytest.raises(AuthenticationError):
        AzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d").chat("hi")
    assert len(server.seen) == 1


def test_async_provider_with_the_sync_client_is_a_clear_error(server: Any) -> None:
    async def provider() -> str:
        return "t"

    client = AzureOpenAI(endpoint=server.endpoint, token_provider=provider, deployment="d")
    with pytest.raises(ConfigurationError, match="use AsyncAzureOpenAI"):
        client.chat("hi")
    assert server.seen == []


@pytest.mark.parametrize("bad", ["", None, 42])
def test_provider_returning_no_token_is_a_clear_error(server: Any, bad: Any) -> None:
    client = AzureOpenAI(endpoint=server.endpoint, token_provider=lambda: bad, deployment="d")
    with pytest.raises(ConfigurationError, match="must return the token"):
        client.chat("hi")


async def test_async_and_sync_providers_work_with_the_async_client(server: Any, reply: Any) -> None:
    async def async_provider() -> str:
        return "async-token"

    server.replies = [reply(401, {"error": {"code": "401", "message": "expired"}})]
    async with AsyncAzureOpenAI(endpoint=server.endpoint, token_provider=async_provider, deployment="d") as client:
        assert (await client.chat("hi")).text == "Hello!"
    async with AsyncAzureOpenAI(endpoint=server.endpoint, token_provider=lambda: "sync-token", deployment="d") as c:
        await c.chat("hi")
    assert [s.headers["authorization"] for s in server.seen] == [
        "Bearer async-token",
        "Bearer async-token",
        "Bearer sync-token",
    ]


def test_azure_identity_provider_plugs_in(server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The documented azure-identity recipe, with a stand-in module (azure-identity is an optional extra)."""
    identity = types.ModuleType("azure.identity")
    scopes: list[str] = []

    class DefaultAzureCredential:
        pass

    def get_bearer_token_provider(credential: object, scope: str) -> Any:
        assert isinstance(credential, DefaultAzureCredential)
        scopes.append(scope)
        return lambda: "entra-token"

    identity.DefaultAzureCredential = DefaultAzureCredential  # type: ignore[attr-defined]
    identity.get_bearer_token_provider = get_bearer_token_provider  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "azure.identity", identity)
    from azure_openai._transport.auth import azure_identity_token_provider

    client = AzureOpenAI(endpoint=server.endpoint, token_provider=azure_identity_token_provider(), deployment="d")
    client.chat("hi")
    assert scopes == ["https://cognitiveservices.azure.com/.default"]
    assert server.seen[0].headers["authorization"] == "Bearer entra-token"


def test_missing_azure_identity_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "azure.identity", None)
    from azure_openai._transport.auth import azure_identity_token_provider

    with pytest.raises(ConfigurationError, match=r"azure-openai-rest\[azure-identity\]"):
        azure_identity_token_provider()


def test_importing_the_package_imports_no_optional_or_heavy_module() -> None:
    code = (
        "import sys, azure_openai\n"
        "heavy = ['azure.identity', 'openai', 'click', 'jsonschema', 'azure_openai.cli', 'azure_openai.testing',\n"
        "         'azure_openai_rest.models', 'azure_openai_rest.api']\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_caller_http_client_gets_the_auth(server: Any) -> None:
    with httpx.Client(headers={"x-corp": "1"}) as http:
        AzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d", http_client=http).chat("hi")
    assert server.seen[0].headers["api-key"] == "k"
    assert server.seen[0].headers["x-corp"] == "1"
