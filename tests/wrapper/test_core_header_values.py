"""Every header value we put on a request is checked before httpx sees it, and never echoed.

httpcore refuses a header value with a control character or white space at either end only while sending, with
the whole value in its exception text, in the exceptions chained to ours and in its DEBUG log: for a token, an
api key or an APIM subscription key in ``default_headers``, that is the secret.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

import httpx
import pytest
from azure_openai import AsyncAzureOpenAI, AzureOpenAI, ConfigurationError, RequestEncodingError

from .test_core_credentials import chain

pytestmark = pytest.mark.usefixtures("clean_env")

SECRET = "defSECRET"


def assert_not_echoed(exc: BaseException, kind: type[BaseException]) -> None:
    assert SECRET not in "".join(traceback.format_exception(exc))
    assert [type(e) for e in chain(exc)] == [kind]  # nothing chained that could hold the value


@pytest.mark.parametrize(
    "token", [f"tok{SECRET} ", f" tok{SECRET}", f"tok{SECRET}\n"], ids=["trailing", "leading", "nl"]
)
def test_a_provider_token_with_white_space_at_an_end_is_stripped_like_a_key(
    server: Any, token: str, caplog: pytest.LogCaptureFixture
) -> None:
    # It used to reach h11, which refused it quoting "Bearer tok... " in __cause__ and httpcore's DEBUG log.
    caplog.set_level(logging.DEBUG)
    client = AzureOpenAI(endpoint=server.endpoint, token_provider=lambda: token, deployment="d", max_retries=0)
    assert client.chat("hi").text == "Hello!"
    assert server.seen[0].headers["authorization"] == f"Bearer tok{SECRET}"
    assert SECRET not in caplog.text


async def test_an_async_provider_token_with_trailing_white_space_is_stripped(server: Any) -> None:
    async def provider() -> str:
        return f"tok{SECRET} "

    async with AsyncAzureOpenAI(endpoint=server.endpoint, token_provider=provider, deployment="d") as client:
        assert (await client.chat("hi")).text == "Hello!"
    assert server.seen[0].headers["authorization"] == f"Bearer tok{SECRET}"


def test_a_blank_provider_token_is_refused(server: Any) -> None:
    client = AzureOpenAI(endpoint=server.endpoint, token_provider=lambda: " \n", deployment="d")
    with pytest.raises(ConfigurationError, match="it returned a blank str"):
        client.chat("hi")
    assert server.seen == []


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (f"abc\n{SECRET}", "contains a control character .* at position 3"),
        (f"abc{SECRET} ", "has trailing white space"),
        (f" abc{SECRET}", "has leading white space"),
    ],
)
def test_a_caller_client_header_that_cannot_be_sent_is_refused_before_httpx_sees_it(
    server: Any, value: str, problem: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # httpcore's DEBUG log would quote the header it failed to send
    http = httpx.Client(headers={"Ocp-Apim-Subscription-Key": value})
    client = AzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d", http_client=http, max_retries=0)
    with pytest.raises(RequestEncodingError, match=f"header 'Ocp-Apim-Subscription-Key' {problem}") as info:
        client.chat("hi")
    assert_not_echoed(info.value, RequestEncodingError)
    assert SECRET not in caplog.text
    assert server.seen == []


async def test_an_async_per_call_header_that_cannot_be_sent_is_refused(server: Any) -> None:
    async with AsyncAzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d") as client:
        with pytest.raises(RequestEncodingError, match="header 'x-sub' contains a control character") as info:
            await client.http_client.post("x", headers={"x-sub": f"a\r{SECRET}"})
    assert_not_echoed(info.value, RequestEncodingError)
    assert server.seen == []


@pytest.mark.parametrize("client_class", [AzureOpenAI, AsyncAzureOpenAI])
def test_any_local_protocol_error_is_typed_and_chains_nothing(client_class: Any) -> None:
    # The backstop: whatever httpx's HTTP layer refuses (its text quotes the header) becomes a typed error.
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.LocalProtocolError(f"Illegal header value b'Bearer tok{SECRET}'")

    async def refuse_async(request: httpx.Request) -> httpx.Response:
        return refuse(request)

    if client_class is AzureOpenAI:
        http: Any = httpx.Client(transport=httpx.MockTransport(refuse))
        client = AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", deployment="d", http_client=http)
        with pytest.raises(RequestEncodingError, match="LocalProtocolError") as info:
            client.chat("hi")
    else:
        import asyncio

        http = httpx.AsyncClient(transport=httpx.MockTransport(refuse_async))
        aclient = AsyncAzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", deployment="d", http_client=http)
        with pytest.raises(RequestEncodingError, match="LocalProtocolError") as info:
            asyncio.run(aclient.chat("hi"))
    assert_not_echoed(info.value, RequestEncodingError)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (f"é{SECRET}", r"contains a non-ASCII character at position 0"),
        (f"a\n{SECRET}", r"contains a control character .* at position 1"),
        (f"{SECRET}\t", r"contains a control character .* at position 9"),
        (f"{SECRET} ", r"has trailing white space \(at position 9\)"),
    ],
    ids=["non-ascii", "newline", "tab", "trailing-space"],
)
@pytest.mark.parametrize("client_class", [AzureOpenAI, AsyncAzureOpenAI])
def test_a_default_header_that_cannot_be_sent_is_refused_at_configuration(
    client_class: Any, value: str, problem: str
) -> None:
    # A non-ASCII value raised UnicodeEncodeError here; a line break became "could not reach" at the first call,
    # with the value (an APIM subscription key, say) in the chained exception.
    with pytest.raises(ConfigurationError, match=rf"default_headers\['Ocp-Apim-Subscription-Key'\] {problem}") as info:
        client_class(
            endpoint="https://r.openai.azure.com", api_key="k", default_headers={"Ocp-Apim-Subscription-Key": value}
        )
    assert_not_echoed(info.value, ConfigurationError)


@pytest.mark.parametrize("name", [f"Ocp-Apim-Subscription-Key: {SECRET}", "x a", "é", ""])
def test_a_default_header_name_that_is_not_a_token_is_refused_without_echoing_it(name: str) -> None:
    with pytest.raises(ConfigurationError, match="not a valid HTTP field name") as info:
        AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", default_headers={name: "v"})
    assert_not_echoed(info.value, ConfigurationError)


def test_a_default_header_value_that_is_not_a_str_is_refused() -> None:
    with pytest.raises(ConfigurationError, match=r"default_headers\['x-n'\] must be a str, got a int"):
        AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", default_headers={"x-n": 1})  # type: ignore[dict-item]


def test_record_mode_strips_an_upstream_token_too(server: Any, tmp_path: Any, caplog: pytest.LogCaptureFixture) -> None:
    # Record mode signs upstream requests with the same retry transport and AzureAuth.
    from azure_openai.testing import Emulator

    caplog.set_level(logging.DEBUG)
    with Emulator(
        mode="record", recording=tmp_path / "r.json", upstream=server.endpoint, upstream_token=lambda: f"tok{SECRET} "
    ) as emu:
        client = AzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="d", max_retries=0)
        assert client.chat("hi").text == "Hello!"
    assert server.seen[0].headers["authorization"] == f"Bearer tok{SECRET}"
    assert SECRET not in caplog.text
