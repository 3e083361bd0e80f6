"""Secrets never show: not in repr/str, exceptions or any log record; logging redacts headers by allow-list."""

from __future__ import annotations

import logging
import pickle
import traceback
from typing import Any

import httpx
import pytest
from azure_openai import (
    APIConnectionError,
    AsyncAzureOpenAI,
    AuthenticationError,
    AzureOpenAI,
    AzureOpenAIError,
    ClientConfig,
    Secret,
)
from azure_openai._transport.logs import redact_headers

pytestmark = pytest.mark.usefixtures("clean_env")

KEY = "SuperSecretKey0123456789abcdef"
TOKEN = "eyJSecretBearerToken.payload.signature"


def everything_printable(*objects: Any) -> str:
    """Every way an object is commonly shown: str, repr, and for exceptions the full traceback with causes."""
    parts: list[str] = []
    for obj in objects:
        parts += [str(obj), repr(obj)]
        if isinstance(obj, BaseException):
            parts.append("".join(traceback.format_exception(obj)))
            for attr in ("response", "request", "headers", "body"):
                value = getattr(obj, attr, None)
                if value is not None:
                    parts += [str(value), repr(value)]
                    request = getattr(value, "request", None) if attr == "response" else None
                    if request is not None:
                        parts += [repr(request.headers), str(dict(request.headers))]
            cause = obj.__cause__
            request = getattr(cause, "_request", None)
            if request is not None:
                parts += [repr(request.headers), str(dict(request.headers))]
    return "\n".join(parts)


def test_failing_run_never_shows_the_key(server: Any, reply: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)  # every logger: ours, httpx, httpcore
    server.replies = [
        reply(429, {"error": {"code": "429", "message": "slow"}}, {"retry-after-ms": "1"}),
        reply(503, "<html>gateway</html>"),
        reply(401, {"error": {"code": "401", "message": "Access denied"}}),
    ]
    client = AzureOpenAI(endpoint=server.endpoint, api_key=KEY, deployment="d", retry_backoff=0.001)
    with pytest.raises(AuthenticationError) as auth_error:
        client.chat("hi")
    server.replies = [reply(drop=True) for _ in range(3)]
    with pytest.raises(APIConnectionError) as connection_error:
        client.chat("hi", timeout=5)
    result = client.chat("hi")

    assert server.seen[0].headers["api-key"] == KEY  # it was sent
    shown = everything_printable(auth_error.value, connection_error.value, client, client.config, result)
    shown += repr(result.response.request.headers if result.response else "")
    logs = "\n".join(record.getMessage() for record in caplog.records)
    assert any(r.name == "azure_openai" for r in caplog.records)
    assert KEY not in shown
    assert KEY not in logs
    assert "REDACTED" in logs


async def test_failing_async_run_never_shows_the_token(
    server: Any, reply: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    server.replies = [reply(401, {"error": {"code": "401", "message": "no"}}) for _ in range(2)]
    async with AsyncAzureOpenAI(endpoint=server.endpoint, token_provider=lambda: TOKEN, deployment="d") as client:
        with pytest.raises(AuthenticationError) as info:
            await client.chat("hi")
        shown = everything_printable(info.value, client, client.config, client.config.auth)
    assert server.seen[0].headers["authorization"] == f"Bearer {TOKEN}"
    assert TOKEN not in shown
    assert TOKEN not in "\n".join(record.getMessage() for record in caplog.records)


def test_static_token_and_key_are_hidden_in_every_repr(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("AZURE_OPENAI_AD_TOKEN", TOKEN)
    config = ClientConfig.resolve(endpoint="https://r.openai.azure.com")
    client = AzureOpenAI(endpoint="https://r.openai.azure.com", api_key=KEY)
    for obj in (config, config.auth, client, client.config, client.config.auth, Secret(KEY)):
        assert TOKEN not in repr(obj) + str(obj)
        assert KEY not in repr(obj) + str(obj)
    assert "auth=api_key" in repr(client)


def test_secret_compares_by_value() -> None:
    assert Secret(KEY) == Secret(KEY)
    assert Secret(KEY) != Secret(KEY + "x")
    assert Secret(KEY) != KEY


def test_secret_cannot_be_pickled() -> None:
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(Secret(KEY))


def test_debug_log_has_method_url_status_elapsed_retries_and_redacted_headers(
    server: Any, reply: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="azure_openai")
    server.replies = [reply(503, {"error": {"code": "503", "message": "x"}}, {"retry-after-ms": "1", "x-odd": "v"})]
    client = AzureOpenAI(
        endpoint=server.endpoint, api_key=KEY, deployment="d", default_headers={"x-custom-secret": "hush"}
    )
    client.chat("hi")
    messages = [r.getMessage() for r in caplog.records if r.name == "azure_openai"]
    text = "\n".join(messages)
    assert f"request POST {server.endpoint}/openai/deployments/d/chat/completions?api-version=" in text
    assert "status=503" in text and "status=200" in text
    assert "elapsed=" in text
    assert "retrying POST" in text and "HTTP 503" in text and "retry 1 of 2" in text
    assert "'api-key': 'REDACTED'" in text
    assert "'x-custom-secret': 'REDACTED'" in text and "hush" not in text
    assert "'x-odd': 'REDACTED'" in text
    assert "'x-ms-client-request-id': '" in text and "'user-agent': 'azure-openai-rest/" in text


def test_redaction_is_an_allow_list() -> None:
    shown = redact_headers(
        [("Content-Type", "application/json"), ("Ocp-Apim-Subscription-Key", "s"), ("X-Anything", "v")]
    )
    assert shown == {
        "Content-Type": "application/json",
        "Ocp-Apim-Subscription-Key": "REDACTED",
        "X-Anything": "REDACTED",
    }


def test_errors_are_azure_openai_errors_with_no_key_even_without_a_server() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"refused (headers were {dict(request.headers)!r})", request=request)

    http = httpx.Client(transport=httpx.MockTransport(handler))
    client = AzureOpenAI(
        endpoint="https://r.openai.azure.com", api_key=KEY, deployment="d", http_client=http, max_retries=0
    )
    with pytest.raises(AzureOpenAIError) as info:
        client.chat("hi", timeout=1)
    # The transport's own message echoed the headers; ours names the host and the cause's type only.
    assert KEY not in str(info.value)
