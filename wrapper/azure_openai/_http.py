"""The httpx clients that carry the policy: base URL, auth, the retry transport, headers and timeouts.

The policy is installed on the httpx client itself (ours, or the caller's ``http_client=``: its transport and
every mounted transport, e.g. a proxy, are wrapped), so anything sent through it, wrapper calls and generated
functions alike, gets the same treatment.
"""

from __future__ import annotations

import functools
import ssl

import httpx

from ._config import ClientConfig
from ._retry import AsyncRetryTransport, RetryTransport

__all__ = ["install_policy", "new_async_http_client", "new_http_client"]


def new_http_client() -> httpx.Client:
    """A fresh synchronous httpx client (redirects off; environment proxies honoured), ready for the policy."""
    return httpx.Client(verify=_ssl_context(), follow_redirects=False)


#: The async client's connection limits, as the openai SDK's (httpx keeps only 20 alive by default).
ASYNC_LIMITS = httpx.Limits(max_connections=1000, max_keepalive_connections=100)

#: Connection pools of the async client: httpcore's pool costs grow with the requests in flight (see ``_pool``).
ASYNC_SHARDS = 8


def new_async_http_client() -> httpx.AsyncClient:
    """A fresh asynchronous httpx client (redirects off; environment proxies honoured), ready for the policy."""
    from ._pool import ShardedAsyncTransport

    client = httpx.AsyncClient(verify=_ssl_context(), follow_redirects=False, limits=ASYNC_LIMITS)
    # Replaced after construction, not passed as transport=, which would turn off the environment's proxies.
    client._transport = ShardedAsyncTransport.build(
        lambda limits: httpx.AsyncHTTPTransport(verify=_ssl_context(), limits=limits), ASYNC_LIMITS, ASYNC_SHARDS
    )
    return client


def install_policy(http: httpx.Client | httpx.AsyncClient, config: ClientConfig, owned: bool) -> None:
    """Put base URL, auth, retry transport, headers and (if ours or asked for) the timeout on an httpx client."""
    if isinstance(http, httpx.Client):
        http._transport = _wrap_sync(http._transport, config)
        for pattern, mounted in list(http._mounts.items()):
            if mounted is not None:
                http._mounts[pattern] = _wrap_sync(mounted, config)
    else:
        http._transport = _wrap_async(http._transport, config)
        for pattern, amounted in list(http._mounts.items()):
            if amounted is not None:
                http._mounts[pattern] = _wrap_async(amounted, config)
    http.auth = config.auth
    http.base_url = httpx.URL(config.base_url + "/")
    http.headers.update(config.headers)
    timeout = http.timeout
    if owned or config.timeout_given or timeout.connect is None or timeout.read is None:
        http.timeout = config.timeout


def _wrap_sync(transport: httpx.BaseTransport, config: ClientConfig) -> httpx.BaseTransport:
    if isinstance(transport, RetryTransport):
        transport.policy = config.retry
        return transport
    return RetryTransport(transport, config.retry)


def _wrap_async(transport: httpx.AsyncBaseTransport, config: ClientConfig) -> httpx.AsyncBaseTransport:
    if isinstance(transport, AsyncRetryTransport):
        transport.policy = config.retry
        return transport
    return AsyncRetryTransport(transport, config.retry)


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """One verifying SSL context per process: building one costs ~80 ms, and sharing it is safe."""
    return httpx.create_ssl_context()
