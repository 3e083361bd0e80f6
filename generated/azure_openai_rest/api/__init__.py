"""Contains methods for accessing the API"""

from typing import Final

PATHS: Final[dict[str, str]] = {
    "completions_create": "/deployments/{deployment-id}/completions",
    "embeddings_create": "/deployments/{deployment-id}/embeddings",
    "chat_completions_create": "/deployments/{deployment-id}/chat/completions",
    "transcriptions_create": "/deployments/{deployment-id}/audio/transcriptions",
    "translations_create": "/deployments/{deployment-id}/audio/translations",
    "image_generations_create": "/deployments/{deployment-id}/images/generations",
}
"""Each operation's path template as the spec writes it (its module's ``PATH``), by operation id."""

MODULES: Final[dict[str, str]] = {
    "completions_create": "default.completions_create",
    "embeddings_create": "default.embeddings_create",
    "chat_completions_create": "default.chat_completions_create",
    "transcriptions_create": "default.transcriptions_create",
    "translations_create": "default.translations_create",
    "image_generations_create": "default.image_generations_create",
}
"""Each operation's module below ``azure_openai_rest.api`` (e.g. ``"default.chat_completions_create"``), by operation id."""
