"""The httpx clients that carry the policy (base URL, auth, retries, headers, timeouts), built through httpx's
public API; with a caller's ``http_client=``, ours sends through its ``send`` (docs/transport.md)."""

from __future__ import annotations

import functools
import ipaddress
import json
import ssl
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar, overload

import httpx

from .._config import ClientConfig
from .._errors import APIConnectionError, ClientClosedError, ConfigurationError, RequestEncodingError, shown_location
from .retry import POLICY_APPLIED, AsyncRetryTransport, RetryPolicy, RetryTransport
from .routing import Router


def _dot_segment(url: str) -> bool:
    """Whether the path of ``url`` has a ``.`` or ``..`` segment, which httpx resolves (changing the path)."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    if "://" in path:
        path = path.split("://", 1)[1].partition("/")[2]
    return any(segment in (".", "..") for segment in path.split("/"))


def _checked_build(
    build: Callable[..., httpx.Request], method: str, url: httpx.URL | str, kwargs: dict[str, Any]
) -> httpx.Request:
    """``build(method, url, **kwargs)``, with the failures of a URL or body that cannot be sent as typed errors."""
    # A str URL comes from a generated function (client.rest) or a caller; the wrapper's own are parsed URLs.
    if isinstance(url, str) and ("/." in url or url.startswith(".")) and _dot_segment(url):
        raise ConfigurationError(
            f"the URL {url!r} has a '.' or '..' path segment, which would change the request's path: "
            "a deployment name (or other path parameter) cannot be '.' or '..'"
        )
    try:
        return build(method, url, **kwargs)
    except UnicodeEncodeError as exc:
        if exc.encoding.replace("-", "").lower() == "utf8":
            problem = (
                f"the request contains text that cannot be encoded as UTF-8 ({exc.object[exc.start : exc.end]!r} at "
                f"character {exc.start} of the body, a lone surrogate): such text comes from bytes decoded with "
                "errors='surrogateescape' or 'surrogatepass', or from a character split in half; clean it first, "
                "e.g. text.encode('utf-8', 'replace').decode('utf-8')"
            )
        else:
            problem = (
                f"a header value or the URL of the request contains a non-ASCII character (at position {exc.start}), "
                "which HTTP cannot carry: percent-encode it or leave it out"
            )
    except (TypeError, ValueError) as exc:  # json.dumps: a value it cannot encode, or NaN/inf (allow_nan=False)
        unencodable = _unencodable(kwargs.get("json"), exc)
        if unencodable is None:
            raise
        problem = unencodable
    # Raised outside the except block: the UnicodeEncodeError holds the whole body, which may carry a data
    # source's key, so it must not travel as __context__.
    raise RequestEncodingError(problem)


def _unencodable(body: object, exc: Exception) -> str | None:
    """Which keyword of a JSON ``body`` JSON cannot encode, and the fix; ``None`` when ``exc`` did not come from it."""
    for key, value in body.items() if isinstance(body, dict) else []:
        try:
            json.dumps(value, allow_nan=False)
        except (TypeError, ValueError):
            hint = "convert it to str, numbers, lists and dicts first"
            if key in ("tools", "functions") and isinstance(value, list) and any(map(callable, value)):
                hint = "to call Python functions use client.run_tools(..., tools=[f]), or pass tool_schema(f)"
            return f"the request's {key}= holds a value JSON cannot encode ({exc}): {hint}"
    return None


def _too_many_redirects(exc: httpx.TooManyRedirects, max_redirects: int) -> APIConnectionError:
    """A caller's ``follow_redirects=True`` client gave up: typed, naming where the last redirect pointed."""
    return APIConnectionError(
        f"too many redirects (more than {max_redirects}), the last one to {shown_location(str(exc.request.url))}: "
        "a redirect loop, or a resource that moved; configure the endpoint the redirects lead to (the credential "
        "never follows one to another host)",
        request=exc.request,  # httpx's client always gives it one
    )


def _closed(client: httpx.Client | httpx.AsyncClient) -> ClientClosedError:
    kind = "AzureOpenAI" if isinstance(client, httpx.Client) else "AsyncAzureOpenAI"
    return ClientClosedError(
        f"this {kind} client is closed (by close() or at the end of its `with` block), so it cannot send: "
        f"make the calls inside the block, or create a new {kind}"
    )


class PolicyClient(httpx.Client):
    """The httpx client carrying the policy; a URL or body that cannot be sent, or a closed client, is typed."""

    #: The retry transports it was built with (``transport=`` and each mount), configured by ``install_policy``.
    policy_transports: list[RetryTransport]
    #: The inner transport httpx would pick for a URL (a proxy's, or the direct one); ``None`` without mounts.
    inner_for: Callable[[httpx.URL], Any] | None

    def build_request(self, method: str, url: httpx.URL | str, **kwargs: Any) -> httpx.Request:
        """httpx's request, refusing dot segments in a str URL and text that cannot be encoded (typed errors)."""
        return _checked_build(super().build_request, method, url, kwargs)

    def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        """httpx's send; a closed client or too many redirects are typed errors (not ``RuntimeError``/httpx's)."""
        if self.is_closed:
            raise _closed(self)
        try:
            return super().send(request, **kwargs)
        except httpx.TooManyRedirects as exc:
            error = _too_many_redirects(exc, self.max_redirects)
        raise error  # outside the except block: nothing chained holds the URL's query


class AsyncPolicyClient(httpx.AsyncClient):
    """The async httpx client carrying the policy; a URL or body that cannot be sent, or a closed client, is typed."""

    policy_transports: list[AsyncRetryTransport]
    inner_for: Callable[[httpx.URL], Any] | None

    def build_request(self, method: str, url: httpx.URL | str, **kwargs: Any) -> httpx.Request:
        """httpx's request, refusing dot segments in a str URL and text that cannot be encoded (typed errors)."""
        return _checked_build(super().build_request, method, url, kwargs)

    async def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        """httpx's send; a closed client or too many redirects are typed errors (not ``RuntimeError``/httpx's)."""
        if self.is_closed:
            raise _closed(self)
        try:
            return await super().send(request, **kwargs)
        except httpx.TooManyRedirects as exc:
            error = _too_many_redirects(exc, self.max_redirects)
        raise error  # outside the except block: nothing chained holds the URL's query


#: httpx's default timeout: a caller's client with it gets ours instead (to keep 5 s, pass timeout=5).
HTTPX_DEFAULT_TIMEOUT = httpx.Timeout(5.0)

#: The async client's connections, all kept alive (httpx keeps 20): more requests at once wait in ``pool``'s queue.
ASYNC_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=100)

T = TypeVar("T")
C = TypeVar("C", PolicyClient, AsyncPolicyClient)


def new_http_client() -> PolicyClient:
    """A fresh synchronous httpx client (redirects off; environment proxies honoured), ready for the policy."""
    mounts = _proxy_mounts(lambda proxy: httpx.HTTPTransport(verify=_ssl_context(), proxy=proxy))
    return _with_retries(PolicyClient, httpx.HTTPTransport(verify=_ssl_context()), mounts)


def new_async_http_client() -> AsyncPolicyClient:
    """A fresh asynchronous httpx client (redirects off; environment proxies honoured), ready for the policy."""
    from .pool import QueuedAsyncTransport

    one = httpx.Limits(max_connections=1, max_keepalive_connections=1, keepalive_expiry=ASYNC_LIMITS.keepalive_expiry)
    transport = QueuedAsyncTransport(
        lambda: httpx.AsyncHTTPTransport(verify=_ssl_context(), limits=one), ASYNC_LIMITS.max_connections or 1
    )
    mounts = _proxy_mounts(
        lambda proxy: httpx.AsyncHTTPTransport(verify=_ssl_context(), proxy=proxy, limits=ASYNC_LIMITS)
    )
    return _with_retries(AsyncPolicyClient, transport, mounts, limits=ASYNC_LIMITS)


def _with_retries(kind: type[C], transport: Any, mounts: dict[str, Any], **settings: Any) -> C:
    """A ``kind`` client whose transport and mounts are each wrapped in a retry transport (configured later)."""
    retry: Any = RetryTransport if kind is PolicyClient else AsyncRetryTransport
    wrapped: dict[str, Any] = {p: None if inner is None else retry(inner, RetryPolicy()) for p, inner in mounts.items()}
    base = retry(transport, RetryPolicy())
    client = kind(transport=base, mounts=wrapped, **{"follow_redirects": False, **settings})
    client.policy_transports = [base, *(t for t in wrapped.values() if t is not None)]
    client.inner_for = functools.partial(_mounted, transport, _by_priority(mounts)) if mounts else None
    return client


def _by_priority(mounts: dict[str, T | None]) -> list[tuple[str, str, int | None, T | None]]:
    """``(scheme, host, port, transport)`` of each mount key, most specific first, as httpx orders its mounts."""
    parsed = []
    for key, inner in mounts.items():
        url = httpx.URL(key)
        parsed.append(("" if url.scheme == "all" else url.scheme, "" if url.host == "*" else url.host, url.port, inner))
    return sorted(parsed, key=lambda m: (m[2] is None, -len(m[1]), -len(m[0])))


def _mounted(default: T, mounts: list[tuple[str, str, int | None, T | None]], url: httpx.URL) -> T:
    """The transport httpx picks for ``url`` among ``mounts`` (its URLPattern rules: ``*x`` is x and its
    subdomains, ``*.x`` only these), ``default`` when none matches or the match is ``None`` (no proxy)."""
    for scheme, host, port, inner in mounts:
        if (scheme and scheme != url.scheme) or (port is not None and port != url.port):
            continue
        if host.startswith("*"):
            domain = host[1:].lstrip(".")
            if not (url.host.endswith("." + domain) or (not host.startswith("*.") and url.host == domain)):
                continue
        elif host and host != url.host:
            continue
        return default if inner is None else inner
    return default


def _proxy_mounts(make: Callable[[str], T]) -> dict[str, T | None]:
    """Mounts for the proxies the environment names (``HTTPS_PROXY``, ``NO_PROXY``...), read as httpx reads them
    (httpx reads them only for a client built without ``transport=``; ours has one, the retries)."""
    found = urllib.request.getproxies()
    mounts: dict[str, T | None] = {}
    for scheme in ("http", "https", "all"):
        url = found.get(scheme)
        if not url:
            continue
        url = url if "://" in url else f"http://{url}"
        try:
            mounts[f"{scheme}://"] = make(url)
        except (ImportError, ValueError, httpx.InvalidURL) as exc:  # httpx.Client() would raise them bare
            fix = "pip install 'httpx[socks]'" if isinstance(exc, ImportError) else "use an http(s):// or socks5:// URL"
            raise ConfigurationError(  # the proxy's scheme only: its URL may hold a password
                f"the {scheme.upper()}_PROXY environment variable names a proxy httpx cannot use ({url.split('://')[0]}"
                f"://..., {type(exc).__name__}): {fix}, or unset the variable"
            ) from None
    for entry in (entry.strip() for entry in found.get("no", "").split(",")):
        if entry == "*":
            return {}
        if not entry:
            continue
        try:  # httpx's rules: an IP (or network) or localhost exactly, any other name (with a :port or not) and
            version: int = ipaddress.ip_address(entry.split("/")[0]).version  # its subdomains; IPv6 in brackets
        except ValueError:
            version = 0
        if "://" in entry:
            key = entry
        elif version == 6:
            key = f"all://[{entry}]"
        else:
            key = f"all://{'' if version == 4 or entry.lower() == 'localhost' else '*'}{entry}"
        try:
            httpx.URL(key)
        except httpx.InvalidURL as exc:  # httpx.Client() would raise it bare
            raise ConfigurationError(
                f"the NO_PROXY entry {entry!r} cannot be read ({exc}): write a name (example.com), name:port, IP "
                "address (10.0.0.1, or ::1 without brackets) or URL, or remove it from NO_PROXY"
            ) from None
        mounts[key] = None
    return mounts


class _CallerTransport(httpx.BaseTransport):
    """Sends each request, one hop, through the caller's client (its proxies, mounts, certificates, hooks)."""

    def __init__(self, caller: httpx.Client) -> None:
        self.caller = caller

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """The caller's ``send``, streamed, without its auth or redirects (our client signs and follows them)."""
        with _policy_applied(request, self.caller):
            return self.caller.send(request, stream=True, follow_redirects=False, auth=None)

    # close() is inherited and does nothing: the caller's client is the caller's to close.


class _AsyncCallerTransport(httpx.AsyncBaseTransport):
    """``_CallerTransport`` for an ``httpx.AsyncClient``."""

    def __init__(self, caller: httpx.AsyncClient) -> None:
        self.caller = caller

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """The caller's ``send``, streamed, without its auth or redirects (our client signs and follows them)."""
        with _policy_applied(request, self.caller):
            return await self.caller.send(request, stream=True, follow_redirects=False, auth=None)


@contextmanager
def _policy_applied(request: httpx.Request, caller: httpx.Client | httpx.AsyncClient) -> Iterator[None]:
    """Mark ``request`` as signed and retried already, in case the caller's client is one of ours."""
    if caller.is_closed:  # httpx would raise a bare RuntimeError
        raise ClientClosedError(
            "the http_client= this client was given is closed, so it cannot send through it: close that "
            "httpx client only after the last call, or create this client again with an open one"
        )
    request.extensions[POLICY_APPLIED] = True
    try:
        yield
    finally:
        del request.extensions[POLICY_APPLIED]


@overload
def client_sharing(caller: httpx.Client) -> PolicyClient: ...


@overload
def client_sharing(caller: httpx.AsyncClient) -> AsyncPolicyClient: ...


def client_sharing(caller: httpx.Client | httpx.AsyncClient) -> PolicyClient | AsyncPolicyClient:
    """A new httpx client of the caller's kind sending through the caller's, which stays unchanged and open (its
    event hooks run in its ``send``, for every request sent, so they are not copied onto ours)."""
    settings: dict[str, Any] = {
        "headers": caller.headers,
        "cookies": caller.cookies,
        "timeout": caller.timeout,
        "follow_redirects": caller.follow_redirects,
        "max_redirects": caller.max_redirects,
    }
    if isinstance(caller, httpx.Client):
        return _with_retries(PolicyClient, _CallerTransport(caller), {}, **settings)
    return _with_retries(AsyncPolicyClient, _AsyncCallerTransport(caller), {}, **settings)


def install_policy(http: PolicyClient | AsyncPolicyClient, config: ClientConfig, owned: bool) -> None:
    """Put base URL, backends (auth), retry policy, headers and (if ours or asked for) the timeout on our client."""
    # The credential goes on in the retry transport, not as ``http.auth``: httpx runs an auth flow once, before it
    # follows redirects, so it could neither refresh a token per retry nor keep the key off a redirect's host.
    router = Router(config.backends)  # binds each backend's credential to its origin
    # httpx picks the proxy by the first backend's URL, before routing re-aims the request: each other backend is
    # sent through the transport httpx would pick for it (a caller's http_client= sees the re-aimed URL itself).
    inner_for = http.inner_for if len(router.routes) > 1 else None
    inners = {r.origin: inner_for(httpx.URL(r.backend.endpoint)) for r in router.routes} if inner_for else None
    for transport in http.policy_transports:
        transport.policy = config.retry
        transport.router = router
        transport.inners = inners
    http.base_url = httpx.URL(config.base_url + "/")
    http.headers.update(config.headers)
    # As the official SDK: httpx's default 5 s (indistinguishable from a chosen 5 s, and far more common) made long
    # completions time out and be retried, each attempt billed; an unbounded timeout would wait forever.
    unbounded = http.timeout.connect is None or http.timeout.read is None
    if owned or config.timeout_given or http.timeout == HTTPX_DEFAULT_TIMEOUT or unbounded:
        http.timeout = config.timeout


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """One verifying SSL context per process: building one costs ~80 ms, and sharing it is safe."""
    return httpx.create_ssl_context()
