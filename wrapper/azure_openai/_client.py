"""``AzureOpenAI`` and ``AsyncAzureOpenAI``: one configuration, one transport policy, sync and async I/O.

The policy (auth, retries, timeouts, headers) lives in the httpx client, which ``client.rest`` shares with the
generated client; operations are flows (``_flow``), and the two clients differ only in how they perform them.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from contextlib import asynccontextmanager, contextmanager
from typing import TYPE_CHECKING, Any, Generic, NoReturn, TypeVar
from urllib.parse import quote

import httpx

from ._adapter import deployment_path
from ._chat.helpers import AsyncChatHelpers, SyncChatHelpers
from ._config import NOT_GIVEN, Backend, ClientConfig, _NotGiven, check_api_version, check_deployment, to_timeout
from ._errors import ConfigurationError, build_status_error
from ._flow import Flow, Post, run_async, run_sync
from ._operations.helpers import AsyncOperations, SyncOperations
from ._results.info import answered_by
from ._transport.auth import TokenProvider
from ._transport.http import (
    AsyncPolicyClient,
    PolicyClient,
    client_sharing,
    install_policy,
    new_async_http_client,
    new_http_client,
)
from ._transport.retry import READ_BODY

if TYPE_CHECKING:
    from azure_openai_rest import Client as RestClient

    from ._telemetry import Idle, Operation, Telemetry

__all__ = ["AsyncAzureOpenAI", "AzureOpenAI"]

T = TypeVar("T")
HttpT = TypeVar("HttpT", httpx.Client, httpx.AsyncClient)


#: Non-streamed calls have the retry transport read the body, so failures mid-body are retried and typed.
_READ = {READ_BODY: True}


class _ClientCore(Generic[HttpT]):
    """What both clients share: configuration, the httpx client with the policy, URLs and timeouts (no I/O here)."""

    #: The httpx client class the subclass works with (``http_client=`` must be one), and how to make a new one.
    _http_class: type[HttpT]
    _new_http: Callable[[], HttpT]

    def __init__(
        self,
        endpoint: str | None = None,
        api_key: str | None = None,
        *,
        token_provider: TokenProvider | None = None,
        azure_ad_token: str | None = None,
        deployment: str | None = None,
        api_version: str | None = None,
        timeout: float | httpx.Timeout | _NotGiven = NOT_GIVEN,
        max_retries: int = 2,
        retry_backoff: float = 0.5,
        max_retry_wait: float = 60.0,
        http_client: HttpT | None = None,
        default_headers: Mapping[str, str] | None = None,
        telemetry: bool = True,
        backends: Sequence[Backend] | None = None,
        **unknown: NoReturn,
    ) -> None:
        """Resolve the settings (arguments, then the environment) and put the policy on an httpx client of ours."""
        settings = {k: v for k, v in locals().items() if k not in ("self", "http_client", "telemetry", "unknown")}
        if unknown:  # a misspelt setting, named by the public class with the right names (mypy flags it too)
            named, known = ", ".join(map(repr, unknown)), ", ".join(settings) + ", http_client, telemetry"
            raise ConfigurationError(f"{type(self).__name__}() has no setting {named}; its settings are {known}")
        self._config: ClientConfig = ClientConfig.resolve(**settings)
        from ._telemetry import telemetry_for  # here, not at `import azure_openai` (~0.5 ms)

        self._telemetry: Telemetry | None = telemetry_for(telemetry, self._config.backends)
        self._urls: dict[tuple[str, str | None, str | None], httpx.URL] = {}
        self._rest: RestClient | None = None
        if http_client is None:
            self._http: HttpT = self._new_http()
        elif isinstance(http_client, self._http_class):
            self._http = client_sharing(http_client)
        else:
            raise ConfigurationError(
                f"http_client must be an httpx.{self._http_class.__name__} for {type(self).__name__},"
                f" not an httpx.{type(http_client).__name__}"
            )
        assert isinstance(self._http, (PolicyClient, AsyncPolicyClient))  # what _new_http and client_sharing build
        install_policy(self._http, self._config, owned=http_client is None)

    if TYPE_CHECKING:

        def _stream(self, post: Post) -> Any:
            """Each client's own: a context manager or an async one."""

    @property
    def http_client(self) -> HttpT:
        """The httpx client carrying the policy (base URL, auth, retries, timeouts, headers)."""
        return self._http

    @property
    def rest(self) -> RestClient:
        """The configured generated client (``azure_openai_rest.Client``) sharing this client's policy."""
        if self._rest is None:
            rest = _shared_rest_class()(base_url=self._config.base_url, timeout=self._config.timeout)
            if isinstance(self._http, httpx.AsyncClient):
                rest.set_async_httpx_client(self._http)
            else:
                rest.set_httpx_client(self._http)
            self._rest = rest
        return self._rest

    @property
    def config(self) -> ClientConfig:
        """The resolved settings (endpoint, deployment, api_version, timeout, retry policy; no secrets)."""
        return self._config

    @property
    def endpoint(self) -> str:
        """The normalised endpoint, e.g. ``https://name.openai.azure.com`` (with ``backends=``, the first one's)."""
        return self._config.endpoint

    @property
    def deployment(self) -> str | None:
        """The default deployment (``None`` when every call must name one; with ``backends=``, the first's)."""
        return self._config.deployment

    @property
    def backends(self) -> tuple[Backend, ...]:
        """Where requests are routed: the ``backends=`` given, else the one backend the endpoint makes."""
        return self._config.backends

    @property
    def api_version(self) -> str:
        """The default api-version of requests."""
        return self._config.api_version

    def _url(self, operation: str, deployment: str | None, api_version: str | None) -> httpx.URL:
        """The operation's URL on a deployment (the generated ``PATH``), with ``?api-version=...``, cached: an
        absolute, already parsed ``httpx.URL`` skips httpx's parse and base-URL merge on every request."""
        key = (operation, deployment, api_version)
        url = self._urls.get(key)
        if url is None:
            if deployment is None:
                deployment = self._config.deployment
                if deployment is None:
                    raise ConfigurationError(
                        "no deployment: pass deployment= to this call or to the client, or set "
                        "AZURE_OPENAI_DEPLOYMENT (the name you gave the deployment, not the model name)"
                    )
            else:
                deployment = check_deployment(deployment)
            version = self._config.api_version if api_version is None else check_api_version(api_version)
            path = deployment_path(operation, deployment)
            url = httpx.URL(f"{self._config.base_url}{path}?api-version={quote(version, safe='')}")
            if len(self._urls) < 256:
                self._urls[key] = url
        return url

    def _request(self, post: Post, *, read: bool = True) -> tuple[httpx.URL, dict[str, Any]]:
        """The URL and httpx arguments of a ``Post``: a JSON body or a multipart form; unless streamed (``read``
        false), read by the retry transport (``READ_BODY``), so failures mid-body are retried and typed."""
        timeout = httpx.USE_CLIENT_DEFAULT if post.timeout is None else to_timeout(post.timeout)
        options: dict[str, Any] = {"timeout": timeout}
        if read:
            options["extensions"] = _READ
        if post.files is None:
            options["json"] = post.body
        else:
            options["files"] = dict(post.files)
            options["data"] = dict(post.data or {})
        return self._url(post.operation, post.deployment, post.api_version), options

    def _operation(self, post: Post) -> Operation | Idle:
        """The telemetry span of a request (``_telemetry``); ``IDLE`` when telemetry is off."""
        from ._telemetry import IDLE  # loaded by the constructor

        return IDLE if self._telemetry is None else self._telemetry.operation(post, self._config.deployment)

    def _checked(self, response: httpx.Response, deployment: str | None) -> httpx.Response:
        """``response`` when its status is 2xx, else the typed error (the body must have been read)."""
        if not 200 <= response.status_code < 300:
            named = deployment if deployment is not None else self._config.deployment
            endpoint, backend = self._config.endpoint, answered_by(response)
            if len(self._config.backends) > 1 and backend is not None:  # routed: the backend that answered
                named, endpoint = backend.deployment, backend.endpoint
            raise build_status_error(response, deployment=named, endpoint=endpoint, backend=backend)
        return response

    def __repr__(self) -> str:
        """Endpoint, deployment, api-version and the kind of credential (or the backends); never the credential."""
        c = self._config
        if len(c.backends) > 1:
            return f"{type(self).__name__}(backends={list(c.backends)!r}, api_version={c.api_version!r})"
        return (
            f"{type(self).__name__}(endpoint={c.endpoint!r}, deployment={c.deployment!r}, "
            f"api_version={c.api_version!r}, auth={c.auth.kind})"
        )


@functools.cache
def _shared_rest_class() -> type[RestClient]:
    """The class of ``client.rest``, made on first use (``import azure_openai`` loads no generated code)."""
    from azure_openai_rest import Client

    class SharedClient(Client):
        """The generated client on a wrapper client's httpx client, which that client owns: ``with`` neither opens
        nor closes it, and the ``with_*`` methods, which would change it under the wrapper, are refused."""

        __slots__ = ()

        def __enter__(self) -> SharedClient:
            return self

        def __exit__(self, *args: object, **kwargs: Any) -> None:
            pass

        async def __aenter__(self) -> SharedClient:
            return self

        async def __aexit__(self, *args: object, **kwargs: Any) -> None:
            pass

        def _refused(self, *args: object, **kwargs: object) -> NoReturn:
            raise ConfigurationError(
                "client.rest shares its httpx client with its AzureOpenAI client: with_headers(), with_cookies() and "
                "with_timeout() would change it for every call of both; pass default_headers=, timeout= or an "
                "http_client= with those cookies to a new AzureOpenAI client instead"
            )

        with_headers = with_cookies = with_timeout = _refused

    return SharedClient


class AzureOpenAI(_ClientCore[httpx.Client], SyncChatHelpers, SyncOperations):
    """Synchronous Azure OpenAI client: configuration from arguments or the environment, typed results/errors.

    Args:
        endpoint: ``https://NAME.openai.azure.com`` (or ``AZURE_OPENAI_ENDPOINT``); ``/`` or ``/openai`` at the
            end is fine.
        api_key: the resource key (or ``AZURE_OPENAI_API_KEY``). Exactly one of ``api_key``, ``azure_ad_token``
            and ``token_provider`` authenticates.
        token_provider: a callable returning a Microsoft Entra token, called per attempt (retries included) and
            again on a 401; an exception it raises becomes ``CredentialError``.
        azure_ad_token: a fixed Entra token (or ``AZURE_OPENAI_AD_TOKEN``).
        deployment: the default deployment name (or ``AZURE_OPENAI_DEPLOYMENT``); every call may override it.
        api_version: the default api-version (or ``OPENAI_API_VERSION``, else ``azure_openai_rest.API_VERSION``).
        timeout: seconds or ``httpx.Timeout`` (default 600 s read, 10 s connect); every call may override it.
        max_retries: retries of connection errors, timeouts and 408/409/429/5xx (0 disables).
        retry_backoff: the first backoff in seconds, doubled per retry, with jitter.
        max_retry_wait: the longest server-requested wait honoured; beyond it the error is raised at once.
        http_client: your ``httpx.Client`` (proxies, certificates). It is not changed: a client of ours with
            the policy sends every request through its public ``send`` (so its proxies, certificates, mounts and
            event hooks apply, hooks once per attempt) and takes its headers, cookies, redirect setting and
            timeout; it is left open by ``close()``. A timeout equal to httpx's default (5 s) gets this client's timeout
            (600 s read), as in the official SDK, since httpx cannot tell its default from a chosen 5 s: to keep
            a 5 s timeout, pass ``timeout=5`` here. Any other timeout of yours is kept, ``timeout=`` here always
            wins, and an unbounded one gets the default.
        default_headers: extra headers for every request (not credentials).
        telemetry: OpenTelemetry spans and metrics per call when ``opentelemetry-api`` is installed (see
            docs/telemetry.md); ``False`` turns them off.
        backends: instead of ``endpoint``/``deployment``/credential, several ``Backend``s to route requests
            across by priority, moving on from a throttled or unreachable one at once (docs/routing.md).
    """

    _http_class = httpx.Client
    _new_http = staticmethod(new_http_client)

    def _run(self, flow: Flow[T]) -> T:
        """Run an operation's flow to its result: its requests through this client's policy, one step at a time."""
        return run_sync(flow, self._post)

    def _post(self, post: Post) -> httpx.Response:
        url, options = self._request(post)
        if self._telemetry is None:
            return self._checked(self._http.post(url, **options), post.deployment)
        with self._operation(post) as operation:
            return operation.ended(self._checked(self._http.post(url, **options), post.deployment))

    @contextmanager
    def _stream(self, post: Post) -> Iterator[httpx.Response]:
        url, options = self._request(post, read=False)
        with self._operation(post) as operation, self._http.stream("POST", url, **options) as response:
            if not 200 <= response.status_code < 300:
                response.read()
                self._checked(response, post.deployment)
            yield operation.streaming(response)

    def close(self) -> None:
        """Close the connection pool; later calls raise ``ClientClosedError`` (a caller's ``http_client=`` is left
        open for its owner: ours only sends through it)."""
        self._http.close()

    def __enter__(self) -> AzureOpenAI:
        """Use as a context manager that closes the client."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close the client."""
        self.close()


class AsyncAzureOpenAI(_ClientCore[httpx.AsyncClient], AsyncChatHelpers, AsyncOperations):
    """Asynchronous Azure OpenAI client: the same configuration and policy as ``AzureOpenAI``, awaited.

    Takes the arguments of ``AzureOpenAI``; ``token_provider`` may be async, ``http_client`` is an
    ``httpx.AsyncClient``.
    """

    _http_class = httpx.AsyncClient
    _new_http = staticmethod(new_async_http_client)

    async def _run(self, flow: Flow[T]) -> T:
        """Run an operation's flow to its result: its requests through this client's policy, a Gather concurrently."""
        return await run_async(flow, self._post)

    async def _post(self, post: Post) -> httpx.Response:
        url, options = self._request(post)
        if self._telemetry is None:
            return self._checked(await self._http.post(url, **options), post.deployment)
        with self._operation(post) as operation:
            return operation.ended(self._checked(await self._http.post(url, **options), post.deployment))

    @asynccontextmanager
    async def _stream(self, post: Post) -> AsyncIterator[httpx.Response]:
        url, options = self._request(post, read=False)
        with self._operation(post) as operation:
            async with self._http.stream("POST", url, **options) as response:
                if not 200 <= response.status_code < 300:
                    await response.aread()
                    self._checked(response, post.deployment)
                yield operation.streaming(response)

    async def close(self) -> None:
        """Close the connection pool; later calls raise ``ClientClosedError`` (a caller's ``http_client=`` is left
        open for its owner: ours only sends through it)."""
        await self._http.aclose()

    async def __aenter__(self) -> AsyncAzureOpenAI:
        """Use as an async context manager that closes the client."""
        return self

    async def __aexit__(self, *exc: object) -> None:
        """Close the client."""
        await self.close()
