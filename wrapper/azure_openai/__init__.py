"""azure_openai: the hand-written convenience layer over the generated ``azure_openai_rest`` client.

``AzureOpenAI`` / ``AsyncAzureOpenAI`` take their settings from arguments or the ``AZURE_OPENAI_*`` environment,
apply one transport policy (auth, retries, timeouts) and raise the typed errors below ``AzureOpenAIError``.
"""

import importlib
from typing import TYPE_CHECKING, Any

from ._chat.helpers import JSONReplyError
from ._chat.messages import (
    assistant_message,
    function_message,
    image_part,
    system_message,
    text_part,
    tool_call,
    tool_message,
    user_message,
)
from ._client import AsyncAzureOpenAI, AzureOpenAI
from ._config import DEFAULT_TIMEOUT, Backend, ClientConfig
from ._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AudioNotFoundError,
    AuthenticationError,
    AzureOpenAIError,
    BadRequestError,
    ClientClosedError,
    ConfigurationError,
    ContentFilterError,
    ContentFilterResults,
    CredentialError,
    DeploymentNotFoundError,
    FilterCategory,
    IncompleteStreamError,
    InternalServerError,
    InvalidArgumentError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RequestEncodingError,
    ResponseValidationError,
)
from ._results.chat import ChatResult, ContentFilter
from ._results.info import RateLimit, Usage
from ._results.operations import (
    AudioResult,
    CompletionResult,
    EmbeddingsResponse,
    EmbeddingsResult,
    EmbeddingsUsage,
    GeneratedImage,
    ImagesResult,
    PartialEmbeddings,
)
from ._transport.auth import Secret, TokenProvider, azure_identity_token_provider
from ._transport.retry import RetryPolicy
from ._version import __version__

if TYPE_CHECKING:  # loaded on first use by __getattr__ below; eagerly they were ~30% of `import azure_openai`
    from ._chat.conversation import AsyncConversation, Conversation
    from ._chat.on_your_data import Citation, DataSource, OnYourDataResult, azure_search, cosmos_db
    from ._chat.streaming import AsyncChatStream, ChatStream, ChatStreamEvent
    from ._chat.tools import Tool, ToolLoopError, ToolRun, tool_schema
    from ._results.schemas import AudioSegment

#: Public names whose module is imported only when one of them is first used (streaming, tools, conversations,
#: On Your Data); ``chat()`` and the other calls never need them.
_LAZY = {
    **dict.fromkeys(("AsyncConversation", "Conversation"), "_chat.conversation"),
    **dict.fromkeys(("Citation", "DataSource", "OnYourDataResult", "azure_search", "cosmos_db"), "_chat.on_your_data"),
    **dict.fromkeys(("AsyncChatStream", "ChatStream", "ChatStreamEvent"), "_chat.streaming"),
    **dict.fromkeys(("Tool", "ToolLoopError", "ToolRun", "tool_schema"), "_chat.tools"),
    "AudioSegment": "_results.schemas",
}


def __getattr__(name: str) -> Any:
    """Import a lazily exported name's module on first use (PEP 562) and keep the name here."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's names, the lazily exported ones included."""
    return sorted({*globals(), *_LAZY})


__all__ = [
    "DEFAULT_TIMEOUT",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncAzureOpenAI",
    "AsyncChatStream",
    "AsyncConversation",
    "AudioNotFoundError",
    "AudioResult",
    "AudioSegment",
    "AuthenticationError",
    "AzureOpenAI",
    "AzureOpenAIError",
    "Backend",
    "BadRequestError",
    "ChatResult",
    "ChatStream",
    "ChatStreamEvent",
    "Citation",
    "ClientClosedError",
    "ClientConfig",
    "CompletionResult",
    "ConfigurationError",
    "ContentFilter",
    "ContentFilterError",
    "ContentFilterResults",
    "Conversation",
    "CredentialError",
    "DataSource",
    "DeploymentNotFoundError",
    "EmbeddingsResponse",
    "EmbeddingsResult",
    "EmbeddingsUsage",
    "FilterCategory",
    "GeneratedImage",
    "ImagesResult",
    "IncompleteStreamError",
    "InternalServerError",
    "InvalidArgumentError",
    "JSONReplyError",
    "NotFoundError",
    "OnYourDataResult",
    "PartialEmbeddings",
    "PermissionDeniedError",
    "RateLimit",
    "RateLimitError",
    "RequestEncodingError",
    "ResponseValidationError",
    "RetryPolicy",
    "Secret",
    "TokenProvider",
    "Tool",
    "ToolLoopError",
    "ToolRun",
    "Usage",
    "__version__",
    "assistant_message",
    "azure_identity_token_provider",
    "azure_search",
    "cosmos_db",
    "function_message",
    "image_part",
    "system_message",
    "text_part",
    "tool_call",
    "tool_message",
    "tool_schema",
    "user_message",
]
