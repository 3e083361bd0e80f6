"""The one place the wrapper reaches into the generated ``azure_openai_rest`` package.

Schema class names change between api-versions (2024-10-21 renames the chat message schemas, and inline models
get names from their position), so the wrapper never names a model class. It reads the constants the endpoint
template emits from the spec into every operation module (``azure_openai_rest.api.default.<operation>``; see
docs/regenerating.md, "The operation constants"), and nothing else of the generated code:

* ``PATH`` / ``azure_openai_rest.api.PATHS``: the path template, which ``deployment_path`` fills in;
* ``REQUEST_MODEL``, ``RESPONSE_MODELS`` (per status, in the order the parser tries them), ``STREAM_CHUNK_MODEL``.

A package generated without those constants (an old template, another generator) raises ``AdapterError`` naming
the missing constant. Everything is imported on first use and cached, so ``import azure_openai`` stays cheap;
paths come from ``azure_openai_rest.api``, which imports no model.
"""

from __future__ import annotations

import functools
import importlib
from types import ModuleType
from typing import Any
from urllib.parse import quote

__all__ = [
    "OPERATIONS",
    "chat_chunk_model",
    "default_api_version",
    "deployment_path",
    "operation_module",
    "request_model",
    "response_model",
    "response_models",
]

#: The operations of the inference API, by generated module name (the spec's operationId in snake case).
OPERATIONS = (
    "chat_completions_create",
    "completions_create",
    "embeddings_create",
    "image_generations_create",
    "transcriptions_create",
    "translations_create",
)

#: The spec's name of the path parameter every inference operation is addressed by.
DEPLOYMENT_PARAMETER = "deployment-id"

_REGENERATE = "regenerate it with scripts/regenerate.py (its templates emit the operation constants)"


class AdapterError(RuntimeError):
    """The generated package does not have the shape the wrapper relies on (a generator or spec change)."""


def default_api_version() -> str:
    """The api-version the installed ``azure_openai_rest`` was generated from."""
    import azure_openai_rest

    version: str = azure_openai_rest.API_VERSION
    return version


@functools.cache
def operation_module(operation: str) -> ModuleType:
    """The generated module of one operation, e.g. ``operation_module("chat_completions_create")``."""
    try:
        return importlib.import_module(f"azure_openai_rest.api.default.{operation}")
    except ImportError as exc:
        raise AdapterError(
            f"azure_openai_rest has no operation module {operation!r}; was it regenerated from a spec without it?"
        ) from exc


def _constant(operation: str, name: str) -> Any:
    module = operation_module(operation)
    try:
        return getattr(module, name)
    except AttributeError:
        raise AdapterError(f"{module.__name__} has no {name}: {_REGENERATE}") from None


@functools.cache
def response_models(operation: str) -> tuple[type[Any], ...]:
    """The model classes an operation's success body is parsed into, in the order the generated code tries them."""
    by_status: dict[int | str, tuple[type[Any], ...]] = _constant(operation, "RESPONSE_MODELS")
    success = [status for status in by_status if isinstance(status, int) and 200 <= status < 300]
    models = by_status[min(success)] if success else ()
    if not models:
        raise AdapterError(f"{operation_module(operation).__name__}.RESPONSE_MODELS has no model for a 2xx answer")
    return models


def response_model(operation: str) -> type[Any]:
    """The (first) model class of an operation's HTTP 200 body, e.g. the chat completion response."""
    return response_models(operation)[0]


@functools.cache
def request_model(operation: str) -> type[Any]:
    """The model class of an operation's request body (the form model for audio's multipart body)."""
    model: type[Any] | None = _constant(operation, "REQUEST_MODEL")
    if model is None:
        raise AdapterError(f"{operation_module(operation).__name__}.REQUEST_MODEL is None: the spec gives no model")
    return model


@functools.cache
def chat_chunk_model() -> type[Any]:
    """The model class of one streamed chat completion chunk (choices carry ``delta``, not ``message``)."""
    model: type[Any] | None = _constant("chat_completions_create", "STREAM_CHUNK_MODEL")
    if model is None:
        raise AdapterError(
            "azure_openai_rest.api.default.chat_completions_create.STREAM_CHUNK_MODEL is None: the spec does not "
            "declare the chat stream (scripts/spec_fixups.py's add_stream_chunk_schema does); " + _REGENERATE
        )
    return model


@functools.cache
def _path_templates() -> dict[str, str]:
    """Each operation's path template, by operation name and by its path below the deployment.

    The second key is how the operation helpers name an operation (``"chat/completions"``): it is read off the
    generated paths, so the wrapper never writes one.
    """
    try:
        from azure_openai_rest.api import PATHS
    except ImportError:
        raise AdapterError(f"azure_openai_rest.api has no PATHS: {_REGENERATE}") from None
    marker = "{" + DEPLOYMENT_PARAMETER + "}/"
    templates = dict(PATHS)
    for path in PATHS.values():
        if marker in path:
            templates.setdefault(path.split(marker, 1)[1], path)
    return templates


def deployment_path(operation: str, deployment: str) -> str:
    """The path of an operation on a deployment, e.g. ``/deployments/my%20gpt/chat/completions``.

    ``operation`` is the operation's module name (``"chat_completions_create"``) or its path below the deployment
    (``"chat/completions"``); the deployment is quoted whole, so a ``/`` in it cannot change the path.
    """
    template = _path_templates().get(operation)
    if template is None:
        raise AdapterError(f"azure_openai_rest has no operation {operation!r}; was it regenerated without it?")
    try:
        return template.format_map({DEPLOYMENT_PARAMETER: quote(deployment, safe="")})
    except (KeyError, IndexError, ValueError):
        raise AdapterError(
            f"the path {template!r} of {operation!r} is not addressed by {{{DEPLOYMENT_PARAMETER}}} alone"
        ) from None
