"""Authentication as an ``httpx.Auth`` flow: an ``api-key`` header or a Bearer token, fetched per request.

A ``token_provider`` (sync or async callable returning the token) is called for every request so tokens
refresh, and once more when the service answers 401, after which the request is retried once. When the flow
ends the secret header is overwritten with ``REDACTED`` on the request object, so a response's
``.request.headers`` (reachable from results and errors) never reveals it.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Awaitable, Callable, Generator
from typing import Any

import httpx

from ._errors import ConfigurationError
from ._logging import REDACTED, logger

__all__ = ["AzureAuth", "Secret", "TokenProvider", "header_problem"]

#: A callable returning a bearer token: ``() -> str`` or ``async () -> str`` (azure-identity's providers fit).
TokenProvider = Callable[[], "str | Awaitable[str]"]


class Secret:
    """A secret string that never shows itself in ``repr``/``str``; ``reveal()`` returns the value."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The secret value (only for putting it on the wire)."""
        return self._value

    def __repr__(self) -> str:
        """Never the value."""
        return "Secret('***')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        """Equal to another ``Secret`` with the same value (compared in constant time)."""
        import hmac

        return isinstance(other, Secret) and hmac.compare_digest(other._value.encode(), self._value.encode())

    def __hash__(self) -> int:
        """Hash of the value."""
        return hash(self._value)

    def __reduce__(self) -> Any:
        """Refuse to pickle: a secret should not end up in a file or a queue by accident."""
        raise TypeError("a Secret cannot be pickled")


def header_problem(value: str) -> str | None:
    """Why ``value`` cannot be an HTTP header value (without quoting it), or ``None`` when it can.

    httpx refuses such a value only when sending, with an error (and a log line, and a chained exception)
    that quotes the whole value: for a credential, that is the secret. So credentials are checked first.
    """
    if value.isascii() and value.isprintable():
        return None
    position = next(i for i, c in enumerate(value) if not (c.isascii() and c.isprintable()))
    kind = "a non-ASCII character" if not value[position].isascii() else "a control character (e.g. a line break)"
    return f"contains {kind} at position {position}, which cannot be sent in an HTTP header"


def _check_token(token: object) -> str:
    if not isinstance(token, str) or not token:
        raise ConfigurationError(
            f"token_provider must return the token as a non-empty str, it returned a {type(token).__name__}"
        )
    problem = header_problem(token)
    if problem is not None:
        raise ConfigurationError(f"the token returned by token_provider {problem}: check the provider")
    return token


class AzureAuth(httpx.Auth):
    """Puts the credential on each request; with a ``token_provider``, refreshes and retries once on 401."""

    def __init__(
        self,
        *,
        api_key: Secret | None = None,
        token: Secret | None = None,
        token_provider: TokenProvider | None = None,
    ) -> None:
        if sum(x is not None for x in (api_key, token, token_provider)) != 1:
            raise ConfigurationError("AzureAuth needs exactly one of api_key, token or token_provider")
        self._api_key = api_key
        self._token = token
        self._provider = token_provider
        self._origin: tuple[str, str, int | None] | None = None
        self.header = "api-key" if api_key is not None else "Authorization"

    def bind(self, base_url: httpx.URL) -> None:
        """Put the credential only on requests to this URL's scheme, host and port (never on a foreign host)."""
        self._origin = (base_url.scheme, base_url.host, base_url.port)

    def _foreign(self, request: httpx.Request) -> bool:
        url = request.url
        return self._origin is not None and (url.scheme, url.host, url.port) != self._origin

    @property
    def kind(self) -> str:
        """Which credential is used: ``api_key``, ``azure_ad_token`` or ``token_provider`` (never its value)."""
        if self._api_key is not None:
            return "api_key"
        return "azure_ad_token" if self._token is not None else "token_provider"

    def __repr__(self) -> str:
        """The kind of credential, never the credential."""
        return f"AzureAuth({self.kind})"

    def _static_value(self) -> str | None:
        if self._api_key is not None:
            return self._api_key.reveal()
        if self._token is not None:
            return "Bearer " + self._token.reveal()
        return None

    def _sync_value(self) -> str:
        value = self._static_value()
        if value is not None:
            return value
        assert self._provider is not None
        token = self._provider()
        if hasattr(token, "__await__"):
            close = getattr(token, "close", None)
            if close is not None:
                close()  # a coroutine never awaited would warn
            raise ConfigurationError(
                "token_provider is async but the client is synchronous: use AsyncAzureOpenAI, "
                "or azure.identity's (sync) get_bearer_token_provider"
            )
        return "Bearer " + _check_token(token)

    async def _async_value(self) -> str:
        value = self._static_value()
        if value is not None:
            return value
        assert self._provider is not None
        token = self._provider()
        if hasattr(token, "__await__"):
            token = await token
        return "Bearer " + _check_token(token)

    def _scrub(self, request: httpx.Request) -> None:
        request.headers[self.header] = REDACTED

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Authenticate ``request``; on 401 with a token provider, fetch a token again and retry once."""
        if self._foreign(request):
            yield request
            return
        try:
            request.headers[self.header] = self._sync_value()
            response = yield request
            if response.status_code == 401 and self._provider is not None:
                logger.info("HTTP 401: asking the token_provider for a token again and retrying once")
                request.headers[self.header] = self._sync_value()
                yield request
        finally:
            self._scrub(request)

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        """Authenticate ``request``; on 401 with a token provider, fetch a token again and retry once."""
        if self._foreign(request):
            yield request
            return
        try:
            request.headers[self.header] = await self._async_value()
            response = yield request
            if response.status_code == 401 and self._provider is not None:
                logger.info("HTTP 401: asking the token_provider for a token again and retrying once")
                request.headers[self.header] = await self._async_value()
                yield request
        finally:
            self._scrub(request)


def azure_identity_token_provider(
    scope: str = "https://cognitiveservices.azure.com/.default",
) -> Callable[[], str]:
    """A sync token provider from azure-identity's ``DefaultAzureCredential`` (needs the ``azure-identity`` extra)."""
    import importlib

    try:
        identity = importlib.import_module("azure.identity")  # optional extra; imported only when asked for
    except ImportError as exc:
        raise ConfigurationError(
            "azure-identity is not installed: pip install 'azure-openai-rest[azure-identity]'"
        ) from exc
    provider: Callable[[], str] = identity.get_bearer_token_provider(identity.DefaultAzureCredential(), scope)
    return provider
