"""The credential: an ``api-key`` header or a Bearer token, put on each request actually sent to the endpoint
(where it goes, and why: docs/transport.md)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from .._errors import APITimeoutError, AzureOpenAIError, ConfigurationError, CredentialError
from .logs import ALLOWED_HEADERS, REDACTED

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
    """Why ``value`` cannot be an HTTP header value (without quoting it, unlike httpx), or ``None`` when it can."""
    edge = value[:1] == " " or value[-1:] == " "  # HTTP allows white space only between visible characters
    if value.isascii() and value.isprintable() and not edge:
        return None
    control = next((i for i, c in enumerate(value) if c.isascii() and not c.isprintable()), None)
    if control is not None:
        kind, position = "a control character (e.g. a line break or a tab)", control
    elif edge:
        side, position = ("leading", 0) if value[:1] == " " else ("trailing", len(value) - 1)
        return f"has {side} white space (at position {position}), which an HTTP header value cannot have"
    else:
        kind, position = "a non-ASCII character", next(i for i, c in enumerate(value) if not c.isascii())
    return f"contains {kind} at position {position}, which cannot be sent in an HTTP header"


class AzureAuth:
    """Puts the credential on each request sent to the endpoint's origin, and takes it off any other."""

    def __init__(
        self,
        *,
        api_key: Secret | None = None,
        token: Secret | None = None,
        token_provider: TokenProvider | None = None,
    ) -> None:
        self._provider = token_provider
        self._origin: tuple[str, str, int | None] | None = None
        self.header = "api-key" if api_key is not None else "Authorization"
        #: Which credential is used: ``api_key``, ``azure_ad_token`` or ``token_provider`` (never its value).
        self.kind = "api_key" if api_key is not None else "azure_ad_token" if token is not None else "token_provider"
        # The header's value for a key or a fixed token, still a Secret; None with a provider (asked per attempt).
        self._value = api_key if token is None else Secret("Bearer " + token.reveal())
        #: Whether a 401 is worth one more attempt with a token asked for again.
        self.refreshes = token_provider is not None

    def bind(self, base_url: httpx.URL) -> None:
        """Put the credential only on requests to this URL's scheme, host and port (never on a foreign host)."""
        self._origin = (base_url.scheme, base_url.host, base_url.port)

    def __repr__(self) -> str:
        """The kind of credential, never the credential."""
        return f"AzureAuth({self.kind})"

    def _call_provider(self) -> object:
        assert self._provider is not None
        try:
            return self._provider()
        except AzureOpenAIError:
            raise
        except Exception as exc:
            raise _provider_failed(exc) from exc

    def sign(self, request: httpx.Request) -> bool | None:
        """Put the credential on ``request`` if it goes to the endpoint: ``True`` once on, ``False`` for another
        origin (a credential copied onto it is taken off), ``None`` when a token must be asked for first
        (``ask``/``ask_async``, then ``put_token``)."""
        url = request.url
        if self._origin is not None and (url.scheme, url.host, url.port) != self._origin:
            # Another origin: only the headers the logs show go there (and the cookies httpx's jar keeps for it),
            # not a credential of the caller's (an APIM subscription key in default_headers, say).
            for name in [name for name in request.headers if name not in ALLOWED_HEADERS and name != "cookie"]:
                del request.headers[name]
            return False
        if self._value is None:
            return None
        request.headers[self.header] = self._value.reveal()
        return True

    def put_token(self, request: httpx.Request, token: object) -> None:
        """Put a token the provider returned on ``request``, after checking it can be sent."""
        if not isinstance(token, str) or not token.strip():
            kind = "blank str" if isinstance(token, str) else type(token).__name__
            raise ConfigurationError(f"token_provider must return the token as a non-empty str, it returned a {kind}")
        # Stripped like a key or token passed directly: a token read from a file or a command often ends in a newline.
        problem = header_problem(token.strip())
        if problem is not None:
            raise ConfigurationError(f"the token returned by token_provider {problem}: check the provider")
        request.headers[self.header] = "Bearer " + token.strip()

    def ask(self) -> object:
        """The token provider's token, for the synchronous client (an async provider is refused)."""
        token = self._call_provider()
        if hasattr(token, "__await__"):
            close = getattr(token, "close", None)
            if close is not None:
                close()  # a coroutine never awaited would warn
            raise ConfigurationError(
                "token_provider is async but the client is synchronous: use AsyncAzureOpenAI, "
                "or azure.identity's (sync) get_bearer_token_provider"
            )
        return token

    async def ask_async(self, request: httpx.Request) -> object:
        """The token provider's token for the async client: an async provider is awaited, within the read timeout
        (a hung provider must not hang the call)."""
        token: Any = self._call_provider()
        if not hasattr(token, "__await__"):
            return token
        import asyncio  # only async token providers get here

        timeouts = request.extensions.get("timeout") or {}
        limit = timeouts.get("read") or timeouts.get("connect")
        # A task, not wait_for: only a task still running is our timeout; the provider's own TimeoutError (aiohttp's
        # ServerTimeoutError, say) is its failure, to be reported with its cause.
        task = asyncio.ensure_future(token)
        try:
            done, _ = await asyncio.wait((task,), timeout=limit)
        finally:
            task.cancel()  # nothing once done; else timed out, or this call was cancelled
        if not done:
            raise APITimeoutError(
                f"token_provider did not return a token within {limit:g} s (the call's read timeout); check the "
                "credential (a managed identity or az login that does not answer), or raise timeout=",
                request=request,
            )
        try:
            return task.result()
        except AzureOpenAIError:
            raise
        except Exception as exc:
            raise _provider_failed(exc) from exc

    def scrub(self, request: httpx.Request) -> None:
        """Overwrite the sent credential with ``REDACTED``: responses and errors keep their request object."""
        request.headers[self.header] = REDACTED


def take_off_copies(request: httpx.Request) -> None:
    """Take off the credential headers httpx copied from the request it was redirected from (REDACTED since sent)."""
    for header in ("api-key", "authorization"):
        if request.headers.get(header) == REDACTED:
            del request.headers[header]


def _provider_failed(exc: BaseException) -> CredentialError:
    return CredentialError(
        f"token_provider failed: {type(exc).__name__}: {exc}; check that the credential can get a token for "
        "https://cognitiveservices.azure.com/.default (e.g. `az login`, a managed identity, environment variables)"
    )


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
