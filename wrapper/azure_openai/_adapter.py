"""The one place the wrapper reaches into the generated ``azure_openai_rest`` package.

Schema class names change between api-versions (2024-10-21 renames the chat message schemas, and inline models
get names from their position), but the operation modules (``azure_openai_rest.api.default.<operation_id>``)
and their shape do not. So models are found from the operations, never by class name:

* ``response_models(op)``: the classes ``_parse_response`` builds for HTTP 200, in the order it tries them,
  read from its code (``X.from_dict`` calls under ``if response.status_code == 200``); the first is
  ``response_model(op)``.
* ``request_model(op)``: the type of the ``body`` parameter of the operation.
* ``chat_chunk_model()``: the streamed chat chunk, which later specs document as the chat operation's second
  200 body; for older specs ``scripts/spec_fixups.py`` declares it under a fixed schema name of its own
  (``createChatCompletionStreamResponse``), which is what the fallback imports.

Everything is imported on first use and cached, so ``import azure_openai`` stays cheap.
"""

from __future__ import annotations

import functools
import importlib
import typing
from types import ModuleType
from typing import Any

__all__ = [
    "OPERATIONS",
    "chat_chunk_model",
    "default_api_version",
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


def _is_status_200(test: Any) -> bool:
    import ast

    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Attribute)
        and test.left.attr == "status_code"
        and len(test.comparators) == 1
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value in (200, 201)
    )


def _from_dict_names(nodes: list[Any]) -> list[str]:
    """Names ``X`` of the ``X.from_dict(...)`` calls in ``nodes``, in source order, each once."""
    import ast

    calls = [
        node
        for statement in nodes
        for node in ast.walk(statement)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "from_dict"
        and isinstance(node.func.value, ast.Name)
    ]
    calls.sort(key=lambda call: (call.lineno, call.col_offset))
    names: list[str] = []
    for call in calls:
        assert isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name)
        if call.func.value.id not in names:
            names.append(call.func.value.id)
    return names


@functools.cache
def response_models(operation: str) -> tuple[type[Any], ...]:
    """The model classes an operation's HTTP 200 body is parsed into, in the order the generated code tries them."""
    import ast
    import inspect
    import textwrap

    module = operation_module(operation)
    parse = getattr(module, "_parse_response", None)
    if parse is None:
        raise AdapterError(f"{module.__name__} has no _parse_response")
    tree = ast.parse(textwrap.dedent(inspect.getsource(parse)))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_status_200(node.test):
            names = _from_dict_names(node.body)
            break
    models = tuple(getattr(module, name) for name in names if isinstance(getattr(module, name, None), type))
    if not models:
        raise AdapterError(f"{module.__name__}._parse_response builds no model for HTTP 200")
    return models


def response_model(operation: str) -> type[Any]:
    """The (first) model class of an operation's HTTP 200 body, e.g. the chat completion response."""
    return response_models(operation)[0]


@functools.cache
def request_model(operation: str) -> type[Any]:
    """The model class of an operation's request ``body`` parameter."""
    module = operation_module(operation)
    hints = typing.get_type_hints(module._get_kwargs)
    body = hints.get("body")
    if not isinstance(body, type):
        raise AdapterError(f"{module.__name__}._get_kwargs has no model-typed body parameter (found {body!r})")
    return body


#: The schema name ``scripts/spec_fixups.py`` (``add_stream_chunk_schema``) gives the stream chunk in every spec.
_CHUNK_MODULE = "azure_openai_rest.models.create_chat_completion_stream_response"


@functools.cache
def chat_chunk_model() -> type[Any]:
    """The model class of one streamed chat completion chunk (choices carry ``delta``, not ``message``)."""
    streamed = response_models("chat_completions_create")[1:]
    if streamed:
        return streamed[0]
    module = importlib.import_module(_CHUNK_MODULE)
    classes = [
        value
        for value in vars(module).values()
        if isinstance(value, type) and value.__module__ == module.__name__ and hasattr(value, "from_dict")
    ]
    if len(classes) != 1:
        raise AdapterError(f"{_CHUNK_MODULE} should define one model, found {[c.__name__ for c in classes]}")
    return classes[0]
