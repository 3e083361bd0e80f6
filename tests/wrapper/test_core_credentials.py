"""Credentials that cannot go in a header are refused up front, never echoed (message or chained exception)."""

from __future__ import annotations

import asyncio
import logging
import traceback
from typing import Any

import pytest
from azure_openai import (
    APITimeoutError,
    AsyncAzureOpenAI,
    AzureOpenAI,
    AzureOpenAIError,
    ConfigurationError,
    CredentialError,
)

pytestmark = pytest.mark.usefixtures("clean_env")

BAD_SECRETS = ["abc\ndefSECRET", "abc\rdefSECRET", "abc\x00defSECRET", "abc\x7fdefSECRET", "abcédefSECRET"]


def chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and every exception chained to it (cause or context)."""
    found: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop()
        if e is not None and e not in found:
            found.append(e)
            todo += [e.__cause__, e.__context__]
    return found


def assert_not_echoed(exc: BaseException, secret: str) -> None:
    shown = "".join(traceback.format_exception(exc))
    assert "defSECRET" not in shown
    assert all("defSECRET" not in repr(e.args) for e in chain(exc))
    assert [type(e) for e in chain(exc)] == [ConfigurationError]  # nothing chained that could hold it


@pytest.mark.parametrize("secret", BAD_SECRETS)
@pytest.mark.parametrize("argument", ["api_key", "azure_ad_token"])
def test_a_credential_with_control_or_non_ascii_characters_is_refused_at_configuration(
    argument: str, secret: str
) -> None:
    with pytest.raises(ConfigurationError, match=rf"the {argument.replace('_', ' ')} \(argument {argument}=\)") as info:
        AzureOpenAI(endpoint="https://r.openai.azure.com", **{argument: secret})
    assert "position 3" in str(info.value)
    assert_not_echoed(info.value, secret)


def test_a_credential_from_the_environment_is_checked_too(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("AZURE_OPENAI_API_KEY", "abc\tdefSECRET")
    with pytest.raises(ConfigurationError, match="AZURE_OPENAI_API_KEY") as info:
        AzureOpenAI(endpoint="https://r.openai.azure.com")
    assert_not_echoed(info.value, "abc\tdefSECRET")


@pytest.mark.parametrize("secret", BAD_SECRETS)
def test_a_provider_token_with_control_characters_is_refused_before_sending(
    server: Any, secret: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # httpcore's DEBUG log would show the header it failed to send
    client = AzureOpenAI(endpoint=server.endpoint, token_provider=lambda: secret, deployment="d")
    with pytest.raises(ConfigurationError, match="token returned by token_provider") as info:
        client.chat("hi")
    assert_not_echoed(info.value, secret)
    assert "defSECRET" not in caplog.text
    assert server.seen == []


async def test_an_async_provider_token_with_control_characters_is_refused(server: Any) -> None:
    async def provider() -> str:
        return "abc\ndefSECRET"

    async with AsyncAzureOpenAI(endpoint=server.endpoint, token_provider=provider, deployment="d") as client:
        with pytest.raises(AzureOpenAIError, match="token returned by token_provider") as info:
            await client.chat("hi")
    assert_not_echoed(info.value, "abc\ndefSECRET")
    assert server.seen == []


def test_each_retry_asks_the_provider_for_a_token(server: Any, reply: Any) -> None:
    tokens = iter(["t1", "t2", "t3"])
    server.replies = [reply(500, {"error": {"code": "500", "message": "oops"}})]
    client = AzureOpenAI(endpoint=server.endpoint, token_provider=lambda: next(tokens), deployment="d", retry_backoff=0)
    assert client.chat("hi").text == "Hello!"
    assert [s.headers["authorization"] for s in server.seen] == ["Bearer t1", "Bearer t2"]


class CredentialUnavailableError(Exception):
    """Stands in for azure-identity's error of that name."""


def test_a_provider_that_raises_gives_a_typed_error_with_the_cause(server: Any) -> None:
    def provider() -> str:
        raise CredentialUnavailableError("no managed identity endpoint")

    client = AzureOpenAI(endpoint=server.endpoint, token_provider=provider, deployment="d")
    with pytest.raises(CredentialError, match="CredentialUnavailableError: no managed identity endpoint") as info:
        client.chat("hi")
    assert isinstance(info.value.__cause__, CredentialUnavailableError)
    assert server.seen == []


class ServerTimeoutError(asyncio.TimeoutError):
    """Stands in for aiohttp's error of that name (an IMDS read timing out)."""


# A provider's own TimeoutError read as our read timeout expiring ("did not return a token within 600 s"), and
# its cause was dropped.
@pytest.mark.parametrize("error", [CredentialUnavailableError("az login needed"), ServerTimeoutError("IMDS read")])
async def test_an_async_provider_that_raises_gives_a_typed_error_with_the_cause(server: Any, error: Exception) -> None:
    async def provider() -> str:
        raise error

    async with AsyncAzureOpenAI(endpoint=server.endpoint, token_provider=provider, deployment="d") as client:
        with pytest.raises(CredentialError, match=f"{type(error).__name__}: {error}") as info:
            await client.chat("hi")
    assert info.value.__cause__ is error


async def test_a_cancelled_call_cancels_the_async_provider_it_waits_for(server: Any) -> None:
    asked, cancelled = asyncio.Event(), asyncio.Event()

    async def provider() -> str:
        asked.set()
        try:
            await asyncio.Event().wait()  # never set
        finally:
            cancelled.set()
        return "never"

    async with AsyncAzureOpenAI(endpoint=server.endpoint, token_provider=provider, deployment="d") as client:
        call = asyncio.ensure_future(client.chat("hi"))
        await asyncio.wait_for(asked.wait(), 30)
        call.cancel()
        with pytest.raises(asyncio.CancelledError):
            await call
        await asyncio.wait_for(cancelled.wait(), 30)


async def test_an_async_provider_that_hangs_is_bounded_by_the_call_timeout(server: Any) -> None:
    async def provider() -> str:
        await asyncio.Event().wait()  # never set
        return "never"

    async with AsyncAzureOpenAI(endpoint=server.endpoint, token_provider=provider, deployment="d") as client:
        # The outer bound only keeps a regression from hanging the test run; the call must end by itself.
        with pytest.raises(APITimeoutError, match=r"token_provider did not return a token within 0\.2 s"):
            await asyncio.wait_for(client.chat("hi", timeout=0.2), 30)
    assert server.seen == []
