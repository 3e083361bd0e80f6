"""Tools: JSON schemas from Python functions, and the pieces of the tool-call loop (``client.run_tools``).

``tool_schema(fn)`` reads the signature (annotations -> JSON schema types, defaults -> optional) and the
docstring (first paragraph -> description; Google ``Args:`` or Sphinx ``:param x:`` lines -> parameter
descriptions). A tool call whose arguments are not valid JSON, name no known tool, or whose function raises gets a
clear error text as its result, so the model can correct itself; the loop stops after ``max_rounds`` calls.
"""

from __future__ import annotations

import enum
import inspect
import json
import re
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal, Union

from .._errors import AzureOpenAIError
from .messages import tool_message

if typing.TYPE_CHECKING:
    from .._results.chat import ChatResult

__all__ = ["Tool", "ToolLoopError", "ToolRun", "tool_schema"]

#: How much of a tool's error or of bad arguments goes back to the model.
_ERROR_CHARS = 500

_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    type(None): {"type": "null"},
}
_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")


class ToolLoopError(AzureOpenAIError):
    """The model still asked for tools after ``max_rounds`` calls; ``.messages`` and ``.result`` hold the run."""

    def __init__(self, message: str, *, messages: list[dict[str, Any]], result: ChatResult) -> None:
        super().__init__(message)
        self.messages = messages
        self.result = result


def _annotation_schema(annotation: Any, where: str) -> dict[str, Any]:
    """The JSON schema of one annotation; ``TypeError`` naming ``where`` when it has none."""
    if annotation in _SCALARS:
        return dict(_SCALARS[annotation])
    if annotation is Any or annotation is inspect.Parameter.empty:
        return {}
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return {"enum": [member.value for member in annotation]}
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Literal:
        return {"enum": list(args)}
    if origin in (Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if len(options) == 1:
            return _annotation_schema(options[0], where)  # Optional[X]: optional through its default
        return {"anyOf": [_annotation_schema(a, where) for a in args]}
    if origin in (list, tuple, set, frozenset, Sequence) or annotation in (list, tuple, set):
        schema: dict[str, Any] = {"type": "array"}
        if args:
            schema["items"] = _annotation_schema(args[0], where)
        return schema
    if origin in (dict, Mapping) or annotation in (dict,):
        schema = {"type": "object"}
        if len(args) == 2:
            schema["additionalProperties"] = _annotation_schema(args[1], where)
        return schema
    raise TypeError(
        f"{where}: no JSON schema for the annotation {annotation!r}; annotate with str, int, float, bool, "
        "list[...], dict[str, ...], Literal[...], an Enum or Optional[...], or pass the schema yourself: "
        "Tool(fn, parameters={...})"
    )


def _docstring_parts(doc: str) -> tuple[str, dict[str, str]]:
    """``(description, {param: description})`` from a Google-style or Sphinx-style docstring."""
    doc = inspect.cleandoc(doc)
    params: dict[str, str] = {}
    for match in re.finditer(r"^:param\s+(?:[^:\s]+\s+)?(\w+):\s*(.+)$", doc, re.MULTILINE):
        params[match.group(1)] = match.group(2).strip()
    section = re.search(r"^(?:Args|Arguments|Parameters):\s*\n((?:[ \t]+.*\n?|\s*\n)+)", doc, re.MULTILINE)
    if section:
        current = None
        for line in section.group(1).splitlines():
            item = re.match(r"^\s+(\*{0,2}\w+)\s*(?:\([^)]*\))?\s*:\s*(.*)$", line)
            if item:
                current = item.group(1).lstrip("*")
                params[current] = item.group(2).strip()
            elif current and line.strip():
                params[current] = (params[current] + " " + line.strip()).strip()
    description = re.split(
        r"\n\s*\n|^(?:Args|Arguments|Parameters|Returns|Raises):|^:param", doc, maxsplit=1, flags=re.M
    )[0]
    return " ".join(description.split()), params


def tool_schema(fn: Callable[..., Any], *, name: str | None = None, description: str | None = None) -> dict[str, Any]:
    """The ``tools`` entry for a Python function, from its signature and docstring."""
    name = str(name or getattr(fn, "__name__", ""))
    if not _NAME.match(name):
        raise ValueError(f"tool name {name!r} must be 1-64 letters, digits, '_' or '-'; pass name=...")
    doc_description, param_docs = _docstring_parts(inspect.getdoc(fn) or "")
    try:
        hints = typing.get_type_hints(fn)
    except Exception as exc:  # unresolvable forward references
        raise TypeError(
            f"tool {name}: cannot read its annotations ({exc}); pass the schema: Tool(fn, parameters=...)"
        ) from exc
    properties: dict[str, Any] = {}
    required: list[str] = []
    for param in inspect.signature(fn).parameters.values():
        if param.kind in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD):
            continue
        if param.kind is inspect.Parameter.POSITIONAL_ONLY:
            raise TypeError(f"tool {name}: parameter {param.name} is positional-only; tools are called with keywords")
        schema = _annotation_schema(
            hints.get(param.name, inspect.Parameter.empty), f"tool {name}, parameter {param.name}"
        )
        if param.name in param_docs:
            schema["description"] = param_docs[param.name]
        if param.default is inspect.Parameter.empty:
            required.append(param.name)
        elif isinstance(param.default, enum.Enum):
            schema["default"] = param.default.value
        elif isinstance(param.default, (str, int, float, bool)) or param.default is None:
            schema["default"] = param.default
        properties[param.name] = schema
    parameters: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        parameters["required"] = required
    function: dict[str, Any] = {"name": name, "parameters": parameters}
    text = description if description is not None else doc_description
    if text:
        function["description"] = text
    return {"type": "function", "function": function}


class Tool:
    """A tool: a Python function and its schema (built from the function unless ``parameters`` is given)."""

    __slots__ = ("description", "fn", "name", "parameters", "schema")

    def __init__(
        self,
        fn: Callable[..., Any] | None,
        name: str = "",
        description: str | None = None,
        parameters: dict[str, Any] | None = None,
    ) -> None:
        self.fn = fn
        self.name = name
        self.description = description
        self.parameters = parameters
        self.schema: dict[str, Any]
        if self.fn is None and self.parameters is None:
            raise ValueError("a Tool needs a function, a parameters schema, or both")
        if self.parameters is not None:
            name = self.name or getattr(self.fn, "__name__", "")
            if not _NAME.match(name):
                raise ValueError(f"tool name {name!r} must be 1-64 letters, digits, '_' or '-'")
            function: dict[str, Any] = {"name": name, "parameters": self.parameters}
            description = self.description
            if description is None and self.fn is not None:
                description = _docstring_parts(inspect.getdoc(self.fn) or "")[0] or None
            if description:
                function["description"] = description
            self.schema = {"type": "function", "function": function}
        else:
            assert self.fn is not None
            self.schema = tool_schema(self.fn, name=self.name or None, description=self.description)
        self.name = self.schema["function"]["name"]

    def __repr__(self) -> str:
        """The tool's name and whether it has a function."""
        return f"Tool({self.name!r}, fn={getattr(self.fn, '__name__', None)!r})"

    @classmethod
    def of(cls, spec: Tool | Callable[..., Any] | Mapping[str, Any]) -> Tool:
        """A ``Tool`` from a function, a ``Tool``, or a schema dict (``{"type": "function", "function": {...}}``)."""
        if isinstance(spec, Tool):
            return spec
        if isinstance(spec, Mapping):
            function = spec.get("function") if spec.get("type") == "function" else None
            if not isinstance(function, Mapping) or "name" not in function:
                raise ValueError(
                    "a tool schema must look like {'type': 'function', 'function': {'name': ..., 'parameters': ...}}, "
                    f"got {dict(spec)!r:.100}"
                )
            tool = cls(
                None,
                name=function["name"],
                description=function.get("description"),
                parameters=dict(function.get("parameters") or {"type": "object", "properties": {}}),
            )
            tool.schema = {"type": "function", "function": dict(function)}
            return tool
        if callable(spec):
            return cls(spec)
        raise TypeError(f"tools must be functions, Tool(...) or schema dicts, got {type(spec).__name__}")


class ToolRun:
    """The outcome of ``run_tools``: the final result, every message of the run, and the number of chat calls."""

    __slots__ = ("messages", "result", "rounds")

    def __init__(self, result: ChatResult, messages: list[dict[str, Any]], rounds: int) -> None:
        self.result = result
        self.messages = messages
        self.rounds = rounds

    def __repr__(self) -> str:
        """The final result and the number of rounds."""
        return f"ToolRun(result={self.result!r}, rounds={self.rounds}, messages={len(self.messages)})"

    @property
    def text(self) -> str | None:
        """The final answer's text."""
        return self.result.text


class Toolbox:
    """The tools of one run, by name: their schemas for the request, and calling them for a tool call."""

    def __init__(self, tools: Sequence[Tool | Callable[..., Any] | Mapping[str, Any]]) -> None:
        if isinstance(tools, (Mapping, str)) or callable(tools):
            raise TypeError("tools= takes a list: tools=[my_function, ...]")
        self.tools: dict[str, Tool] = {}
        for spec in tools:
            tool = Tool.of(spec)
            if tool.name in self.tools:
                raise ValueError(f"two tools are named {tool.name!r}; give one a name: Tool(fn, name=...)")
            self.tools[tool.name] = tool
        if not self.tools:
            raise ValueError("run_tools needs at least one tool")

    @property
    def schemas(self) -> list[dict[str, Any]]:
        """The request's ``tools``."""
        return [tool.schema for tool in self.tools.values()]

    def runnable(self, calls: Sequence[Mapping[str, Any]]) -> bool:
        """Whether every call names a tool this box can run (schema-only tools are the caller's to run)."""
        return all(self._fn(call) is not None or self._name(call) not in self.tools for call in calls)

    @staticmethod
    def _name(call: Mapping[str, Any]) -> str:
        return str((call.get("function") or {}).get("name") or "")

    def _fn(self, call: Mapping[str, Any]) -> Callable[..., Any] | None:
        tool = self.tools.get(self._name(call))
        return tool.fn if tool is not None else None

    def prepare(self, call: Mapping[str, Any]) -> tuple[Callable[..., Any] | None, dict[str, Any], str | None]:
        """``(function, arguments, error)`` for one call; the error text when it cannot be run."""
        name = self._name(call)
        tool = self.tools.get(name)
        if tool is None or tool.fn is None:
            return None, {}, f"error: there is no tool named {name!r}; the tools are: {', '.join(self.tools)}"
        raw = (call.get("function") or {}).get("arguments") or "{}"
        try:
            arguments = json.loads(raw)
        except ValueError as exc:
            return None, {}, f"error: the arguments are not valid JSON ({exc}): {raw[:_ERROR_CHARS]}"
        if not isinstance(arguments, dict):
            return None, {}, f"error: the arguments must be a JSON object, got: {raw[:_ERROR_CHARS]}"
        try:
            arguments = _coerce_enums(tool.fn, arguments)
        except ValueError as exc:
            return None, {}, f"error: {exc}"
        return tool.fn, arguments, None

    @staticmethod
    def message(call: Mapping[str, Any], outcome: object, error: BaseException | None = None) -> dict[str, Any]:
        """The ``tool`` message answering ``call``: the result, or the error text when the function raised."""
        if error is not None:
            text = f"error: {type(error).__name__}: {error}"
            return dict(tool_message(str(call.get("id")), text[:_ERROR_CHARS]))
        return dict(tool_message(str(call.get("id")), outcome))


def _coerce_enums(fn: Callable[..., Any], arguments: dict[str, Any]) -> dict[str, Any]:
    """Enum-annotated arguments arrive as their values; the function gets the members."""
    try:
        hints = typing.get_type_hints(fn)
    except Exception:  # the schema was given by hand: pass the arguments as they are
        return arguments
    for name, value in arguments.items():
        hint = hints.get(name)
        if isinstance(hint, type) and issubclass(hint, enum.Enum) and not isinstance(value, hint):
            try:
                arguments[name] = hint(value)
            except ValueError:
                allowed = ", ".join(repr(m.value) for m in hint)
                raise ValueError(f"argument {name} must be one of {allowed}, got {value!r}") from None
    return arguments


def tool_calls_of(result: ChatResult) -> list[dict[str, Any]]:
    """The tool calls of the result's first choice (``[]`` when none)."""
    choices = result.raw.get("choices") or []
    message = (choices[0].get("message") or {}) if choices else {}
    calls = message.get("tool_calls") or []
    return [dict(c) for c in calls]


def assistant_turn(result: ChatResult) -> dict[str, Any]:
    """The assistant message of a result, as it goes back into the next request."""
    choices = result.raw.get("choices") or []
    message = dict((choices[0].get("message") or {}) if choices else {})
    wire: dict[str, Any] = {"role": "assistant", "content": message.get("content")}
    if message.get("tool_calls"):
        wire["tool_calls"] = message["tool_calls"]
    if message.get("function_call"):
        wire["function_call"] = message["function_call"]
    return wire
