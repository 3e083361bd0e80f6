"""The one configuration model of both clients: arguments override the environment (the variables the official
SDK reads), and everything is checked once."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import urlsplit

import httpx

from ._errors import MAX_SECONDS, ConfigurationError, InvalidArgumentError
from ._transport.auth import AzureAuth, Secret, TokenProvider, header_problem
from ._transport.retry import RetryPolicy
from ._version import __version__

ENV_ENDPOINT: Final = "AZURE_OPENAI_ENDPOINT"
ENV_API_KEY: Final = "AZURE_OPENAI_API_KEY"
ENV_AD_TOKEN: Final = "AZURE_OPENAI_AD_TOKEN"
ENV_API_VERSION: Final = "OPENAI_API_VERSION"
ENV_DEPLOYMENT: Final = "AZURE_OPENAI_DEPLOYMENT"

#: Connect is bounded tightly (an unreachable host fails fast); reads wait long enough for a long completion.
MAX_CONNECT_TIMEOUT: Final = 10.0
DEFAULT_TIMEOUT: Final = httpx.Timeout(600.0, connect=MAX_CONNECT_TIMEOUT)

USER_AGENT: Final = (
    f"azure-openai-rest/{__version__} (azure_openai; Python {sys.version_info[0]}.{sys.version_info[1]}; "
    f"httpx {httpx.__version__})"
)


class _NotGiven:
    """Marks an argument the caller did not pass (``None`` can be a meaningful value)."""

    def __repr__(self) -> str:
        """``NOT_GIVEN``."""
        return "NOT_GIVEN"


NOT_GIVEN: Final = _NotGiven()

_API_VERSION = re.compile(r"^\d{4}-\d{2}-\d{2}(-[a-z]+)?$")


def _source(argument: str, env: str | None) -> str:
    return f"environment variable {env}" if env else f"argument {argument}="


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    import ipaddress  # only plain-http endpoints get here

    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def normalize_endpoint(value: str, *, env: str | None = None) -> str:
    """``https://name.openai.azure.com`` from that, with a trailing ``/``, or ending in ``/openai``; else refused."""
    where = _source("endpoint", env)
    if not isinstance(value, str):
        raise ConfigurationError(
            f"the endpoint ({where}) must be a str like https://NAME.openai.azure.com, got {type(value).__name__}"
        )
    value = value.strip()
    if not value:
        raise ConfigurationError(
            f"the endpoint ({where}) is empty: set it to your resource URL, e.g. https://NAME.openai.azure.com"
        )
    if "@" in value.split("://", 1)[-1].split("/", 1)[0]:  # before anything echoes the value back
        raise ConfigurationError(
            f"the endpoint ({where}) must not contain credentials: pass the key as api_key= (or {ENV_API_KEY})"
        )
    if "://" not in value:
        raise ConfigurationError(f"the endpoint {value!r} ({where}) has no scheme: use 'https://{value.lstrip('/')}'")
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise ConfigurationError(f"the endpoint {value!r} ({where}) must start with https://, not {parts.scheme}://")
    if not parts.hostname:
        raise ConfigurationError(f"the endpoint {value!r} ({where}) has no host: use https://NAME.openai.azure.com")
    if parts.query or parts.fragment or value.endswith(("?", "#")):
        raise ConfigurationError(
            f"the endpoint ({where}) must not have a query string or fragment: pass only the resource URL "
            f"'{scheme}://{parts.netloc}' and the api-version as api_version= (or {ENV_API_VERSION})"
        )
    try:
        parts.port  # noqa: B018  # urlsplit checks the port only when asked
        httpx.URL(value)
        if any(c.isspace() for c in parts.netloc):
            raise ValueError("the host contains white space")
    except (ValueError, httpx.InvalidURL) as exc:
        raise ConfigurationError(
            f"the endpoint {value!r} ({where}) is not a valid URL ({exc}): use https://NAME.openai.azure.com"
        ) from None
    if scheme == "http" and not _is_loopback(parts.hostname):
        raise ConfigurationError(
            f"the endpoint {value!r} ({where}) uses plain http:// to a non-loopback host, which would send the key "
            f"unencrypted: use 'https://{parts.netloc}{parts.path}'"
        )
    path = re.sub(r"/{2,}", "/", parts.path).rstrip("/")
    if path.lower().endswith("/openai"):
        path = path[: -len("/openai")]
    if "/openai/" in path.lower() + "/":
        raise ConfigurationError(
            f"the endpoint {value!r} ({where}) includes an API path: pass only the resource URL "
            f"'{scheme}://{parts.netloc}'; the deployment goes in deployment= (or {ENV_DEPLOYMENT})"
        )
    return f"{scheme}://{parts.netloc}{path}"


def _finite_seconds(value: Any) -> float | None:
    """``value`` as a float when it is a number of seconds from 0 to ``MAX_SECONDS`` (not a bool), else ``None``
    (negative, NaN, infinity, above the cap, an int too large for a float, anything else)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        seconds = float(value)
    except OverflowError:
        return None
    return seconds if 0 <= seconds <= MAX_SECONDS else None  # NaN fails both comparisons


def to_timeout(value: Any, *, setting: str = "timeout") -> httpx.Timeout:
    """A bounded ``httpx.Timeout`` from seconds or an ``httpx.Timeout``; ``None`` (wait forever), zero, negative,
    NaN, infinite and more than ``MAX_SECONDS`` are refused."""
    if isinstance(value, httpx.Timeout):
        limits = {"connect": value.connect, "read": value.read, "write": value.write, "pool": value.pool}
        # write and pool may be None (unbounded) since a request cannot hang on them without connect/read firing.
        wrong = [
            f"{k}={v!r}"
            for k, v in limits.items()
            if (v is not None or k in ("connect", "read")) and not _finite_seconds(v)
        ]
        if wrong:
            raise ConfigurationError(
                f"{setting} {value!r} has {', '.join(wrong)}: each limit must be a finite number of seconds > 0 and "
                f"at most {MAX_SECONDS:g} (one day), and connect and read must be given (None waits forever), "
                "e.g. httpx.Timeout(60.0, connect=10.0)"
            )
        return value
    seconds = _finite_seconds(value)
    if not seconds:
        raise ConfigurationError(
            f"{setting} must be a finite number of seconds > 0 and at most {MAX_SECONDS:g} (one day) or an "
            f"httpx.Timeout, got {value!r} (waiting forever is not offered)"
        )
    return httpx.Timeout(seconds, connect=min(seconds, MAX_CONNECT_TIMEOUT))


def _seconds(settings: Mapping[str, Any], setting: str, default: float) -> float:
    """The ``setting`` of ``settings`` (else ``default``), seconds from 0 to ``MAX_SECONDS``, refused by its name."""
    value = settings.get(setting, default)
    seconds = _finite_seconds(value)
    if seconds is None:
        raise ConfigurationError(
            f"{setting} must be a finite number of seconds from 0 to {MAX_SECONDS:g} (one day), e.g. {default}, "
            f"got {value!r}"
        )
    return seconds


def check_deployment(value: str, *, env: str | None = None, argument: str = "deployment") -> str:
    """A deployment name, stripped; empty, ``.``, ``..`` or containing ``/``, ``?`` or a lone surrogate is refused."""
    where = _source(argument, env)
    if not isinstance(value, str) or not value.strip():
        problem = "is empty" if isinstance(value, str) else f"must be a str, not {type(value).__name__}"
        raise ConfigurationError(
            f"the deployment ({where}) {problem}: pass the name you gave the deployment in the Azure portal"
        )
    value = value.strip()
    if "/" in value or "?" in value:
        raise ConfigurationError(
            f"the deployment {value!r} ({where}) must be the deployment's name only, without '/' or '?'"
        )
    if value in (".", ".."):  # a path segment URLs resolve away: the request would go to another path
        raise ConfigurationError(
            f"the deployment {value!r} ({where}) is not a name: pass the name you gave the deployment in the "
            "Azure portal"
        )
    surrogate = next((i for i, c in enumerate(value) if "\ud800" <= c <= "\udfff"), None)
    if surrogate is not None:  # it cannot be encoded as UTF-8 to go into the URL
        raise ConfigurationError(
            f"the deployment ({where}) contains a lone surrogate at position {surrogate}, which cannot be encoded "
            "as UTF-8 (text decoded with errors='surrogateescape'?): pass the deployment's name as it is in the "
            "Azure portal"
        )
    return value


def check_api_version(value: str, *, env: str | None = None, argument: str = "api_version") -> str:
    """An api-version such as ``2024-10-21`` or ``2024-08-01-preview``; anything else is refused."""
    if not isinstance(value, str) or not _API_VERSION.match(value.strip()):
        raise ConfigurationError(
            f"the api-version {value!r} ({_source(argument, env)}) is not of the form YYYY-MM-DD or "
            "YYYY-MM-DD-preview, e.g. 2024-10-21"
        )
    return value.strip()


def _auth_from(
    api_key: str | None,
    azure_ad_token: str | None,
    token_provider: TokenProvider | None,
    environ: Mapping[str, str],
) -> tuple[AzureAuth, str]:
    """The one credential given (else the environment's) and where it came from, for a 401's hint."""
    given = {"api_key": api_key, "azure_ad_token": azure_ad_token, "token_provider": token_provider}
    passed = [name for name, value in given.items() if value is not None]
    if len(passed) > 1:
        raise ConfigurationError(f"pass only one way to authenticate, got {' and '.join(passed)}")
    if token_provider is not None:
        if not callable(token_provider):
            raise ConfigurationError("token_provider must be a callable returning a token (sync or async)")
        return AzureAuth(token_provider=token_provider), "the token from token_provider="
    if passed:
        return _secret_auth(given[passed[0]], passed[0], None)
    set_in_env = [env for env in (ENV_API_KEY, ENV_AD_TOKEN) if (environ.get(env) or "").strip()]
    if len(set_in_env) > 1:
        raise ConfigurationError(
            f"both {ENV_API_KEY} and {ENV_AD_TOKEN} are set: unset one, or pass api_key= or azure_ad_token="
        )
    if set_in_env:
        env = set_in_env[0]
        return _secret_auth(environ[env], "api_key" if env == ENV_API_KEY else "azure_ad_token", env)
    empty = [env for env in (ENV_API_KEY, ENV_AD_TOKEN) if env in environ]
    if empty:
        raise ConfigurationError(
            f"{' and '.join(empty)} {'is' if len(empty) == 1 else 'are'} set but empty: set the key or token, "
            "or pass api_key=, azure_ad_token= or token_provider="
        )
    raise ConfigurationError(
        f"no credential: pass api_key= (or set {ENV_API_KEY}), azure_ad_token= (or set {ENV_AD_TOKEN}), "
        "or token_provider= (e.g. azure.identity.get_bearer_token_provider(DefaultAzureCredential(), "
        "'https://cognitiveservices.azure.com/.default'))"
    )


def _secret_auth(value: object, argument: str, env: str | None) -> tuple[AzureAuth, str]:
    what = f"the {argument.replace('_', ' ')} ({_source(argument, env)})"
    if isinstance(value, Secret):
        value = value.reveal()
    if not isinstance(value, str) or not value.strip():
        raise ConfigurationError(f"{what} is empty or not a string")
    problem = header_problem(value.strip())
    if problem is not None:  # raised without the value, and outside any except block: nothing chained holds it
        raise ConfigurationError(f"{what} {problem}: copy it again, without invisible characters")
    secret = Secret(value.strip())
    return AzureAuth(api_key=secret) if argument == "api_key" else AzureAuth(token=secret), what


class Backend:
    """One deployment a client routes to: its endpoint, deployment, own credential (exactly one of ``api_key``,
    ``azure_ad_token``, ``token_provider``) and ``priority`` (lower first); ``AzureOpenAI(backends=[...])``."""

    __slots__ = ("auth", "credential", "deployment", "endpoint", "name", "priority")

    def __init__(
        self,
        endpoint: str,
        deployment: str,
        *,
        api_key: str | None = None,
        azure_ad_token: str | None = None,
        token_provider: TokenProvider | None = None,
        priority: int = 0,
        name: str | None = None,
    ) -> None:
        if name is not None and not isinstance(name, str):
            raise InvalidArgumentError(f"Backend name must be a str, got {type(name).__name__}")
        label = f"Backend {name!r}" if name else "Backend"
        if isinstance(priority, bool) or not isinstance(priority, int):
            raise InvalidArgumentError(f"{label}: priority must be an int (0 first, then 1...), got {priority!r}")
        if api_key is None and azure_ad_token is None and token_provider is None:
            raise ConfigurationError(f"{label}: no credential: pass api_key=, azure_ad_token= or token_provider=")
        try:
            self.endpoint: str = normalize_endpoint(endpoint)
            self.deployment: str | None = check_deployment(deployment)
            self.auth, source = _auth_from(api_key, azure_ad_token, token_provider, {})
        except ConfigurationError as exc:  # raised outside: the messages hold no secret, and nothing chained does
            problem = str(exc)
        else:
            self.priority, self.name = priority, name
            #: Where the credential came from, named by an ``AuthenticationError``'s hint.
            self.credential = f"{source} of {label} at {self.endpoint}"
            return
        raise ConfigurationError(f"{label}: {problem}")

    @classmethod
    def _of(cls, endpoint: str, deployment: str | None, auth: AzureAuth, credential: str) -> Backend:
        """The one backend of a client configured with an endpoint (settings checked already)."""
        backend = cls.__new__(cls)
        backend.endpoint, backend.deployment, backend.auth, backend.credential = endpoint, deployment, auth, credential
        backend.priority, backend.name = 0, None
        return backend

    def __repr__(self) -> str:
        """Name, endpoint, deployment, priority and the kind of credential; never the credential."""
        named = f"name={self.name!r}, " if self.name else ""
        return (
            f"Backend({named}endpoint={self.endpoint!r}, deployment={self.deployment!r}, priority={self.priority}, "
            f"auth={self.auth.kind})"
        )


def _backends(backends: object, settings: Mapping[str, Any]) -> tuple[Backend, ...]:
    """The checked ``backends=`` list; the settings a Backend carries are refused beside it."""
    clashing = [
        f"{name}=" for name in _CONNECTION if name not in ("api_version", "backends") and settings.get(name) is not None
    ]
    if clashing:
        raise ConfigurationError(
            f"pass either backends= or {', '.join(clashing)}, not both: each Backend has its own endpoint, "
            "deployment and credential"
        )
    if isinstance(backends, (str, bytes, Mapping)) or not isinstance(backends, Sequence) or not backends:
        got = "an empty list" if isinstance(backends, Sequence) and not backends else f"a {type(backends).__name__}"
        raise ConfigurationError(f"backends must be a non-empty list of Backend(...), got {got}")
    for index, backend in enumerate(backends):
        if not isinstance(backend, Backend):
            raise InvalidArgumentError(
                f"backends[{index}] is a {type(backend).__name__}, not a Backend: pass "
                "Backend(endpoint=..., deployment=..., api_key=...) (from azure_openai import Backend)"
            )
    return tuple(backends)


_HEADER_NAME = re.compile(r"[-!#$%&'*+.^_`|~0-9A-Za-z]+")


def _headers(default_headers: Mapping[object, object]) -> dict[str, str]:
    """Our User-Agent and ``default_headers``, each refused now if HTTP cannot carry it, without its value (it may
    be a subscription key)."""
    headers = {"User-Agent": USER_AGENT}
    if not isinstance(default_headers, Mapping):
        raise ConfigurationError(f"default_headers must be a dict of str to str, got {type(default_headers).__name__}")
    for name, value in default_headers.items():
        if not isinstance(name, str) or not _HEADER_NAME.fullmatch(name):
            # Not echoed: a name that is not a token is often a whole "Name: value" line, value included.
            raise ConfigurationError(
                "default_headers has a header name that is not a valid HTTP field name (only letters, digits and "
                "!#$%&'*+-.^_`|~): pass {'Name': 'value'}"
            )
        if name.lower() in ("api-key", "authorization"):
            raise ConfigurationError(
                f"default_headers must not carry {name!r}: pass the credential as api_key=, azure_ad_token= "
                "or token_provider= so it is refreshed and kept out of logs"
            )
        if not isinstance(value, str):
            raise ConfigurationError(f"default_headers[{name!r}] must be a str, got a {type(value).__name__}")
        problem = header_problem(value)
        if problem is not None:
            raise ConfigurationError(f"default_headers[{name!r}] {problem}: remove it (the value is not shown here)")
        headers[name] = value
    return headers


def _setting(value: str | None, environ: Mapping[str, str], env: str, check: Callable[..., str]) -> str | None:
    """The argument, checked; else the environment variable (unless empty), checked; else ``None``."""
    if value is not None:
        return check(value)
    return check(environ[env], env=env) if environ.get(env) else None


#: The keyword arguments of the clients that ``ClientConfig.resolve`` reads (all but ``http_client``): where to
#: connect and with which credential, and the policy.
_CONNECTION = ("endpoint", "api_key", "token_provider", "azure_ad_token", "deployment", "api_version", "backends")
_POLICY = ("timeout", "max_retries", "retry_backoff", "max_retry_wait", "default_headers")
_SETTINGS = frozenset(_CONNECTION + _POLICY)


@dataclass(frozen=True, repr=False)
class ClientConfig:
    """Resolved, checked settings shared by ``AzureOpenAI`` and ``AsyncAzureOpenAI`` (no secret in its repr)."""

    endpoint: str
    auth: AzureAuth
    api_version: str
    deployment: str | None = None
    timeout: httpx.Timeout = field(default_factory=lambda: DEFAULT_TIMEOUT)
    timeout_given: bool = False
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    headers: Mapping[str, str] = field(default_factory=dict)
    #: Where requests are routed: the ``backends=`` given, else the one the endpoint and credential make.
    backends: tuple[Backend, ...] = ()

    def __post_init__(self) -> None:
        """Give a client configured with an endpoint its one backend: its deployment is ``None``, as each call may
        name its own (an ``Attempt``'s backend must not claim one the request did not go to)."""
        if not self.backends:
            backend = Backend._of(self.endpoint, None, self.auth, "the api key or token")
            object.__setattr__(self, "backends", (backend,))

    @property
    def base_url(self) -> str:
        """The base URL of the generated client: the endpoint plus ``/openai``."""
        return self.endpoint + "/openai"

    def __repr__(self) -> str:
        """Settings without secrets."""
        return (
            f"ClientConfig(endpoint={self.endpoint!r}, auth={self.auth.kind}, deployment={self.deployment!r}, "
            f"api_version={self.api_version!r}, max_retries={self.retry.max_retries})"
        )

    @classmethod
    def resolve(cls, *, environ: Mapping[str, str] | None = None, **settings: Any) -> ClientConfig:
        """Combine the clients' keyword arguments (``endpoint=``, ``api_key=``...) and the environment (arguments
        win), and check every setting."""
        unknown = sorted(set(settings) - _SETTINGS)
        if unknown:
            raise ConfigurationError(f"unknown settings {unknown}: the settings are {sorted(_SETTINGS)}")
        timeout = settings.get("timeout", NOT_GIVEN)
        env = os.environ if environ is None else environ
        backends = () if settings.get("backends") is None else _backends(settings["backends"], settings)
        first = backends[0] if backends else None  # with backends, the client's endpoint, credential and deployment
        endpoint = (
            first.endpoint if first else _setting(settings.get("endpoint"), env, ENV_ENDPOINT, normalize_endpoint)
        )
        if endpoint is None:
            raise ConfigurationError(
                f"no endpoint: pass endpoint='https://NAME.openai.azure.com' or set {ENV_ENDPOINT}"
            )
        credentials = (settings.get("api_key"), settings.get("azure_ad_token"), settings.get("token_provider"), env)
        auth, credential = (first.auth, first.credential) if first else _auth_from(*credentials)
        deployment = (
            first.deployment if first else _setting(settings.get("deployment"), env, ENV_DEPLOYMENT, check_deployment)
        )
        api_version = _setting(settings.get("api_version"), env, ENV_API_VERSION, check_api_version)
        if api_version is None:
            from ._adapter import default_api_version

            api_version = default_api_version()
        backoff = _seconds(settings, "retry_backoff", 0.5)
        return cls(
            endpoint=endpoint,
            auth=auth,
            api_version=api_version,
            deployment=deployment,
            timeout=DEFAULT_TIMEOUT if timeout is NOT_GIVEN else to_timeout(timeout),
            timeout_given=timeout is not NOT_GIVEN,
            retry=RetryPolicy(
                max_retries=settings.get("max_retries", 2),
                initial_backoff=backoff,
                # The doubling stops at 8 s, but never below what was asked: retry_backoff=30 waits ~30 s.
                max_backoff=max(RetryPolicy.max_backoff, backoff),
                max_wait=_seconds(settings, "max_retry_wait", 60.0),
            ),
            headers=_headers(settings.get("default_headers") or {}),
            backends=backends or (Backend._of(endpoint, None, auth, credential),),
        )
