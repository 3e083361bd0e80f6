"""The one place the wrapper reads the generated ``azure_openai_rest`` at run time: what its templates emit.

That is ``api.MODULES`` and ``api.PATHS`` (which import no model) and each operation module's ``RESPONSE_MODELS``,
``STREAM_CHUNK_MODEL`` and ``REQUEST_MODEL`` (docs/regenerating.md, "The operation constants"). No class is named
here, as names change between api-versions (type hints import the modules' aliases under TYPE_CHECKING).
"""

import functools
import importlib
from types import ModuleType
from typing import Any
from urllib.parse import quote

from ._errors import ConfigurationError

_DEPLOYMENT = "{deployment-id}"  # the path parameter (spec name) every inference operation is addressed by


class AdapterError(ConfigurationError):
    """The generated package does not have the shape the wrapper relies on (a generator or spec change), or lacks
    the operation called (its api-version is older)."""


def _no_operation(operation: str) -> AdapterError:
    version = getattr(importlib.import_module("azure_openai_rest"), "API_VERSION", "unknown")
    return AdapterError(
        f"azure_openai_rest was generated for api-version {version}, which has no operation {operation!r} (chat "
        "needs api-version 2023-05-15 or later, images and audio 2024-02-01): regenerate it for a later one, e.g. "
        "python scripts/regenerate.py --api-version 2024-10-21"
    )


def _constant(module: str, name: str, none_means: str = "") -> Any:
    """``module.name``, or an ``AdapterError`` naming it if it is missing (or None, where ``none_means`` says why)."""
    try:
        value = getattr(importlib.import_module(module), name)
    except AttributeError:
        raise AdapterError(f"{module} has no {name}: regenerate it with scripts/regenerate.py") from None
    if value is None and none_means:
        raise AdapterError(f"{module}.{name} is None: {none_means}")
    return value


def default_api_version() -> str:
    """The api-version the installed ``azure_openai_rest`` was generated from."""
    return str(_constant("azure_openai_rest", "API_VERSION"))


@functools.cache
def operation_module(operation: str) -> ModuleType:
    """The generated module of an operation in any tag's package, e.g. ``operation_module("embeddings_create")``."""
    modules: dict[str, str] = _constant("azure_openai_rest.api", "MODULES")
    if operation not in modules:
        raise _no_operation(operation)
    return importlib.import_module(f"azure_openai_rest.api.{modules[operation]}")


@functools.cache
def response_model(operation: str) -> type[Any]:
    """The first model class of an operation's success body (its ``ResponseModel``), e.g. a chat completion."""
    module = operation_module(operation).__name__
    by_status: dict[int | str, tuple[type[Any], ...]] = _constant(module, "RESPONSE_MODELS")
    success = min((status for status in by_status if isinstance(status, int) and 200 <= status < 300), default=0)
    if not by_status.get(success):
        raise AdapterError(f"{module}.RESPONSE_MODELS has no model for a 2xx answer")
    return by_status[success][0]


@functools.cache
def chat_chunk_model() -> type[Any]:
    """The model class of one streamed chat completion chunk (choices carry ``delta``, not ``message``)."""
    fixup = "the spec declares no chat stream (scripts/spec_fixups.py's add_stream_chunk_schema does): regenerate"
    model: type[Any] = _constant(operation_module("chat_completions_create").__name__, "STREAM_CHUNK_MODEL", fixup)
    return model


@functools.cache
def request_model(operation: str) -> type[Any]:
    """The model class of an operation's request body, e.g. the multipart form of a transcription."""
    model: type[Any] = _constant(operation_module(operation).__name__, "REQUEST_MODEL", "the operation has no body")
    return model


def deployment_path(operation: str, deployment: str) -> str:
    """The path of an operation (by id, or by its path below the deployment: ``"chat/completions"``) on a deployment.

    The deployment is quoted whole, so a ``/`` in it cannot change the path: ``/deployments/my%20gpt/chat/completions``.
    """
    paths: dict[str, str] = _constant("azure_openai_rest.api", "PATHS")
    below = {path.split(_DEPLOYMENT + "/", 1)[-1]: path for path in paths.values()}
    template = paths.get(operation) or below.get(operation)
    if template is None:
        raise _no_operation(operation)
    path = template.replace(_DEPLOYMENT, quote(deployment, safe=""))
    if "{" in path:
        raise AdapterError(f"the path {template!r} of {operation!r} is not addressed by {_DEPLOYMENT} alone")
    return path
