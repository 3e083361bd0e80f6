"""Failures retrying cannot fix are raised at once, saying what to do: an exhausted pool, an unverifiable cert."""

from __future__ import annotations

import asyncio
import logging
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from azure_openai import APIConnectionError, APITimeoutError, AsyncAzureOpenAI, AzureOpenAI
from azure_openai._flow import Post

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
