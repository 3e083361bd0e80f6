"""azure_openai: the hand-written convenience layer over the generated ``azure_openai_rest`` client.

``AzureOpenAI`` / ``AsyncAzureOpenAI`` read their configuration from arguments or the environment
(``AZURE_OPENAI_ENDPOINT``, ``AZURE_OPENAI_API_KEY`` or ``AZURE_OPENAI_AD_TOKEN``, ``OPENAI_API_VERSION``,
``AZURE_OPENAI_DEPLOYMENT``), apply one transport policy (auth, retries, timeouts) to every request, and raise
the typed errors listed in ``_errors``. ``client.rest`` is the configured generated client.
"""

from ._auth import Secret, TokenProvider
from ._client import AsyncAzureOpenAI, AzureOpenAI
from ._config import DEFAULT_TIMEOUT, ClientConfig
from ._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    AzureOpenAIError,
    BadRequestError,
    ConfigurationError,
    ContentFilterError,
    DeploymentNotFoundError,
    IncompleteStreamError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
)
from ._results import ChatResult, ContentFilter, ContentFilterResults, FilterCategory, RateLimit, Usage
from ._retry import RetryPolicy
from ._version import __version__

__all__ = [
    "DEFAULT_TIMEOUT",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncAzureOpenAI",
    "AuthenticationError",
    "AzureOpenAI",
    "AzureOpenAIError",
    "BadRequestError",
    "ChatResult",
    "ClientConfig",
    "ConfigurationError",
    "ContentFilter",
    "ContentFilterError",
    "ContentFilterResults",
    "DeploymentNotFoundError",
    "FilterCategory",
    "IncompleteStreamError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimit",
    "RateLimitError",
    "RetryPolicy",
    "Secret",
    "TokenProvider",
    "Usage",
    "__version__",
]
