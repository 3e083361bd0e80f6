"""The one configuration model of both clients: arguments override the environment, everything is checked once.

Environment variables are the ones the official SDK reads, so existing set-ups work unchanged.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import urlsplit

import httpx

from ._errors import ConfigurationError
from ._transport.auth import AzureAuth, Secret, TokenProvider, header_problem
from ._transport.retry import RetryPolicy
from ._version import __version__

__all__ = [
    "DEFAULT_TIMEOUT",
    "ENV_AD_TOKEN",
    "ENV_API_KEY",
    "ENV_API_VERSION",
    "ENV_DEPLOYMENT",
    "ENV_ENDPOINT",
    "NOT_GIVEN",
    "ClientConfig",
    "normalize_endpoint",
    "to_timeout",
]

ENV_ENDPOINT: Final = "AZURE_OPENAI_ENDPOINT"
ENV_API_KEY: Final = "AZURE_OPENAI_API_KEY"
ENV_AD_TOKEN: Final = "AZURE_OPENAI_AD_TOKEN"
ENV_API_VERSION: Final = "OPENAI_API_VERSION"
ENV_DEPLOYMENT: Final = "AZURE_OPENAI_DEPLOYMENT"

#: Connect is bounded tightly (an unreachable host fails fast); reads wait long enough for a long completion.
DEFAULT_TIMEOUT: Final = httpx.Timeout(600.0, connect=10.0)
MAX_CONNECT_TIMEOUT: Final = 10.0

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


def to_timeout(value: Any, *, setting: str = "timeout") -> httpx.Timeout:
    """A bounded ``httpx.Timeout`` from seconds or an ``httpx.Timeout``; ``None`` (wait forever) is refused."""
    if isinstance(value, httpx.Timeout):
        if value.connect is None or value.read is None:
            raise ConfigurationError(
                f"{setting} has no connect or read limit ({value!r}): a request could hang forever; "
                "give both in seconds, e.g. httpx.Timeout(60.0, connect=10.0)"
            )
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ConfigurationError(
            f"{setting} must be a number of seconds > 0 or an httpx.Timeout, got {value!r} "
            "(waiting forever is not offered)"
        )
    return httpx.Timeout(float(value), connect=min(float(value), MAX_CONNECT_TIMEOUT))


def check_deployment(value: str, *, env: str | None = None, argument: str = "deployment") -> str:
    """A deployment name, stripped; empty, ``.``, ``..`` or containing ``/``, ``?`` or a lone surrogate is refused."""
    where = _source(argument, env)
    if not isinstance(value, str) or not value.strip():
        raise ConfigurationError(
            f"the deployment ({where}) is empty: pass the name you gave the deployment in the Azure portal"
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
) -> AzureAuth:
    given = [name for name, v in (("api_key", api_key), ("azure_ad_token", azure_ad_token)) if v is not None]
    if token_provider is not None:
        given.append("token_provider")
    if len(given) > 1:
        raise ConfigurationError(f"pass only one way to authenticate, got {' and '.join(given)}")
    if token_provider is not None:
        if not callable(token_provider):
            raise ConfigurationError("token_provider must be a callable returning a token (sync or async)")
        return AzureAuth(token_provider=token_provider)
    for value, argument, env in ((api_key, "api_key", None), (azure_ad_token, "azure_ad_token", None)):
        if value is not None:
            return _secret_auth(value, argument, env)
    env_given = [env for env in (ENV_API_KEY, ENV_AD_TOKEN) if (environ.get(env) or "").strip()]
    if len(env_given) > 1:
        raise ConfigurationError(
            f"both {ENV_API_KEY} and {ENV_AD_TOKEN} are set: unset one, or pass api_key= or azure_ad_token="
        )
    if env_given == [ENV_API_KEY]:
        return _secret_auth(environ[ENV_API_KEY], "api_key", ENV_API_KEY)
    if env_given == [ENV_AD_TOKEN]:
        return _secret_auth(environ[ENV_AD_TOKEN], "azure_ad_token", ENV_AD_TOKEN)
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


def _secret_auth(value: object, argument: str, env: str | None) -> AzureAuth:
    where = _source(argument, env)
    if isinstance(value, Secret):
        value = value.reveal()
    if not isinstance(value, str) or not value.strip():
        raise ConfigurationError(f"the {argument.replace('_', ' ')} ({where}) is empty or not a string")
    value = value.strip()
    problem = header_problem(value)
    if problem is not None:
        # Raised outside any except block and without the value, so no message or chained exception holds it.
        raise ConfigurationError(
            f"the {argument.replace('_', ' ')} ({where}) {problem}: copy it again, without invisible characters"
        )
    secret = Secret(value)
    return AzureAuth(api_key=secret) if argument == "api_key" else AzureAuth(token=secret)


_HEADER_NAME = re.compile(r"[-!#$%&'*+.^_`|~0-9A-Za-z]+")


def _check_header_name(name: object) -> str:
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
    return name


def _check_header_value(name: str, value: object) -> str:
    """``value`` when HTTP can carry it; else refused now, without the value (it may be a subscription key)."""
    if not isinstance(value, str):
        raise ConfigurationError(f"default_headers[{name!r}] must be a str, got a {type(value).__name__}")
    problem = header_problem(value)
    if problem is not None:
        raise ConfigurationError(f"default_headers[{name!r}] {problem}: remove it (the value is not shown here)")
    return value


#: The keyword arguments of the clients that ``ClientConfig.resolve`` reads (all but ``http_client``).
_SETTINGS = frozenset(
    [
        "endpoint",
        "api_key",
        "token_provider",
        "azure_ad_token",
        "deployment",
        "api_version",
        "timeout",
        "max_retries",
        "retry_backoff",
        "max_retry_wait",
        "default_headers",
    ]
)


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
        endpoint, deployment, api_version = (settings.get(name) for name in ("endpoint", "deployment", "api_version"))
        timeout = settings.get("timeout", NOT_GIVEN)
        env = os.environ if environ is None else environ
        if endpoint is not None:
            endpoint = normalize_endpoint(endpoint)
        elif env.get(ENV_ENDPOINT) is not None:
            endpoint = normalize_endpoint(env[ENV_ENDPOINT], env=ENV_ENDPOINT)
        else:
            raise ConfigurationError(
                f"no endpoint: pass endpoint='https://NAME.openai.azure.com' or set {ENV_ENDPOINT}"
            )
        auth = _auth_from(settings.get("api_key"), settings.get("azure_ad_token"), settings.get("token_provider"), env)
        if deployment is not None:
            deployment = check_deployment(deployment)
        elif env.get(ENV_DEPLOYMENT):
            deployment = check_deployment(env[ENV_DEPLOYMENT], env=ENV_DEPLOYMENT)
        if api_version is not None:
            api_version = check_api_version(api_version)
        elif env.get(ENV_API_VERSION):
            api_version = check_api_version(env[ENV_API_VERSION], env=ENV_API_VERSION)
        else:
            from ._adapter import default_api_version

            api_version = default_api_version()
        headers = {"User-Agent": USER_AGENT}
        for name, value in (settings.get("default_headers") or {}).items():
            headers[_check_header_name(name)] = _check_header_value(name, value)
        return cls(
            endpoint=endpoint,
            auth=auth,
            api_version=api_version,
            deployment=deployment,
            timeout=DEFAULT_TIMEOUT if timeout is NOT_GIVEN else to_timeout(timeout),
            timeout_given=timeout is not NOT_GIVEN,
            retry=RetryPolicy(
                max_retries=settings.get("max_retries", 2),
                initial_backoff=settings.get("retry_backoff", 0.5),
                max_wait=settings.get("max_retry_wait", 60.0),
            ),
            headers=headers,
        )
