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
