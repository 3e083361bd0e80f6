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
from ._operation_results import (
    AudioResult,
    AudioSegment,
    CompletionResult,
    EmbeddingsResponse,
    EmbeddingsResult,
    EmbeddingsUsage,
    GeneratedImage,
    ImagesResult,
    ResponseValidationError,
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
    "AudioResult",
    "AudioSegment",
    "AuthenticationError",
    "AzureOpenAI",
    "AzureOpenAIError",
    "BadRequestError",
    "ChatResult",
    "ClientConfig",
    "CompletionResult",
    "ConfigurationError",
    "ContentFilter",
    "ContentFilterError",
    "ContentFilterResults",
    "DeploymentNotFoundError",
    "EmbeddingsResponse",
    "EmbeddingsResult",
    "EmbeddingsUsage",
    "FilterCategory",
    "GeneratedImage",
    "ImagesResult",
    "IncompleteStreamError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimit",
    "RateLimitError",
    "ResponseValidationError",
    "RetryPolicy",
    "Secret",
    "TokenProvider",
    "Usage",
    "__version__",
]
