"""Contains methods for accessing the API"""

import importlib
from types import ModuleType
from typing import TYPE_CHECKING, Final

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

if TYPE_CHECKING:
    from .default import chat_completions_create as chat_completions_create
    from .default import completions_create as completions_create
    from .default import embeddings_create as embeddings_create
    from .default import image_generations_create as image_generations_create
    from .default import transcriptions_create as transcriptions_create
    from .default import translations_create as translations_create
else:

    def __getattr__(name: str, modules: dict[str, str] = MODULES) -> ModuleType:
        """An operation's module by its operation id (``api.embeddings_create``), in any tag package."""
        # ``modules`` is bound here: any other missing name, MODULES itself included, is an AttributeError.
        if name not in modules:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        return importlib.import_module(f"{__name__}.{modules[name]}")
