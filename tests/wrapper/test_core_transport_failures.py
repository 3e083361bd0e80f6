"""Failures retrying cannot fix are raised at once, saying what to do: an exhausted pool, an unverifiable cert."""

from __future__ import annotations

import asyncio
import logging
import ssl
import threading
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from azure_openai import APIConnectionError, APITimeoutError, AsyncAzureOpenAI, AzureOpenAI
from azure_openai._flow import Post

from .chat_loopback import text_stream

pytestmark = pytest.mark.usefixtures("clean_env")

#: A throwaway self-signed certificate (and its key) for 127.0.0.1: no system trusts it.
SELF_SIGNED = Path(__file__).with_name("self_signed.pem")


@pytest.fixture
def tls_endpoint() -> Iterator[tuple[str, list[str]]]:
    """``https://127.0.0.1:<port>`` served with the self-signed certificate, and the paths it was asked for."""
    paths: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            paths.append(self.path)
            self.send_response(500)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(SELF_SIGNED)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, args=(0.01,), daemon=True).start()
    yield f"https://127.0.0.1:{httpd.server_address[1]}", paths
    httpd.shutdown()
    httpd.server_close()


def test_a_certificate_that_fails_verification_is_not_retried(
    tls_endpoint: tuple[str, list[str]], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="azure_openai")
    client = AzureOpenAI(endpoint=tls_endpoint[0], api_key="k", deployment="d", retry_backoff=0)
    with pytest.raises(APIConnectionError, match=r"TLS certificate of 127\.0\.0\.1 could not be verified") as info:
        client.chat("hi")
    assert "SSL_CERT_FILE" in str(info.value) and "not retried" in str(info.value)
    assert "httpx.Client(verify=ssl_context), timeout=600)" in str(info.value)  # advice that keeps long reads
    assert not [r for r in caplog.records if r.getMessage().startswith("retrying")]
    assert tls_endpoint[1] == []  # the handshake failed: nothing was sent


async def test_a_certificate_that_fails_verification_is_not_retried_async(
    tls_endpoint: tuple[str, list[str]], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="azure_openai")
    async with AsyncAzureOpenAI(endpoint=tls_endpoint[0], api_key="k", deployment="d", retry_backoff=0) as client:
        with pytest.raises(APIConnectionError, match="could not be verified"):
            await client.chat("hi")
    assert not [r for r in caplog.records if r.getMessage().startswith("retrying")]


def test_an_exhausted_pool_is_not_retried_and_says_how_to_size_it(
    server: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="azure_openai")
    http = httpx.Client(limits=httpx.Limits(max_connections=1), timeout=httpx.Timeout(30.0, pool=0.05))
    client = AzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d", http_client=http)
    busy = client._stream(Post("chat/completions", {"messages": []}))  # holds the only connection
    with busy, pytest.raises(APITimeoutError, match=r"connection pool is exhausted.*for 0\.05 s") as info:
        client.chat("hi")
    assert "http_client=httpx.Client(limits=httpx.Limits(max_connections=N)), timeout=600)" in str(info.value)
    assert "raise timeout=" not in str(info.value)
    assert not [r for r in caplog.records if r.getMessage().startswith("retrying")]
    assert len(server.seen) == 1
    http.close()


async def test_an_exhausted_pool_is_not_retried_async(server: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="azure_openai")
    http = httpx.AsyncClient(limits=httpx.Limits(max_connections=1), timeout=httpx.Timeout(30.0, pool=0.05))
    client = AsyncAzureOpenAI(endpoint=server.endpoint, api_key="k", deployment="d", http_client=http)
    async with client._stream(Post("chat/completions", {"messages": []})):
        with pytest.raises(APITimeoutError, match="connection pool is exhausted"):
            await client.chat("hi")
    assert not [r for r in caplog.records if r.getMessage().startswith("retrying")]
    await http.aclose()


def corrupt_gzip(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, headers={"content-encoding": "gzip"}, content=b"\x1f\x8b\x08\x00garbage-not-gzip-data")


@pytest.mark.parametrize("client_class", [AzureOpenAI, AsyncAzureOpenAI])
def test_a_body_that_cannot_be_decoded_is_named_as_such_not_as_the_network(client_class: Any) -> None:
    # It read "could not reach ...: check the endpoint and your network", though the service had answered.
    async def corrupt_gzip_async(request: httpx.Request) -> httpx.Response:
        return corrupt_gzip(request)

    message = r"the response body from https://r\.openai\.azure\.com/openai/.* could not be decoded \(.*not retried\)"
    endpoint = "https://r.openai.azure.com"
    if client_class is AzureOpenAI:
        http: Any = httpx.Client(transport=httpx.MockTransport(corrupt_gzip))
        client = AzureOpenAI(endpoint=endpoint, api_key="k", deployment="d", http_client=http)
        with pytest.raises(APIConnectionError, match=message) as info:
            client.chat("hi")
    else:
        http = httpx.AsyncClient(transport=httpx.MockTransport(corrupt_gzip_async))
        aclient = AsyncAzureOpenAI(endpoint=endpoint, api_key="k", deployment="d", http_client=http)
        with pytest.raises(APIConnectionError, match=message) as info:
            asyncio.run(aclient.chat("hi"))
    assert "Content-Encoding" in str(info.value) and "your network" not in str(info.value)


class _BrokenOff(httpx.SyncByteStream, httpx.AsyncByteStream):
    """An error body that breaks off after its first bytes, as a connection closed mid-body."""

    def __iter__(self) -> Iterator[bytes]:
        yield b'{"error": {"code": "'
        raise httpx.RemoteProtocolError("peer closed connection without sending complete message body")

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for piece in self:
            yield piece


@pytest.mark.parametrize("client_class", [AzureOpenAI, AsyncAzureOpenAI])
def test_an_error_body_that_breaks_off_on_a_streamed_call_is_retried_then_typed(client_class: Any) -> None:
    # A streamed call read a non-2xx body only after the transport, so its failure escaped as a bare httpx error
    # (and the CLI, which streams, showed a traceback) where chat() got a typed, retried one.
    ok = httpx.Response(200, headers={"content-type": "text/event-stream"}, content=b"".join(text_stream("ok")))
    answers = [httpx.Response(503, stream=_BrokenOff()), ok]

    def service(request: httpx.Request) -> httpx.Response:
        return answers.pop(0) if answers else httpx.Response(400, stream=_BrokenOff())

    async def service_async(request: httpx.Request) -> httpx.Response:
        return service(request)

    settings: dict[str, Any] = {"endpoint": "https://r.openai.azure.com", "api_key": "k", "deployment": "d"}
    settings.update(max_retries=1, retry_backoff=0)
    message = "RemoteProtocolError"
    if client_class is AzureOpenAI:
        client = AzureOpenAI(**settings, http_client=httpx.Client(transport=httpx.MockTransport(service)))
        assert "".join(event.text for event in client.chat_stream("hi")) == "ok"  # the broken 503 was retried
        with pytest.raises(APIConnectionError, match=message) as info:
            list(client.chat_stream("hi"))
    else:
        http = httpx.AsyncClient(transport=httpx.MockTransport(service_async))
        aclient = AsyncAzureOpenAI(**settings, http_client=http)

        async def twice() -> tuple[str, Any]:
            async with aclient.chat_stream("hi") as stream:
                text = "".join([event.text async for event in stream])
            with pytest.raises(APIConnectionError, match=message) as info:
                async with aclient.chat_stream("hi") as stream:
                    async for _ in stream:
                        pass
            return text, info

        text, info = asyncio.run(twice())
        assert text == "ok"
    assert "after 1 retry" in str(info.value)
